// Launcher for `npm run emulator`: Node 20 cannot run TypeScript, so bundle emulator/cli.ts with
// esbuild (already a dev dependency) into a temporary ES module and import it. Arguments pass through.
// Usage: node emulator/run.mjs [--port 8080] [--fleet emulator/fleets/sample.json] [--auth-mode derived]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'iotda-emulator-'));
const outfile = join(dir, 'cli.mjs');
await build({
  entryPoints: [fileURLToPath(new URL('./cli.ts', import.meta.url))],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
});
try {
  await import(pathToFileURL(outfile).href);
} finally {
  // The module is loaded once imported: the file is no longer needed.
  rmSync(dir, { recursive: true, force: true });
}
