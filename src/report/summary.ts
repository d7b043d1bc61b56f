import type { Counters } from '../engine/run';
import type { Logger } from '../logger';
import { Outcome } from '../types';
import type { Report } from './types';

/**
 * The one summary line per invocation (alarms and dashboards key on it).
 * @example logSummary(log, report, execution.counters)
 */
export function logSummary(log: Logger, report: Report, counters?: Counters): void {
  const level =
    report.outcome === Outcome.Ok || report.outcome === Outcome.Ignored ? 'info' : report.outcome === Outcome.Partial ? 'warn' : 'error';
  log[level]('invocation summary', {
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
    ...(report.error ? { error: report.error.message } : {}),
    ...(report.error?.issues ? { issues: report.error.issues.slice(0, 20) } : {}),
  });
}
