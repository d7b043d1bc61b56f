import type { RateLimiter, Slot } from '../../src/engine/parts';

/**
 * Baseline for the fan-out benchmark only (never shipped): start slots at a constant rate (SYNC_MAX_RPS)
 * and no reaction to throttling, so the function runs at fixed concurrency. Injected as the engine's
 * rate-limiter part (bench/lib/fixed-rate-entry.ts).
 * @example new FixedRateLimiter(1000)
 */
export class FixedRateLimiter implements RateLimiter {
  private nextSlot = 0;

  constructor(private readonly rps: number) {}

  async acquire(notAfter: number): Promise<Slot | undefined> {
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    if (at > notAfter) return undefined;
    this.nextSlot = at + 1000 / this.rps;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
    return { at, epoch: 0 };
  }

  onSuccess(): void {}

  onThrottled(): undefined {
    return undefined;
  }
}
