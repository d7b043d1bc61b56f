import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/sync/deadline';
import { Pacer } from '../../src/sync/pacer';

describe('Pacer', () => {
  it('spaces start slots at the rate', async () => {
    // Prepare: a fake clock that only moves when we say so; slots in the past do not sleep.
    let now = 1_000_000;
    const pacer = new Pacer({ maxRps: 10 }, () => now);
    // Act
    const first = await pacer.acquire(Infinity);
    now += 100;
    const second = await pacer.acquire(Infinity);
    // Assess
    expect([first, second]).toEqual([true, true]);
  });

  it('refuses, without waiting, a slot after the deadline', async () => {
    const now = 1_000_000;
    const pacer = new Pacer({ maxRps: 1 }, () => now);
    expect(await pacer.acquire(now + 10)).toBe(true);
    expect(await pacer.acquire(now + 10)).toBe(false);
  });

  it('halves-ish on throttling and climbs back on success, within bounds', () => {
    const pacer = new Pacer({ maxRps: 100, minRps: 1 });
    pacer.onThrottled();
    expect(pacer.currentRps()).toBeCloseTo(70);
    for (let i = 0; i < 30; i++) pacer.onThrottled();
    expect(pacer.currentRps()).toBe(1);
    for (let i = 0; i < 10_000; i++) pacer.onSuccess();
    expect(pacer.currentRps()).toBe(100);
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
