// `node bench/alloc-profile.mjs [--buses N] [--top N] [--survivors] [--env JSON] [--event JSON]`: where the
// function allocates during a reconcile of N buses (default 10,000) against the emulator (no latency, no
// quota, SYNC_MAX_RPS=1000), garbage included; with --survivors, only what outlived a scavenge (what makes
// V8 grow the young generation). Prints the bytes per sync and the top sites, by allocating function and by
// the nearest function of our bundle (TypeScript source lines, through the source map). See bench/README.md.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundles, clientOf, loadEmulator, ROOT, startFleetEmulator } from './lib/setup.mjs';

const { values } = parseArgs({
  options: {
    buses: { type: 'string', default: '10000' },
    top: { type: 'string', default: '25' },
    survivors: { type: 'boolean', default: false },
    env: { type: 'string', default: '{}' },
    event: { type: 'string' },
  },
});
const emu = await loadEmulator();
const bundles = await buildBundles();
const n = Number(values.buses);
const { em, fleet } = await startFleetEmulator(emu, { groups: n / 100, busesPerGroup: 100, seed: 7 });
try {
  const job = {
    bundle: bundles.functiongraph,
    ...clientOf(emu, em, { SYNC_MAX_RPS: '1000', ...JSON.parse(values.env) }),
    warmEvent: { kind: 'resync', busIds: [fleet.buses[0].bus_id] },
    event: values.event ? JSON.parse(values.event) : { trigger_type: 'TIMER', user_event: JSON.stringify({ scope: 'all' }) },
    top: Number(values.top),
    survivors: values.survivors,
  };
  const answer = await new Promise((resolve, reject) => {
    const child = fork(join(ROOT, 'bench/child/alloc.mjs'), [JSON.stringify(job)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let result;
    child.on('message', (m) => (result = m));
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`alloc profile exited ${code}`))));
  });
  const perSync = (answer.totalMiB * 2 ** 20) / answer.synced;
  const what = values.survivors ? 'outlived a scavenge (or still live)' : 'allocated (garbage included)';
  console.log(`${what}: ${answer.totalMiB.toFixed(1)} MiB for ${answer.synced} syncs = ${(perSync / 1024).toFixed(2)} KiB per sync`);
  for (const [title, rows] of [
    ['by allocating function', answer.bySelf],
    ['by nearest bundle frame (our source)', answer.byBundleFrame],
  ]) {
    console.log(`\n${title}:`);
    for (const r of rows) console.log(`  ${String(r.MiB).padStart(7)} MiB ${String(r.share).padStart(5)}%  ${r.site}`);
  }
} finally {
  await em.close();
}
