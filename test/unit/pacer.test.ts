import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/engine/deadline';
import { ACCEPTED_MS, IDLE_MS, Pacer, type RateCut, type Slot } from '../../src/engine/pacer';

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

const pacerOn = (clock: ReturnType<typeof fakeClock>, maxRps: number) => new Pacer({ maxRps }, () => clock.now, clock.wait);

/**
 * The pacer alone against the API gateway's quota (a token bucket of `q` per second, burst `q`) with
 * endless demand: each request is answered `latencyMs` after its start, a 429 at once with `immediate429`
 * (a gateway's answer) or after the same latency. Records every cut with the rate the bucket really
 * accepted over the second before it.
 */
async function simulate(options: { maxRps: number; q: number; latencyMs: number; seconds: number; immediate429?: boolean }) {
  const clock = fakeClock();
  const pacer = pacerOn(clock, options.maxRps);
  let tokens = options.q;
  let refilledAt = clock.now;
  const end = clock.now + options.seconds * 1000;
  const steadyFrom = clock.now + 2_000;
  const acceptedAt: number[] = [];
  const cuts: Array<RateCut & { acceptedLastSecond: number }> = [];
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
    if (ok) acceptedAt.push(slot.at);
    sent++;
    if (!ok) throttled++;
    if (slot.at >= steadyFrom) {
      steadySent++;
      if (!ok) steadyThrottled++;
    }
    const answerAt = slot.at + (ok || !options.immediate429 ? options.latencyMs : 0);
    clock.due.push({
      at: answerAt,
      run: () => {
        if (ok) return pacer.onSuccess(slot);
        const cut = pacer.onThrottled(slot);
        const lastSecond = acceptedAt.filter((at) => at > clock.now - ACCEPTED_MS && at <= clock.now).length;
        if (cut) cuts.push({ ...cut, acceptedLastSecond: lastSecond });
      },
    });
  }
  return { sent, throttled, accepted: sent - throttled, steadyShare: steadyThrottled / steadySent, pacer, cuts };
}

