// Node 20 cannot run TypeScript: bundle a .ts entry point with esbuild (already a dev dependency) into
// an ES module, import it, and delete the file (a module stays loaded once imported). Used by every
// script and benchmark to load the development harness (dev/index.ts) and the emulator.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository, so that the modules left external (esbuild) resolve from its node_modules.
const CACHE = join(ROOT, 'node_modules', '.cache', 'softbus-sync');

/**
 * Bundles a .ts entry point into one ES module file (kept: child processes may import it too).
 * @param {URL | string} entry a .ts file (URL or path)
 * @param {string} outfile where to write the .mjs
 * @example await bundleTypeScript(new URL('../../emulator/index.ts', import.meta.url), '/tmp/emulator.mjs');
 */
export async function bundleTypeScript(entry, outfile) {
  await build({
    entryPoints: [entry instanceof URL ? fileURLToPath(entry) : entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // esbuild drives the build itself and cannot be bundled; the harness imports it.
    external: ['esbuild'],
    // CommonJS dependencies (sdk-core's signers) call require(): give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * @param {URL | string} entry a .ts file (URL or path)
 * @returns {Promise<any>} the module's namespace
 * @example const { startEmulator } = await importTypeScript(new URL('../../emulator/index.ts', import.meta.url));
 */
export async function importTypeScript(entry) {
  mkdirSync(CACHE, { recursive: true });
  const dir = mkdtempSync(join(CACHE, 'ts-'));
  try {
    return await import(pathToFileURL(await bundleTypeScript(entry, join(dir, 'module.mjs'))).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let harness;
/**
 * The development harness (dev/index.ts), loaded once per process.
 * @returns {Promise<any>}
 * @example const { ensureBuilt, PLATFORMS } = await loadHarness();
 */
export function loadHarness() {
  harness ??= importTypeScript(new URL('../../dev/index.ts', import.meta.url));
  return harness;
}
