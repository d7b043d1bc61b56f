// Scenarios that need fresh processes: cold start, first invocation, memory, CPU.
import { fork, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, ROOT, round, WORK } from '../lib/setup.mjs';

const PROBE = join(ROOT, 'bench/child/probe.mjs');

/** The empty handler every process figure is compared with. */
export function emptyHandlerFile() {
  const file = join(WORK, 'empty-handler.js');
  writeFileSync(file, 'exports.handler = async (event, context) => ({ ok: true });\n');
  return file;
}

/**
 * Forks the probe with a job; resolves with its IPC answer. When the child says it is waiting (a `hold`
 * step, or `waitForGo`), `onWaiting(index)` runs and the child is told to go once it resolves.
 * `job.processEnv` is the child's environment from its start (NODE_EXTRA_CA_CERTS is read only then).
 */
export function probe(job, onWaiting = () => undefined) {
  return new Promise((resolve, reject) => {
    const env = job.processEnv ? { ...process.env, ...job.processEnv } : process.env;
    const child = fork(PROBE, [JSON.stringify(job)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], env });
    let answer;
    child.on('message', (m) => {
      if (typeof m?.waiting === 'number') Promise.resolve(onWaiting(m.waiting)).then(() => child.send({ go: true }), reject);
      else answer = m;
    });
    child.on('error', reject);
    child.on('exit', (code) => (answer ? resolve(answer) : reject(new Error(`probe ${job.kind} exited ${code}`))));
  });
}

function timeRequire(file) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(file)})`], { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`loading ${file} failed`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * Cold start: a fresh `node -e "require(file)"` per sample, artifact and empty handler interleaved
 * (alternating which goes first), `pairs` pairs per artifact.
 */
export function coldStart(bundles, empty, pairs) {
  const out = {};
  for (const [name, file] of Object.entries(bundles)) {
    timeRequire(file); // warm the page cache
    const a = [];
    const e = [];
    for (let i = 0; i < pairs; i++) {
      if (i % 2) {
        a.push(timeRequire(file));
        e.push(timeRequire(empty));
      } else {
        e.push(timeRequire(empty));
        a.push(timeRequire(file));
      }
    }
    out[name] = {
      artifactMs: round(median(a)),
      emptyMs: round(median(e)),
      ratio: round(median(a) / median(e)),
      pairRatio: round(median(a.map((x, i) => x / e[i]))),
      pairs,
      bytes: statSync(file).size,
    };
  }
  return out;
}

/** Load and first-call costs inside one process (median of `runs` fresh processes). */
export async function firstCall(bundle, emulatorModule, empty, runs) {
  const ignored = JSON.parse(readFileSync(join(ROOT, 'events/iotda-push-device-status.json'), 'utf8'));
  const rows = { ignored: [], sync: [], empty: [] };
  for (let i = 0; i < runs; i++) {
    rows.empty.push(await probe({ kind: 'first-call', bundle: empty, event: ignored }));
    rows.ignored.push(await probe({ kind: 'first-call', bundle, event: ignored }));
    rows.sync.push(await probe({ kind: 'first-call', bundle, emulatorModule }));
  }
  const summary = (xs) => ({
    loadMs: round(median(xs.map((x) => x.loadMs))),
    firstCallMs: round(median(xs.map((x) => x.callMs))),
    secondCallMs: round(median(xs.map((x) => x.secondCallMs))),
    outcome: xs[0]?.outcome,
  });
  return { emptyHandler: summary(rows.empty), ignoredEvent: summary(rows.ignored), oneBusSync: summary(rows.sync), runs };
}

/** Peak RSS of a reconcile of every bus (timer, scope all) against the empty handler's. */
export async function memory(emu, bundle, empty, { groups, busesPerGroup, runs }) {
  const { startEmulator, generateFleet, DEMO } = emu;
  const fleet = generateFleet({ groups, busesPerGroup, seed: 7 });
  const em = await startEmulator({ projectId: DEMO.projectId, region: DEMO.region, credentials: [...DEMO.credentials], fleet });
  try {
    const rows = [];
    for (let i = 0; i < runs; i++) {
      const base = await probe({ kind: 'empty', bundle: empty });
      const run = await probe({
        kind: 'invoke',
        bundle,
        keys: DEMO.temporary,
        projectId: DEMO.projectId,
        env: { IOTDA_ENDPOINT: em.url, IOTDA_REGION: DEMO.region, SYNC_MAX_RPS: '1000' },
        event: { trigger_type: 'TIMER', user_event: JSON.stringify({ scope: 'all' }) },
      });
      rows.push({ base: base.maxRssKiB, run: run.maxRssKiB, synced: run.synced, wallMs: run.wallMs, outcome: run.outcome });
    }
    const baseMiB = median(rows.map((r) => r.base)) / 1024;
    const runMiB = median(rows.map((r) => r.run)) / 1024;
    return {
      buses: fleet.buses.length,
      emptyMaxRssMiB: round(baseMiB, 1),
      reconcileMaxRssMiB: round(runMiB, 1),
      deltaMiB: round(runMiB - baseMiB, 1),
      deltas: rows.map((r) => round((r.run - r.base) / 1024, 1)),
      synced: rows.map((r) => r.synced),
      wallS: round(median(rows.map((r) => r.wallMs)) / 1000),
      outcome: rows[0]?.outcome,
      runs,
    };
  } finally {
    await em.close();
  }
}

/** CPU time for 1,000 syncs through the function, against the bare-HTTP baseline, same emulator. */
export async function cpu(emu, bundle, { syncs, runs }) {
  const { startEmulator, generateFleet, DEMO } = emu;
  const fleet = generateFleet({ groups: 10, busesPerGroup: syncs / 10, seed: 9 });
  const busIds = fleet.buses.map((b) => b.bus_id);
  const em = await startEmulator({ projectId: DEMO.projectId, region: DEMO.region, credentials: [...DEMO.credentials], fleet });
  try {
    const fn = [];
    const bare = [];
    for (let i = 0; i < runs; i++) {
      bare.push(
        await probe({ kind: 'bare-http', url: em.url, projectId: DEMO.projectId, region: DEMO.region, keys: DEMO.temporary, busIds }),
      );
      fn.push(
        await probe({
          kind: 'invoke',
          bundle,
          keys: DEMO.temporary,
          projectId: DEMO.projectId,
          env: { IOTDA_ENDPOINT: em.url, IOTDA_REGION: DEMO.region, SYNC_MAX_RPS: '1000' },
          event: { kind: 'resync', busIds },
        }),
      );
    }
    if (fn.some((r) => r.synced !== syncs) || bare.some((r) => r.ok !== syncs)) throw new Error('cpu: not every sync succeeded');
    const per1000 = (rows) => round((median(rows.map((r) => r.cpuMs)) * 1000) / syncs, 0);
    return {
      syncs,
      functionCpuMs: per1000(fn),
      bareCpuMs: per1000(bare),
      ratio: round(per1000(fn) / per1000(bare)),
      functionWallMs: round(median(fn.map((r) => r.wallMs)), 0),
      bareWallMs: round(median(bare.map((r) => r.wallMs)), 0),
      runs,
    };
  } finally {
    await em.close();
  }
}
