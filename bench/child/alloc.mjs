// Allocation profile of one handler call (bench/alloc-profile.mjs forks this). V8's sampling heap profiler
// with the objects collected by minor and major GCs kept in the profile: every byte allocated during the
// call, garbage included (the default profile keeps only what is still alive). Each sample is attributed
// twice: to the function that allocated it (its own frame, often inside Node), and to the nearest frame
// of the bundle on its stack, mapped back to the TypeScript source through the bundle's source map.
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire, SourceMap } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const job = JSON.parse(process.argv[2]);
Object.assign(process.env, job.env);
const { handler } = require(job.bundle);
// V8 names a CommonJS module's frames by its path (an ES module's by its file URL).
const isBundle = (url) => url === job.bundle || url === pathToFileURL(job.bundle).href;
const map = new SourceMap(JSON.parse(readFileSync(`${job.bundle}.map`, 'utf8')));
const endsAt = Date.now() + 600_000;
const context = {
  getRequestID: () => 'alloc',
  getRemainingTimeInMilliSeconds: () => endsAt - Date.now(),
  getSecurityAccessKey: () => job.keys.ak,
  getSecuritySecretKey: () => job.keys.sk,
  getSecurityToken: () => job.keys.securityToken,
  getProjectID: () => job.projectId,
};

const session = new Session();
session.connect();
// Warm-up call (loads the signers and node:http, fills caches): not profiled.
await handler(job.warmEvent, context);
await session.post('HeapProfiler.startSampling', {
  samplingInterval: job.samplingInterval ?? 8192,
  includeObjectsCollectedByMajorGC: true,
  // `survivors`: leave out what a scavenge collected, keeping what outlived one (what grows the young generation).
  includeObjectsCollectedByMinorGC: !job.survivors,
});
const report = await handler(job.event, context);
const { profile } = await session.post('HeapProfiler.stopSampling');

const where = (frame) => {
  if (!isBundle(frame.url)) return `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '') || '(native)'}`;
  const entry = map.findEntry(frame.lineNumber, frame.columnNumber);
  const source = (entry.originalSource ?? '?').replace(/^.*?\/(src|node_modules)\//, '$1/');
  return `${entry.name ?? frame.functionName ?? '?'} ${source}:${(entry.originalLine ?? 0) + 1}`;
};
const self = new Map();
const ours = new Map();
let total = 0;
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
const walk = (node, nearestOurs) => {
  const here = isBundle(node.callFrame.url) ? where(node.callFrame) : nearestOurs;
  if (node.selfSize > 0) {
    total += node.selfSize;
    add(self, where(node.callFrame), node.selfSize);
    add(ours, here ?? '(outside the bundle)', node.selfSize);
  }
  for (const child of node.children) walk(child, here);
};
walk(profile.head, undefined);
const top = (m) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, job.top ?? 25)
    .map(([site, bytes]) => ({ site, MiB: Math.round((bytes / 2 ** 20) * 10) / 10, share: Math.round((bytes / total) * 1000) / 10 }));
process.send(
  {
    totalMiB: total / 2 ** 20,
    synced: (report?.synced?.length ?? 0) + (report?.omitted?.synced ?? 0),
    bySelf: top(self),
    byBundleFrame: top(ours),
  },
  () => process.exit(0),
);
