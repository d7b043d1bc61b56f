// `npm start [-- -e events/<file>.json] [-- --platform functiongraph|lambda]`: `softbus-sync demo`
// (dev/cli/demo.ts): the built function against the embedded emulator, with its logs and a summary.
// Exit 0 whatever the outcome of the event; 1 the demo could not run or the function failed before any
// work (configuration); 2 a wrong argument.
import { runCommand } from './lib/cli.mjs';

await runCommand('demo', 'npm start --');
