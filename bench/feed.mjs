// `node bench/feed.mjs [--runs N]`: what the change feed costs a timer run, through the real FunctionGraph
// bundle against the emulator (50 ms latency per call, a 1,000-bus fleet of 20 groups of 50, 10% pending):
// API calls by route against the same tick with the feed off, and the wall time (median of N runs, each on
// a fresh emulator). Separate from `npm run bench` (bench/run.mjs); prints a table and the raw figures as JSON.

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { h, median, quietly } from './lib/setup.mjs';

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Number(values.runs);
const LATENCY_MS = 50;

const fleet = h.generateFleet({ groups: 20, busesPerGroup: 50, pendingShare: 0.1, seed: 10 });
const groupIds = fleet.groups.map((g) => g.group_id);
const tick = (options) => ({ trigger_type: 'TIMER', trigger_name: 'bench', user_event: JSON.stringify(options) });
const traces = (count, groups) =>
  Array.from({ length: count }, (_, i) => ({ resource_id: groups[i % groups.length], time: Date.now() - 60_000 - i }));

const CASES = [
  { name: 'feed off (baseline)', feed: false, event: tick({ scope: 'pending' }), traces: [] },
  { name: 'feed on, no change in the window', feed: true, event: tick({ scope: 'pending' }), traces: [] },
  { name: 'feed on, 5 traces naming 3 groups', feed: true, event: tick({ scope: 'pending' }), traces: traces(5, groupIds.slice(0, 3)) },
  { name: 'feed on, 450 traces naming 3 groups', feed: true, event: tick({ scope: 'pending' }), traces: traces(450, groupIds.slice(0, 3)) },
  { name: 'feed off, timer limited to 1 group', feed: false, event: tick({ groupIds: [groupIds[19]] }), traces: [] },
  {
    name: 'feed on, timer limited to 1 group, 3 changed groups',
    feed: true,
    event: tick({ groupIds: [groupIds[19]] }),
    traces: traces(5, groupIds.slice(0, 3)),
  },
];

const platform = h.platformNamed('functiongraph');
await h.buildAll();
const { handler } = require(h.bundlePath('functiongraph'));

async function once(c) {
  const em = await h.startEmulator({
    projectId: h.DEMO.projectId,
    region: h.DEMO.region,
    credentials: [...h.DEMO.credentials],
    fleet,
    latencyMs: LATENCY_MS,
    cts: { traces: c.traces },
  });
  const saved = { ...process.env };
  try {
    h.applyEnv({ ...h.emulatorEnv(em, platform), SYNC_CHANGE_FEED: c.feed ? 'cts' : 'off' });
    const context = platform.devContext({ keys: h.DEMO.temporary, projectId: h.DEMO.projectId, remainingMs: 120_000 });
    const started = performance.now();
    const { value } = await quietly(() => handler(c.event, context));
    const ms = performance.now() - started;
    const count = (route) => em.calls.filter((x) => x.route === route).length;
    return { ms, traces: count('traces'), list: count('list'), sync: count('sync'), outcome: value?.outcome };
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    await em.close();
  }
}

console.log(
  `change feed cost — FunctionGraph bundle, 1,000 buses (20 groups × 50, 10% pending), ${LATENCY_MS} ms per call, median of ${RUNS} runs`,
);
const results = {};
for (const c of CASES) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(c));
  const calls = runs[0];
  results[c.name] = { ...calls, ms: Math.round(median(runs.map((r) => r.ms))) };
}
const base = results['feed off (baseline)'];
const baseGroup = results['feed off, timer limited to 1 group'];
for (const [name, r] of Object.entries(results)) {
  const ref = name.includes('limited') ? baseGroup : base;
  const extra = r.traces + r.list + r.sync - (ref.traces + ref.list + ref.sync);
  console.log(
    `  ${name.padEnd(52)} traces ${String(r.traces).padStart(2)}  list ${String(r.list).padStart(3)}  sync ${String(r.sync).padStart(3)}  (${extra >= 0 ? '+' : ''}${extra} calls)  ${String(r.ms).padStart(5)} ms (${r.ms - ref.ms >= 0 ? '+' : ''}${r.ms - ref.ms} ms)  ${r.outcome}`,
  );
}
console.log(JSON.stringify(results));
