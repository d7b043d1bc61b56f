import { type AttemptContext, callWithRetry } from '../engine/attempt';
import { failureOf } from '../engine/failure';
import type { SoftBusPage } from '../iotda/client';
import { PAGE_LIMIT } from '../iotda/client';
import type { Failure, SoftBus } from '../types';

/** The two reads verification makes: ShowHarmonySoftBus, and ListHarmonySoftBus of one group (IotdaClient has both). */
export interface StatusApi {
  showSoftBus(busId: string, timeoutMs: number): Promise<SoftBus>;
  listSoftBuses(query: { groupId?: string; marker?: string }, timeoutMs: number): Promise<SoftBusPage>;
}

/** What verification knows between rounds. */
export interface RoundState {
  /** Synced buses not yet seen `Synchronized`. */
  pending: Set<string>;
  confirmed: string[];
  /** Buses that answered 404 (deleted meanwhile): never confirmed. */
  gone: string[];
  /** Bus → group of the buses being verified, learnt from the group listings this verification made. */
  groupOf: Map<string, string>;
  /** Group → the pages one listing of it costs. */
  groupPages: Map<string, number>;
  /** Groups whose listing failed: their buses are shown one by one from then on. */
  unlistable: Set<string>;
  requests: number;
  failure?: Failure;
}

/**
 * The state of a verification that has not started: every bus pending.
 * @example const state = newRoundState(['b1', 'b2']); state.pending.size // 2
 */
export function newRoundState(busIds: Iterable<string>): RoundState {
  return {
    pending: new Set(busIds),
    confirmed: [],
    gone: [],
    groupOf: new Map(),
    groupPages: new Map(),
    unlistable: new Set(),
    requests: 0,
  };
}

/**
 * One round of verification: list the groups for which a listing costs fewer calls than showing their
 * unconfirmed buses (and, in the first round, the groups whose buses were all synced, whose members are
 * not known yet), then show every unconfirmed bus that no listing of this round covered.
 * @example await checkRound(state, ['g1'], client, attempt, 16);
 */
export async function checkRound(
  state: RoundState,
  firstGroups: readonly string[],
  api: StatusApi,
  attempt: AttemptContext,
  concurrency: number,
): Promise<void> {
  const members = new Map<string, number>();
  for (const busId of state.pending) {
    const groupId = state.groupOf.get(busId);
    if (groupId !== undefined) members.set(groupId, (members.get(groupId) ?? 0) + 1);
  }
  const lists = new Set(firstGroups);
  for (const [groupId, count] of members) if ((state.groupPages.get(groupId) ?? Number.POSITIVE_INFINITY) < count) lists.add(groupId);
  for (const groupId of state.unlistable) lists.delete(groupId);
  const covered = new Set<string>();
  await pool(
    concurrency,
    [...lists],
    (groupId) => listGroup(groupId, state, api, attempt, covered),
    () => false,
  );
  const shows = [...state.pending].filter((busId) => !covered.has(busId));
  await pool(
    concurrency,
    shows,
    (busId) => showBus(busId, state, api, attempt),
    () => state.failure !== undefined,
  );
}

function confirm(state: RoundState, busId: string): void {
  if (state.pending.delete(busId)) state.confirmed.push(busId);
}

async function listGroup(groupId: string, state: RoundState, api: StatusApi, attempt: AttemptContext, covered: Set<string>): Promise<void> {
  let marker: string | undefined;
  let pages = 0;
  let listed = 0;
  let total: number | undefined;
  const seen = new Set<string>();
  for (;;) {
    const result = await callWithRetry((timeoutMs) => api.listSoftBuses({ groupId, marker }, timeoutMs), attempt);
    state.requests += result.attempts;
    if (!result.ok) {
      // The buses not covered yet are shown instead, this round and the next.
      state.unlistable.add(groupId);
      return;
    }
    pages++;
    const { buses, count, invalid } = result.value;
    for (const bus of buses) {
      // Only the buses being verified: a group's other buses (or a hostile answer's) are not kept.
      if (!state.pending.has(bus.bus_id)) continue;
      state.groupOf.set(bus.bus_id, groupId);
      covered.add(bus.bus_id);
      if (bus.status === 'Synchronized') confirm(state, bus.bus_id);
    }
    // Entries, valid or not, make a full page; a count below what was listed (0 on a full page) is no total.
    const entries = buses.length + (invalid?.count ?? 0);
    listed += entries;
    if (total === undefined && count !== undefined && count >= listed) total = count;
    const next = result.value.marker;
    if (entries < PAGE_LIMIT || (total !== undefined && listed >= total) || !next || seen.has(next)) break;
    seen.add(next);
    marker = next;
  }
  state.groupPages.set(groupId, pages);
}

async function showBus(busId: string, state: RoundState, api: StatusApi, attempt: AttemptContext): Promise<void> {
  const result = await callWithRetry((timeoutMs) => api.showSoftBus(busId, timeoutMs), attempt);
  state.requests += result.attempts;
  if (result.ok) {
    if (result.value.status === 'Synchronized') confirm(state, busId);
  } else if (result.decision?.gone) {
    state.pending.delete(busId);
    state.gone.push(busId);
  } else if (!result.retryable) {
    // 401/403/400: every other read would fail the same way.
    state.failure ??= failureOf(result, 'show');
  }
}

/** Runs `task` over `items` with at most `concurrency` at a time, until `stop()` says so. */
async function pool<T>(concurrency: number, items: readonly T[], task: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
