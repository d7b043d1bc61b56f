import type { Counters } from '../engine/run';
import type { LogFields, Logger } from '../logger';
import { Outcome } from '../types';
import type { Report } from './types';

/**
 * Extra members a platform adds to the summary line, given its fields and the time (ms since the epoch):
 * e.g. a CloudWatch Embedded Metric Format directive (src/metrics/), so that the log service turns the
 * counts into metrics.
 * @example const extras: SummaryMetrics = (summary, now) => ({ _aws: { Timestamp: now, CloudWatchMetrics: [] } });
 */
export type SummaryMetrics = (summary: Readonly<Record<string, unknown>>, now: number) => Record<string, unknown>;

/**
 * The one summary line per invocation (alarms and dashboards key on it), with the platform's metric
 * members when it has some; `extra` holds the change feed's and verification's counts when they ran
 * (src/work.ts summaryFields) and `reportTruncated` when the report was cut (the counts here are whole);
 * an `ok` with warnings is logged at `warn`.
 * @example logSummary(log, report, execution.counters, embeddedMetrics(process.env), summaryFields(work))
 */
export function logSummary(log: Logger, report: Report, counters?: Counters, metrics?: SummaryMetrics, extra: LogFields = {}): void {
  const quiet = (report.outcome === Outcome.Ok || report.outcome === Outcome.Ignored) && !report.warnings;
  const level = quiet ? 'info' : report.outcome === Outcome.Failed || report.outcome === Outcome.Rejected ? 'error' : 'warn';
  const fields: Record<string, unknown> = {
    outcome: report.outcome,
    dryRun: report.dryRun,
    groups: report.groups.length,
    synced: report.synced.length,
    planned: report.planned.length,
    notFound: report.notFound.length,
    failed: report.failed.length,
    failedGroups: report.failedGroups.length,
    deferred: report.deferred.length,
    failedRefs: report.failedRefs.length,
    attempts: counters?.attempts ?? 0,
    throttled: counters?.throttled ?? 0,
    listRequests: counters?.listRequests ?? 0,
    syncRequests: counters?.syncRequests ?? 0,
    durationMs: report.durationMs,
    ...extra,
    ...(report.warnings ? { warnings: report.warnings.length } : {}),
    ...(report.error ? { error: report.error.message } : {}),
    ...(report.error?.issues ? { issues: report.error.issues.slice(0, 20) } : {}),
  };
  log[level]('invocation summary', metrics ? { ...fields, ...metrics(fields, Date.now()) } : fields);
}
