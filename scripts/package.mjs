#!/usr/bin/env node
// `npm run package`: zips each platform's bundle into an upload-ready archive with index.js (and its map)
// at the root, as FunctionGraph (handler `index.handler`) and Lambda expect: dist/softbus-sync-<platform>.zip.
// Builds first when dist is missing or older than the sources. The logic is dev/package.ts.
import { loadHarness } from './lib/import-ts.mjs';

try {
  const { packageAll } = await loadHarness();
  await packageAll();
} catch (error) {
  console.error(`package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
