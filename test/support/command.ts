/**
 * Runs a command as a user would, in a child process, with the function's own variables cleared from the
 * environment (a developer's IOTDA_REGION must not change what a test sees).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** What a finished command left: its exit code and everything it wrote. */
export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  /** Written to the command's standard input, which is then closed (empty by default). */
  stdin?: string;
  /** Added to the cleared environment. */
  env?: Record<string, string | undefined>;
  /** `argv[0]` is a whole shell line (pipes and all) rather than an executable. */
  shell?: boolean;
}

const FUNCTION_VARIABLES = /^(IOTDA_|HUAWEICLOUD_SDK_|SYNC_|CTS_|LOG_LEVEL$)/;

/**
 * Runs `argv` in the repository's root, asynchronously (an emulator in this process may have to answer it).
 * @example const { code, stdout } = await runCommand([process.execPath, 'scripts/start.mjs']);
 */
export function runCommand(argv: string[], { stdin, env = {}, shell = false }: CommandOptions = {}): Promise<CommandRun> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !FUNCTION_VARIABLES.test(name)));
  return new Promise((resolve, reject) => {
    const [command = '', ...args] = argv;
    const child = spawn(command, args, { cwd: ROOT, env: { ...base, ...env }, shell, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
