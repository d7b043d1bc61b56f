import { type AttemptContext, MIN_REQUEST_MS } from '../engine/attempt';
import { Deadline } from '../engine/deadline';
import { sleep } from '../engine/parts';
import type { Logger } from '../logger';
import type { Failure } from '../types';
import { checkRound, newRoundState, type StatusApi } from './round';

export type { StatusApi } from './round';

/** Polling waits 1 s, then doubles up to 5 s between rounds; verification lasts at most 60 s. */
export const VERIFY_FIRST_WAIT_MS = 1000;
export const VERIFY_MAX_WAIT_MS = 5000;
export const VERIFY_MAX_MS = 60_000;

/** How verification ended: the synced buses seen `Synchronized`, and the others. */
export interface Verification {
  confirmed: string[];
  /** Not seen `Synchronized` before the polling bound or the deadline (or gone, or unreadable). */
  unconfirmed: string[];
  rounds: number;
  /** Requests made, retries included. */
  requests: number;
  /** Set when a read failed in a way no later round can fix (403: the `query` permission is missing). */
  failure?: Failure;
}

export interface VerifyOptions {
  firstWaitMs?: number;
  maxWaitMs?: number;
  maxMs?: number;
  concurrency: number;
}

/**
 * Polls synced buses until each is `Synchronized`, in rounds spaced 1, 2, 4, 5, 5… s, within the
 * invocation's deadline and VERIFY_MAX_MS, every read paced by the same rate limiter and retried by the
 * same strategy. Each round reads each still unconfirmed bus the cheaper way in API calls: a group whose
 * buses were all synced is re-listed (one call per 50 buses) while that costs fewer calls than showing
 * its unconfirmed buses one by one (ShowHarmonySoftBus, one call per bus); any other bus is shown.
 * @example const v = await verifySyncs(['b1', 'b2'], ['g1'], client, attempt, log, { concurrency: 16 });
 */
export async function verifySyncs(
  busIds: readonly string[],
  wholeGroups: readonly string[],
  api: StatusApi,
  attempt: AttemptContext,
  log: Logger,
  options: VerifyOptions,
): Promise<Verification> {
  const { firstWaitMs = VERIFY_FIRST_WAIT_MS, maxWaitMs = VERIFY_MAX_WAIT_MS, maxMs = VERIFY_MAX_MS } = options;
  const deadline = new Deadline(Math.min(attempt.deadline.endsAt, Date.now() + maxMs));
  const state = newRoundState(busIds);
  let rounds = 0;
  let wait = firstWaitMs;
  while (state.pending.size > 0 && !state.failure) {
    // Never sleep into time in which no read could start.
    if (deadline.remainingMs() < wait + MIN_REQUEST_MS) break;
    await sleep(wait);
    rounds++;
    await checkRound(state, rounds === 1 ? wholeGroups : [], api, { ...attempt, deadline }, options.concurrency);
    wait = Math.min(wait * 2, maxWaitMs);
  }
  const unconfirmed = [...state.gone, ...state.pending];
  const verification: Verification = { confirmed: state.confirmed, unconfirmed, rounds, requests: state.requests };
  if (state.failure) verification.failure = state.failure;
  log[unconfirmed.length > 0 ? 'warn' : 'info']('syncs verified', {
    confirmed: state.confirmed.length,
    unconfirmed: unconfirmed.length,
    rounds,
    requests: state.requests,
    ...(state.failure ? { error: state.failure.message, status: state.failure.status } : {}),
  });
  for (const busId of unconfirmed) log.warn('bus unconfirmed', { busId });
  return verification;
}
