import { ApiError } from '../errors';

export interface RetryDecision {
  retryable: boolean;
  /** The server's own wait (Retry-After), in ms, when it gave one. */
  retryAfterMs?: number;
  throttled: boolean;
}

/** HTTP statuses worth another try: throttling and the gateway/server failures that pass. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * Whether an error is worth another attempt. Network errors, timeouts, malformed answers, 429 and
 * 500/502/503/504 are; 403, 404 and every other 4xx are not (the same call would fail the same way).
 * @example classifyError(new ApiError('x', { status: 429, kind: 'http', retryAfterSeconds: 2 })) // { retryable: true, retryAfterMs: 2000, throttled: true }
 */
export function classifyError(error: unknown): RetryDecision {
  if (!(error instanceof ApiError)) return { retryable: false, throttled: false };
  const { status, kind, retryAfterSeconds } = error.details;
  const retryAfterMs = retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000;
  if (kind !== 'http') return { retryable: true, throttled: false };
  return { retryable: status !== undefined && RETRYABLE_STATUS.has(status), retryAfterMs, throttled: status === 429 };
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, capMs: 5_000 };

/**
 * Full-jitter exponential backoff (AWS Architecture Blog): a uniform wait in [0, min(cap, base·2^n)),
 * never shorter than the server's Retry-After.
 * @example backoffMs(2, DEFAULT_BACKOFF, undefined, () => 0.5) // 200
 */
export function backoffMs(
  retryNumber: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** retryNumber);
  const jitter = random() * ceiling;
  return retryAfterMs === undefined ? jitter : Math.max(retryAfterMs, jitter);
}
