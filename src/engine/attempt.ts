import type { Deadline } from './deadline';
import { type RateCut, type RateLimiter, type RetryDecision, type RetryStrategy, sleep } from './parts';

/** Below this much time left, a request is not started (it could not finish). */
export const MIN_REQUEST_MS = 200;
/** A 429 this soon after another request succeeded means a busy quota, not a closed one. */
export const CONTENDED_MS = 2_000;

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
  /** Epoch ms of the invocation's last successful request (set here). */
  lastSuccessAt?: number;
}

export type AttemptResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; attempts: number; error?: unknown; decision?: RetryDecision; retryable: boolean; outOfTime: boolean };

/**
 * Runs one API call with a rate-limiter slot, a per-request timeout that never outlives the deadline,
 * and the strategy's retries. It never sleeps past the deadline: when the next attempt could not start
 * in time it gives up with `outOfTime` (attempts 0 means never tried). A 429 while other requests of the
 * invocation get through (one succeeded in the last CONTENDED_MS) is a busy shared quota, not a refusal:
 * up to `maxAttempts` such attempts do not count, so contention among instances loses nothing. A 429
 * with no success around (a closed quota) counts like any failure.
 * @example const result = await callWithRetry((timeoutMs) => client.syncSoftBus(id, timeoutMs), ctx);
 */
export async function callWithRetry<T>(call: (timeoutMs: number) => Promise<T>, ctx: AttemptContext): Promise<AttemptResult<T>> {
  const { limiter, strategy, deadline } = ctx;
  let lastError: unknown;
  let lastDecision: RetryDecision | undefined;
  let spared = 0;
  for (let attempt = 1; ; attempt++) {
    const slot = deadline.remainingMs() >= MIN_REQUEST_MS ? await limiter.acquire(deadline.endsAt - MIN_REQUEST_MS) : undefined;
    if (!slot) return { ok: false, attempts: attempt - 1, error: lastError, decision: lastDecision, retryable: true, outOfTime: true };
    ctx.counters.attempts++;
    const startedAt = ctx.inFlight?.started() ?? 0;
    try {
      const value = await call(Math.min(ctx.requestTimeoutMs, deadline.remainingMs()));
      ctx.inFlight?.answered(startedAt);
      limiter.onSuccess(slot);
      ctx.lastSuccessAt = Date.now();
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
        const contended = ctx.lastSuccessAt !== undefined && Date.now() - ctx.lastSuccessAt <= CONTENDED_MS;
        if (contended && spared < strategy.maxAttempts) spared++;
      }
      if (!decision.retryable || attempt - spared >= strategy.maxAttempts) {
        return { ok: false, attempts: attempt, error, decision, retryable: decision.retryable, outOfTime: false };
      }
      const wait = strategy.backoffMs(attempt - 1, decision);
      if (wait > deadline.remainingMs() - MIN_REQUEST_MS)
        return { ok: false, attempts: attempt, error, decision, retryable: true, outOfTime: true };
      await (ctx.inFlight ? ctx.inFlight.pause(wait) : sleep(wait));
    }
  }
}
