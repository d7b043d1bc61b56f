/**
 * Event times within a sliding window of `widthMs`, oldest first: how many events happened in the last
 * `widthMs`. A ring of numbers, so counting thousands of requests per second allocates nothing per event.
 * @example
 * const starts = new TimeWindow(1000);
 * starts.add(Date.now());
 * starts.count(Date.now()); // 1
 */
export class TimeWindow {
  private times = new Float64Array(64);
  private head = 0;
  private size = 0;

  constructor(readonly widthMs: number) {}

  add(at: number): void {
    if (this.size === this.times.length) this.grow();
    this.times[(this.head + this.size) % this.times.length] = at;
    this.size++;
  }

  /** Events in (now − widthMs, now]; events older than that are forgotten. */
  count(now: number): number {
    this.forget(now);
    let n = this.size;
    // Events stamped in the future (slots granted ahead of time) are not in the window yet.
    for (let i = this.size - 1; i >= 0 && (this.times[(this.head + i) % this.times.length] as number) > now; i--) n--;
    return n;
  }

  private forget(now: number): void {
    const cutoff = now - this.widthMs;
    while (this.size > 0 && (this.times[this.head] as number) <= cutoff) {
      this.head = (this.head + 1) % this.times.length;
      this.size--;
    }
  }

  private grow(): void {
    const bigger = new Float64Array(this.times.length * 2);
    for (let i = 0; i < this.size; i++) bigger[i] = this.times[(this.head + i) % this.times.length] as number;
    this.times = bigger;
    this.head = 0;
  }
}
