// Launcher for `npm run emulator`: Node 20 cannot run TypeScript, so emulator/cli.ts is bundled with
// esbuild into a temporary ES module and imported (scripts/lib/import-ts.mjs). Arguments pass through;
// `npx softbus-sync emulator …` runs the same function.
// Usage: node emulator/run.mjs [--port 8080] [--fleet emulator/fleets/sample.json] [--accepted-signatures derived|none]
import { importTypeScript } from '../scripts/lib/import-ts.mjs';

const { runEmulatorCli } = await importTypeScript(new URL('./cli.ts', import.meta.url));
const code = await runEmulatorCli(process.argv.slice(2), 'npm run emulator --');
if (code !== undefined) process.exitCode = code;
