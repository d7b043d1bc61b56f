import { sleep } from './parts';

/** The latency assumed before the first answer, ms. */
export const INITIAL_LATENCY_MS = 100;
/** In flight = rate × latency × HEADROOM, plus one: room for the spread of latencies and the slot wait. */
export const HEADROOM = 2;
/** Weight of each new answer in the latency's moving average. */
const ALPHA = 0.1;

/**
 * How many requests an invocation keeps in flight, by Little's law: in flight = rate × latency, with
 * headroom, between 1 and `bound` (SYNC_CONCURRENCY). The rate is the limiter's (the control); the
 * latency the moving average of the answers. Tasks waiting out a backoff hold no request, so they do
 * not count: `tasks()` is the in-flight target plus them (a Retry-After of a second on a few requests
 * does not starve the pacer at low latency).
 * @example
 * const sizing = new InFlight(128, () => limiter.currentRps());
 * const startedAt = sizing.started();
 * sizing.answered(startedAt); // after the answer
 * await queue.run(() => sizing.tasks(), handlers);
 */
export class InFlight {
  private latencyMs: number | undefined;
  private firstStartedAt: number | undefined;
  private pausing = 0;
  /** Called when a task starts waiting out a backoff (the queue may start another). */
  onChange: () => void = () => {};

  constructor(
    readonly bound: number,
    /** Requests per second the limiter allows; undefined for a limiter without a rate (fixed concurrency). */
    private readonly rate: (() => number) | undefined,
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {}

  /** A request starts now: returns the time to hand back to `answered`. */
  started(): number {
    const now = this.now();
    this.firstStartedAt ??= now;
    return now;
  }

  /** The request started at `startedAt` was answered (whatever the answer). */
  answered(startedAt: number): void {
    const ms = this.now() - startedAt;
    this.latencyMs = this.latencyMs === undefined ? ms : this.latencyMs + ALPHA * (ms - this.latencyMs);
  }

  /** Waits out a backoff, not counting as in flight meanwhile. */
  async pause(ms: number): Promise<void> {
    this.pausing++;
    this.onChange();
    try {
      await this.wait(ms);
    } finally {
      this.pausing--;
    }
  }

  /** Requests to keep in flight now. */
  target(): number {
    if (!this.rate) return this.bound;
    // Before the first answer the latency is at least the time the first request has been out.
    const latency = this.latencyMs ?? Math.max(INITIAL_LATENCY_MS, this.now() - (this.firstStartedAt ?? this.now()));
    const wanted = Math.ceil((this.rate() * latency * HEADROOM) / 1000) + 1;
    return Math.max(1, Math.min(this.bound, wanted));
  }

  /**
   * Tasks the queue may run: the in-flight target plus those waiting out a backoff. A limiter without a
   * rate is a plain pool of `bound` workers, backoffs included (the fixed-concurrency baseline).
   */
  tasks(): number {
    return this.rate ? this.target() + this.pausing : this.bound;
  }
}
