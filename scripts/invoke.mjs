// `npm run --silent invoke -- -e <file> [--target emulator|cloud] [--platform …] [--exit-code]`:
// `softbus-sync invoke` (dev/cli/invoke.ts). The answer is one JSON document on stdout, the logs go to
// stderr; `--silent` keeps npm's own banner off stdout (or use `npx softbus-sync invoke …`).
import { runCommand } from './lib/cli.mjs';

await runCommand('invoke', 'npm run --silent invoke --');
