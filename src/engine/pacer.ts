/**
 * Client-side request pacing: start slots evenly spaced at a rate that adapts to the service's quota
 * without being told it, and never goes above the ceiling (`maxRps`, SYNC_MAX_RPS: a budget, not a probe).
 * One pacer serves every request an instance sends to one endpoint, across invocations (pacers.ts).
 * - On a 429 it estimates the accepted rate from the successful answers alone (those of the last second,
 *   per second; never the throttled ones, which a gateway answers at once, before the backend latency)
 *   and cuts to `beta` × that (at most the rate it was really sending), never below `floorShare` × that
 *   second's accepted rate; once per window (a 429 for a request started before the last cut says nothing new).
 * - It recovers along CUBIC's cubic of the time since the cut (back to the estimate, then probing beyond
 *   it ever faster, never above twice the measured start rate), and at least linearly (`additive`): that
 *   equal linear increase is what brings instances sharing one quota to equal shares.
 * - Idle (nothing for IDLE_MS or more), the cubic's clock stops and the rate drifts back toward the
 *   ceiling, doubling every `idleDoublingMs`: the next invocation starts near the rate learned.
 * docs/processing.md ("Pacing", "Warm rate memory") gives the reasons for each constant.
 * @example
 * const pacer = new Pacer({ maxRps: 150 });
 * const slot = await pacer.acquire(deadline.endsAt);
 * if (slot) send().then(() => pacer.onSuccess(slot), (e) => is429(e) && pacer.onThrottled(slot));
 */
import { type RateCut, type RateLimiter, type Slot, sleep } from './parts';
import { TimeWindow } from './time-window';

export type { RateCut, Slot } from './parts';

export interface PacerOptions {
  /** Ceiling, requests per second. */
  maxRps: number;
  /** Floor, requests per second (default 1, or maxRps when lower). */
  minRps?: number;
  /** Multiplicative decrease on throttling (default 0.7, CUBIC's and the AWS SDKs' beta). */
  beta?: number;
  /** CUBIC's scale constant C, in requests/s per s³ (default 2; the AWS SDKs' 0.4 finds a grown quota too slowly). */
  scale?: number;
  /** A cut never goes below this share of the rate accepted over the last full second (default 0.55). */
  floorShare?: number;
  /** While idle the rate doubles every this many ms, up to the ceiling (default 5 minutes). */
  idleDoublingMs?: number;
  /** Linear increase after a cut, requests/s per second (default maxRps / 20, at most MAX_ADDITIVE). */
  additive?: number;
}

/** Width of the window over which the start rate is measured, in ms. */
export const MEASURE_MS = 500;
/** Width of the window over which the accepted rate is measured, in ms. */
export const ACCEPTED_MS = 1000;
/** The default linear increase after a cut is at most this, requests/s per second. */
export const MAX_ADDITIVE = 7.5;
/** Below this many successes in the pacer's first second, the accepted rate is no evidence of the quota. */
export const MIN_EVIDENCE = 5;
/** A gap without any request start or answer this long makes the pacer idle. */
export const IDLE_MS = 1000;

