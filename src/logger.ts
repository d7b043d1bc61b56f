import type { LogLevel } from './config';
import { SecretList } from './redact';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;
export type LineWriter = (line: string) => void;

const writeStdout: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Structured JSON logger: one object per line on stdout (FunctionGraph sends stdout to LTS, Lambda to
 * CloudWatch). Every line goes through the invocation's SecretList (src/redact.ts) on its way out.
 * @example
 * const log = new Logger({ service: 'softbus-sync', requestId, trigger: 'cts' }, 'info');
 * log.info('bus synced', { busId, attempts: 1 });
 */
export class Logger {
  constructor(
    private readonly base: LogFields,
    private readonly level: LogLevel = 'info',
    private readonly write: LineWriter = writeStdout,
    /** The secrets scrubbed from every line; register keys here before anything is logged. */
    readonly secrets: SecretList = new SecretList(),
  ) {}

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
    this.write(this.secrets.stringify({ timestamp: new Date().toISOString(), level, message, ...this.base, ...fields }));
  }
}
