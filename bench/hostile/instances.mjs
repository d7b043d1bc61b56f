// `node bench/hostile/instances.mjs [--instances 4] [--rps 50] [--dist DIR]`: issue 9, class 8. N invocations of
// the FunctionGraph bundle at once, each in its own process (as N platform instances), each resyncing 400 buses
// with SYNC_MAX_RPS=rps against one local server (20 ms per answer); prints the requests per second the server
// saw together in the busiest second and on average. The instances do not share a limiter: together they send
// N × rps. The deploy configs cap N (FunctionGraph 2 at 75/s, Lambda 3 at 50/s): run with --instances 2 --rps 75.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importTypeScript, loadHarness } from '../../scripts/lib/import-ts.mjs';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '4' },
    rps: { type: 'string', default: '50' },
    dist: { type: 'string' },
    child: { type: 'string' },
  },
});
const h = await loadHarness();

if (values.child) {
  const { url, rps, dist } = JSON.parse(values.child);
  Object.assign(process.env, { IOTDA_ENDPOINT: url, IOTDA_REGION: h.DEMO.region, SYNC_MAX_RPS: rps });
  const { handler } = createRequire(import.meta.url)(join(dist, 'functiongraph', 'index.js'));
  const context = h.platformNamed('functiongraph').devContext({ remainingMs: 60_000, keys: h.DEMO.temporary, projectId: h.DEMO.projectId });
  process.stdout.write = () => true;
  const busIds = Array.from({ length: 400 }, (_, i) => i.toString(16).padStart(8, '0'));
  process.on('message', async () => {
    const report = await handler({ kind: 'resync', busIds }, context);
    process.send({ synced: report.synced.length + (report.omitted?.synced ?? 0) }, () => process.exit(0));
  });
  process.send('ready');
} else {
  if (!values.dist) await h.ensureBuilt();
  const dist = resolve(values.dist ?? join(h.ROOT, 'dist'));
  const hs = await importTypeScript(join(h.ROOT, 'test/support/hostile-server.ts'));
  const server = await hs.startHostileServer({ answer: (req) => (req.route === 'sync' ? { delayMs: 20 } : undefined) });
  const n = Number(values.instances);
  const children = await Promise.all(
    Array.from({ length: n }, () => {
      const child = fork(new URL(import.meta.url).pathname, ['--child', JSON.stringify({ url: server.url, rps: values.rps, dist })], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      return new Promise((ready) => child.once('message', () => ready(child)));
    }),
  );
  const started = Date.now();
  const results = await Promise.all(
    children.map(
      (child) =>
        new Promise((done) => {
          child.once('message', done);
          child.send('go');
        }),
    ),
  );
  const syncs = server.calls.filter((c) => c.route === 'sync').map((c) => c.time);
  const perSecond = new Map();
  for (const t of syncs) perSecond.set(Math.floor((t - started) / 1000), (perSecond.get(Math.floor((t - started) / 1000)) ?? 0) + 1);
  const full = [...perSecond.entries()].filter(([second]) => second < Math.max(...perSecond.keys()));
  const seconds = (Math.max(...syncs) - Math.min(...syncs)) / 1000;
  console.log(
    `${n} instances × SYNC_MAX_RPS ${values.rps}: ${syncs.length} syncs in ${seconds.toFixed(1)} s = ${(syncs.length / seconds).toFixed(0)} requests/s together; busiest full second ${Math.max(...full.map(([, c]) => c))}; synced ${results.map((r) => r.synced).join('/')}`,
  );
  await server.close();
}
