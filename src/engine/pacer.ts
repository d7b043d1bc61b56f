/**
 * Client-side request pacing, shared by every request of an invocation (list and sync alike): start
 * slots evenly spaced at the current rate, which adapts to the service's quota without being told it.
 *
 * - It starts at the ceiling (`maxRps`, SYNC_MAX_RPS).
 * - On a 429 it estimates the rate the service accepts: the successful requests among the last
 *   `SAMPLE` answers, per second of the time over which those requests were started (once the quota's
 *   bucket is empty that is the quota, whatever the rate sent); at most the rate it was really sending
 *   at (the lower of the allowed rate and the measured start rate). It cuts the rate to `beta` × that
 *   estimate — at most once per window: a 429 for a request started before the last cut says nothing
 *   new (it was sent at the old rate), so a burst of in-flight requests that all come back throttled
 *   cuts the rate once, not once per request.
 * - It then recovers along a cubic of the time since the cut (CUBIC, as in the AWS SDKs' adaptive retry
 *   mode): fast at first, flat near the estimate (`lastMax`), then probing beyond it ever faster, up to
 *   the ceiling; beyond `lastMax` never above twice the measured start rate (so time spent idle, e.g.
 *   every worker waiting out a Retry-After, does not count as probing).
 * @example
 * const pacer = new Pacer({ maxRps: 150 });
 * const slot = await pacer.acquire(deadline.endsAt);
 * if (slot) send().then(() => pacer.onSuccess(slot), (e) => is429(e) && pacer.onThrottled(slot));
 */
import { type RateLimiter, type Slot, sleep } from './parts';

export type { Slot } from './parts';

export interface PacerOptions {
  /** Ceiling, requests per second. */
  maxRps: number;
  /** Floor, requests per second (default 1, or maxRps when lower). */
  minRps?: number;
  /** Multiplicative decrease on throttling (default 0.7, CUBIC's and the AWS SDKs' beta). */
  beta?: number;
  /** CUBIC's scale constant C, in requests/s per s³ (default 0.4, as the AWS SDKs). */
  scale?: number;
}

/** Width of the window over which the start rate is measured, in ms. */
export const MEASURE_MS = 500;
/** How many recent answers the accepted-rate estimate looks at. */
export const SAMPLE = 10;

export class Pacer implements RateLimiter {
  readonly maxRps: number;
  readonly minRps: number;
  private readonly beta: number;
  private readonly scale: number;
  private rate: number;
  private nextSlot = -Infinity;
  /** Bumped on every cut: slots of an older epoch were granted at the old rate. */
  private epoch = 0;
  /** Rate at which the last throttling happened, and CUBIC's K (s) and the time of the cut (ms). */
  private lastMax: number;
  private k = 0;
  private cutAt: number | undefined;
  /** Start times of the recent slots (for the measured rate), oldest first from `head`. */
  private starts: number[] = [];
  private head = 0;
  private firstStart: number | undefined;
  /** The last SAMPLE answers: start time and whether it was accepted (ring buffer). */
  private readonly answers: Array<{ at: number; ok: boolean }> = [];
  private answerIndex = 0;
  /** How many cuts the throttling caused (for the logs and the tests). */
  cuts = 0;

  constructor(
    options: PacerOptions,
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    if (!(options.maxRps > 0)) throw new RangeError('maxRps must be positive');
    this.maxRps = options.maxRps;
    this.minRps = Math.min(options.minRps ?? 1, options.maxRps);
    this.beta = options.beta ?? 0.7;
    this.scale = options.scale ?? 0.4;
    this.rate = options.maxRps;
    this.lastMax = options.maxRps;
  }

  /** The rate the pacer currently allows, in requests per second. */
  currentRps(): number {
    this.recover(this.now());
    return this.rate;
  }

  /** Starts per second over the last MEASURE_MS (or since the first start, when that is shorter). */
  measuredRps(): number {
    const now = this.now();
    this.forget(now);
    let count = 0;
    for (let i = this.starts.length - 1; i >= this.head; i--) if ((this.starts[i] as number) <= now) count++;
    const span = Math.min(MEASURE_MS, Math.max(now - (this.firstStart ?? now), 1000 / this.maxRps));
    return (count * 1000) / span;
  }

