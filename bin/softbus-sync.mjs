#!/usr/bin/env node
// `softbus-sync` (package.json "bin"; from a clone: `npx softbus-sync …`): demo, invoke, emulator.
// Node 20 cannot run TypeScript: the CLI (dev/cli/) is bundled with esbuild and imported, as the
// scripts do (scripts/lib/import-ts.mjs). `npm start`, `npm run invoke` and `npm run emulator` call the
// same runCli.
import { importTypeScript } from '../scripts/lib/import-ts.mjs';

const { runCli } = await importTypeScript(new URL('../dev/cli/index.ts', import.meta.url));
const code = await runCli(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
