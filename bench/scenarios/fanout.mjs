// Fan-out: N buses over G groups, emulated latency L, a quota Q the function is not told. The real
// FunctionGraph bundle resyncs the G groups (one manual resync event); the emulator counts the calls.
import { createRequire } from 'node:module';
import { fgContext, quietly, round } from '../lib/setup.mjs';

const require = createRequire(import.meta.url);

/**
 * One run. `variant`: { name, bundle, env } — env holds SYNC_* overrides.
 * Returns wall time, N/Q, the throttled share and whether every bus was synced.
 */
export async function fanoutRun(emu, { n, g, latencyMs, q }, variant) {
  const { startEmulator, generateFleet, DEMO } = emu;
  const fleet = generateFleet({ groups: g, busesPerGroup: Math.round(n / g), pendingShare: 0.5, seed: 42 });
  const em = await startEmulator({
    projectId: DEMO.projectId,
    region: DEMO.region,
    credentials: [...DEMO.credentials],
    fleet,
    latencyMs,
    quota: { ratePerSecond: q },
  });
  const saved = { ...process.env };
  try {
    Object.assign(process.env, { IOTDA_ENDPOINT: em.url, IOTDA_REGION: DEMO.region, LOG_LEVEL: 'info' }, variant.env);
    const { handler } = require(variant.bundle);
    const event = { kind: 'resync', groupIds: fleet.groups.map((x) => x.group_id) };
    const started = performance.now();
    const { value: report } = await quietly(() =>
      handler(event, fgContext(DEMO, 300_000)).catch((e) => e.report ?? { outcome: 'threw', error: String(e) }),
    );
    const wallMs = performance.now() - started;
    const stats = em.stats();
    const buses = em.listBuses();
    const syncedOk = em.calls.filter((c) => c.route === 'sync' && c.status === 200).length;
    const allSynced =
      report.synced?.length === buses.length &&
      new Set(report.synced).size === buses.length &&
      buses.every((b) => b.status === 'Synchronized');
    const ideal = buses.length / q;
    return {
      variant: variant.name,
      n: buses.length,
      g,
      latencyMs,
      q,
      wallS: round(wallMs / 1000),
      idealS: round(ideal),
      ratio: round(wallMs / 1000 / ideal),
      calls: stats.total,
      throttled: stats.throttled,
      throttledShare: round(stats.throttled / stats.total, 3),
      listCalls: stats.byRoute.list ?? 0,
      syncOk: syncedOk,
      outcome: report.outcome,
      allSynced,
      maxInFlight: stats.maxInFlight,
    };
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    await em.close();
  }
}
