import { ApiError } from '../errors';
import type { Deadline } from './deadline';
import type { Pacer } from './pacer';
import { sleep } from './pacer';
import { backoffMs, classifyError } from './retry';

/** Below this much time left, a request is not started (it could not finish). */
export const MIN_REQUEST_MS = 200;

export interface AttemptContext {
  pacer: Pacer;
  deadline: Deadline;
  maxAttempts: number;
  requestTimeoutMs: number;
  counters: { attempts: number; throttled: number };
  random?: () => number;
}

export type AttemptResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; attempts: number; error?: unknown; retryable: boolean; outOfTime: boolean };

/**
 * Runs one API call with pacing, a per-request timeout that never outlives the deadline, and retries
 * with full-jitter backoff for the errors worth retrying. It never sleeps past the deadline: when the
 * next attempt could not start in time it gives up with `outOfTime` (attempts 0 means never tried).
 * @example const result = await callWithRetry((timeoutMs) => client.syncSoftBus(id, timeoutMs), ctx);
 */
export async function callWithRetry<T>(call: (timeoutMs: number) => Promise<T>, ctx: AttemptContext): Promise<AttemptResult<T>> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= ctx.maxAttempts; attempt++) {
    const slot = ctx.deadline.remainingMs() >= MIN_REQUEST_MS ? await ctx.pacer.acquire(ctx.deadline.endsAt - MIN_REQUEST_MS) : undefined;
    if (!slot) return { ok: false, attempts: attempt - 1, error: lastError, retryable: true, outOfTime: true };
    ctx.counters.attempts++;
    try {
      const value = await call(Math.min(ctx.requestTimeoutMs, ctx.deadline.remainingMs()));
      ctx.pacer.onSuccess(slot);
      return { ok: true, value, attempts: attempt };
    } catch (error) {
      lastError = error;
      const decision = classifyError(error);
      if (decision.throttled) {
        ctx.counters.throttled++;
        ctx.pacer.onThrottled(slot);
      }
      if (!decision.retryable || attempt === ctx.maxAttempts) {
        return { ok: false, attempts: attempt, error, retryable: decision.retryable, outOfTime: false };
      }
      const wait = backoffMs(attempt - 1, undefined, decision.retryAfterMs, ctx.random);
      if (wait > ctx.deadline.remainingMs() - MIN_REQUEST_MS) {
        return { ok: false, attempts: attempt, error, retryable: true, outOfTime: true };
      }
      await sleep(wait);
    }
  }
  /* c8 ignore next */
  return { ok: false, attempts: ctx.maxAttempts, error: lastError, retryable: lastError instanceof ApiError, outOfTime: false };
}
