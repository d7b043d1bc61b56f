// Baseline for the fan-out benchmark only (never shipped): src/sync/pacer.ts's interface with a constant
// rate (SYNC_MAX_RPS) and no reaction to throttling, so the function runs at fixed concurrency.
export class Pacer {
  constructor(options, now = Date.now) {
    this.maxRps = options.maxRps;
    this.minRps = options.maxRps;
    this.now = now;
    this.nextSlot = 0;
  }
  currentRps() {
    return this.maxRps;
  }
  async acquire(notAfter) {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    if (slot > notAfter) return undefined;
    this.nextSlot = slot + 1000 / this.maxRps;
    if (slot > now) await sleep(slot - now);
    return { at: slot, epoch: 0 };
  }
  onThrottled() {}
  onSuccess() {}
}
export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
