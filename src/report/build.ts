import type { Execution } from '../engine/execute';
import { listingLabel } from '../engine/run';
import type { CredentialFailure } from '../errors';
import type { RecordResult, Trigger } from '../events';
import type { FeedRun } from '../feed';
import type { Plan } from '../plan';
import { BusOutcome, type BusResult, type Failure, type InputIssue, Outcome } from '../types';
import type { Verification } from '../verify';
import { feedPart } from './feed';
import type { Report } from './types';

export interface ReportInput {
  trigger: Trigger;
  requestId: string;
  records: RecordResult[];
  plan?: Plan;
  execution?: Execution;
  /** The change feed's runs (src/feed/), and the verification of the syncs (src/verify/). */
  feeds?: readonly FeedRun[];
  verification?: Verification;
  /** A failure before any work (configuration, credentials, internal): every work record failed. */
  error?: string;
  /** The step of the credential source that failed, when that was the failure. */
  credentials?: CredentialFailure;
  durationMs: number;
}

/**
 * The handler's answer, reduced from the records and the execution's per-bus and per-listing results:
 * what was synced, not found, failed and deferred, the verdict, and the refs of the records to hand
 * back to the queue. Pure: the same input gives the same report.
 * @example buildReport({ trigger: 'manual', requestId: 'r1', records, plan, execution, durationMs: 12 }).outcome // 'ok'
 */
export function buildReport(input: ReportInput): Report {
  const { records, plan, execution } = input;
  const work = records.flatMap((r) => (r.kind === 'work' ? [r.item] : []));
  const rejected = records.flatMap((r) => (r.kind === 'rejected' ? [r] : []));
  const issues: InputIssue[] = rejected.flatMap((r) => r.issues);
  const failedRefs = new Set(rejected.map((r) => r.ref));
  if (input.error) for (const item of work) failedRefs.add(item.ref);
  // One pass, one array per outcome (a reconcile reports 10,000 buses: no array per bus).
  const byOutcome = new Map<BusOutcome, string[]>(Object.values(BusOutcome).map((outcome) => [outcome, []]));
  const incomplete: BusResult[] = [];
  for (const bus of execution?.buses ?? []) {
    byOutcome.get(bus.outcome)?.push(bus.busId);
    if (bus.outcome === BusOutcome.Failed || bus.outcome === BusOutcome.Deferred) incomplete.push(bus);
  }
  const ids = (outcome: BusOutcome) => byOutcome.get(outcome) ?? [];
  for (const bus of incomplete) for (const ref of bus.refs) failedRefs.add(ref);
  const failedListings = (execution?.listings ?? []).flatMap((listing) =>
    listing.failure ? [{ ...listing, failure: listing.failure }] : [],
  );
  for (const listing of failedListings) for (const ref of listing.refs) failedRefs.add(ref);
  const feeds = feedPart(input.feeds ?? [], failedRefs, input.verification);

  const report: Report = {
    outcome: Outcome.Ok,
    trigger: input.trigger,
    requestId: input.requestId,
    dryRun: work.length > 0 && work.every((w) => w.dryRun),
    groups: plan ? [...plan.groups.keys()] : [],
    synced: ids(BusOutcome.Synced),
    planned: ids(BusOutcome.Planned),
    notFound: ids(BusOutcome.NotFound),
    failed: incomplete.flatMap((bus) => (bus.outcome === BusOutcome.Failed ? [{ busId: bus.busId, ...reported(bus) }] : [])),
    failedGroups: failedListings.map((listing) => ({ groupId: listingLabel(listing.groupId), ...reported(listing) })),
    deferred: ids(BusOutcome.Deferred),
    failedRefs: [...feeds.failedRefs],
    durationMs: input.durationMs,
    ...feeds.fields,
  };
  report.outcome = outcomeOf(
    input,
    report,
    work.map((w) => w.ref),
    feeds.failedRefs,
    feeds.problems,
  );
  const warnings = (execution?.listings ?? []).flatMap((l) =>
    l.warning ? [{ groupId: listingLabel(l.groupId), message: l.warning }] : [],
  );
  if (warnings.length > 0) report.warnings = warnings;
  // `issues` only when there are some: a configuration error has none, and an empty list reads as "no problem".
  if (input.error)
    report.error = {
      message: input.error,
      ...(issues.length > 0 ? { issues } : {}),
      ...(input.credentials ? { credentials: input.credentials } : {}),
    };
  else if (issues.length > 0) report.error = { message: 'malformed event: nothing was done for the records at these paths', issues };
  return report;
}

/** A failure as the report shows it (the service's request ID stays in the logs). */
function reported({ failure }: Pick<BusResult, 'failure'>): Omit<Failure, 'apiRequestId'> {
  const { status, errorCode, message, attempts, retryable } = failure ?? { message: 'failed', attempts: 0, retryable: false };
  return { status, errorCode, message, attempts, retryable };
}

function outcomeOf(input: ReportInput, report: Report, workRefs: string[], failedRefs: Set<string>, feedProblems: number): Outcome {
  const rejectedRecords = input.records.filter((r) => r.kind === 'rejected').length;
  if (workRefs.length === 0) return rejectedRecords > 0 ? Outcome.Rejected : Outcome.Ignored;
  if (input.error) return Outcome.Failed;
  const problems = report.failed.length + report.failedGroups.length + report.deferred.length + rejectedRecords + feedProblems;
  if (problems === 0) return Outcome.Ok;
  const successes = report.synced.length + report.planned.length + report.notFound.length;
  return successes > 0 || workRefs.some((ref) => !failedRefs.has(ref)) ? Outcome.Partial : Outcome.Failed;
}
