// Fan-out: N buses over G groups, emulated latency L, a quota Q the function is not told. The real
// bundle resyncs the G groups (one manual resync event) in a fresh child process (a fresh instance: no
// rate remembered from an earlier run); the emulator, in this process, counts the calls.
import { cutsAgainstAccepted, round } from '../lib/figures.mjs';
import { clientOf, startFleetEmulator } from '../lib/setup.mjs';
import { probe } from './process.mjs';

/**
 * One run. `scenario`: { n, g, latencyMs, q, immediate429 }; `variant`: { name, bundle, env } (env holds
 * SYNC_* overrides). Returns wall time, its ratio to N/Q, the throttled share, whether every bus was
 * synced, and for the adaptive pacer each rate cut against the rate accepted over the second before it.
 */
export async function fanoutRun(emu, { n, g, latencyMs, q, immediate429 = false }, variant) {
  const { em, fleet } = await startFleetEmulator(emu, {
    groups: g,
    busesPerGroup: Math.round(n / g),
    latencyMs,
    quota: { ratePerSecond: q, immediate: immediate429 },
  });
  try {
    const event = { kind: 'resync', groupIds: fleet.groups.map((x) => x.group_id) };
    const r = await probe({
      kind: 'invoke',
      bundle: variant.bundle,
      ...clientOf(emu, em, { LOG_LEVEL: 'info', ...variant.env }),
      invocations: [{ event, remainingMs: 300_000 }],
      captureCuts: true,
      returnIds: true,
    });
    const run = r.invocations[0];
    const stats = em.stats();
    const buses = em.listBuses();
    const allSynced =
      run.syncedIds?.length === buses.length &&
      new Set(run.syncedIds).size === buses.length &&
      buses.every((b) => b.status === 'Synchronized');
    const ideal = buses.length / q;
    return {
      variant: variant.name,
      n: buses.length,
      g,
      latencyMs,
      q,
      immediate429,
      wallS: round(run.wallMs / 1000),
      idealS: round(ideal),
      ratio: round(run.wallMs / 1000 / ideal),
      calls: stats.total,
      throttled: stats.throttled,
      throttledShare: round(stats.throttled / stats.total, 3),
      listCalls: stats.byRoute.list ?? 0,
      syncOk: em.calls.filter((c) => c.route === 'sync' && c.status === 200).length,
      outcome: run.outcome,
      allSynced,
      maxInFlight: stats.maxInFlight,
      cpuMs: round(r.cpuMs, 0),
      cuts: cutsAgainstAccepted(r.cuts, em.calls),
    };
  } finally {
    await em.close();
  }
}
