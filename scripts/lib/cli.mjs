// The npm scripts' way into the CLI (dev/cli/): `npm start` is `softbus-sync demo`, `npm run invoke` is
// `softbus-sync invoke`; the messages name the npm command the user typed.
import { importTypeScript } from './import-ts.mjs';

/**
 * Runs one CLI command with this process's arguments and sets the exit code.
 * @param {string} command demo | invoke | emulator
 * @param {string} prog what the user typed, for the messages (e.g. 'npm start --')
 * @example await runCommand('demo', 'npm start --');
 */
export async function runCommand(command, prog) {
  const { runCli } = await importTypeScript(new URL('../../dev/cli/index.ts', import.meta.url));
  const code = await runCli([command, ...process.argv.slice(2)], { prog });
  if (code !== undefined) process.exitCode = code;
}
