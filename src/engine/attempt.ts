import type { Deadline } from './deadline';
import { type RateCut, type RateLimiter, type RetryDecision, type RetryStrategy, sleep } from './parts';

/** Below this much time left, a request is not started (it could not finish). */
export const MIN_REQUEST_MS = 200;

/** The parts one call needs, and the counters it adds to. */
export interface AttemptContext {
  limiter: RateLimiter;
  strategy: RetryStrategy;
  deadline: Deadline;
  requestTimeoutMs: number;
  counters: { attempts: number; throttled: number };
  /** Hears how long each request took, and waits out the backoffs (the engine's in-flight sizing). */
  inFlight?: { started(): number; answered(startedAt: number): void; pause(ms: number): Promise<void> };
  /** Hears each rate cut the limiter makes (logged). */
  onRateCut?: (cut: RateCut) => void;
}

export type AttemptResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; attempts: number; error?: unknown; decision?: RetryDecision; retryable: boolean; outOfTime: boolean };

/**
 * Runs one API call with a rate-limiter slot, a per-request timeout that never outlives the deadline,
 * and the strategy's retries. It never sleeps past the deadline: when the next attempt could not start
 * in time it gives up with `outOfTime` (attempts 0 means never tried).
 * @example const result = await callWithRetry((timeoutMs) => client.syncSoftBus(id, timeoutMs), ctx);
 */
export async function callWithRetry<T>(call: (timeoutMs: number) => Promise<T>, ctx: AttemptContext): Promise<AttemptResult<T>> {
  const { limiter, strategy, deadline } = ctx;
  let lastError: unknown;
  let lastDecision: RetryDecision | undefined;
  for (let attempt = 1; attempt <= strategy.maxAttempts; attempt++) {
    const slot = deadline.remainingMs() >= MIN_REQUEST_MS ? await limiter.acquire(deadline.endsAt - MIN_REQUEST_MS) : undefined;
    if (!slot) return { ok: false, attempts: attempt - 1, error: lastError, decision: lastDecision, retryable: true, outOfTime: true };
    ctx.counters.attempts++;
    const startedAt = ctx.inFlight?.started() ?? 0;
    try {
      const value = await call(Math.min(ctx.requestTimeoutMs, deadline.remainingMs()));
      ctx.inFlight?.answered(startedAt);
      limiter.onSuccess(slot);
      return { ok: true, value, attempts: attempt };
    } catch (error) {
      ctx.inFlight?.answered(startedAt);
      const decision = strategy.classify(error);
      lastError = error;
      lastDecision = decision;
      if (decision.throttled) {
        ctx.counters.throttled++;
        const cut = limiter.onThrottled(slot);
        if (cut) ctx.onRateCut?.(cut);
      }
      if (!decision.retryable || attempt === strategy.maxAttempts) {
        return { ok: false, attempts: attempt, error, decision, retryable: decision.retryable, outOfTime: false };
      }
      const wait = strategy.backoffMs(attempt - 1, decision);
      if (wait > deadline.remainingMs() - MIN_REQUEST_MS)
        return { ok: false, attempts: attempt, error, decision, retryable: true, outOfTime: true };
      await (ctx.inFlight ? ctx.inFlight.pause(wait) : sleep(wait));
    }
  }
  return { ok: false, attempts: strategy.maxAttempts, error: lastError, decision: lastDecision, retryable: false, outOfTime: false };
}
