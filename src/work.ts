import type { Config } from './config';
import type { LiveCredentials } from './credentials';
import { CtsClient } from './cts/client';
import type { AttemptContext } from './engine/attempt';
import type { Deadline } from './engine/deadline';
import { type Execution, executePlan, rateCutLogger } from './engine/execute';
import type { RateLimiter, RetryStrategy } from './engine/parts';
import type { Trigger } from './events';
import { FEED_TRIGGERS, type FeedRun, runChangeFeeds } from './feed';
import { IotdaClient } from './iotda/client';
import type { LogFields, Logger } from './logger';
import { buildPlan, type Plan } from './plan';
import { BusOutcome, type BusResult, Selection, type WorkItem } from './types';
import { compareWithPreviousRun, type SincePrevious, type Verification, verifySyncs } from './verify';

/** What the work of one invocation needs once its configuration and keys are known. */
export interface WorkInput {
  items: readonly WorkItem[];
  trigger: Trigger;
  config: Config;
  /** The invocation's credentials (temporary keys renewed once on a 401, for IoTDA and CTS alike). */
  credentials: LiveCredentials;
  projectId: string;
  limiter: RateLimiter;
  strategy: RetryStrategy;
  /** The invocation's deadline (the reserve for reporting already taken off). */
  deadline: Deadline;
  log: Logger;
}

/** What the work did: the plan and its execution, the change feed's runs, the verification. */
export interface WorkDone {
  plan: Plan;
  execution: Execution;
  feeds: FeedRun[];
  verification?: Verification;
  /** Timer and schedule runs with a pending reconcile: how this run compares with the previous one here. */
  sincePrevious?: SincePrevious;
  /** Requests of the feed and of verification, retries included (also counted in `execution.counters`). */
  feedRequests: number;
  verifyRequests: number;
}

/**
 * The work of one invocation, one rate limiter, retry strategy and deadline throughout: the change feed
 * first (its groups join the plan: each group listed once, each bus synced once), then the plan's
 * listings and syncs, then the verification of the syncs that asked for it.
 * @example const done = await doWork({ items, trigger: 'timer', config, credentials, projectId, limiter, strategy, deadline: Deadline.fromRemaining(60_000, 1500), log });
 */
export async function doWork(input: WorkInput): Promise<WorkDone> {
  const { config, credentials, projectId, log } = input;
  const { deadline } = input;
  const client = new IotdaClient(config, credentials, projectId, log.secrets);
  const extra = { attempts: 0, throttled: 0 };
  const attempt: AttemptContext = {
    limiter: input.limiter,
    strategy: input.strategy,
    deadline,
    requestTimeoutMs: config.requestTimeoutMs,
    counters: extra,
    onRateCut: rateCutLogger(log),
  };
  const cts = config.ctsEndpoint ? new CtsClient(config.ctsEndpoint, credentials, projectId, log.secrets) : undefined;
  const feed = await runChangeFeeds(input.items, input.trigger, config, { api: cts, attempt, log });
  const items = [...input.items, ...feed.items];
  const plan = buildPlan(items);
  log.debug('work planned', {
    buses: plan.buses.size,
    groups: [...plan.groups.keys()],
    everything: plan.everything.length > 0,
    credentials: credentials.current.source,
    signing: config.signing,
  });
  const execution = await executePlan(plan, {
    client,
    limiter: input.limiter,
    strategy: input.strategy,
    deadline,
    requestTimeoutMs: config.requestTimeoutMs,
    concurrency: config.concurrency,
    log,
  });
  const feedRequests = feed.runs.reduce((sum, run) => sum + run.requests, 0);
  const verifyRefs = new Set(items.filter((item) => item.verify || config.verify).map((item) => item.ref));
  // Most runs verify nothing: no pass over every bus (and its refs) then.
  const toVerify =
    verifyRefs.size === 0
      ? []
      : busIdsWhere(execution.buses, (bus) => bus.outcome === BusOutcome.Synced && sharesRef(bus.refs, verifyRefs));
  const wholeGroups = [...plan.groups].filter(([, interests]) =>
    interests.some((i) => i.selection === Selection.All && verifyRefs.has(i.ref)),
  );
  const verification =
    toVerify.length > 0
      ? await verifySyncs(
          toVerify,
          wholeGroups.map(([groupId]) => groupId),
          client,
          attempt,
          log,
          { concurrency: config.concurrency },
        )
      : undefined;
  execution.counters.attempts += extra.attempts;
  execution.counters.throttled += extra.throttled;
  const done: WorkDone = { plan, execution, feeds: feed.runs, verification, feedRequests, verifyRequests: verification?.requests ?? 0 };
  // The buses a pending reconcile reached were not Synchronized when listed: what the next run compares with.
  const pendingRefs = new Set(
    items.filter((i) => i.everything === Selection.Pending || i.groups.some((g) => g.selection === Selection.Pending)).map((i) => i.ref),
  );
  if (FEED_TRIGGERS.includes(input.trigger) && pendingRefs.size > 0 && !items.every((item) => item.dryRun)) {
    const found = busIdsWhere(execution.buses, (bus) => sharesRef(bus.refs, pendingRefs));
    done.sincePrevious = compareWithPreviousRun(found, verification?.confirmed ?? []);
  }
  return done;
}

/**
 * The summary line's fields for the change feed and verification, only those that ran.
 * @example logSummary(log, report, execution.counters, undefined, summaryFields(done));
 */
export function summaryFields(done: WorkDone | undefined): LogFields {
  if (!done) return {};
  const fields: LogFields = {};
  if (done.feeds.length > 0) {
    fields.feedTraces = done.feeds.reduce((sum, run) => sum + run.traces, 0);
    fields.feedGroups = new Set(done.feeds.flatMap((run) => run.groups)).size;
    fields.feedRequests = done.feedRequests;
    fields.failedFeeds = done.feeds.filter((run) => run.failure).length;
  }
  if (done.verification) {
    fields.confirmed = done.verification.confirmed.length;
    fields.unconfirmed = done.verification.unconfirmed.length;
    fields.verifyRequests = done.verifyRequests;
  }
  if (done.sincePrevious) {
    fields.unsynchronizedSincePreviousRun = done.sincePrevious.stayed;
    if (done.sincePrevious.previousRunAt) fields.previousRunAt = new Date(done.sincePrevious.previousRunAt).toISOString();
  }
  return fields;
}

/** The IDs of the buses that meet `wanted`, read in one pass (a reconcile settles 10,000: no array per bus). */
function busIdsWhere(buses: Iterable<BusResult>, wanted: (bus: BusResult) => boolean): string[] {
  const ids: string[] = [];
  for (const bus of buses) if (wanted(bus)) ids.push(bus.busId);
  return ids;
}

function sharesRef(refs: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean {
  for (const ref of refs) if (wanted.has(ref)) return true;
  return false;
}
