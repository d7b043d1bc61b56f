// `npm run bench`: every scenario against the emulator with the real bundles (dist/*/index.js, built
// here by scripts/build.mjs), each figure printed next to its goal and a baseline measured in the same
// run; everything also goes to bench/results.json. See bench/README.md.
// Options: --only coldstart,fanout,calls,memory,cpu   --runs N (fan-out repetitions, default 3)
//          --pairs N (cold-start pairs per artifact, default 21)   --no-sequential (skip the slow baseline)
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundles, emulatorModulePath, loadEmulator, median, ROOT, round } from './lib/setup.mjs';
import { apiCalls } from './scenarios/calls.mjs';
import { fanoutRun } from './scenarios/fanout.mjs';
import { coldStart, cpu, emptyHandlerFile, firstCall, memory } from './scenarios/process.mjs';

const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'coldstart,fanout,calls,memory,cpu' },
    runs: { type: 'string', default: '3' },
    pairs: { type: 'string', default: '21' },
    'no-sequential': { type: 'boolean', default: false },
  },
});
const only = new Set(values.only.split(','));
const runs = Number(values.runs);
const started = Date.now();
const mark = (ok) => (ok ? 'MET ' : 'MISS');
const line = (...parts) => console.log(parts.join('  '));

const machine = {
  nproc: Number(execSync('nproc').toString().trim()),
  node: process.version,
  cpu: /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model,
  date: new Date().toISOString(),
};
console.log(`softbus-sync benchmarks — ${machine.nproc} cores, ${machine.cpu}, Node ${machine.node}`);

const emu = await loadEmulator();
const bundles = await buildBundles();
const empty = emptyHandlerFile();
const results = { machine, goals: {} };

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
    `     one-bus sync against the emulator: load ${fc.oneBusSync.loadMs} ms, first call ${fc.oneBusSync.firstCallMs} ms (second ${fc.oneBusSync.secondCallMs} ms)`,
  );
  results.coldStart = { ...cs, firstInvocation: fc };
  results.goals.coldStart = Object.values(cs).every((r) => r.ratio <= 1.3);
}

if (only.has('fanout')) {
  console.log('\n2. Fan-out at a quota the function is not told (emulator token bucket, burst = 1 s of quota)');
  const scenarios = [
    { n: 800, g: 16, latencyMs: 50, q: 150 },
    { n: 250, g: 5, latencyMs: 50, q: 30 },
  ];
  results.fanout = [];
  let allMet = true;
  for (const sc of scenarios) {
    line(
      `   N=${sc.n} G=${sc.g} L=${sc.latencyMs} ms Q=${sc.q}/s: N/Q = ${round(sc.n / sc.q)} s; goal ≤ ${round((1.25 * sc.n) / sc.q)} s with ≤ 10% throttled, every bus synced`,
    );
    const variants = [
      {
        name: 'adaptive (defaults: SYNC_MAX_RPS 150, SYNC_CONCURRENCY 16)',
        bundle: bundles.functiongraph,
        env: {},
        repeat: runs,
        goal: true,
      },
      { name: 'adaptive, SYNC_MAX_RPS=400 (enterprise maximum)', bundle: bundles.functiongraph, env: { SYNC_MAX_RPS: '400' }, repeat: 1 },
      { name: 'baseline: fixed concurrency 16, no adaptation', bundle: bundles.fixed, env: { SYNC_MAX_RPS: '1000' }, repeat: 1 },
      ...(values['no-sequential']
        ? []
        : [
            {
              name: 'baseline: sequential (concurrency 1, no pacing)',
              bundle: bundles.fixed,
              env: { SYNC_MAX_RPS: '1000', SYNC_CONCURRENCY: '1' },
              repeat: 1,
            },
          ]),
    ];
    for (const v of variants) {
      const rows = [];
      for (let i = 0; i < v.repeat; i++) rows.push(await fanoutRun(emu, sc, v));
      const r = {
        ...rows[0],
        wallS: round(median(rows.map((x) => x.wallS))),
        ratio: round(median(rows.map((x) => x.ratio))),
        throttledShare: round(median(rows.map((x) => x.throttledShare)), 3),
        allSynced: rows.every((x) => x.allSynced),
        runs: rows.map((x) => ({ wallS: x.wallS, throttledShare: x.throttledShare, allSynced: x.allSynced })),
      };
      const met = r.ratio <= 1.25 && r.throttledShare <= 0.1 && r.allSynced;
      if (v.goal) allMet &&= met;
      line(
        `   ${v.goal ? mark(met) : '    '} ${v.name.padEnd(62)}`,
        `${r.wallS} s = ${r.ratio}× N/Q`,
        `throttled ${(r.throttledShare * 100).toFixed(1)}% (${r.throttled}/${r.calls} calls)`,
        `synced ${r.syncOk}/${r.n}${r.allSynced ? '' : ' — NOT all'}`,
        `outcome ${r.outcome}${v.repeat > 1 ? ` (median of ${v.repeat})` : ''}`,
      );
      results.fanout.push({ scenario: sc, ...r });
    }
  }
  results.goals.fanout = allMet;
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
  const r = await memory(emu, bundles.functiongraph, empty, { groups: 100, busesPerGroup: 100, runs: 3 });
  line(
    `   ${mark(r.deltaMiB <= 30)} ${r.reconcileMaxRssMiB} MiB vs empty handler ${r.emptyMaxRssMiB} MiB = +${r.deltaMiB} MiB (goal ≤ +30 MiB); synced ${r.synced.join('/')} in ${r.wallS} s (SYNC_MAX_RPS=1000, no latency; median of ${r.runs})`,
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

results.totalS = round((Date.now() - started) / 1000, 1);
writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(
  `\ngoals: ${Object.entries(results.goals)
    .map(([k, v]) => `${k} ${v ? 'met' : 'missed'}`)
    .join(', ')} — ${results.totalS} s; bench/results.json written`,
);
