// `npm run bench`: every scenario against the emulator with the real bundles (dist/*/index.js, built here
// by the harness), each figure printed next to its goal and a baseline measured in the same run. The
// results go to bench/results.local.json (untracked); `--save` also writes the tracked bench/results.json.
// See bench/README.md for each scenario, its method and its command.
// Options: --only coldstart,fanout,latency,gateway,warm,shared,calls,memory,cpu,capacity (default: all)
//          --runs N (repetitions of each goal row, default 3)   --pairs N (cold-start pairs, default 21)
//          --sequential (add the slow sequential baseline to the fan-out scenarios)   --save
//          --no-baselines (goal rows only: for quick iterations)
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fanoutSection, fanoutVariants, line, mark, sharedSection, warmSection } from './lib/sections.mjs';
import { buildBundles, emulatorModulePath, loadEmulator, ROOT, round } from './lib/setup.mjs';
import { apiCalls } from './scenarios/calls.mjs';
import { capacity } from './scenarios/capacity.mjs';
import { coldStart, cpu, emptyHandlerFile, firstCall, memory } from './scenarios/process.mjs';

const ALL = 'coldstart,fanout,latency,gateway,warm,shared,calls,memory,cpu,capacity';
const { values } = parseArgs({
  options: {
    only: { type: 'string', default: ALL },
    runs: { type: 'string', default: '3' },
    pairs: { type: 'string', default: '21' },
    sequential: { type: 'boolean', default: false },
    'no-baselines': { type: 'boolean', default: false },
    save: { type: 'boolean', default: false },
  },
});
const only = new Set(values.only.split(','));
for (const name of only) if (!ALL.split(',').includes(name)) throw new Error(`--only: unknown scenario ${name} (known: ${ALL})`);
const runs = Number(values.runs);
const started = Date.now();

const machine = {
  nproc: Number(execSync('nproc').toString().trim()),
  node: process.version,
  cpu: /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model,
  loadAverage: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
  date: new Date().toISOString(),
  commit: execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim(),
};
console.log(
  `softbus-sync benchmarks — ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}, load ${machine.loadAverage.join(' ')}`,
);

const emu = await loadEmulator();
const bundles = await buildBundles();
const empty = emptyHandlerFile();
const results = { machine, options: values, goals: {} };

if (only.has('coldstart')) {
  console.log('\n1. Cold start: fresh `node -e "require(file)"`, interleaved with the empty handler (median)');
  const cs = coldStart({ functiongraph: bundles.functiongraph, lambda: bundles.lambda }, empty, Number(values.pairs));
  for (const [name, r] of Object.entries(cs)) {
    line(
      `   ${mark(r.ratio <= 1.3)} ${name.padEnd(13)}`,
      `${r.artifactMs} ms vs empty handler ${r.emptyMs} ms = ${r.ratio}× (goal ≤ 1.3×; median of pair ratios ${r.pairRatio}×, ${r.pairs} pairs)`,
      `bundle ${(r.bytes / 1024).toFixed(1)} KiB`,
    );
  }
  const fc = await firstCall(bundles.functiongraph, await emulatorModulePath(), empty, 5);
  line('   first invocation in-process (functiongraph, median of 5 processes):');
  line(`     empty handler: load ${fc.emptyHandler.loadMs} ms, first call ${fc.emptyHandler.firstCallMs} ms`);
  line(
    `     ignored event: load ${fc.ignoredEvent.loadMs} ms, first call ${fc.ignoredEvent.firstCallMs} ms (second ${fc.ignoredEvent.secondCallMs} ms)`,
  );
  line(
    `     one-bus sync: load ${fc.oneBusSync.loadMs} ms, first call ${fc.oneBusSync.firstCallMs} ms (second ${fc.oneBusSync.secondCallMs} ms)`,
  );
  results.coldStart = { ...cs, firstInvocation: fc };
  results.goals.coldStart = Object.values(cs).every((r) => r.ratio <= 1.3);
}

