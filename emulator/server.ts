/**
 * The HTTP side of the emulator: reads a request, asks the pipeline for a decision, waits, answers,
 * records. node:http only.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReceivedRequest } from './canonical.js';
import { ErrorCode, errorBody } from './errors.js';
import { FaultScript, randomFaults } from './faults.js';
import { decideIam, resolveIamRoute } from './federation/iam-routes.js';
import { IamState } from './federation/iam-state.js';
import { readBody, send } from './http-io.js';
import { createState } from './operations.js';
import type { CallRecord, Emulator, EmulatorOptions } from './options.js';
import { type Decision, decide, firstValues, type PipelineParts } from './pipeline.js';
import { TokenBucket } from './quota.js';
import { Recorder } from './recorder.js';
import { resolveRoute } from './routes.js';

/**
 * Starts the emulator on `host:port` (default 127.0.0.1 and a free port).
 * @example
 * const emu = await startEmulator({ projectId: 'p1', region: 'cn-north-4', credentials: [{ ak: 'AK', sk: 'SK' }], fleet: sampleFleet() });
 * // … point the client at emu.url …
 * await emu.close();
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  if (!options.projectId) throw new Error('startEmulator: projectId is required');
  if (options.credentials.length === 0 && !options.iam)
    throw new Error('startEmulator: at least one credential (or options.iam) is required');
  let skewMs = options.clockSkewMs ?? 0;
  const now = () => Date.now() + skewMs;
  // The IAM side adds the temporary keys it mints to this live copy of the configured credentials.
  const credentials = [...options.credentials];
  const iam = options.iam && new IamState(options.iam, credentials, now);
  const parts: PipelineParts = {
    options: { ...options, credentials },
    state: createState(options, now),
    script: new FaultScript(options.faults),
    random: options.randomFaults && randomFaults(options.randomFaults),
    bucket: options.quota && new TokenBucket(options.quota, Date.now),
    now,
  };
  const recorder = new Recorder();
  const timers = new Set<NodeJS.Timeout>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const time = Date.now();
    const done = recorder.begin();
    const requestId = randomUUID().replace(/-/g, '');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const method = req.method ?? 'GET';
    const resolved = resolveRoute(method, rawPath);
    const iamRoute = iam && resolveIamRoute(method, rawPath);
    const body = await readBody(req).catch(() => undefined);
    const received: ReceivedRequest = { method, rawPath, rawQuery, headers: req.headers, body: body ?? Buffer.alloc(0) };
    const decision: Decision =
      body === undefined
        ? {
            status: 413,
            body: errorBody(ErrorCode.InvalidInput, 'request body too large'),
            headers: {},
            errorCode: ErrorCode.InvalidInput,
            delayMs: 0,
            authMode: 'none',
          }
        : iam && iamRoute
          ? decideIam(iam, parts.script, received, iamRoute, { projectId: options.projectId, region: options.region })
          : decide(parts, received, resolved, requestId);
    await sleep((decision.skipLatency ? 0 : (options.latencyMs ?? 0)) + decision.delayMs);
    if (decision.reset) req.socket.resetAndDestroy();
    else send(res, requestId, decision);
    done();
    const call: CallRecord = {
      requestId,
      route: iamRoute?.route ?? resolved.route,
      method,
      path: rawPath,
      query: firstValues(rawQuery),
      busId: resolved.busId,
      groupId: decision.groupId,
      status: decision.reset ? 0 : decision.status,
      errorCode: decision.errorCode,
      authMode: decision.authMode,
      headerNames: [...new Set(Object.keys(req.headers))].sort(),
      time,
      durationMs: Date.now() - time,
      fault: decision.fault,
    };
    recorder.finish(call);
    options.onCall?.(call);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the emulator must show as a 500, not as a hung request.
      if (!res.headersSent) send(res, 'emulator-error', { status: 500, body: errorBody(ErrorCode.Internal, String(error)), headers: {} });
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    calls: recorder.calls,
    stats: () => recorder.stats(),
    resetCalls: () => recorder.reset(),
    addFault: (rule) => parts.script.add(rule),
    clearFaults: () => parts.script.clear(),
    getBus: (id) => parts.state.buses.get(id),
    listBuses: () => parts.state.buses.all(),
    groupDevices: (groupId) => parts.state.groups.devices(groupId),
    addTrace: (input) => parts.state.traces.add(input),
    traces: () => parts.state.traces.all(),
    clearTraces: () => parts.state.traces.clear(),
    setQuota: (quota) => {
      parts.bucket = quota && new TokenBucket(quota, Date.now);
    },
    advanceClock: (ms) => {
      skewMs += ms;
    },
    iam,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
