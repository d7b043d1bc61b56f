/**
 * Pacing as the built bundles do it, against the emulator's quota: a gateway that answers 429 at once,
 * and a warm instance that remembers the rate between invocations (issue 11). Speed itself is measured
 * in `npm run bench`; these tests assert what the function does.
 */
import { expect, it } from 'vitest';
import { generateFleet } from '../../dev';
import { busesOf, mustReport, sorted, useE2E } from '../support/e2e';

const e2e = useE2E();

it('a gateway answering 429 at once: every cut is logged, none below half the rate accepted over the second before, all synced', async () => {
  // Prepare: one group of 60 buses, 30 ms of latency, a quota of 20/s whose 429s come at once
  const fleet = generateFleet({ groups: 1, busesPerGroup: 60, seed: 11 });
  const em = await e2e.setUp({ fleet, latencyMs: 30, quota: { ratePerSecond: 20, immediate: true } });
  const groupId = fleet.groups[0]?.group_id ?? '';
  // Act
  const report = mustReport(await e2e.invoke('functiongraph', { kind: 'resync', groupIds: [groupId] }));
  // Assess
  expect(sorted(report.synced)).toEqual(busesOf(em, { groupId }));
  const cuts = e2e.logEntries().filter((entry) => entry.message === 'rate cut') as Array<Record<string, number>>;
  expect(cuts.length).toBeGreaterThan(0);
  for (const cut of cuts) {
    expect(cut.toRps).toBeLessThan(cut.fromRps as number);
    const accepted = em.calls.filter((c) => c.status === 200 && c.time > (cut.at as number) - 1000 && c.time <= (cut.at as number)).length;
    expect(cut.toRps).toBeGreaterThanOrEqual(0.5 * accepted);
  }
});

it('a warm instance remembers the rate: the next invocation against the same quota is throttled far less', async () => {
  // Prepare: two groups of 30 buses, 100 ms of latency, a quota of 20/s (the ceiling is 150/s)
  const fleet = generateFleet({ groups: 2, busesPerGroup: 30, seed: 12 });
  const em = await e2e.setUp({ fleet, latencyMs: 100, quota: { ratePerSecond: 20 } });
  const [first, second] = fleet.groups.map((g) => g.group_id);
  const throttled = () => em.stats().throttled;
  // Act: the same instance (the bundle stays loaded), one invocation after the other
  const before = throttled();
  const one = mustReport(await e2e.invoke('functiongraph', { kind: 'resync', groupIds: [first] }));
  const firstThrottled = throttled() - before;
  const two = mustReport(await e2e.invoke('functiongraph', { kind: 'resync', groupIds: [second] }));
  const secondThrottled = throttled() - before - firstThrottled;
  // Assess: the first pays for starting at the ceiling; the second starts near the rate learned
  expect([one.synced.length, two.synced.length]).toEqual([30, 30]);
  expect(firstThrottled).toBeGreaterThanOrEqual(5);
  expect(secondThrottled).toBeLessThanOrEqual(firstThrottled / 2);
});