const fanouts = [
  [
    'fanout',
    '2. Fan-out at a quota the function is not told (token bucket, burst = 1 s of quota)',
    [
      [{ n: 800, g: 16, latencyMs: 50, q: 150 }, {}],
      [{ n: 250, g: 5, latencyMs: 50, q: 30 }, {}],
    ],
    { ceiling400: true, sequential: values.sequential },
  ],
  ['latency', '2b. Fan-out at high latency (L = 400 ms, as across clouds)', [[{ n: 1000, g: 20, latencyMs: 400, q: 100 }, {}]], {}],
  [
    'gateway',
    '2c. A gateway that answers 429 at once (before the backend latency)',
    [
      [
        { n: 1200, g: 24, latencyMs: 30, q: 90, immediate429: true },
        { maxRatio: 1.05, cutFloor: 0.5 },
      ],
    ],
    {},
  ],
];
for (const [name, title, scenarios, variantOptions] of fanouts) {
  if (!only.has(name)) continue;
  console.log(`\n${title}`);
  results[name] = [];
  let met = true;
  for (const [sc, goal] of scenarios) {
    const variants = fanoutVariants(bundles, variantOptions).filter((v) => v.goal || !values['no-baselines']);
    const r = await fanoutSection(emu, sc, variants, { runs, ...goal });
    results[name].push(...r.rows);
    met &&= r.met;
  }
  results.goals[name] = met;
}

if (only.has('warm')) {
  console.log('\n2d. A warm instance: back-to-back invocations of 30 buses (L = 50 ms), the quota rising from 20/s to 100/s');
  const r = await warmSection(emu, bundles.functiongraph);
  results.warm = r.result;
  results.goals.warm = r.met;
}

if (only.has('shared')) {
  console.log('\n2e. Many instances, one quota (each instance a process with its own pacer)');
  const r = await sharedSection(emu, bundles, { runs, baselines: !values['no-baselines'] });
  results.shared = r.rows;
  results.goals.shared = r.met;
}

if (only.has('calls')) {
  console.log('\n3. API calls for batches with duplicate groups and buses (emulator.calls)');
  const r = await apiCalls(emu, bundles);
  for (const [name, x] of Object.entries(r)) {
    line(
      `   ${mark(x.syncCalls === x.distinctBuses && x.everyDistinctBusSynced)} ${name}: sync calls ${x.syncCalls} vs distinct buses ${x.distinctBuses} (${x.records} records)`,
    );
    line(
      `   ${mark(x.listCalls === x.minPages)} ${name}: list calls ${x.listCalls} vs minimum pages ${x.minPages} [${x.listPagesPerGroup.join('; ')}]`,
    );
  }
  results.apiCalls = r;
  results.goals.apiCalls = Object.values(r).every((x) => x.syncCalls === x.distinctBuses && x.listCalls === x.minPages);
}

if (only.has('memory')) {
  console.log('\n4. Memory: peak RSS (process.resourceUsage().maxRSS) of a 10,000-bus reconcile, timer scope "all"');
  const r = await memory(emu, bundles.functiongraph, empty, { groups: 100, busesPerGroup: 100, runs });
  line(
    `   ${mark(r.deltaMiB <= 30)} ${r.reconcileMaxRssMiB} MiB vs empty handler ${r.emptyMaxRssMiB} MiB = +${r.deltaMiB} MiB (goal ≤ +30 MiB; runs ${r.deltas.join(', ')}); synced ${r.synced.join('/')} in ${r.wallS} s (SYNC_MAX_RPS=1000, no latency; median of ${r.runs})`,
  );
  results.memory = r;
  results.goals.memory = r.deltaMiB <= 30;
}

if (only.has('cpu')) {
  console.log('\n5. CPU per 1,000 syncs (user+system of the client process), same emulator, no latency or quota');
  const r = await cpu(emu, bundles.functiongraph, { syncs: 1000, runs: 3 });
  line(
    `   function bundle ${r.functionCpuMs} ms vs bare node:http + minimal derived signer ${r.bareCpuMs} ms = ${r.ratio}× (wall ${r.functionWallMs} vs ${r.bareWallMs} ms; median of ${r.runs})`,
  );
  results.cpu = r;
}

if (only.has('capacity')) {
  console.log('\n6. Requests in flight a 256 MB function holds: peak RSS with K requests in flight over TLS (answers after 1 s)');
  const rows = await capacity(emu, bundles.functiongraph);
  for (const r of rows)
    line(
      `   K=${String(r.inFlight).padStart(4)}: ${r.maxRssMiB} MiB peak RSS, ${r.maxInFlightSeen} in flight seen, synced ${r.synced}/${r.of} in ${r.wallS} s`,
    );
  results.capacity = rows;
}

results.totalS = round((Date.now() - started) / 1000, 1);
const text = `${JSON.stringify(results, null, 2)}\n`;
writeFileSync(join(ROOT, 'bench/results.local.json'), text);
if (values.save) writeFileSync(join(ROOT, 'bench/results.json'), text);
const goals = Object.entries(results.goals).map(([k, v]) => `${k} ${v ? 'met' : 'missed'}`);
console.log(
  `\ngoals: ${goals.join(', ')} — ${results.totalS} s; bench/results.local.json written${values.save ? ', and bench/results.json' : ''}`,
);
