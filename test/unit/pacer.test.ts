import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/engine/deadline';
import { Pacer, type Slot } from '../../src/engine/pacer';

/** A fake clock: `wait` moves it forward (and runs what is due on the way), nothing sleeps for real. */
function fakeClock(start = 1_000_000) {
  const clock = {
    now: start,
    due: [] as Array<{ at: number; run: () => void }>,
    /** Runs, in time order, everything due up to `until`, moving the clock to each. */
    advance(until: number) {
      for (;;) {
        clock.due.sort((a, b) => a.at - b.at);
        const next = clock.due[0];
        if (!next || next.at > until) break;
        clock.due.shift();
        clock.now = Math.max(clock.now, next.at);
        next.run();
      }
      clock.now = Math.max(clock.now, until);
    },
    wait: (ms: number) => {
      clock.advance(clock.now + ms);
      return Promise.resolve();
    },
  };
  return clock;
}

/**
 * The pacer alone against the API gateway's quota (a token bucket of `q` per second, burst `q`) with
 * endless demand: each request is answered `latencyMs` after its start, 429 when the bucket is empty.
 */
async function simulate(options: { maxRps: number; q: number; latencyMs: number; seconds: number }) {
  const clock = fakeClock();
  const pacer = new Pacer({ maxRps: options.maxRps }, () => clock.now, clock.wait);
  let tokens = options.q;
  let refilledAt = clock.now;
  const end = clock.now + options.seconds * 1000;
  const steadyFrom = clock.now + 2_000;
  let sent = 0;
  let throttled = 0;
  let steadySent = 0;
  let steadyThrottled = 0;
  for (;;) {
    const slot = await pacer.acquire(end);
    if (!slot) break;
    tokens = Math.min(options.q, tokens + ((slot.at - refilledAt) / 1000) * options.q);
    refilledAt = slot.at;
    const ok = tokens >= 1;
    if (ok) tokens -= 1;
    sent++;
    if (!ok) throttled++;
    if (slot.at >= steadyFrom) {
      steadySent++;
      if (!ok) steadyThrottled++;
    }
    clock.due.push({ at: slot.at + options.latencyMs, run: () => (ok ? pacer.onSuccess(slot) : pacer.onThrottled(slot)) });
  }
  return { sent, throttled, accepted: sent - throttled, steadyShare: steadyThrottled / steadySent, pacer };
}

