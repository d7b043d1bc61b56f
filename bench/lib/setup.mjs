// Shared pieces of the benchmarks: the development harness (dev/: the platform list, the real bundles,
// contexts, the emulator), and a baseline bundle whose rate limiter never adapts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleTypeScript, loadHarness } from '../../scripts/lib/import-ts.mjs';

export const h = await loadHarness();
export const ROOT = h.ROOT;
export const WORK = mkdtempSync(join(tmpdir(), 'softbus-bench-'));
process.once('exit', () => rmSync(WORK, { recursive: true, force: true }));

/** Bundles emulator/index.ts into an ES module file under WORK and returns its path (children import it too). */
export function emulatorModulePath() {
  return bundleTypeScript(join(ROOT, 'emulator/index.ts'), join(WORK, 'emulator.mjs'));
}

/** The emulator library (startEmulator, generateFleet, DEMO), through the harness. */
export async function loadEmulator() {
  return h;
}

/**
 * `npm run build`'s bundles (every platform of src/platforms), plus the baseline: the FunctionGraph
 * handler with bench/lib/fixed-rate-limiter.ts injected as its rate limiter. Returns their paths by name.
 */
export async function buildBundles() {
  await h.buildAll();
  const fixed = join(WORK, 'fixed', 'index.js');
  await h.bundleEntry('bench/lib/fixed-rate-entry.ts', fixed);
  return { ...Object.fromEntries(h.PLATFORMS.map((p) => [p.name, h.bundlePath(p.name)])), fixed };
}

/** A FunctionGraph context with the emulator's temporary demo keys. */
export function fgContext(DEMO, remainingMs = 120_000, requestId = 'bench') {
  return h.platformNamed('functiongraph').devContext({ keys: DEMO.temporary, projectId: DEMO.projectId, remainingMs, requestId });
}

/** Runs fn with stdout swallowed (the function logs a JSON line per bus); returns fn's value and the line count. */
export async function quietly(fn) {
  const write = process.stdout.write;
  let lines = 0;
  process.stdout.write = (chunk, ...rest) => {
    lines += String(chunk).split('\n').length - 1;
    const cb = rest.find((r) => typeof r === 'function');
    if (cb) cb();
    return true;
  };
  try {
    return { value: await fn(), lines };
  } finally {
    process.stdout.write = write;
  }
}

export { median, round } from './figures.mjs';

/** An emulator over a generated fleet of `groups` × `busesPerGroup` buses (half of them not Synchronized). */
export async function startFleetEmulator(emu, { groups, busesPerGroup, latencyMs, quota, seed = 42 }) {
  const { startEmulator, generateFleet, DEMO } = emu;
  const fleet = generateFleet({ groups, busesPerGroup, pendingShare: 0.5, seed });
  const em = await startEmulator({
    projectId: DEMO.projectId,
    region: DEMO.region,
    credentials: [...DEMO.credentials],
    fleet,
    latencyMs,
    quota,
  });
  return { em, fleet };
}

/** The keys, project and environment a child process (bench/child/probe.mjs) needs to call `em`. */
export function clientOf(emu, em, env = {}) {
  return {
    keys: emu.DEMO.temporary,
    projectId: emu.DEMO.projectId,
    env: { IOTDA_ENDPOINT: em.url, IOTDA_REGION: emu.DEMO.region, ...env },
  };
}
