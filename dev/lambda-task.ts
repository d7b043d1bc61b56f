import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { ROOT } from './root';

/** What a task run reports: the handler's load time, each invocation's time and answer, the log lines. */
export interface TaskRun {
  loadMs: number;
  invocations: Array<{ ms: number; value?: unknown; error?: { name?: string; message?: string } }>;
  lines: string[];
}

/**
 * Unzips an upload archive into `dir` (Lambda's /var/task): what the platform would run.
 * @example extractZip(zipPath('lambda'), '/tmp/task');
 */
export function extractZip(zip: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) writeFileSync(join(dir, name), data);
}

/**
 * Runs a task folder's handler in a fresh Node process as the Lambda Node.js runtime does
 * (dev/lambda-task-child.mjs): cwd = the folder, NODE_PATH = `nodePath` (where the runtime's AWS SDK would
 * be; none by default), the given environment only.
 * @example const run = await runLambdaTask({ task: '/tmp/task', events: [event], env, nodePath: '/opt/runtime/node_modules' });
 */
export function runLambdaTask(options: {
  task: string;
  events: unknown[];
  env: Record<string, string | undefined>;
  nodePath?: string;
  remainingMs?: number;
}): Promise<TaskRun> {
  const env = Object.fromEntries(Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  if (options.nodePath) env.NODE_PATH = options.nodePath;
  const job = JSON.stringify({ task: options.task, events: options.events, remainingMs: options.remainingMs });
  return new Promise((resolve, reject) => {
    const child = fork(join(ROOT, 'dev', 'lambda-task-child.mjs'), [job], {
      cwd: options.task,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let out = '';
    let err = '';
    let answer: Omit<TaskRun, 'lines'> | undefined;
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.on('message', (message) => {
      answer = message as Omit<TaskRun, 'lines'>;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (answer) resolve({ ...answer, lines: out.split('\n').filter(Boolean) });
      else reject(new Error(`the task process exited ${code}: ${err.slice(-2000)}`));
    });
  });
}
