// A Lambda task folder's handler run the way the Node.js runtime runs it, in this (child) process: the
// parent starts it with NODE_PATH (Lambda's is /opt/nodejs/…:/var/runtime/node_modules:…, where the AWS
// SDK lives) and the folder as cwd; the handler is `require`d from <task>/index.js and invoked once per
// event with a Lambda-like context. Used by the tests (which SDK the function found) and the bench
// (load and first-call times). Job (argv[2], JSON): { task, events, remainingMs? }. Answer over IPC:
// { loadMs, invocations: [{ ms, value?, error? }] }; the function's log lines go to stdout as usual.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const job = JSON.parse(process.argv[2]);
const require = createRequire(join(job.task, 'index.js'));

const context = (n) => {
  const endsAt = Date.now() + (job.remainingMs ?? 30_000);
  return {
    awsRequestId: `task-request-${n}`,
    functionName: 'softbus-sync',
    functionVersion: '$LATEST',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
  };
};

const t0 = performance.now();
const { handler } = require(join(job.task, 'index.js'));
const loadMs = performance.now() - t0;
const invocations = [];
for (const [n, event] of job.events.entries()) {
  const started = performance.now();
  try {
    const value = await handler(event, context(n));
    invocations.push({ ms: performance.now() - started, value });
  } catch (error) {
    invocations.push({ ms: performance.now() - started, error: { name: error?.name, message: error?.message } });
  }
}
process.send({ loadMs, invocations }, () => process.exit(0));
