// A warm instance running small jobs back to back: 20 invocations of 30 buses each in one process at a
// quota of 20/s, then the quota rises to 100/s and 10 more run. What the instance remembers of the rate
// between invocations decides how often each one is throttled, and how fast it finds the larger quota.
import { round, sendRate } from '../lib/figures.mjs';
import { clientOf, startFleetEmulator } from '../lib/setup.mjs';
import { probe } from './process.mjs';

/** `low`/`high`: the quota before and after the rise; `before`/`after`: invocations at each. */
export async function warmSequence(emu, bundle, { busesPerJob = 30, before = 20, after = 10, low = 20, high = 100, latencyMs = 50 } = {}) {
  const { em, fleet } = await startFleetEmulator(emu, {
    groups: before + after,
    busesPerGroup: busesPerJob,
    latencyMs,
    quota: { ratePerSecond: low },
  });
  try {
    const invocations = fleet.groups.map((group, i) => ({
      event: { kind: 'resync', groupIds: [group.group_id] },
      remainingMs: 120_000,
      hold: i === before,
    }));
    let riseAt = Infinity;
    const r = await probe({ kind: 'invoke', bundle, ...clientOf(emu, em, { LOG_LEVEL: 'info' }), invocations }, () => {
      em.setQuota({ ratePerSecond: high });
      riseAt = Date.now();
    });
    const calls = em.calls;
    const phase = (from, to) => {
      const mine = calls.filter((c) => c.time >= from && c.time < to);
      const throttled = mine.filter((c) => c.status === 429).length;
      return { calls: mine.length, throttled, throttledShare: round(throttled / Math.max(1, mine.length), 3) };
    };
    const rows = r.invocations.map((x, i) => ({
      i: i + 1,
      quota: i < before ? low : high,
      wallS: round(x.wallMs / 1000, 3),
      sendRps: round(sendRate(calls, x.startedAt, x.endedAt) ?? 0, 1),
      throttled: calls.filter((c) => c.time >= x.startedAt && c.time <= x.endedAt && c.status === 429).length,
      synced: x.synced,
    }));
    const risen = rows.slice(before);
    const follows = risen.findIndex((x) => x.sendRps >= 0.8 * high);
    return {
      busesPerJob,
      latencyMs,
      low: { quota: low, invocations: before, ...phase(0, riseAt) },
      high: { quota: high, invocations: after, ...phase(riseAt, Infinity) },
      /** The first invocation after the rise whose send rate reached 0.8 × the new quota (1 = the first). */
      invocationsToFollow: follows < 0 ? null : follows + 1,
      allSynced: rows.every((x) => x.synced === busesPerJob),
      rows,
    };
  } finally {
    await em.close();
  }
}
