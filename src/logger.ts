import { MAX_LOG_LINE_BYTES } from './bounds';
import type { LogLevel } from './config';
import { SecretList } from './redact';

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

/** The second try for a line over the bound: short strings, short lists. */
const TIGHT_CAPS = { maxString: 256, maxItems: 10 };
export type LineWriter = (line: string) => void;

const writeStdout: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Structured JSON logger: one object per line on stdout (FunctionGraph sends stdout to LTS, Lambda to
 * CloudWatch). Every line goes through the invocation's SecretList (src/redact.ts) on its way out, which
 * scrubs each string and then caps it; a line still over MAX_LOG_LINE_BYTES is written again with tighter
 * caps, and failing that as its fixed fields, the message and the names of the fields left out.
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
    const entry = { timestamp: new Date().toISOString(), level, message, ...this.base, ...fields };
    const line = this.secrets.stringify(entry);
    this.write(fits(line) ? line : this.shorter(entry, fields));
  }

  /** A line over MAX_LOG_LINE_BYTES again with tighter caps; failing that, its fixed fields and the names of the others. */
  private shorter(entry: LogFields, fields: LogFields | undefined): string {
    const tight = this.secrets.stringify(entry, TIGHT_CAPS);
    if (fits(tight)) return tight;
    const { timestamp, level, message } = entry;
    return this.secrets.stringify(
      { timestamp, level, message, ...this.base, truncated: true, omittedFields: Object.keys(fields ?? {}) },
      TIGHT_CAPS,
    );
  }
}

/** Whether a line is within MAX_LOG_LINE_BYTES (a UTF-16 unit is at most 3 bytes of UTF-8: short lines need no count). */
function fits(line: string): boolean {
  return line.length <= MAX_LOG_LINE_BYTES / 3 || Buffer.byteLength(line) <= MAX_LOG_LINE_BYTES;
}
