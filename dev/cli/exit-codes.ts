import { entriesOf } from '../capture';

/** The exit codes of the CLI (and of the npm scripts that call it). */
export const ExitCode = {
  /** The function answered (whatever the outcome, unless --exit-code). */
  Ok: 0,
  /** The run could not happen, or the function failed before any work (configuration, credentials); with --exit-code also `failed` and `rejected`. */
  Failed: 1,
  /** Wrong arguments or missing settings: the reason and the usage on stderr. */
  Usage: 2,
  /** With --exit-code: the outcome was `partial`. */
  Partial: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What the function's own log lines say about the run (every platform writes them, whatever its answer). */
export interface RunVerdict {
  /** The `outcome` of the `invocation summary` line; undefined if there was none. */
  outcome?: string;
  /** The function logged `invocation failed` or `internal error`: nothing was tried (configuration, credentials, a bug). */
  failedBeforeWork: boolean;
}

/**
 * Reads the verdict from the captured log lines (SQS answers carry no outcome, the summary line does).
 * @example verdictOf(capture.lines) // { outcome: 'ok', failedBeforeWork: false }
 */
export function verdictOf(lines: readonly string[]): RunVerdict {
  const entries = entriesOf(lines);
  const summary = entries.find((e) => e.message === 'invocation summary');
  return {
    outcome: typeof summary?.outcome === 'string' ? summary.outcome : undefined,
    failedBeforeWork: entries.some((e) => e.message === 'invocation failed' || e.message === 'internal error'),
  };
}

/**
 * The exit code of a run that answered. A failure before any work (a bad setting, no keys) is never 0:
 * the command did not do what was asked. With `strict` (--exit-code) the outcome decides too.
 * @example exitCodeOf({ outcome: 'partial', failedBeforeWork: false }, true) // 3
 */
export function exitCodeOf(verdict: RunVerdict, strict: boolean): ExitCode {
  if (verdict.failedBeforeWork) return ExitCode.Failed;
  if (!strict) return ExitCode.Ok;
  if (verdict.outcome === 'failed' || verdict.outcome === 'rejected' || verdict.outcome === undefined) return ExitCode.Failed;
  return verdict.outcome === 'partial' ? ExitCode.Partial : ExitCode.Ok;
}
