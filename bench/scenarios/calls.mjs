// API calls: for batches naming groups and buses several times, sync calls must equal the distinct
// buses and list calls the minimum pages (ceil(group size / 50), at least 1, per distinct group).
import { createRequire } from 'node:module';
import { h, quietly } from '../lib/setup.mjs';

const require = createRequire(import.meta.url);
const PAGE = 50;

/** Groups of 120, 50, 7 and 60 buses; the batches name the first three, some of them twice, and buses directly. */
function fleetOf(emu) {
  const sizes = [120, 50, 7, 60];
  const full = emu.generateFleet({ groups: sizes.length, busesPerGroup: Math.max(...sizes), seed: 5 });
  const seen = new Map();
  const buses = full.buses.filter((b) => {
    const gi = full.groups.findIndex((g) => g.group_id === b.group_id);
    const n = (seen.get(gi) ?? 0) + 1;
    seen.set(gi, n);
    return n <= sizes[gi];
  });
  return { groups: full.groups, buses };
}

export async function apiCalls(emu, bundles) {
  const { startEmulator, DEMO } = emu;
  const fleet = fleetOf(emu);
  const [a, b, c, d] = fleet.groups.map((g) => g.group_id);
  const busOf = (g, i) => fleet.buses.filter((x) => x.group_id === g)[i].bus_id;
  const requests = [
    { kind: 'resync', groupIds: [a, b] },
    { kind: 'resync', groupIds: [a], busIds: [busOf(a, 0), busOf(c, 0)] },
    { kind: 'resync', busIds: [busOf(a, 1), busOf(a, 1), busOf(c, 1), busOf(d, 0)] },
    { kind: 'resync', groupIds: [b, c, c] },
    { kind: 'resync', groupIds: [a, b] },
  ];
  const listed = [a, b, c];
  const distinct = new Set([...fleet.buses.filter((x) => listed.includes(x.group_id)).map((x) => x.bus_id), busOf(d, 0)]);
  const minPages = listed.reduce((sum, g) => sum + Math.max(1, Math.ceil(fleet.buses.filter((x) => x.group_id === g).length / PAGE)), 0);
  // The same requests through each platform's natural batch envelope, with its dev context and keys.
  const envelopes = {
    functiongraph: {
      label: 'functiongraph (CloudEvents batch)',
      event: {
        events: requests.map((data, i) => ({ id: `e${i}`, specversion: '1.0', source: 'bench', type: 'com.example.softbus.resync', data })),
      },
    },
    lambda: {
      label: 'lambda (SQS batch)',
      event: { Records: requests.map((body, i) => ({ messageId: `m${i}`, body: JSON.stringify(body), eventSource: 'aws:sqs' })) },
    },
  };
  const events = Object.fromEntries(
    h.PLATFORMS.filter((p) => envelopes[p.name]).map((platform) => [
      envelopes[platform.name].label,
      {
        platform,
        bundle: bundles[platform.name],
        event: envelopes[platform.name].event,
        context: platform.devContext({
          keys: platform.keysFrom === 'context' ? DEMO.temporary : undefined,
          projectId: DEMO.projectId,
          remainingMs: 120_000,
        }),
      },
    ]),
  );
  const out = {};
  for (const [name, run] of Object.entries(events)) {
    const em = await startEmulator({ projectId: DEMO.projectId, region: DEMO.region, credentials: [...DEMO.credentials], fleet });
    const saved = { ...process.env };
    try {
      h.applyEnv(h.emulatorEnv(em, run.platform));
      const { handler } = require(run.bundle);
      const { value } = await quietly(() => handler(run.event, run.context));
      const calls = em.calls;
      const syncCalls = calls.filter((x) => x.route === 'sync').length;
      const syncedIds = new Set(calls.filter((x) => x.route === 'sync').map((x) => x.busId));
      const listCalls = calls.filter((x) => x.route === 'list').length;
      const pagesByGroup = {};
      for (const x of calls.filter((y) => y.route === 'list')) pagesByGroup[x.query.group_id] = (pagesByGroup[x.query.group_id] ?? 0) + 1;
      out[name] = {
        records: requests.length,
        distinctBuses: distinct.size,
        syncCalls,
        everyDistinctBusSynced: [...distinct].every((id) => syncedIds.has(id)),
        minPages,
        listCalls,
        listPagesPerGroup: listed.map((g) => `${fleet.buses.filter((x) => x.group_id === g).length} buses: ${pagesByGroup[g] ?? 0}`),
        result:
          value?.outcome ?? (Array.isArray(value?.batchItemFailures) ? `batchItemFailures ${value.batchItemFailures.length}` : 'unknown'),
      };
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      await em.close();
    }
  }
  return out;
}
