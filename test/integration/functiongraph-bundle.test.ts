import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO, type Emulator } from '../../emulator';
import { SAMPLE_BUS, SAMPLE_GROUP, sampleEvent } from '../support/events';
import {
  asReport,
  assertNoSecrets,
  captureLogs,
  emulator,
  functionGraphContext,
  type Handler,
  loadBundle,
  stubFunctionEnv,
} from '../support/harness';

let handler: Handler;
let em: Emulator | undefined;
let logs: ReturnType<typeof captureLogs> | undefined;

beforeAll(() => {
  handler = loadBundle('functiongraph');
});

afterEach(async () => {
  logs?.restore();
  logs = undefined;
  vi.unstubAllEnvs();
  await em?.close();
  em = undefined;
});

async function setUp(options: Parameters<typeof emulator>[0] = {}, env: Record<string, string> = {}) {
  em = await emulator(options);
  stubFunctionEnv(em, env);
  logs = captureLogs();
  return em;
}

describe('FunctionGraph bundle against the emulator', () => {
  it('syncs every bus of a changed group once, paging the list, with the agency keys and derived signing', async () => {
    // Prepare
    const server = await setUp(
      { acceptedSignatures: 'derived', instanceId: '1a2b3c4d-0000-4000-8000-00000000abcd' },
      { IOTDA_INSTANCE_ID: '1a2b3c4d-0000-4000-8000-00000000abcd' },
    );
    const groupBuses = server
      .listBuses()
      .filter((b) => b.group_id === SAMPLE_GROUP)
      .map((b) => b.bus_id);
    // Act
    const report = asReport(await handler(sampleEvent('functiongraph-cts-manage-devices'), functionGraphContext()));
    // Assess
    expect(groupBuses.length).toBeGreaterThan(50);
    expect(report).toMatchObject({
      outcome: 'ok',
      trigger: 'cts',
      requestId: 'fg-request-0001',
      dryRun: false,
      groups: [SAMPLE_GROUP],
      failed: [],
      deferred: [],
    });
    expect([...report.synced].sort()).toEqual([...groupBuses].sort());
    const lists = server.calls.filter((c) => c.route === 'list');
    const syncs = server.calls.filter((c) => c.route === 'sync');
    expect(lists.map((c) => c.status)).toEqual([200, 200]);
    expect(lists.every((c) => c.query.limit === '50' && c.query.group_id === SAMPLE_GROUP)).toBe(true);
    expect(syncs).toHaveLength(groupBuses.length);
    expect(new Set(syncs.map((c) => c.busId)).size).toBe(groupBuses.length);
    expect(
      server.calls.every(
        (c) => c.authMode === 'derived' && ['x-security-token', 'instance-id', 'x-project-id'].every((h) => c.headerNames.includes(h)),
      ),
    ).toBe(true);
    expect(
      server
        .listBuses()
        .filter((b) => b.group_id === SAMPLE_GROUP)
        .every((b) => b.status === 'Synchronized'),
    ).toBe(true);
  });

  it('reconciles on a timer: only the buses not yet synchronized', async () => {
    const server = await setUp();
    const pending = server
      .listBuses()
      .filter((b) => b.status !== 'Synchronized')
      .map((b) => b.bus_id);
    const report = asReport(await handler(sampleEvent('functiongraph-timer'), functionGraphContext()));
    expect(report.outcome).toBe('ok');
    expect([...report.synced].sort()).toEqual([...pending].sort());
    expect(server.calls.filter((c) => c.route === 'list').every((c) => c.query.group_id === undefined)).toBe(true);
  });

  it('signs plainly when told to, and reports a deleted bus as not found', async () => {
    const server = await setUp({ acceptedSignatures: 'basic' }, { IOTDA_AUTH: 'basic' });
    const report = asReport(
      await handler({ kind: 'resync', busIds: [SAMPLE_BUS, '00000000000000000000000000000000'] }, functionGraphContext()),
    );
    expect(report).toMatchObject({ outcome: 'ok', synced: [SAMPLE_BUS], notFound: ['00000000000000000000000000000000'] });
    expect(server.calls.every((c) => c.authMode === 'basic')).toBe(true);
  });

  it('plans without syncing on a dry run', async () => {
    const server = await setUp();
    const report = asReport(await handler({ kind: 'resync', groupIds: [SAMPLE_GROUP], dryRun: true }, functionGraphContext()));
    expect(report.dryRun).toBe(true);
    expect(report.planned.length).toBeGreaterThan(50);
    expect(report.synced).toEqual([]);
    expect(server.calls.filter((c) => c.route === 'sync')).toHaveLength(0);
  });

  it('retries 503 and 429 (honouring Retry-After) and gives up at once on 403', async () => {
    // Prepare
    const server = await setUp();
    const buses = server
      .listBuses()
      .slice(0, 3)
      .map((b) => b.bus_id);
    server.addFault({ route: 'sync', busId: buses[0], times: 2, status: 503 });
    server.addFault({
      route: 'sync',
      busId: buses[1],
      times: 1,
      status: 429,
      headers: { 'Retry-After': '1' },
      body: { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached' },
    });
    server.addFault({ route: 'sync', busId: buses[2], status: 403, body: { error_code: 'IOTDA.000005', error_msg: 'Forbidden' } });
    // Act
    const started = Date.now();
    const report = asReport(await handler({ kind: 'resync', busIds: buses }, functionGraphContext()));
    // Assess
    expect(report.outcome).toBe('partial');
    expect([...report.synced].sort()).toEqual([buses[0], buses[1]].sort());
    expect(report.failed).toEqual([
      { busId: buses[2], status: 403, errorCode: 'IOTDA.000005', message: 'Forbidden', attempts: 1, retryable: false },
    ]);
    const attemptsOf = (id: string | undefined) => server.calls.filter((c) => c.route === 'sync' && c.busId === id).length;
    expect([attemptsOf(buses[0]), attemptsOf(buses[1]), attemptsOf(buses[2])]).toEqual([3, 2, 1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('stops starting syncs near the deadline, returns in time and throws on an async trigger for a retry', async () => {
    // Prepare: every sync takes 600 ms; 2 s left, 1.5 s reserve by default → half kept.
    const server = await setUp({}, { SYNC_CONCURRENCY: '2' });
    server.addFault({ route: 'sync', delayMs: 600 });
    const context = functionGraphContext({ remainingMs: 2_000 });
    // Act
    const started = Date.now();
    const outcome = await handler(sampleEvent('functiongraph-cts-manage-devices'), context).then(
      (value) => ({ value }),
      (error: Error & { report?: unknown }) => ({ error }),
    );
    // Assess
    expect(Date.now() - started).toBeLessThan(2_000);
    expect('error' in outcome).toBe(true);
    const error = (outcome as { error: Error & { report: unknown } }).error;
    expect(error.message).toMatch(/retry advised \(\d+ deferred/);
    const report = asReport(error.report);
    expect(report.deferred.length).toBeGreaterThan(40);
    expect(report.synced.length + report.deferred.length + report.failed.length).toBe(53);
  });

  it('rejects malformed input with the issue paths, after zero API calls, without throwing', async () => {
    const server = await setUp();
    const report = asReport(await handler({ kind: 'resync', busIds: ['../../etc/passwd'] }, functionGraphContext()));
    expect(report.outcome).toBe('rejected');
    expect(report.error?.issues?.[0]?.path).toBe('busIds.0');
    expect(server.calls).toHaveLength(0);
  });

  it('ignores a deleteDeviceGroup trace with a log line, no API call', async () => {
    const server = await setUp();
    const event = {
      cts: { service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'deleteDeviceGroup', resource_id: SAMPLE_GROUP },
    };
    const report = asReport(await handler(event, functionGraphContext()));
    expect(report.outcome).toBe('ignored');
    expect(server.calls).toHaveLength(0);
    expect(logs?.entries().some((e) => e.message === 'event ignored' && String(e.reason).includes('deleteDeviceGroup'))).toBe(true);
  });

  it('without an agency or keys: a clear error, no API call; a manual call returns, an async trigger throws', async () => {
    const server = await setUp();
    const noAgency = functionGraphContext({ keys: { ak: '', sk: '', securityToken: '' } });
    const report = asReport(await handler({ kind: 'resync', busIds: [SAMPLE_BUS] }, noAgency));
    expect(report.outcome).toBe('failed');
    expect(report.error?.message).toMatch(/agency/);
    await expect(handler(sampleEvent('functiongraph-cts-manage-devices'), noAgency)).rejects.toThrow(/agency/);
    expect(server.calls).toHaveLength(0);
  });

  it('logs one line per bus and one summary, all JSON, none holding a key or the token', async () => {
    // Prepare: a failure path too, so error lines are scanned as well.
    const server = await setUp();
    server.addFault({
      route: 'sync',
      busId: SAMPLE_BUS,
      status: 401,
      body: { error_code: 'IOTDA.000002', error_msg: 'Authentication failed' },
    });
    // Act
    const report = asReport(await handler({ kind: 'resync', busIds: [SAMPLE_BUS], groupIds: [SAMPLE_GROUP] }, functionGraphContext()));
    // Assess
    const entries = logs?.entries() ?? [];
    const busLines = entries.filter((e) => typeof e.busId === 'string');
    expect(busLines).toHaveLength(report.synced.length + report.failed.length);
    const summary = entries.filter((e) => e.message === 'invocation summary');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({
      service: 'softbus-sync',
      requestId: 'fg-request-0001',
      trigger: 'manual',
      outcome: 'partial',
      failed: 1,
    });
    assertNoSecrets(logs?.lines.join('\n') ?? '');
    assertNoSecrets(JSON.stringify(report));
  });

  it('keeps a key out of the report and logs even when the service echoes it in an error', async () => {
    const server = await setUp();
    server.addFault({
      route: 'sync',
      busId: SAMPLE_BUS,
      status: 400,
      body: { error_code: 'IOTDA.000006', error_msg: `AK ${DEMO.temporary.ak} with token ${DEMO.temporary.securityToken} is invalid` },
    });
    const report = asReport(await handler({ kind: 'resync', busIds: [SAMPLE_BUS] }, functionGraphContext()));
    expect(report.failed[0]?.message).toContain('[REDACTED]');
    assertNoSecrets(JSON.stringify(report));
    assertNoSecrets(logs?.lines.join('\n') ?? '');
  });

  it('cuts a long echoed token out of an error message before shortening it', async () => {
    // Prepare: real temporary tokens run to thousands of characters; the service echoes this one.
    const token = 'tok'.padEnd(1500, 'A1b2C3d4');
    const keys = { ak: 'LONGTOKENAK000000001', sk: 'long-token-secret-key-000001', securityToken: token };
    const server = await setUp({ credentials: [keys] });
    server.addFault({
      route: 'sync',
      busId: SAMPLE_BUS,
      status: 400,
      body: { error_code: 'IOTDA.000006', error_msg: `Invalid X-Security-Token: ${token}` },
    });
    // Act
    const report = asReport(await handler({ kind: 'resync', busIds: [SAMPLE_BUS] }, functionGraphContext({ keys })));
    // Assess
    expect(report.failed[0]?.message).toBe('Invalid X-Security-Token: [REDACTED]');
    const output = JSON.stringify(report) + (logs?.lines.join('\n') ?? '');
    expect(output).not.toContain(token.slice(0, 40));
  });
});