  /**
   * Waits for the next start slot and returns it. Returns undefined, without waiting, when that slot
   * is after `notAfter` (epoch ms): the caller then defers its work instead of sleeping past its deadline.
   */
  async acquire(notAfter: number): Promise<Slot | undefined> {
    const now = this.now();
    this.recover(now);
    const at = Math.max(now, this.nextSlot);
    if (at > notAfter) return undefined;
    this.nextSlot = at + 1000 / this.rate;
    this.forget(now);
    this.starts.push(at);
    this.firstStart ??= at;
    const slot: Slot = { at, epoch: this.epoch };
    if (at > now) await this.wait(at - now);
    return slot;
  }

  /**
   * A 429 for the request started in `slot`: cut the rate, unless a cut already happened since that
   * request was started. Returns whether it cut.
   */
  onThrottled(slot: Slot): boolean {
    this.remember(slot, false);
    if (slot.epoch !== this.epoch) return false;
    const now = this.now();
    this.recover(now);
    const sending = Math.min(this.rate, this.measuredRps());
    // No request accepted among the recent answers is no evidence of the quota (a 429 on the very
    // first call, say): then it is plain multiplicative decrease from the rate being sent.
    const accepted = this.acceptedRps();
    const estimate = Math.max(this.minRps, accepted > 0 ? Math.min(sending, accepted) : sending);
    this.lastMax = estimate;
    this.rate = Math.max(this.minRps, estimate * this.beta);
    this.k = Math.cbrt((this.lastMax - this.rate) / this.scale);
    this.cutAt = now;
    this.epoch++;
    this.cuts++;
    // The slots already handed out were spaced at the old rate: space the next one at the new rate.
    this.nextSlot = Math.max(this.nextSlot, now) + 1000 / this.rate;
    return true;
  }

  /**
   * Accepted requests per second among the last SAMPLE answers, over the time their starts spanned
   * (plus one interval at the current rate, so a single answer gives the current rate).
   */
  acceptedRps(): number {
    let first = Infinity;
    let last = -Infinity;
    let ok = 0;
    for (const answer of this.answers) {
      first = Math.min(first, answer.at);
      last = Math.max(last, answer.at);
      if (answer.ok) ok++;
    }
    if (this.answers.length === 0) return this.rate;
    const span = last - first + 1000 / this.rate;
    return (ok * 1000) / span;
  }

  /**
   * A request that was not throttled (recovery itself depends on time, not on the count of successes).
   */
  onSuccess(slot: Slot): void {
    this.remember(slot, true);
  }

  /**
   * CUBIC: W(t) = lastMax + C·(t − K)³, t in seconds since the cut, never above 2× the measured start
   * rate once beyond lastMax; clamped to [minRps, maxRps]. The rate never falls here (only cuts lower it).
   */
  private recover(now: number): void {
    if (this.cutAt === undefined) return;
    const t = (now - this.cutAt) / 1000 - this.k;
    let target = this.lastMax + this.scale * t * t * t;
    if (target > this.lastMax) target = Math.min(target, Math.max(this.lastMax, 2 * this.measuredRps()));
    this.rate = Math.min(this.maxRps, Math.max(this.minRps, this.rate, target));
  }

  private remember(slot: Slot, ok: boolean): void {
    const answer = { at: slot.at, ok };
    if (this.answers.length < SAMPLE) this.answers.push(answer);
    else this.answers[this.answerIndex] = answer;
    this.answerIndex = (this.answerIndex + 1) % SAMPLE;
  }

  private forget(now: number): void {
    while (this.head < this.starts.length && (this.starts[this.head] as number) <= now - MEASURE_MS) this.head++;
    if (this.head > 1024 && this.head * 2 > this.starts.length) {
      this.starts = this.starts.slice(this.head);
      this.head = 0;
    }
  }
}