describe('Pacer', () => {
  it('spaces start slots evenly at the rate, starting at the ceiling', async () => {
    // Prepare
    const clock = fakeClock();
    const pacer = pacerOn(clock, 10);
    // Act
    const slots: Slot[] = [];
    for (let i = 0; i < 5; i++) slots.push((await pacer.acquire(Infinity))!);
    // Assess
    expect(slots.map((s) => s.at - 1_000_000)).toEqual([0, 100, 200, 300, 400]);
    expect(pacer.currentRps()).toBe(10);
  });

  it('refuses, without waiting, a slot after the deadline', async () => {
    const clock = fakeClock();
    const pacer = pacerOn(clock, 1);
    expect(await pacer.acquire(clock.now + 10)).toBeDefined();
    const before = clock.now;
    expect(await pacer.acquire(clock.now + 10)).toBeUndefined();
    expect(clock.now).toBe(before);
  });

  it('cuts once per window: a burst of in-flight requests throttled together cuts the rate once', async () => {
    // Prepare: 16 requests started at 100/s, all answered 429 afterwards
    const clock = fakeClock();
    const pacer = pacerOn(clock, 100);
    const slots: Slot[] = [];
    for (let i = 0; i < 16; i++) slots.push((await pacer.acquire(Infinity))!);
    clock.advance(clock.now + 50);
    // Act
    const cuts = slots.map((slot) => pacer.onThrottled(slot));
    // Assess: only the first 429 cut, to beta × the rate sent (no success: no evidence of the quota)
    expect(cuts.filter(Boolean)).toHaveLength(1);
    expect(cuts[0]).toMatchObject({ fromRps: 100, acceptedRps: 0 });
    expect(cuts[0]?.toRps).toBeCloseTo(0.7 * (cuts[0]?.sendingRps ?? 0), 5);
    expect(cuts[0]?.sendingRps).toBeGreaterThan(70);
    // A request started after the cut and throttled again does cut again
    const later = (await pacer.acquire(Infinity))!;
    expect(pacer.onThrottled(later)).toBeDefined();
    expect(pacer.cuts).toBe(2);
  });

  it('estimates the accepted rate from the successes of the last second, not from when the 429s started', async () => {
    // Prepare: 150/s sent for a second; 90 of them accepted, answered 30 ms after their start; the
    // rest refused at once, as a gateway does (so 429s come back before older requests' successes)
    const clock = fakeClock();
    const pacer = pacerOn(clock, 150);
    for (let i = 0; i < 150; i++) {
      const slot = (await pacer.acquire(Infinity))!;
      if (i % 5 < 3) clock.due.push({ at: slot.at + 30, run: () => pacer.onSuccess(slot) });
    }
    clock.advance(clock.now + 30);
    // Act: a fresh request is refused at once
    const refused = (await pacer.acquire(Infinity))!;
    const cut = pacer.onThrottled(refused)!;
    // Assess: ~90/s accepted over the last second, cut to 0.7 × that (the old estimate, successes among
    // the last answers over the spread of their starts, read about 9 ÷ latency here)
    expect(cut.acceptedRps).toBeGreaterThanOrEqual(85);
    expect(cut.acceptedRps).toBeLessThanOrEqual(91);
    expect(cut.toRps).toBeCloseTo(0.7 * cut.acceptedRps, 5);
  });

  it('never cuts below 0.55 × the rate accepted over the last second, however quickly 429s follow', async () => {
    // Prepare: a second at 150/s, every request accepted
    const clock = fakeClock();
    const pacer = pacerOn(clock, 150);
    for (let i = 0; i < 150; i++) {
      const slot = (await pacer.acquire(Infinity))!;
      clock.due.push({ at: slot.at + 30, run: () => pacer.onSuccess(slot) });
    }
    clock.advance(clock.now + 30);
    // Act: three requests in a row, each started after the previous cut, refused at once
    const cuts: RateCut[] = [];
    for (let i = 0; i < 3; i++) cuts.push(pacer.onThrottled((await pacer.acquire(Infinity))!)!);
    // Assess: 0.7 × ~150 accepted, then not 0.7 × that again (0.49) but the floor
    const [first, second, third] = cuts as [RateCut, RateCut, RateCut];
    expect(first.acceptedRps).toBeGreaterThan(140);
    expect(first.toRps).toBeCloseTo(0.7 * Math.min(first.sendingRps, first.acceptedRps), 5);
    expect(second.toRps).toBeCloseTo(0.55 * second.acceptedRps, 5);
    expect(second.toRps).toBeGreaterThan(0.7 * first.toRps);
    expect(third.toRps).toBeGreaterThanOrEqual(0.55 * 140);
  });

  it('recovers along the cubic and at least linearly; beyond the estimate only as fast as it is used, up to the ceiling', async () => {
    const clock = fakeClock();
    const pacer = pacerOn(clock, 100);
    const slots: Slot[] = [];
    for (let i = 0; i < 10; i++) slots.push((await pacer.acquire(Infinity))!);
    pacer.onThrottled(slots[0]!);
    const cutRate = pacer.currentRps();
    expect(cutRate).toBe(70);
    // Unused: it climbs back to the estimate (100) but no further, however long it waits (idle drift aside)
    clock.advance(clock.now + 900);
    expect(pacer.currentRps()).toBeGreaterThan(cutRate);
    clock.advance(clock.now + 60_000);
    expect(pacer.currentRps()).toBeLessThan(100 * 1.2);
    // Busy: starting requests as fast as allowed, it reaches the ceiling and stays there
    for (let i = 0; i < 2_000; i++) await pacer.acquire(Infinity);
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

  it('remembers the rate while idle, drifting back toward the ceiling: doubling every 5 minutes', async () => {
    // Prepare: cut from 100 to 70 on a 429 with no success yet
    const clock = fakeClock();
    const pacer = pacerOn(clock, 100);
    const cut = pacer.onThrottled((await pacer.acquire(Infinity))!)!;
    expect(cut.toRps).toBe(70);
    // Act: a minute with nothing to send (recovery would be complete after 3 s of work)
    clock.advance(clock.now + 60_000);
    // Assess: the idle minute does not count as recovery; it only drifts the rate up by 2^(1/5)
    expect(pacer.currentRps()).toBeCloseTo(70 * 2 ** (60 / 300), 5);
    clock.advance(clock.now + 300_000);
    expect(pacer.currentRps()).toBe(100);
  });

  it('recovers while working, with a gap shorter than IDLE_MS counted as work', async () => {
    const clock = fakeClock();
    const pacer = pacerOn(clock, 100);
    pacer.onThrottled((await pacer.acquire(Infinity))!);
    clock.advance(clock.now + IDLE_MS - 1);
    expect(pacer.currentRps()).toBeGreaterThan(75);
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

  it.each([
    { q: 90, latencyMs: 30 },
    { q: 100, latencyMs: 400 },
  ])(
    'a gateway answering 429 at once (q $q/s, latency $latencyMs ms): no cut below half the rate accepted over the second before',
    async ({ q, latencyMs }) => {
      const { cuts, accepted, throttled, sent } = await simulate({ maxRps: 150, q, latencyMs, seconds: 20, immediate429: true });
      expect(cuts.length).toBeGreaterThan(0);
      for (const cut of cuts) expect(cut.toRps).toBeGreaterThanOrEqual(0.5 * cut.acceptedLastSecond);
      expect(accepted).toBeGreaterThanOrEqual(0.9 * q * 20);
      expect(throttled / sent).toBeLessThanOrEqual(0.1);
    },
  );

  it('at a quota far below the ceiling pays for the start, then stays low', async () => {
    const { throttled, accepted, steadyShare } = await simulate({ maxRps: 150, q: 10, latencyMs: 50, seconds: 30 });
    expect(throttled).toBeLessThanOrEqual(40);
    expect(steadyShare).toBeLessThanOrEqual(0.1);
    expect(accepted).toBeGreaterThanOrEqual(0.85 * 10 * 30);
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
