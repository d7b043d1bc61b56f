import { ApiError } from '../errors';
import { type IotdaClient, PAGE_LIMIT } from '../iotda/client';
import type { Logger } from '../logger';
import { listingsOf, type Plan, refsSelecting, wantsRealSync } from '../plan';
import type { FailedGroup, Report } from '../types';
import { type AttemptContext, type AttemptResult, callWithRetry } from './attempt';

/** The report's outcome lists, as the workers fill them, plus what the report is computed from. */
export interface Execution extends Pick<Report, 'synced' | 'planned' | 'notFound' | 'failed' | 'failedGroups' | 'deferred'> {
  /** Every bus the plan reached, with the refs that wanted it. */
  busRefs: Map<string, Set<string>>;
  counters: { attempts: number; throttled: number; listRequests: number; syncRequests: number };
}

export interface ExecuteDeps extends Omit<AttemptContext, 'counters'> {
  client: Pick<IotdaClient, 'listSoftBuses' | 'syncSoftBus'>;
  concurrency: number;
  log: Logger;
}

/**
 * Listing runs ahead of the syncs by at most this many buses: a reconcile of a large fleet then holds
 * a bounded queue instead of the whole fleet (the syncs, paced, are the bottleneck anyway).
 */
export const MAX_QUEUED_SYNCS = 500;

interface ListTask {
  key: string;
  groupId?: string;
  marker?: string;
  page: number;
  /** Markers this listing has used: a marker seen twice would page forever. */
  seen: Set<string>;
  /** Buses listed so far, and the total the first page announced (`page.count`). */
  listed: number;
  total?: number;
}

/**
 * Carries out a plan with `concurrency` workers sharing one queue: listing pages go first (they find
 * more work) unless MAX_QUEUED_SYNCS are already waiting, then syncs, each distinct bus once, as soon as it is found. Every request is paced and
 * retried by callWithRetry; what the deadline leaves undone is reported as deferred.
 * @example const execution = await executePlan(plan, { client, pacer, deadline, maxAttempts: 4, requestTimeoutMs: 5000, concurrency: 16, log });
 */
