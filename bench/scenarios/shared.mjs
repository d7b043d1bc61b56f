// Many instances, one quota: `instances` processes (each a warm-less instance with its own pacer) each
// resync their own `perInstance` buses at once against one emulator quota they are not told.
import { round } from '../lib/figures.mjs';
import { clientOf, startFleetEmulator } from '../lib/setup.mjs';
import { probe } from './process.mjs';

export async function sharedQuota(emu, bundle, { instances = 4, perInstance = 250, q = 80, latencyMs = 50, env = {} } = {}) {
  const groupsEach = Math.max(1, Math.round(perInstance / 50));
  const { em, fleet } = await startFleetEmulator(emu, {
    groups: instances * groupsEach,
    busesPerGroup: Math.round(perInstance / groupsEach),
    latencyMs,
    quota: { ratePerSecond: q },
  });
  try {
    // Every child loads the bundle, then waits; all are told to go together.
    let ready = 0;
    let release;
    const allReady = new Promise((resolve) => (release = resolve));
    const onWaiting = () => {
      if (++ready === instances) release();
      return allReady;
    };
    const answers = await Promise.all(
      Array.from({ length: instances }, (_, k) => {
        const groupIds = fleet.groups.slice(k * groupsEach, (k + 1) * groupsEach).map((g) => g.group_id);
        const job = {
          kind: 'invoke',
          bundle,
          ...clientOf(emu, em, { LOG_LEVEL: 'info', ...env }),
          waitForGo: true,
          returnIds: true,
          captureCuts: true,
        };
        return probe({ ...job, invocations: [{ event: { kind: 'resync', groupIds }, remainingMs: 300_000 }] }, onWaiting);
      }),
    );
    const runs = answers.map((a) => a.invocations[0]);
    const start = Math.min(...runs.map((x) => x.startedAt));
    const end = Math.max(...runs.map((x) => x.endedAt));
    const synced = runs.flatMap((x) => x.syncedIds ?? []);
    const buses = em.listBuses();
    const stats = em.stats();
    const walls = runs.map((x) => x.wallMs / 1000);
    const ideal = buses.length / q;
    return {
      instances,
      perInstance,
      q,
      latencyMs,
      totalS: round((end - start) / 1000),
      idealS: round(ideal),
      ratio: round((end - start) / 1000 / ideal),
      wallsS: walls.map((w) => round(w)),
      /** Slowest over fastest: the goal is within 20% (≤ 1.2). */
      spread: round(Math.max(...walls) / Math.min(...walls)),
      calls: stats.total,
      throttled: stats.throttled,
      throttledShare: round(stats.throttled / stats.total, 3),
      allSynced: synced.length === buses.length && new Set(synced).size === buses.length && buses.every((b) => b.status === 'Synchronized'),
      outcomes: runs.map((x) => x.outcome),
      cuts: answers.map((a) =>
        a.cuts.map((c) => ({ atS: round((c.at - start) / 1000, 2), toRps: round(c.toRps, 1), acceptedRps: round(c.acceptedRps, 1) })),
      ),
    };
  } finally {
    await em.close();
  }
}
