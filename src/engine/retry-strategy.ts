import { ApiError } from '../errors';
import { CERTIFICATE_ERRORS } from '../iotda/http';
import type { RetryDecision, RetryStrategy } from './parts';

/** HTTP statuses worth another try: throttling and the gateway/server failures that pass. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/**
 * The API gateway's codes (`APIG.0101`, `APIGW.0101`): its 404 means "the API does not exist or has not been
 * published in the environment" (APIG error codes), a wrong endpoint, not a resource that is gone.
 */
const GATEWAY_CODE = /^APIGW?\./i;

/**
 * Network failures that no retry changes: a host name that does not exist (ENOTFOUND; EAI_AGAIN, a
 * resolver that did not answer, passes) and a certificate the client cannot trust. Both mean a wrong
 * endpoint or region, so they fail at once, and an asynchronous event is not handed back for a retry.
 */
export function isPermanentNetworkError(code: string | undefined): boolean {
  return code === 'ENOTFOUND' || (code !== undefined && CERTIFICATE_ERRORS.has(code));
}

export interface StandardRetryOptions {
  /** Attempts per request, the first included (SYNC_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Full-jitter base and cap, ms. */
  baseMs?: number;
  capMs?: number;
  random?: () => number;
  now?: () => number;
}

/**
 * The retry policy in one place. Network errors, timeouts, malformed answers, 429 and
 * 500/502/503/504 are retried; 403, 404 and every other 4xx are not (the same call would fail the same
 * way; 404 means the resource is gone, unless the API gateway says the API itself is not there), nor are
 * DNS ENOTFOUND and TLS certificate errors. Waits are full-jitter exponential (AWS Architecture Blog), never
 * shorter than the server's `Retry-After` (seconds or an HTTP date).
 * @example
 * const strategy = new StandardRetryStrategy({ maxAttempts: 4 });
 * strategy.classify(new ApiError('x', { status: 429, kind: 'http', retryAfter: '2' })); // { retryable: true, throttled: true, gone: false, retryAfterMs: 2000 }
 */
export class StandardRetryStrategy implements RetryStrategy {
  readonly maxAttempts: number;
  private readonly baseMs: number;
  private readonly capMs: number;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(options: StandardRetryOptions) {
    this.maxAttempts = options.maxAttempts;
    this.baseMs = options.baseMs ?? 100;
    this.capMs = options.capMs ?? 5_000;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  classify(error: unknown): RetryDecision {
    if (!(error instanceof ApiError)) return { retryable: false, throttled: false, gone: false };
    const { status, kind, retryAfter, code, errorCode } = error.details;
    if (kind !== 'http') return { retryable: !isPermanentNetworkError(code), throttled: false, gone: false };
    return {
      retryable: status !== undefined && RETRYABLE_STATUS.has(status),
      throttled: status === 429,
      gone: status === 404 && !GATEWAY_CODE.test(errorCode ?? ''),
      retryAfterMs: this.retryAfterMs(retryAfter),
    };
  }

  /** A uniform wait in [0, min(cap, base·2^n)), never shorter than the server's Retry-After. */
  backoffMs(retryNumber: number, decision: RetryDecision): number {
    const jitter = this.random() * Math.min(this.capMs, this.baseMs * 2 ** retryNumber);
    return decision.retryAfterMs === undefined ? jitter : Math.max(decision.retryAfterMs, jitter);
  }

  /** `Retry-After` is seconds or an HTTP date; anything else is ignored. */
  private retryAfterMs(value: string | undefined): number | undefined {
    if (!value) return undefined;
    if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - this.now());
  }
}
