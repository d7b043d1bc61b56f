// Node 20 cannot run TypeScript: bundle a .ts entry point with esbuild (already a dev dependency) into
// a temporary ES module, import it, and delete the file (a module stays loaded once imported).
// Used by emulator/run.mjs (the CLI) and scripts/start.mjs / scripts/invoke.mjs (the emulator library).
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * @param {URL | string} entry a .ts file (URL or path)
 * @returns {Promise<any>} the module's namespace
 * @example const { startEmulator } = await importTypeScript(new URL('../../emulator/index.ts', import.meta.url));
 */
export async function importTypeScript(entry) {
  const dir = mkdtempSync(join(tmpdir(), 'softbus-ts-'));
  const outfile = join(dir, 'module.mjs');
  try {
    await build({
      entryPoints: [entry instanceof URL ? fileURLToPath(entry) : entry],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'warning',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
