/**
 * The engine's swappable parts, as smithy's retry package has them: a rate limiter that hands out start
 * slots and hears how each request ended, and a retry strategy that classifies errors and says how long
 * to wait. `executePlan` receives both; the defaults are the adaptive Pacer and StandardRetryStrategy.
 */

/** A granted start slot: when it starts, and in which window (rate epoch) it was granted. */
export interface Slot {
  readonly at: number;
  readonly epoch: number;
}

/** What a rate limiter did on a 429 (logged as `rate cut`). */
export interface RateCut {
  /** Epoch ms. */
  readonly at: number;
  readonly fromRps: number;
  readonly toRps: number;
  /** The accepted rate it estimated (0 before any success). */
  readonly acceptedRps: number;
  /** The rate it was really sending at. */
  readonly sendingRps: number;
}

/**
 * Paces request starts. Every request (list and sync) takes a slot before it starts and reports how it
 * ended, so that the limiter can adapt to the service's quota.
 * @example
 * const slot = await limiter.acquire(deadline.endsAt);
 * if (slot) send().then(() => limiter.onSuccess(slot), () => limiter.onThrottled(slot));
 */
export interface RateLimiter {
  /** Waits for the next start slot; undefined, without waiting, when it would come after `notAfter` (epoch ms). */
  acquire(notAfter: number): Promise<Slot | undefined>;
  /** The request started in `slot` was not throttled. */
  onSuccess(slot: Slot): void;
  /** The request started in `slot` was throttled (429); returns the cut it made, if any. */
  onThrottled(slot: Slot): RateCut | undefined;
  /**
   * The rate it allows now, requests per second: the engine sizes the requests in flight from it (Little's
   * law). Without it, the engine keeps the configured bound in flight (a fixed-concurrency limiter).
   */
  currentRps?(): number;
}

/** What a retry strategy makes of one failed attempt. */
export interface RetryDecision {
  /** Another attempt may succeed. */
  retryable: boolean;
  /** The service throttled the request: the rate limiter must hear of it. */
  throttled: boolean;
  /** The resource does not exist (404): not a failure of the work, nothing left to do. */
  gone: boolean;
  /** The server's own wait, in ms, when it gave one. */
  retryAfterMs?: number;
}

/**
 * Decides what is worth another attempt and how long to wait before it.
 * @example
 * const decision = strategy.classify(error);
 * if (decision.retryable && attempt < strategy.maxAttempts) await sleep(strategy.backoffMs(attempt - 1, decision));
 */
export interface RetryStrategy {
  /** Attempts per request, the first included. */
  readonly maxAttempts: number;
  classify(error: unknown): RetryDecision;
  /** The wait before retry number `retryNumber` (0 for the first retry). */
  backoffMs(retryNumber: number, decision: RetryDecision): number;
}

/** Promise-based sleep. @example await sleep(100) */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
