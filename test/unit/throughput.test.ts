/**
 * The engine as a whole (queue, Little's-law sizing, retries, the real Pacer) against a simulated gateway
 * quota, in simulated time (test/support/simulation.ts): the throughput behaviour issue 11 asks for, checked
 * deterministically. The same scenarios run for real, against the emulator, in `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/engine/pacer';
import { SimClock, SimQuota, simulate } from '../support/simulation';

const ratio = (wallMs: number, n: number, q: number) => wallMs / 1000 / (n / q);
const flows = (count: number, buses: number) => Array.from({ length: count }, (_, k) => ({ buses, perGroup: 50, delayMs: k * 7 }));

describe('throughput at a quota the function is not told (simulated)', () => {
  it('at 400 ms latency keeps enough requests in flight: N=1000, Q=100/s within 1.25 × N/Q, ≤ 10% throttled', async () => {
    const r = await simulate({ q: 100, latencyMs: 400, jitter: 0.2, flows: flows(1, 1000) });
    expect(r.results[0]?.synced).toBe(1000);
    expect(ratio(r.wallMs, 1000, 100)).toBeLessThanOrEqual(1.25);
    expect(r.throttledShare).toBeLessThanOrEqual(0.1);
  });

  it('with a gateway answering 429 at once: N=1200, Q=90/s within 1.05 × N/Q, no cut below half the rate accepted the second before', async () => {
    const r = await simulate({ q: 90, latencyMs: 30, immediate429: true, jitter: 0.2, flows: flows(1, 1200) });
    expect(r.results[0]?.synced).toBe(1200);
    expect(ratio(r.wallMs, 1200, 90)).toBeLessThanOrEqual(1.05);
    const cuts = r.results[0]?.rateCuts ?? [];
    expect(cuts.length).toBeGreaterThan(0);
    for (const cut of cuts) {
      const accepted = r.quota.log.filter((x) => x.ok && x.at > cut.at - 1000 && x.at <= cut.at).length;
      expect(cut.toRps).toBeGreaterThanOrEqual(0.5 * accepted);
    }
  });

  it('a warm instance: 20 back-to-back invocations of 30 buses at 20/s stay ≤ 10% throttled; a quota risen to 100/s is followed within 5', async () => {
    // Prepare: one pacer for the instance, one quota
    const clock = new SimClock();
    const quota = new SimQuota(clock, 20);
    const pacer = new Pacer({ maxRps: 150 }, () => clock.now, clock.sleep);
    const run = () => simulate({ q: 20, latencyMs: 50, clock, quota, flows: [{ buses: 30, perGroup: 30, limiter: pacer }] });
    // Act
    for (let i = 0; i < 20; i++) await run();
    const low = quota.log.length;
    const lowThrottled = quota.log.filter((x) => !x.ok).length;
    quota.setRate(100);
    const rates: number[] = [];
    for (let i = 0; i < 5; i++) {
      const from = quota.log.length;
      await run();
      const syncs = quota.log.slice(from + 1);
      rates.push(((syncs.length - 1) * 1000) / ((syncs.at(-1)?.at ?? 0) - (syncs[0]?.at ?? 0)));
    }
    // Assess
    expect(lowThrottled / low).toBeLessThanOrEqual(0.1);
    expect(Math.max(...rates)).toBeGreaterThanOrEqual(80);
  });

  it('4 instances of 250 buses on one quota of 80/s: within 1.25 × N/Q, ≤ 10% throttled, nothing lost', async () => {
    const r = await simulate({ q: 80, latencyMs: 50, jitter: 0.2, flows: flows(4, 250) });
    expect(r.results.map((x) => x.synced)).toEqual([250, 250, 250, 250]);
    expect(ratio(r.wallMs, 1000, 80)).toBeLessThanOrEqual(1.25);
    expect(r.throttledShare).toBeLessThanOrEqual(0.1);
  });
});
