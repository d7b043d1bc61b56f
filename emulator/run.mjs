// Launcher for `npm run emulator`: Node 20 cannot run TypeScript, so emulator/cli.ts is bundled with
// esbuild into a temporary ES module and imported (scripts/lib/import-ts.mjs). Arguments pass through.
// Usage: node emulator/run.mjs [--port 8080] [--fleet emulator/fleets/sample.json] [--accepted-signatures derived]
import { importTypeScript } from '../scripts/lib/import-ts.mjs';

await importTypeScript(new URL('./cli.ts', import.meta.url));
