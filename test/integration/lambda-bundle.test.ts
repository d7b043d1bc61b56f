import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Emulator } from '../../emulator';
import { SAMPLE_GROUP, SAMPLE_GROUP_2, sampleEvent } from '../support/events';
import {
  asReport,
  assertNoSecrets,
  captureLogs,
  DEMO_KEYS_ENV,
  emulator,
  type Handler,
  lambdaContext,
  loadBundle,
  stubFunctionEnv,
} from '../support/harness';

let handler: Handler;
let em: Emulator | undefined;
let logs: ReturnType<typeof captureLogs> | undefined;

beforeAll(() => {
  handler = loadBundle('lambda');
});

afterEach(async () => {
  logs?.restore();
  vi.unstubAllEnvs();
  await em?.close();
  em = undefined;
});

async function setUp() {
  em = await emulator({ acceptedSignatures: 'basic' });
  // Lambda has no agency: the Huawei keys come from the environment (or a secret, see deploy tests).
  stubFunctionEnv(em, {
    ...DEMO_KEYS_ENV,
  });
  logs = captureLogs();
  return em;
}

const sqs = (bodies: Array<[string, unknown]>) => ({
  Records: bodies.map(([messageId, body]) => ({
    messageId,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    eventSource: 'aws:sqs',
  })),
});

describe('Lambda bundle against the emulator', () => {
  it('coalesces an SQS batch: each group listed once, each bus synced once, malformed records handed back', async () => {
    // Prepare: two records name the same group, a third is garbage.
    const server = await setUp();
    const groupSize = server.listBuses().filter((b) => b.group_id === SAMPLE_GROUP).length;
    const event = sqs([
      ['m1', { kind: 'resync', groupIds: [SAMPLE_GROUP] }],
      [
        'm2',
        { cts: { service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'manageDevicesInGroup', resource_id: SAMPLE_GROUP } },
      ],
      ['m3', 'not json'],
    ]);
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm3' }] });
    expect(server.calls.filter((c) => c.route === 'list')).toHaveLength(2);
    const syncs = server.calls.filter((c) => c.route === 'sync');
    expect(syncs).toHaveLength(groupSize);
    expect(new Set(syncs.map((c) => c.busId)).size).toBe(groupSize);
  });

  it('syncs the valid records of a batch that holds a malformed record, handing back only that one', async () => {
    // Prepare: m2's body is not a string (a hand-made or tampered event).
    const server = await setUp();
    const groupSize = server.listBuses().filter((b) => b.group_id === SAMPLE_GROUP).length;
    const event = sqs([['m1', { kind: 'resync', groupIds: [SAMPLE_GROUP] }]]);
    event.Records.push({ messageId: 'm2', body: 7 as unknown as string, eventSource: 'aws:sqs' });
    // Act
    const response = await handler(event, lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(server.calls.filter((c) => c.route === 'sync')).toHaveLength(groupSize);
  });

  it('hands back exactly the record whose group listing failed', async () => {
    const server = await setUp();
    server.addFault({ route: 'list', groupId: SAMPLE_GROUP_2, status: 403, body: { error_code: 'IOTDA.000005', error_msg: 'Forbidden' } });
    const response = await handler(
      sqs([
        ['ok', { kind: 'resync', groupIds: [SAMPLE_GROUP] }],
        ['bad', { kind: 'resync', groupIds: [SAMPLE_GROUP_2] }],
      ]),
      lambdaContext(),
    );
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
  });

  it('answers an EventBridge resync with the report', async () => {
    const server = await setUp();
    const expected = server
      .listBuses()
      .filter((b) => b.group_id === SAMPLE_GROUP_2)
      .map((b) => b.bus_id);
    const report = asReport(await handler(sampleEvent('lambda-eventbridge-resync'), lambdaContext()));
    expect(report).toMatchObject({ outcome: 'ok', trigger: 'eventbridge', requestId: 'lambda-request-0001' });
    expect([...report.synced].sort()).toEqual([...expected].sort());
    assertNoSecrets(logs?.lines.join('\n') ?? '');
  });

  it('keeps the keys out of the report and logs when their variables carry stray whitespace and the service echoes the AK', async () => {
    // Prepare: consoles and templates leave a newline or spaces around a pasted key; the function signs with the trimmed value.
    const server = await setUp();
    vi.stubEnv('HUAWEICLOUD_SDK_AK', ` ${DEMO_KEYS_ENV.HUAWEICLOUD_SDK_AK}\n`);
    vi.stubEnv('HUAWEICLOUD_SDK_SK', `${DEMO_KEYS_ENV.HUAWEICLOUD_SDK_SK} `);
    server.addFault({
      route: 'list',
      groupId: SAMPLE_GROUP,
      status: 400,
      body: { error_code: 'IOTDA.000006', error_msg: `AK ${DEMO_KEYS_ENV.HUAWEICLOUD_SDK_AK} is not allowed here` },
    });
    // Act
    const report = asReport(await handler(sqs([['m1', { kind: 'resync', groupIds: [SAMPLE_GROUP] }]]), lambdaContext()));
    // Assess: the request was signed (the emulator answered the fault), and the echoed AK left nowhere.
    expect(report).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(server.calls.filter((c) => c.route === 'list').map((c) => c.status)).toEqual([400]);
    const output = logs?.lines.join('\n') ?? '';
    expect(output).toContain('AK [REDACTED] is not allowed here');
    assertNoSecrets(output);
  });

  it('reconciles on a scheduled rule', async () => {
    const server = await setUp();
    const pending = server.listBuses().filter((b) => b.status !== 'Synchronized').length;
    const report = asReport(await handler(sampleEvent('lambda-scheduled'), lambdaContext()));
    expect(report).toMatchObject({ outcome: 'ok', trigger: 'schedule' });
    expect(report.synced).toHaveLength(pending);
  });
});
