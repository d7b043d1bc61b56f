/**
 * Every bound that keeps one invocation small, whatever a server or an event sends: what it accepts,
 * what it keeps, and what it writes. One place, so the "Bounds" table of docs/processing.md and the code agree.
 * Outputs are cut where they leave (src/redact.ts, src/logger.ts, src/report/cap.ts), always after the
 * secrets are scrubbed: a cut first could leave a piece of a key that no scrub then recognises.
 */

/** Longest string kept in a log line or the report (characters, after scrubbing). */
export const MAX_FIELD_CHARS = 2_048;
/** Longest log line (bytes). LTS splits lines above 90 KB and CloudWatch cuts events at 256 KB; 16 KB is far below both. */
export const MAX_LOG_LINE_BYTES = 16 * 1024;
/** Largest report (bytes of JSON): lists beyond it are cut and the report says so (`truncated`). FunctionGraph answers at most 6 MB. */
export const MAX_REPORT_BYTES = 256 * 1024;

/** Issues kept per rejected record (the rest are counted). */
export const MAX_ISSUES_PER_RECORD = 5;
/** Records one event may hold (an SQS batch holds at most 10,000); the rest are rejected unread. */
export const MAX_RECORDS = 10_000;
/** Bus and group IDs one invocation accepts across all the records of a batch (a list holds at most 1,000). */
export const MAX_IDS_PER_INVOCATION = 10_000;
/** Per-record `event ignored` / `event rejected` log lines; beyond, one line counts the rest. */
export const MAX_RECORD_LINES = 50;

/** Invalid entries of a listing: how many are quoted (the rest are counted), and how long each quote is. */
export const MAX_INVALID_SAMPLES = 3;
export const INVALID_SAMPLE_CHARS = 48;
/** A listing whose pages in a row hold no valid soft bus this many times is not a listing of soft buses: it fails. */
export const MAX_PAGES_WITHOUT_VALID_BUS = 3;
/** Buses one invocation keeps track of; a listing that would go beyond fails (the next run continues). */
export const MAX_TRACKED_BUSES = 100_000;
/** Longest error code or request ID kept from an answer; longest service message. */
export const MAX_CODE_CHARS = 64;
export const MAX_SERVICE_MESSAGE_CHARS = 300;

/** Smallest SYNC_DEADLINE_RESERVE_MS: reporting and logging after the work need this much (measured: a few ms). */
export const MIN_DEADLINE_RESERVE_MS = 250;
