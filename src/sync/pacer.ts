/**
 * Client-side request pacing: evenly spaced start slots at the current rate, which adapts to the
 * service (AIMD): it falls by a factor on every 429 and climbs back, a little per success, up to the
 * configured ceiling. Shared by every request of an invocation, list and sync alike.
 * @example
 * const pacer = new Pacer({ maxRps: 100 });
 * if (await pacer.acquire(deadline.endsAt)) send();
 */
export class Pacer {
  private rate: number;
  private nextSlot = 0;
  readonly maxRps: number;
  readonly minRps: number;

  constructor(
    options: { maxRps: number; minRps?: number; decrease?: number },
    private readonly now: () => number = Date.now,
  ) {
    this.maxRps = options.maxRps;
    this.minRps = Math.min(options.minRps ?? 1, options.maxRps);
    this.decrease = options.decrease ?? 0.7;
    this.rate = options.maxRps;
  }

  private readonly decrease: number;

  /** The rate the pacer currently allows, in requests per second. */
  currentRps(): number {
    return this.rate;
  }

  /**
   * Waits for the next start slot. Returns false, without waiting, when that slot is after `notAfter`
   * (epoch ms): the caller then defers its work instead of sleeping past its deadline.
   */
  async acquire(notAfter: number): Promise<boolean> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    if (slot > notAfter) return false;
    this.nextSlot = slot + 1000 / this.rate;
    if (slot > now) await sleep(slot - now);
    return true;
  }

  /** A 429: slow down now, and push the next slot out so the burst already queued thins out. */
  onThrottled(): void {
    this.rate = Math.max(this.minRps, this.rate * this.decrease);
    this.nextSlot = Math.max(this.nextSlot, this.now()) + 1000 / this.rate;
  }

  /** A success: climb back by a share of the rate (about +10% every ten successes). */
  onSuccess(): void {
    this.rate = Math.min(this.maxRps, this.rate + Math.max(0.1, this.rate * 0.01));
  }
}

/** Promise-based sleep. @example await sleep(100) */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