export async function executePlan(plan: Plan, deps: ExecuteDeps): Promise<Execution> {
  const out: Execution = {
    synced: [],
    planned: [],
    notFound: [],
    failed: [],
    failedGroups: [],
    deferred: [],
    busRefs: new Map(),
    counters: { attempts: 0, throttled: 0, listRequests: 0, syncRequests: 0 },
  };
  const ctx: AttemptContext = { ...deps, counters: out.counters };
  const lists: ListTask[] = listingsOf(plan).map((listing) => ({ ...listing, page: 1, seen: new Set<string>(), listed: 0 }));
  const syncs: string[] = [];
  let listsInFlight = 0;
  // Idle workers wait here for a listing to bring work or to end; wake() releases all of them.
  let waiters: Array<() => void> = [];
  const wake = () => {
    const released = waiters;
    waiters = [];
    for (const resolve of released) resolve();
  };

  /** Buses planned for a dry run only; a real request for one of them later queues it again. */
  const plannedOnly = new Set<string>();
  /** `refs` becomes the bus's own set (callers pass a fresh one): no copy per bus of a large fleet. */
  const enqueueBus = (busId: string, refs: Set<string>) => {
    const known = out.busRefs.get(busId);
    if (known) {
      for (const ref of refs) known.add(ref);
      if (!plannedOnly.has(busId) || !wantsRealSync(plan, refs)) return;
      plannedOnly.delete(busId);
    } else {
      out.busRefs.set(busId, refs);
    }
    syncs.push(busId);
    wake();
  };
  for (const [busId, refs] of plan.buses) enqueueBus(busId, new Set(refs));

  const listPage = async (task: ListTask) => {
    const result = await callWithRetry(
      (timeoutMs) => deps.client.listSoftBuses({ groupId: task.groupId, marker: task.marker }, timeoutMs),
      ctx,
    );
    out.counters.listRequests += result.attempts;
    if (!result.ok) {
      out.failedGroups.push({ groupId: task.key, ...failureOf(result, 'listing') });
      deps.log.error('group listing failed', { groupId: task.key, page: task.page, ...failureFields(result) });
      return;
    }
    for (const bus of result.value.buses) {
      const refs = refsSelecting(plan, bus);
      if (refs.size > 0) enqueueBus(bus.bus_id, refs);
    }
    const { buses, marker } = result.value;
    const listed = task.listed + buses.length;
    // The first page's count is the total when paging starts; reaching it saves an empty last page.
    const total = task.total ?? result.value.count;
    const more = buses.length >= PAGE_LIMIT && !(total !== undefined && listed >= total);
    if (!more) {
      deps.log.debug('group listed', { groupId: task.key, pages: task.page, count: total });
    } else if (marker && !task.seen.has(marker)) {
      task.seen.add(marker);
      lists.unshift({ ...task, marker, page: task.page + 1, listed, total });
    } else {
      // A full page, buses still to come by the count (or no count), and no new marker to get them:
      // stopping quietly would leave buses unsynced, so the listing is reported as failed.
      const message = `paging stopped after ${listed} of ${total ?? 'an unknown number of'} buses: a full page without a new marker`;
      out.failedGroups.push({ groupId: task.key, message, attempts: 1, retryable: false });
      deps.log.error('group listing failed', { groupId: task.key, page: task.page, error: message });
    }
  };

  const syncBus = async (busId: string) => {
    if (!wantsRealSync(plan, out.busRefs.get(busId) ?? [])) {
      plannedOnly.add(busId);
      deps.log.info('bus planned (dry run)', { busId });
      return;
    }
    const result = await callWithRetry((timeoutMs) => deps.client.syncSoftBus(busId, timeoutMs), ctx);
    out.counters.syncRequests += result.attempts;
    if (result.ok) {
      out.synced.push(busId);
      deps.log.info('bus synced', { busId, attempts: result.attempts });
    } else if (result.error instanceof ApiError && result.error.details.status === 404) {
      out.notFound.push(busId);
      deps.log.warn('bus not found', { busId, attempts: result.attempts, apiRequestId: result.error.details.requestId });
    } else if (result.outOfTime && result.attempts === 0) {
      out.deferred.push(busId);
      deps.log.warn('bus deferred', { busId, reason: 'invocation deadline' });
    } else {
      out.failed.push({ busId, ...failureOf(result, 'sync') });
      deps.log.error('bus failed', { busId, ...failureFields(result) });
    }
  };

  const worker = async () => {
    for (;;) {
      const list = syncs.length < MAX_QUEUED_SYNCS ? lists.shift() : undefined;
      if (list) {
        listsInFlight++;
        await listPage(list).finally(() => listsInFlight--);
        wake();
        continue;
      }
      const busId = syncs.shift();
      if (busId !== undefined) {
        await syncBus(busId);
        continue;
      }
      if (listsInFlight === 0) return;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  await Promise.all(Array.from({ length: deps.concurrency }, worker));
  out.planned = [...plannedOnly];
  return out;
}

function failureOf(result: Extract<AttemptResult<unknown>, { ok: false }>, what: string): Omit<FailedGroup, 'groupId'> {
  const details = result.error instanceof ApiError ? result.error.details : undefined;
  const message = result.error instanceof Error ? result.error.message : `${what} not attempted`;
  return {
    status: details?.status,
    errorCode: details?.errorCode,
    message: result.outOfTime ? `${message} (invocation deadline: no time left to retry)` : message,
    attempts: result.attempts,
    retryable: result.retryable,
  };
}

function failureFields(result: Extract<AttemptResult<unknown>, { ok: false }>) {
  const details = result.error instanceof ApiError ? result.error.details : undefined;
  return {
    status: details?.status,
    errorCode: details?.errorCode,
    apiRequestId: details?.requestId,
    error: result.error instanceof Error ? result.error.message : undefined,
    attempts: result.attempts,
    retryable: result.retryable,
  };
}
