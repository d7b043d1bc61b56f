// A fresh Node process for one measurement. bench/run.mjs forks it with the job as JSON in argv[2] and
// gets the result over the IPC channel (stdout carries the function's log lines; the parent discards them).
// Jobs: first-call (load + first handler call), invoke (one handler call against an emulator URL:
// maxRSS and CPU), bare-http (the CPU baseline: plain node:http POSTs with a minimal signer).
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const job = JSON.parse(process.argv[2]);
const send = (result) => process.send(result, () => process.exit(0));

function context(keys, projectId, remainingMs = 600_000) {
  const endsAt = Date.now() + remainingMs;
  return {
    getRequestID: () => 'bench-child',
    getRemainingTimeInMilliSeconds: () => Math.max(0, endsAt - Date.now()),
    getSecurityAccessKey: () => keys?.ak ?? '',
    getSecuritySecretKey: () => keys?.sk ?? '',
    getSecurityToken: () => keys?.securityToken ?? '',
    getProjectID: () => projectId,
  };
}

const msSince = (t) => performance.now() - t;

if (job.kind === 'first-call') {
  // Time from process start (performance.timeOrigin) and from here: load, then the first call.
  let em;
  if (job.emulatorModule) {
    const emu = await import(pathToFileURL(job.emulatorModule).href);
    em = await emu.startEmulator({
      projectId: emu.DEMO.projectId,
      region: emu.DEMO.region,
      credentials: [...emu.DEMO.credentials],
      fleet: emu.sampleFleet(),
    });
    Object.assign(process.env, { IOTDA_ENDPOINT: em.url, IOTDA_REGION: emu.DEMO.region });
    job.event = { kind: 'resync', busIds: [emu.sampleFleet().buses[0].bus_id] };
    job.keys = emu.DEMO.temporary;
    job.projectId = emu.DEMO.projectId;
  }
  const t0 = performance.now();
  const { handler } = require(job.bundle);
  const loadMs = msSince(t0);
  const t1 = performance.now();
  const report = await handler(job.event, context(job.keys, job.projectId));
  const callMs = msSince(t1);
  const t2 = performance.now();
  await handler(job.event, context(job.keys, job.projectId));
  const secondCallMs = msSince(t2);
  await em?.close();
  send({ loadMs, callMs, secondCallMs, outcome: report?.outcome });
} else if (job.kind === 'invoke') {
  // One or more handler calls in this one process (a warm instance). `invocations` (default: one, `event`)
  // run back to back; a step with `hold` first tells the parent and waits for its go (the parent changes
  // the emulator in between); `waitForGo` holds the first call until the parent says go (several processes
  // then start together). `captureCuts` keeps the function's `rate cut` log lines (stdout is otherwise lost).
  Object.assign(process.env, job.env);
  const cuts = [];
  if (job.captureCuts) {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk, ...rest) => {
      const text = String(chunk);
      if (text.includes('"rate cut"')) for (const l of text.split('\n')) if (l.includes('"rate cut"')) cuts.push(JSON.parse(l));
      return write(chunk, ...rest);
    };
  }
  const goFromParent = () => new Promise((resolve) => process.once('message', resolve));
  const { handler } = require(job.bundle);
  const steps = job.invocations ?? [{ event: job.event }];
  const rows = [];
  const cpuAll = process.cpuUsage();
  for (const [index, step] of steps.entries()) {
    if (step.hold || (index === 0 && job.waitForGo)) {
      process.send({ waiting: index });
      await goFromParent();
    }
    const cpu0 = process.cpuUsage();
    const startedAt = Date.now();
    const t0 = performance.now();
    const report = await handler(step.event, context(job.keys, job.projectId, step.remainingMs));
    const wallMs = msSince(t0);
    const cpu = process.cpuUsage(cpu0);
    rows.push({
      startedAt,
      endedAt: Date.now(),
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      outcome: report?.outcome,
      // A report over its size cap lists part of the synced buses and counts the rest (`omitted`).
      synced: (report?.synced?.length ?? 0) + (report?.omitted?.synced ?? 0),
      deferred: report?.deferred?.length ?? 0,
      failed: report?.failed?.length ?? 0,
      syncedIds: job.returnIds ? report?.synced : undefined,
    });
  }
  const cpu = process.cpuUsage(cpuAll);
  const first = rows[0];
  send({
    ...first,
    cpuMs: (cpu.user + cpu.system) / 1000,
    invocations: rows,
    cuts,
    maxRssKiB: process.resourceUsage().maxRSS,
  });
} else if (job.kind === 'bare-http') {
  // The baseline: the same sync calls, signed by a minimal derived signer (node:crypto; the signing
  // key cached per day, as the service allows), plain node:http over a keep-alive agent, 16 at a time.
  const { url, projectId, region, keys, busIds, concurrency = 16 } = job;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const base = new URL(url);
  const keyCache = new Map();
  const sign = (method, path, headers) => {
    const date = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const scope = `${date.slice(0, 8)}/${region}/iotdm`;
    let key = keyCache.get(scope);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', keys.sk, keys.ak, scope, 32)).toString('hex');
      keyCache.set(scope, key);
    }
    const all = { ...headers, host: base.host, 'x-sdk-date': date, 'x-security-token': keys.securityToken };
    const names = Object.keys(all)
      .map((n) => n.toLowerCase())
      .sort();
    const lower = Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v]));
    const canonical = [
      method,
      `${path}/`,
      '',
      names.map((n) => `${n}:${lower[n]}\n`).join(''),
      names.join(';'),
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ].join('\n');
    const toSign = ['V11-HMAC-SHA256', date, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
    const signature = createHmac('sha256', key).update(toSign).digest('hex');
    return {
      ...all,
      authorization: `V11-HMAC-SHA256 Credential=${keys.ak}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
    };
  };
  const post = (path) =>
    new Promise((resolve, reject) => {
      const headers = sign('POST', path, { 'content-type': 'application/json' });
      const req = http.request({ host: base.hostname, port: base.port, path, method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end();
    });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const queue = [...busIds];
  let ok = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if ((await post(`/v5/iot/${projectId}/harmony-soft-bus/${id}/sync`)) === 200) ok++;
      }
    }),
  );
  const wallMs = msSince(t0);
  const cpu = process.cpuUsage(cpu0);
  send({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, ok, maxRssKiB: process.resourceUsage().maxRSS });
} else if (job.kind === 'empty') {
  const { handler } = require(job.bundle);
  await handler(job.event ?? {}, {});
  send({ maxRssKiB: process.resourceUsage().maxRSS });
} else {
  throw new Error(`unknown job ${job.kind}`);
}