export class Pacer implements RateLimiter {
  readonly maxRps: number;
  readonly minRps: number;
  private readonly beta: number;
  private readonly scale: number;
  private readonly floorShare: number;
  private readonly idleDoublingMs: number;
  private readonly additive: number;
  private rate: number;
  private nextSlot = -Infinity;
  /** Bumped on every cut: slots of an older epoch were granted at the old rate. */
  private epoch = 0;
  /** The estimate at the last cut, CUBIC's K (s) and the time of the cut (ms). */
  private lastMax: number;
  private k = 0;
  private cutAt: number | undefined;
  /** The rate the last cut set (the start of the linear increase). */
  private cutTo = 0;
  private readonly starts = new TimeWindow(MEASURE_MS);
  private readonly successes = new TimeWindow(ACCEPTED_MS);
  /** The first start since the pacer was last idle. */
  private activeSince: number | undefined;
  private lastActivity: number | undefined;
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
    this.scale = options.scale ?? 2;
    this.floorShare = options.floorShare ?? 0.55;
    this.idleDoublingMs = options.idleDoublingMs ?? 300_000;
    this.additive = options.additive ?? Math.min(MAX_ADDITIVE, options.maxRps / 20);
    this.rate = options.maxRps;
    this.lastMax = options.maxRps;
  }

  /** The rate the pacer currently allows, in requests per second. */
  currentRps(): number {
    const now = this.now();
    this.wake(now, false);
    this.recover(now);
    return this.rate;
  }

  /** Starts per second over the last MEASURE_MS (or since the pacer became active, when that is shorter). */
  measuredRps(): number {
    const now = this.now();
    const span = Math.min(MEASURE_MS, Math.max(now - (this.activeSince ?? now), 1000 / this.maxRps));
    return (this.starts.count(now) * 1000) / span;
  }

  /** Successes per second over the last full ACCEPTED_MS (a quota is a count per second, and its first burst no rate); undefined below MIN_EVIDENCE in the first second. */
  acceptedRps(): number | undefined {
    const now = this.now();
    const count = this.successes.count(now);
    const fullWindow = this.activeSince !== undefined && now - this.activeSince >= ACCEPTED_MS;
    return count >= MIN_EVIDENCE || (fullWindow && count > 0) ? (count * 1000) / ACCEPTED_MS : undefined;
  }

  /**
   * Waits for the next start slot and returns it. Returns undefined, without waiting, when that slot
   * is after `notAfter` (epoch ms): the caller then defers its work instead of sleeping past its deadline.
   */
  async acquire(notAfter: number): Promise<Slot | undefined> {
    const now = this.now();
    this.wake(now, true);
    this.recover(now);
    const at = Math.max(now, this.nextSlot);
    if (at > notAfter) return undefined;
    this.nextSlot = at + 1000 / this.rate;
    this.starts.add(at);
    this.activeSince ??= at;
    const slot: Slot = { at, epoch: this.epoch };
    if (at > now) await this.wait(at - now);
    return slot;
  }

  /** A request that was not throttled (recovery itself depends on time, not on the count of successes). */
  onSuccess(_slot: Slot): void {
    const now = this.now();
    this.wake(now, true);
    this.successes.add(now);
  }

  /** A 429 for the request started in `slot`: cut, unless a cut happened since it started. Returns the cut made. */
  onThrottled(slot: Slot): RateCut | undefined {
    const now = this.now();
    this.wake(now, true);
    if (slot.epoch !== this.epoch) return undefined;
    this.recover(now);
    const fromRps = this.rate;
    const sendingRps = Math.min(this.rate, this.measuredRps());
    // Too few successes are no evidence of the quota (a 429 on the very first call, say): then it is
    // plain multiplicative decrease from the rate being sent.
    const accepted = this.acceptedRps();
    const estimate = Math.max(this.minRps, accepted === undefined ? sendingRps : Math.min(sendingRps, accepted));
    const floor = (this.floorShare * this.successes.count(now) * 1000) / ACCEPTED_MS;
    this.rate = Math.min(fromRps, Math.max(this.minRps, estimate * this.beta, floor));
    this.lastMax = Math.max(estimate, this.rate);
    this.k = Math.cbrt((this.lastMax - this.rate) / this.scale);
    this.cutAt = now;
    this.cutTo = this.rate;
    this.epoch++;
    this.cuts++;
    // The slots already handed out were spaced at the old rate: space the next one at the new rate.
    this.nextSlot = Math.max(this.nextSlot, now) + 1000 / this.rate;
    return { at: now, fromRps, toRps: this.rate, acceptedRps: accepted ?? 0, sendingRps };
  }

  /** After IDLE_MS or more with nothing: the rate drifts toward the ceiling, the cubic's clock skips the gap, measurements restart. */
  private wake(now: number, active: boolean): void {
    const gap = this.lastActivity === undefined ? 0 : now - this.lastActivity;
    if (gap >= IDLE_MS) {
      this.rate = Math.min(this.maxRps, this.rate * 2 ** (gap / this.idleDoublingMs));
      if (this.cutAt !== undefined) this.cutAt += gap;
      this.activeSince = undefined;
      this.lastActivity = now;
    }
    if (active) this.lastActivity = Math.max(this.lastActivity ?? now, now);
  }

  /**
   * max(CUBIC's W(t) = lastMax + C·(t − K)³, the cut's rate + additive·t), t in seconds since the cut,
   * never above 2× the measured start rate once beyond lastMax; in [minRps, maxRps]; never lower.
   */
  private recover(now: number): void {
    if (this.cutAt === undefined) return;
    const t = (now - this.cutAt) / 1000 - this.k;
    // Linear slope: the same for every instance of a deployment, but gentler under a small quota.
    const slope = Math.min(this.additive, this.lastMax / 2);
    const linear = this.cutTo + (slope * (now - this.cutAt)) / 1000;
    let target = Math.max(this.lastMax + this.scale * t * t * t, linear);
    if (target > this.lastMax) target = Math.min(target, Math.max(this.lastMax, 2 * this.measuredRps()));
    this.rate = Math.min(this.maxRps, Math.max(this.minRps, this.rate, target));
  }
}
