import type { RecordResult } from './events/common';
import type { Logger } from './logger';
import type { Plan } from './plan';
import type { Execution } from './sync/run';
import { type InputIssue, Outcome, type Report, Trigger } from './types';

/** Triggers whose events the platform retries when the function throws (asynchronous invocations). */
const ASYNC_TRIGGERS: ReadonlySet<Trigger> = new Set([Trigger.Cts, Trigger.CloudEvents, Trigger.EventBridge]);

export interface ReportInput {
  trigger: Trigger;
  requestId: string;
  records: RecordResult[];
  plan?: Plan;
  execution?: Execution;
  /** A failure before any work (configuration, credentials, internal): every work record failed. */
  error?: string;
  durationMs: number;
}

/**
 * The handler's answer: what was synced, not found, failed and deferred, the verdict, and the refs
 * of the records to hand back to the queue. Pure: the same input gives the same report.
 * @example buildReport({ trigger: 'manual', requestId: 'r1', records, plan, execution, durationMs: 12 }).outcome // 'ok'
 */
export function buildReport(input: ReportInput): Report {
  const { records, plan, execution: ex } = input;
  const work = records.flatMap((r) => (r.kind === 'work' ? [r.item] : []));
  const rejected = records.flatMap((r) => (r.kind === 'rejected' ? [r] : []));
  const issues: InputIssue[] = rejected.flatMap((r) => r.issues);
  const failedRefs = new Set(rejected.map((r) => r.ref));
  if (input.error) for (const item of work) failedRefs.add(item.ref);
  if (ex && plan) {
    for (const busId of [...ex.failed.map((f) => f.busId), ...ex.deferred])
      for (const ref of ex.busRefs.get(busId) ?? []) failedRefs.add(ref);
    for (const { groupId } of ex.failedGroups) for (const ref of refsOfListing(plan, groupId)) failedRefs.add(ref);
  }
  const report: Report = {
    outcome: outcomeOf(
      input,
      work.map((w) => w.ref),
      failedRefs,
    ),
    trigger: input.trigger,
    requestId: input.requestId,
    dryRun: work.length > 0 && work.every((w) => w.dryRun),
    groups: plan ? [...plan.groups.keys()] : [],
    synced: ex?.synced ?? [],
    planned: ex?.planned ?? [],
    notFound: ex?.notFound ?? [],
    failed: ex?.failed ?? [],
    failedGroups: ex?.failedGroups ?? [],
    deferred: ex?.deferred ?? [],
    failedRefs: [...failedRefs],
    durationMs: input.durationMs,
  };
  if (input.error) report.error = { message: input.error, issues };
  else if (issues.length > 0) report.error = { message: 'malformed event: nothing was done for the records at these paths', issues };
  return report;
}

function outcomeOf(input: ReportInput, workRefs: string[], failedRefs: Set<string>): Outcome {
  const ex = input.execution;
  if (workRefs.length === 0) return input.records.some((r) => r.kind === 'rejected') ? Outcome.Rejected : Outcome.Ignored;
  if (input.error) return Outcome.Failed;
  const problems =
    (ex?.failed.length ?? 0) +
    (ex?.failedGroups.length ?? 0) +
    (ex?.deferred.length ?? 0) +
    input.records.filter((r) => r.kind === 'rejected').length;
  if (problems === 0) return Outcome.Ok;
  const successes = (ex?.synced.length ?? 0) + (ex?.planned.length ?? 0) + (ex?.notFound.length ?? 0);
  return successes > 0 || workRefs.some((ref) => !failedRefs.has(ref)) ? Outcome.Partial : Outcome.Failed;
}

/** The refs served by a listing: `*` (the whole project) serves every listing interest. */
function refsOfListing(plan: Plan, key: string): string[] {
  const interests = key === '*' ? [...plan.everything, ...[...plan.groups.values()].flat()] : (plan.groups.get(key) ?? []);
  return interests.map((i) => i.ref);
}

/**
 * Whether the adapter should throw so that the platform retries the whole event: only on
 * asynchronous triggers, and only when a retry can help (transient failures, deferred buses, a
 * failure before the work: configuration, credentials); never for rejected input, 403 or 404.
 * @example retryAdvised(report) // true for a CTS event with a deferred bus
 */
export function retryAdvised(report: Report, failedBeforeWork = false): boolean {
  if (!ASYNC_TRIGGERS.has(report.trigger)) return false;
  if (failedBeforeWork) return true;
  return report.deferred.length > 0 || report.failed.some((f) => f.retryable) || report.failedGroups.some((g) => g.retryable);
}

/**
 * The one summary line per invocation (alarms and dashboards key on it).
 * @example logSummary(log, report, execution)
 */
export function logSummary(log: Logger, report: Report, execution?: Execution): void {
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
    attempts: execution?.counters.attempts ?? 0,
    throttled: execution?.counters.throttled ?? 0,
    listRequests: execution?.counters.listRequests ?? 0,
    syncRequests: execution?.counters.syncRequests ?? 0,
    durationMs: report.durationMs,
    ...(report.error ? { error: report.error.message, issues: report.error.issues.slice(0, 20) } : {}),
  });
}
