// `node bench/young-gen.mjs [--buses N] [--env JSON] [--event JSON]`: what decides the peak RSS of a large
// run. V8 doubles its young generation (semi-space 1 → 2 → 4 → 8 MiB) each time the bytes that outlived
// young collections (copied within it or promoted out of it) since the last doubling exceed its size; the
// last doubling costs 5–8 MiB of RSS. Runs the memory scenario's reconcile of N buses (default 10,000) in a
// child with `--trace-gc-nvp` (a diagnostic: the function itself runs without flags) and prints when the
// young generation doubled, the bytes survived since the last doubling against its size, the bytes survived
// per sync, and the peak RSS. See bench/README.md, "Memory".
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundles, clientOf, loadEmulator, ROOT, startFleetEmulator } from './lib/setup.mjs';

const { values } = parseArgs({
  options: { buses: { type: 'string', default: '10000' }, env: { type: 'string', default: '{}' }, event: { type: 'string' } },
});
const emu = await loadEmulator();
const bundles = await buildBundles();
const n = Number(values.buses);
const { em } = await startFleetEmulator(emu, { groups: n / 100, busesPerGroup: 100, seed: 7 });
const MiB = (bytes) => (bytes / 2 ** 20).toFixed(2);
try {
  const job = {
    bundle: bundles.functiongraph,
    ...clientOf(emu, em, { SYNC_MAX_RPS: '1000', ...JSON.parse(values.env) }),
    event: values.event ? JSON.parse(values.event) : { trigger_type: 'TIMER', user_event: JSON.stringify({ scope: 'all' }) },
  };
  const child = fork(join(ROOT, 'bench/child/young-gen.mjs'), [JSON.stringify(job)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execArgv: ['--trace-gc-nvp'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const answer = await new Promise((resolve, reject) => {
    let result;
    child.on('message', (m) => (result = m));
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`young-gen child exited ${code}`))));
  });
  // `[pid:isolate]   1234 ms: pause=… gc=s … promoted=N … new_space_survived=N …` (ms since the isolate started)
  const gcs = [];
  for (const line of out.split('\n')) {
    const at = /\s(\d+) ms: pause=/.exec(line);
    if (!at || !line.includes(' gc=')) continue;
    const field = (name) => Number(new RegExp(` ${name}=(\\d+)`).exec(line)?.[1] ?? 0);
    gcs.push({ atMs: Number(at[1]), survived: field('promoted') + field('new_space_survived') });
  }
  const { sizes, startedAtMs, endedAtMs } = answer;
  const growths = sizes.slice(1).map((s, i) => `${MiB(sizes[i].bytes)} → ${MiB(s.bytes)} MiB at ${Math.round(s.atMs - startedAtMs)} ms`);
  const lastGrowthAt = sizes.length > 1 ? sizes[sizes.length - 1].atMs : 0;
  const sum = (from, to = Infinity) => gcs.filter((g) => g.atMs >= from && g.atMs < to).reduce((total, g) => total + g.survived, 0);
  const semi = sizes[sizes.length - 1].bytes / 2;
  console.log(`${answer.synced} syncs in ${Math.round(endedAtMs - startedAtMs)} ms, ${gcs.length} collections`);
  console.log(`new space (its two semi-spaces) committed: ${growths.join(', ') || 'no change'} (times from the call's start)`);
  // The doubling happens at the collection after the threshold is crossed: the last size's collection is counted from its own on.
  console.log(`survived since the last doubling: ${MiB(sum(lastGrowthAt - 5))} MiB (the semi-space, ${MiB(semi)} MiB, doubles past that)`);
  console.log(
    `survived per sync from 2 s to 6 s into the call: ${Math.round(sum(startedAtMs + 2000, startedAtMs + 6000) / Math.max(1, (answer.synced * 4000) / (endedAtMs - startedAtMs)))} B`,
  );
  console.log(`peak RSS ${(answer.maxRssKiB / 1024).toFixed(1)} MiB`);
} finally {
  await em.close();
}
