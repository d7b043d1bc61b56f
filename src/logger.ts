import type { LogLevel } from './config';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** Keys whose values are never logged, whatever they hold. */
const SECRET_KEY = /authorization|security[-_]?token|secret|password|^sk$|^ak$|signature/i;
const REDACTED = '[REDACTED]';

export type LogFields = Record<string, unknown>;
export type LineWriter = (line: string) => void;

const writeStdout: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Structured JSON logger: one object per line on stdout (FunctionGraph sends stdout to LTS, Lambda to
 * CloudWatch). Secret values registered with `addSecret` are scrubbed from every line, whatever field
 * they hide in, and secret-looking keys are masked: two independent nets under the no-secrets rule.
 * @example
 * const log = new Logger({ service: 'softbus-sync', requestId, trigger: 'cts' }, 'info');
 * log.info('bus synced', { busId, attempts: 1 });
 */
export class Logger {
  private readonly secrets: string[];

  constructor(
    private readonly base: LogFields,
    private readonly level: LogLevel = 'info',
    private readonly write: LineWriter = writeStdout,
    secrets: string[] = [],
  ) {
    this.secrets = secrets;
  }

  /** Registers a value that must never appear in a line (keys, tokens), and its JSON-escaped form. */
  addSecret(value: string | undefined): void {
    if (!value || value.length < 4) return;
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) if (!this.secrets.includes(form)) this.secrets.push(form);
  }

  /**
   * A deep copy of a JSON value with every registered secret scrubbed: for what leaves the function
   * other than log lines (the report), since an API's error message could echo a key.
   */
  redact<T>(value: T): T {
    return JSON.parse(this.scrub(JSON.stringify(value))) as T;
  }

  /** A logger with more fixed fields, sharing this one's secrets and output. */
  child(fields: LogFields): Logger {
    return new Logger({ ...this.base, ...fields }, this.level, this.write, this.secrets);
  }

  debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields);
  }
  info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }
  warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }
  error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  private log(level: LogLevel, message: string, fields?: LogFields): void {
    if (LEVEL_RANK[level] < LEVEL_RANK[this.level]) return;
    const entry = { timestamp: new Date().toISOString(), level, message, ...this.base, ...fields };
    this.write(this.scrub(JSON.stringify(entry, replacer)));
  }

  private scrub(line: string): string {
    let out = line;
    // `includes` first: a line almost never holds a secret, and a search allocates nothing.
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
}

function replacer(key: string, value: unknown): unknown {
  if (key && SECRET_KEY.test(key)) return REDACTED;
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
