/**
 * The API gateway's per-second quota as a token bucket: `burst` tokens, refilled at `ratePerSecond`.
 */
import type { QuotaOptions } from './types.js';

export interface QuotaDecision {
  allowed: boolean;
  /** Seconds to send in `Retry-After`, or undefined for no header. */
  retryAfterSeconds?: number;
}

/**
 * @example const bucket = new TokenBucket({ ratePerSecond: 5, burst: 2 }, () => Date.now()); bucket.take().allowed // true
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    private readonly options: QuotaOptions,
    private readonly now: () => number,
  ) {
    if (!(options.ratePerSecond > 0)) throw new Error('quota.ratePerSecond must be positive');
    this.capacity = options.burst ?? Math.max(1, options.ratePerSecond);
    this.tokens = this.capacity;
    this.last = now();
  }

  /** Takes one token if there is one. */
  take(): QuotaDecision {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.options.ratePerSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { allowed: true };
    }
    const configured = this.options.retryAfterSeconds;
    if (configured === null) return { allowed: false };
    // Default: whole seconds until a token is back, at least 1 (Retry-After has no fractions).
    const wait = configured ?? Math.max(1, Math.ceil((1 - this.tokens) / this.options.ratePerSecond));
    return { allowed: false, retryAfterSeconds: wait };
  }

  /** Whether a refusal is answered at once, before the backend's latency. */
  get immediate(): boolean {
    return this.options.immediate === true;
  }

  /** The `limit:XX` figure of the gateway's message. */
  get limit(): number {
    return this.options.ratePerSecond;
  }
}
