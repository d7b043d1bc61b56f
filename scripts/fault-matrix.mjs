// `node scripts/fault-matrix.mjs`: regenerates test/e2e/FAULT-MATRIX.md from a real run of the fault
// matrix suite (test/e2e/fault-matrix.test.ts) through both built bundles against the emulator, then
// prints it. Builds the bundles first when they are stale. Exits with the suite's status.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHarness } from './lib/import-ts.mjs';

const { ROOT, ensureBuilt } = await loadHarness();
const out = join(ROOT, 'test', 'e2e', 'FAULT-MATRIX.md');
await ensureBuilt();
const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/e2e/fault-matrix.test.ts'], {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, FAULT_MATRIX_OUT: out },
});
if (run.status !== 0) {
  console.error(`fault-matrix: the suite failed (exit ${run.status}); ${out} may be incomplete`);
  process.exit(run.status ?? 1);
}
console.log(readFileSync(out, 'utf8'));
