import type { SoftBusApi } from '../iotda/client';
import type { Logger } from '../logger';
import { listingsOf, type Plan, refsSelector } from '../plan';
import type { BusResult, ListingResult } from '../types';
import { BusBook } from './bus-book';
import type { Deadline } from './deadline';
import { InFlight } from './in-flight';
import { listingWarning, listPage } from './list-page';
import type { RateCut, RateLimiter, RetryStrategy } from './parts';
import { type Counters, type ListingState, listingLabel, type PageTask, type Run } from './run';
import { syncBus } from './sync-bus';
import { WorkQueue } from './work-queue';

/**
 * Listing runs ahead of the syncs by at most this many buses: a reconcile of a large fleet then holds
 * a bounded queue instead of the whole fleet (the syncs, paced, are the bottleneck anyway).
 */
export const MAX_QUEUED_SYNCS = 500;

/** The parts an execution is built from; every one can be swapped (tests, benchmarks, other platforms). */
export interface EngineParts {
  /** The clock and the sleep of the in-flight sizing (a simulation passes fakes; default the real ones). */
  clock?: { now: () => number; sleep: (ms: number) => Promise<void> };
  client: SoftBusApi;
  limiter: RateLimiter;
  strategy: RetryStrategy;
  deadline: Deadline;
  requestTimeoutMs: number;
  /** The bound on requests in flight (SYNC_CONCURRENCY); below it, Little's law sizes them (src/engine/in-flight.ts). */
  concurrency: number;
  log: Logger;
}

/** What an execution did: one record per bus and per listing, and its counters. */
export interface Execution {
  /** The settled buses in the order their work ended; each iteration makes its result objects afresh (see BusBook). */
  buses: Iterable<BusResult>;
  listings: ListingResult[];
  counters: Counters;
}

/**
 * Carries out a plan with one queue: listing pages first, then syncs, each distinct bus once, as soon as
 * it is found, with as many requests in flight as the limiter's rate × the measured latency needs (up to
 * `concurrency`). Every request takes a slot of the rate limiter and is retried by the strategy; what the
 * deadline leaves undone is settled as deferred.
 * @example const execution = await executePlan(plan, { client, limiter: new Pacer({ maxRps: 150 }), strategy, deadline, requestTimeoutMs: 5000, concurrency: 16, log });
 */
export async function executePlan(plan: Plan, parts: EngineParts): Promise<Execution> {
  const counters: Counters = { attempts: 0, throttled: 0, listRequests: 0, syncRequests: 0 };
  const queue = new WorkQueue<PageTask, string>(Math.max(MAX_QUEUED_SYNCS, 2 * parts.concurrency));
  const limiter = parts.limiter;
  const rate = limiter.currentRps && (() => limiter.currentRps?.() ?? 0);
  const inFlight = new InFlight(parts.concurrency, rate, parts.clock?.now, parts.clock?.sleep);
  inFlight.onChange = () => queue.wake();
  const run: Run = {
    plan,
    selectRefs: refsSelector(plan),
    client: parts.client,
    attempt: {
      limiter: parts.limiter,
      strategy: parts.strategy,
      deadline: parts.deadline,
      requestTimeoutMs: parts.requestTimeoutMs,
      counters,
      inFlight,
      onRateCut: rateCutLogger(parts.log),
    },
    counters,
    book: new BusBook(plan, (busId) => queue.pushSync(busId)),
    queue,
    log: parts.log,
  };
  const listings: ListingState[] = listingsOf(plan).map((listing) => ({
    ...listing,
    pages: 0,
    seen: new Set<string>(),
    listed: 0,
    invalid: 0,
    samples: [],
    taken: 0,
    pagesWithoutBus: 0,
    notes: [],
  }));
  for (const listing of listings) queue.pushList({ listing, page: 1 });
  for (const [busId, refs] of plan.buses) run.book.add(busId, new Set(refs));
  await queue.run(() => inFlight.tasks(), { list: (task) => listPage(task, run), sync: (busId) => syncBus(busId, run) });
  for (const busId of run.book.settlePlanned()) parts.log.info('bus planned (dry run)', { busId });
  return { buses: run.book, listings: listings.map((listing) => listingResult(listing, parts.log)), counters };
}

function listingResult(listing: ListingState, log: Logger): ListingResult {
  const { groupId, refs, pages, failure } = listing;
  const warning = listingWarning(listing);
  if (warning) log.warn('group listing warning', { groupId: listingLabel(groupId), warning });
  return { groupId, refs, pages, ...(failure ? { failure } : {}), ...(warning ? { warning } : {}) };
}

/**
 * Logs each rate cut (`rate cut`, rates to a tenth): every caller of the limiter passes it, the feed's and
 * verification's too, so that no cut of the instance's rate goes unexplained.
 * @example const attempt = { limiter, strategy, deadline, requestTimeoutMs, counters, onRateCut: rateCutLogger(log) };
 */
export function rateCutLogger(log: Logger): (cut: RateCut) => void {
  const r = (x: number) => Math.round(x * 10) / 10;
  return (cut) =>
    log.info('rate cut', {
      at: cut.at,
      fromRps: r(cut.fromRps),
      toRps: r(cut.toRps),
      acceptedRps: r(cut.acceptedRps),
      sendingRps: r(cut.sendingRps),
    });
}