describe('Pacer', () => {
  it('spaces start slots evenly at the rate, starting at the ceiling', async () => {
    // Prepare
    const clock = fakeClock();
    const pacer = new Pacer({ maxRps: 10 }, () => clock.now, clock.wait);
    // Act
    const slots: Slot[] = [];
    for (let i = 0; i < 5; i++) slots.push((await pacer.acquire(Infinity))!);
    // Assess
    expect(slots.map((s) => s.at - 1_000_000)).toEqual([0, 100, 200, 300, 400]);
    expect(pacer.currentRps()).toBe(10);
  });

  it('refuses, without waiting, a slot after the deadline', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ maxRps: 1 }, () => clock.now, clock.wait);
    expect(await pacer.acquire(clock.now + 10)).toBeDefined();
    const before = clock.now;
    expect(await pacer.acquire(clock.now + 10)).toBeUndefined();
    expect(clock.now).toBe(before);
  });

  it('cuts once per window: a burst of in-flight requests throttled together cuts the rate once', async () => {
    // Prepare: 16 requests started at 100/s, all answered 429 afterwards
    const clock = fakeClock();
    const pacer = new Pacer({ maxRps: 100 }, () => clock.now, clock.wait);
    const slots: Slot[] = [];
    for (let i = 0; i < 16; i++) slots.push((await pacer.acquire(Infinity))!);
    clock.advance(clock.now + 50);
    // Act
    const cuts = slots.map((slot) => pacer.onThrottled(slot));
    // Assess: only the first 429 cut; all answers were refusals, so the estimate is the floor
    expect(cuts.filter(Boolean)).toHaveLength(1);
    expect(pacer.cuts).toBe(1);
    expect(pacer.currentRps()).toBeLessThanOrEqual(70);
    // A request started after the cut and throttled again does cut again
    const later = (await pacer.acquire(Infinity))!;
    expect(pacer.onThrottled(later)).toBe(true);
    expect(pacer.cuts).toBe(2);
  });

  it('cuts to beta × the accepted rate, not the rate it was allowed', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ maxRps: 100 }, () => clock.now, clock.wait);
    // 10 answers over ~100 ms of starts, 3 accepted: about 30/s accepted
    const slots: Slot[] = [];
    for (let i = 0; i < 10; i++) slots.push((await pacer.acquire(Infinity))!);
    for (const slot of slots.slice(0, 3)) pacer.onSuccess(slot);
    for (const slot of slots.slice(3, 9)) pacer.onThrottled(slot); // cuts once, at the first of these
    expect(pacer.cuts).toBe(1);
    // The first cut saw 3 accepted of 4 answers; the estimate is bounded by what was being sent
    expect(pacer.currentRps()).toBeGreaterThan(0.7 * 30);
    expect(pacer.currentRps()).toBeLessThan(0.7 * 100);
  });

  it('with no request accepted yet, a 429 cuts to beta × the rate sent, not to the floor', async () => {
    // Prepare: ten starts at 100/s, the very first answer is a 429.
    const clock = fakeClock();
    const pacer = new Pacer({ maxRps: 100 }, () => clock.now, clock.wait);
    const slots: Slot[] = [];
    for (let i = 0; i < 10; i++) slots.push((await pacer.acquire(Infinity))!);
    // Act
    pacer.onThrottled(slots[0]!);
    // Assess
    expect(pacer.currentRps()).toBeGreaterThan(0.7 * 50);
  });

  it('recovers along the cubic: to the estimate by K, beyond it only as fast as it is used, up to the ceiling', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ maxRps: 100 }, () => clock.now, clock.wait);
    const slots: Slot[] = [];
    for (let i = 0; i < 10; i++) slots.push((await pacer.acquire(Infinity))!);
    for (const slot of slots.slice(0, 5)) pacer.onSuccess(slot);
    pacer.onThrottled(slots[5]!);
    const cutRate = pacer.currentRps();
    expect(cutRate).toBeLessThan(70);
    // Idle: the rate climbs back to the estimate (lastMax) but no further, however long it waits
    clock.advance(clock.now + 60_000);
    const idle = pacer.currentRps();
    expect(idle).toBeGreaterThan(cutRate);
    expect(idle).toBeCloseTo(cutRate / 0.7, 5);
    // Busy: starting requests as fast as allowed, it probes beyond, ever faster, up to the ceiling
    for (let i = 0; i < 5_000; i++) await pacer.acquire(Infinity);
    expect(pacer.currentRps()).toBe(100);
  });

  it('never goes below the floor nor above the ceiling', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ maxRps: 50, minRps: 2 }, () => clock.now, clock.wait);
    for (let i = 0; i < 30; i++) pacer.onThrottled((await pacer.acquire(Infinity))!);
    expect(pacer.currentRps()).toBe(2);
    expect(new Pacer({ maxRps: 0.5 }).minRps).toBe(0.5);
    expect(() => new Pacer({ maxRps: 0 })).toThrow(RangeError);
  });

  it.each([
    { maxRps: 150, q: 30 },
    { maxRps: 150, q: 100 },
    { maxRps: 400, q: 150 },
  ])('at a quota it is not told ($q/s, ceiling $maxRps/s) keeps throttling low and throughput near the quota', async ({ maxRps, q }) => {
    const seconds = 20;
    const { sent, throttled, accepted } = await simulate({ maxRps, q, latencyMs: 50, seconds });
    // Over 20 s the bucket lets through at most q·(20 + 1) requests
    expect(throttled / sent).toBeLessThanOrEqual(0.1);
    expect(accepted).toBeGreaterThanOrEqual(0.85 * q * seconds);
  });

  it('at a quota far below the ceiling pays for the start (about (ceiling − quota) × latency throttled), then stays low', async () => {
    const { throttled, accepted, steadyShare } = await simulate({ maxRps: 150, q: 5, latencyMs: 50, seconds: 20 });
    expect(throttled).toBeLessThanOrEqual(30);
    expect(steadyShare).toBeLessThanOrEqual(0.1);
    expect(accepted).toBeGreaterThanOrEqual(0.85 * 5 * 20);
  });

  it('stays at the ceiling when the quota is above it', async () => {
    const { throttled, accepted, pacer } = await simulate({ maxRps: 100, q: 300, latencyMs: 50, seconds: 5 });
    expect(throttled).toBe(0);
    expect(accepted).toBeGreaterThanOrEqual(500);
    expect(pacer.cuts).toBe(0);
  });
});

describe('Deadline', () => {
  it('keeps the reserve, or half of a short budget', () => {
    const now = () => 0;
    expect(Deadline.fromRemaining(60_000, 1_500, now).endsAt).toBe(58_500);
    expect(Deadline.fromRemaining(2_000, 1_500, now).endsAt).toBe(1_000);
    expect(Deadline.fromRemaining(0, 1_500, now).remainingMs()).toBe(0);
  });
});
