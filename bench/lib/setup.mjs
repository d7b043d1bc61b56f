// Shared pieces of the benchmarks: the emulator (bundled from TypeScript on the fly, as emulator/run.mjs
// does), the real bundles (scripts/build.mjs) and a baseline bundle whose pacer never adapts.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildAll } from '../../scripts/build.mjs';
import { bundleTypeScript } from '../../scripts/lib/import-ts.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const WORK = mkdtempSync(join(tmpdir(), 'softbus-bench-'));
process.once('exit', () => rmSync(WORK, { recursive: true, force: true }));

/** Bundles emulator/index.ts into an ES module file under WORK and returns its path (children import it too). */
export function emulatorModulePath() {
  return bundleTypeScript(join(ROOT, 'emulator/index.ts'), join(WORK, 'emulator.mjs'));
}

export async function loadEmulator() {
  return import(pathToFileURL(await emulatorModulePath()).href);
}

/**
 * `npm run build`'s bundles, plus the baseline: the same FunctionGraph entry point with src/sync/pacer.ts
 * replaced by bench/lib/fixed-pacer.ts (a constant rate, no reaction to 429). Returns their paths.
 */
export async function buildBundles() {
  await buildAll({ quiet: true });
  const dir = join(WORK, 'fixed');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, 'index.js');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['functions/functiongraph.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    keepNames: true,
    alias: { moment: './src/shims/moment.ts', lodash: './src/shims/lodash.ts' },
    logLevel: 'warning',
    plugins: [
      {
        name: 'fixed-pacer',
        setup(b) {
          b.onResolve({ filter: /[/\\]pacer$/ }, () => ({ path: join(ROOT, 'bench/lib/fixed-pacer.mjs') }));
        },
      },
    ],
  });
  return {
    functiongraph: join(ROOT, 'dist/functiongraph/index.js'),
    lambda: join(ROOT, 'dist/lambda/index.js'),
    fixed: outfile,
  };
}

/** A FunctionGraph context with the emulator's temporary demo keys. */
export function fgContext(DEMO, remainingMs = 120_000, requestId = 'bench') {
  const endsAt = Date.now() + remainingMs;
  const k = DEMO.temporary;
  return {
    getRequestID: () => requestId,
    getRemainingTimeInMilliSeconds: () => Math.max(0, endsAt - Date.now()),
    getSecurityAccessKey: () => k.ak,
    getSecuritySecretKey: () => k.sk,
    getSecurityToken: () => k.securityToken,
    getProjectID: () => DEMO.projectId,
  };
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

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
