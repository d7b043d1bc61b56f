/**
 * The command line, `softbus-sync <command>` (bin/softbus-sync.mjs), also behind `npm start`,
 * `npm run invoke` and `npm run emulator`: one dispatcher, one exit-code policy (exit-codes.ts), usage
 * errors as one line plus the usage (exit 2), never a stack trace for a mistake of the user's.
 */
import { runEmulatorCli } from '../../emulator/cli';
import { UsageError } from '../local-run';
import { runDemo } from './demo';
import { ExitCode } from './exit-codes';
import { runInvoke } from './invoke';
import { demoUsage, invokeUsage, mainUsage } from './usage';

export { ExitCode } from './exit-codes';

const COMMANDS = {
  demo: { run: runDemo, usage: demoUsage },
  invoke: { run: runInvoke, usage: invokeUsage },
} as const;

/**
 * Runs one command. `prog` is what the user typed to reach it, for the messages (`npm start --`);
 * resolves with the exit code, or undefined for a command that keeps running (the emulator).
 * @example process.exitCode = (await runCli(process.argv.slice(2))) ?? 0;
 * @example await runCli(['invoke', '-e', '-'], { prog: 'npm run --silent invoke --' });
 */
export async function runCli(argv: string[], { prog }: { prog?: string } = {}): Promise<number | undefined> {
  const [command, ...args] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    const stream = command === undefined ? process.stderr : process.stdout;
    stream.write(`${mainUsage()}\n`);
    return command === undefined ? ExitCode.Usage : ExitCode.Ok;
  }
  if (command === 'emulator') return runEmulatorCli(args, prog ?? 'softbus-sync emulator');
  if (!(command in COMMANDS)) {
    process.stderr.write(`softbus-sync: unknown command '${command}'\n${mainUsage()}\n`);
    return ExitCode.Usage;
  }
  const { run, usage } = COMMANDS[command as keyof typeof COMMANDS];
  const shown = prog ?? `softbus-sync ${command}`;
  try {
    return await run(args, () => console.log(usage(shown)));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${shown}: ${error.message}\n${usage(shown)}\n`);
      return ExitCode.Usage;
    }
    // Not the user's mistake but a broken run (a bug, a failed build): the stack is what a report needs.
    process.stderr.write(`${shown}: could not run: ${(error as Error)?.stack ?? String(error)}\n`);
    return ExitCode.Failed;
  }
}
