// One handler call with the young generation watched (bench/young-gen.mjs forks this with --trace-gc-nvp,
// whose lines V8 writes to stdout next to the function's logs): the new space's size sampled every 5 ms,
// to date each doubling; the parent adds up the bytes that outlived each young collection from V8's lines.
import { createRequire } from 'node:module';
import v8 from 'node:v8';

const require = createRequire(import.meta.url);
const job = JSON.parse(process.argv[2]);
Object.assign(process.env, job.env);
const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
const sizes = [{ atMs: performance.now(), bytes: newSpace() }];
const sampler = setInterval(() => {
  const bytes = newSpace();
  if (bytes !== sizes[sizes.length - 1].bytes) sizes.push({ atMs: performance.now(), bytes });
}, 5);
const { handler } = require(job.bundle);
const endsAt = Date.now() + 600_000;
const context = {
  getRequestID: () => 'young-gen',
  getRemainingTimeInMilliSeconds: () => endsAt - Date.now(),
  getSecurityAccessKey: () => job.keys.ak,
  getSecuritySecretKey: () => job.keys.sk,
  getSecurityToken: () => job.keys.securityToken,
  getProjectID: () => job.projectId,
};
const startedAtMs = performance.now();
const report = await handler(job.event, context);
const endedAtMs = performance.now();
clearInterval(sampler);
process.send(
  {
    startedAtMs,
    endedAtMs,
    sizes,
    synced: (report?.synced?.length ?? 0) + (report?.omitted?.synced ?? 0),
    maxRssKiB: process.resourceUsage().maxRSS,
  },
  () => process.exit(0),
);
