// Node 20 cannot run TypeScript: bundle a .ts entry point with esbuild (already a dev dependency) into
// a temporary ES module, import it, and delete the file (a module stays loaded once imported).
// Used by emulator/run.mjs (the CLI) and scripts/start.mjs / scripts/invoke.mjs (the emulator library).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

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
  const dir = mkdtempSync(join(tmpdir(), 'softbus-ts-'));
  try {
    return await import(pathToFileURL(await bundleTypeScript(entry, join(dir, 'module.mjs'))).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
