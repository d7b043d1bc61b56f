/**
 * The fault matrix: each fault the emulator can inject, through both bundles, with the classification
 * the report must give it. The observed rows are collected; with FAULT_MATRIX_OUT set (see
 * scripts/fault-matrix.mjs) they are written as the Markdown table of test/e2e/FAULT-MATRIX.md.
 * Then: what a listing that fails in the middle of paging does to the records that wanted the group.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO, type Emulator, type FaultRule } from '../../emulator';
import { type Answer, batchItemFailures, busesOf, mustReport, PLATFORMS, type Platform, sorted, sqsRecord, useE2E } from '../support/e2e';
import { SAMPLE_BUS, SAMPLE_GROUP, SAMPLE_GROUP_2, sampleEvent } from '../support/events';
import { feedOn, minutesAgo, tickOf } from '../support/feed';
import { HOSTILE_CASES, type HostileRow, hostileTable, observeHostile } from '../support/hostile-faults';
import { startHostileServer } from '../support/hostile-server';
import { FEDERATION_FAULTS, type FederationObserved, renderFederationRows, runFederationFault } from './federation-faults';

const e2e = useE2E();

const MAX_ATTEMPTS = 3;
const REQUEST_TIMEOUT_MS = 300;
/** Small limits keep the matrix fast: 3 attempts, 300 ms per request. */
const ENV = { SYNC_MAX_ATTEMPTS: String(MAX_ATTEMPTS), SYNC_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) };

type Classification = 'synced' | 'notFound' | 'failed' | 'failedGroup' | 'ok (listed)' | 'failedFeed' | 'ok (feed read)';

interface Observed {
  outcome: string;
  classification: Classification;
  status: number | string;
  retryable: boolean | '-';
  attempts: number;
  thrown: boolean;
}

interface FaultCase {
  fault: string;
  /**
   * sync: a resync of SAMPLE_BUS; list: a resync of SAMPLE_GROUP_2 (one page of 3 buses); traces: the
   * platform's timer or scheduled tick with the change feed on, one trace of SAMPLE_GROUP_2 in its window.
   */
  on: 'sync' | 'list' | 'traces';
  rule: Omit<FaultRule, 'route' | 'busId' | 'groupId'>;
  /** Wrong keys instead of an injected status (a real signature failure). */
  wrongKeys?: boolean;
  expected: Omit<Observed, 'thrown'>;
}

const throttled = {
  error_code: 'APIG.0308',
  error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:10,time:1 second',
};
const serverError = (status: number) => ({ status, body: { error_code: 'IOTDA.000001', error_msg: `internal error (${status})` } });
const ok = (attempts: number): Omit<Observed, 'thrown'> => ({
  outcome: 'ok',
  classification: 'synced',
  status: 200,
  retryable: '-',
  attempts,
});
const failed = (status: number | string, retryable: boolean, attempts: number): Omit<Observed, 'thrown'> => ({
  outcome: 'failed',
  classification: 'failed',
  status,
  retryable,
  attempts,
});
const listFailed = (status: number | string, attempts: number): Omit<Observed, 'thrown'> => ({
  outcome: 'failed',
  classification: 'failedGroup',
  status,
  retryable: true,
  attempts,
});

const CASES: FaultCase[] = [
  {
    fault: '429 with Retry-After: 1, once',
    on: 'sync',
    rule: { times: 1, status: 429, headers: { 'Retry-After': '1' }, body: throttled },
    expected: ok(2),
  },
  { fault: '429 without Retry-After, once', on: 'sync', rule: { times: 1, status: 429, body: throttled }, expected: ok(2) },
  {
    fault: '429 with Retry-After: 1, always',
    on: 'sync',
    rule: { status: 429, headers: { 'Retry-After': '1' }, body: throttled },
    expected: failed(429, true, MAX_ATTEMPTS),
  },
  {
    fault: '429 without Retry-After, always',
    on: 'sync',
    rule: { status: 429, body: throttled },
    expected: failed(429, true, MAX_ATTEMPTS),
  },
  {
    fault: '429 with Retry-After: 60 (beyond the deadline)',
    on: 'sync',
    rule: { status: 429, headers: { 'Retry-After': '60' }, body: throttled },
    expected: failed(429, true, 1),
  },
  ...[500, 502, 503, 504].flatMap((status): FaultCase[] => [
    { fault: `${status}, once`, on: 'sync', rule: { times: 1, ...serverError(status) }, expected: ok(2) },
    { fault: `${status}, always`, on: 'sync', rule: serverError(status), expected: failed(status, true, MAX_ATTEMPTS) },
  ]),
  { fault: 'connection reset, once', on: 'sync', rule: { times: 1, reset: true }, expected: ok(2) },
  { fault: 'connection reset, always', on: 'sync', rule: { reset: true }, expected: failed('network', true, MAX_ATTEMPTS) },
  { fault: `answer after 700 ms (timeout ${REQUEST_TIMEOUT_MS} ms), once`, on: 'sync', rule: { times: 1, delayMs: 700 }, expected: ok(2) },
  {
    fault: `answer after 700 ms (timeout ${REQUEST_TIMEOUT_MS} ms), always`,
    on: 'sync',
    rule: { delayMs: 700 },
    expected: failed('timeout', true, MAX_ATTEMPTS),
  },
  {
    fault: '401 IOTDA.000002 (injected)',
    on: 'sync',
    rule: { status: 401, body: { error_code: 'IOTDA.000002', error_msg: 'Authentication failed' } },
    expected: failed(401, false, 1),
  },
  { fault: '401 (real: wrong secret key)', on: 'sync', rule: {}, wrongKeys: true, expected: failed(401, false, 1) },
  {
    fault: '403',
    on: 'sync',
    rule: { status: 403, body: { error_code: 'IOTDA.000005', error_msg: 'Forbidden' } },
    expected: failed(403, false, 1),
  },
  {
    fault: '400 IOTDA.000006',
    on: 'sync',
    rule: { status: 400, body: { error_code: 'IOTDA.000006', error_msg: 'Invalid input' } },
    expected: failed(400, false, 1),
  },
  {
    fault: '404 (bus gone)',
    on: 'sync',
    rule: { status: 404, body: { error_code: 'IOTDA.014000', error_msg: 'soft bus not found' } },
    expected: { outcome: 'ok', classification: 'notFound', status: 404, retryable: '-', attempts: 1 },
  },
  {
    // The API gateway's "no such API" (a wrong endpoint, the API not published there) is no bus that is gone.
    fault: '404 APIG.0101 (no such API)',
    on: 'sync',
    rule: {
      status: 404,
      body: { error_code: 'APIG.0101', error_msg: 'The API does not exist or has not been published in the environment.' },
    },
    expected: failed(404, false, 1),
  },
  {
    fault: 'list: 200 with a malformed JSON body, once',
    on: 'list',
    rule: { times: 1, malformedBody: true },
    expected: { outcome: 'ok', classification: 'ok (listed)', status: 200, retryable: '-', attempts: 2 },
  },
  {
    fault: 'list: 200 with a malformed JSON body, always',
    on: 'list',
    rule: { malformedBody: true },
    expected: listFailed('malformed body', MAX_ATTEMPTS),
  },
  { fault: 'list: 503, always', on: 'list', rule: serverError(503), expected: listFailed(503, MAX_ATTEMPTS) },
  {
    fault: 'list: 403',
    on: 'list',
    rule: { status: 403, body: { error_code: 'IOTDA.000005', error_msg: 'Forbidden' } },
    expected: { outcome: 'failed', classification: 'failedGroup', status: 403, retryable: false, attempts: 1 },
  },
  ...FEED_CASES(),
];

/** The change feed's trace list (CTS): a failing feed leaves the reconcile of the tick to complete (partial). */
function FEED_CASES(): FaultCase[] {
  const read = (attempts: number): Omit<Observed, 'thrown'> => ({
    outcome: 'ok',
    classification: 'ok (feed read)',
    status: 200,
    retryable: '-',
    attempts,
  });
  const feedFailed = (status: number | string, retryable: boolean, attempts: number): Omit<Observed, 'thrown'> => ({
    outcome: 'partial',
    classification: 'failedFeed',
    status,
    retryable,
    attempts,
  });
  const ctsBusy = { status: 503, body: { error_code: 'CTS.0005', error_msg: 'Failed to read data.' } };
  return [
    {
      fault: 'traces: 429 with Retry-After: 1, once',
      on: 'traces',
      rule: { times: 1, status: 429, headers: { 'Retry-After': '1' }, body: throttled },
      expected: read(2),
    },
    { fault: 'traces: 429, always', on: 'traces', rule: { status: 429, body: throttled }, expected: feedFailed(429, true, MAX_ATTEMPTS) },
    { fault: 'traces: 500, once', on: 'traces', rule: { times: 1, status: 500 }, expected: read(2) },
    { fault: 'traces: 503 CTS.0005, always', on: 'traces', rule: ctsBusy, expected: feedFailed(503, true, MAX_ATTEMPTS) },
    { fault: 'traces: connection reset, always', on: 'traces', rule: { reset: true }, expected: feedFailed('network', true, MAX_ATTEMPTS) },
    { fault: 'traces: 200 with a malformed JSON body, once', on: 'traces', rule: { times: 1, malformedBody: true }, expected: read(2) },
    {
      fault: 'traces: 200 with a malformed JSON body, always',
      on: 'traces',
      rule: { malformedBody: true },
      expected: feedFailed('malformed body', true, MAX_ATTEMPTS),
    },
    {
      fault: 'traces: 200 without a traces list, always',
      on: 'traces',
      rule: { status: 200, body: { meta_data: { count: 0 } } },
      expected: feedFailed('malformed body', true, MAX_ATTEMPTS),
    },
    {
      fault: `traces: answer after 700 ms (timeout ${REQUEST_TIMEOUT_MS} ms), once`,
      on: 'traces',
      rule: { times: 1, delayMs: 700 },
      expected: read(2),
    },
    {
      fault: `traces: answer after 700 ms (timeout ${REQUEST_TIMEOUT_MS} ms), always`,
      on: 'traces',
      rule: { delayMs: 700 },
      expected: feedFailed('timeout', true, MAX_ATTEMPTS),
    },
    { fault: 'traces: 403 CTS.0013 (no CTS rights)', on: 'traces', rule: { status: 403 }, expected: feedFailed(403, false, 1) },
  ];
}

const rows: Array<{ fault: string; platform: Platform; observed: Observed }> = [];
const hostileRows: HostileRow[] = [];
const pagingRows: Array<{ scenario: string; platform: Platform; observed: string }> = [];
const federationRows: Array<{ fault: string; observed: FederationObserved }> = [];

/** One line saying what a mid-paging failure did to an invocation (for the second table). */
function pagingObservation(scenario: string, platform: Platform, answer: Answer): void {
  const report = mustReport(answer);
  const group = report.failedGroups[0];
  const parts = [
    `outcome ${report.outcome}`,
    `${report.synced.length} synced`,
    group
      ? `failedGroups: ${group.groupId.slice(0, 8)}… ${group.status} retryable=${group.retryable} attempts=${group.attempts}`
      : 'no failed group',
    `failedRefs [${sorted(report.failedRefs).join(', ')}]`,
  ];
  const value = answer.value as { batchItemFailures?: Array<{ itemIdentifier: string }> } | undefined;
  if (value?.batchItemFailures)
    parts.push(
      `batchItemFailures [${value.batchItemFailures
        .map((f) => f.itemIdentifier)
        .sort()
        .join(', ')}]`,
    );
  parts.push(answer.error ? `threw ${answer.error.name}` : 'returned');
  pagingRows.push({ scenario, platform, observed: parts.join('; ') });
}

/** What the report and the summary log line say about the one bus or group of the case. */
function observe(c: FaultCase, answer: Answer, summary: Record<string, unknown> | undefined): Observed {
  const report = mustReport(answer);
  const thrown = answer.error !== undefined;
  const requests = Number(c.on === 'sync' ? summary?.syncRequests : c.on === 'list' ? summary?.listRequests : summary?.feedRequests);
  const failedBus = report.failed[0];
  const failedGroup = report.failedGroups[0];
  const statusOf = (f: { status?: number; message: string }) =>
    f.status ?? (/no answer from \S+ within/.test(f.message) ? 'timeout' : /list answer/.test(f.message) ? 'malformed body' : 'network');
  const failedFeed = report.failedFeeds?.[0];
  if (c.on === 'traces')
    return failedFeed
      ? {
          outcome: report.outcome,
          classification: 'failedFeed',
          status: statusOf(failedFeed),
          retryable: failedFeed.retryable,
          attempts: failedFeed.attempts,
          thrown,
        }
      : { outcome: report.outcome, classification: 'ok (feed read)', status: 200, retryable: '-', attempts: requests, thrown };
  if (failedBus)
    return {
      outcome: report.outcome,
      classification: 'failed',
      status: statusOf(failedBus),
      retryable: failedBus.retryable,
      attempts: failedBus.attempts,
      thrown,
    };
  if (failedGroup)
    return {
      outcome: report.outcome,
      classification: 'failedGroup',
      status: statusOf(failedGroup),
      retryable: failedGroup.retryable,
      attempts: failedGroup.attempts,
      thrown,
    };
  if (report.notFound.length > 0)
    return { outcome: report.outcome, classification: 'notFound', status: 404, retryable: '-', attempts: requests, thrown };
  return {
    outcome: report.outcome,
    classification: c.on === 'sync' ? 'synced' : 'ok (listed)',
    status: 200,
    retryable: '-',
    attempts: requests,
    thrown,
  };
}

describe.each(PLATFORMS)('fault matrix on the %s bundle', (platform: Platform) => {
  it.each(CASES)('$fault', async (c) => {
    // Prepare
    const em = await e2e.setUp({}, ENV);
    if (c.on === 'sync') em.addFault({ route: 'sync', busId: SAMPLE_BUS, ...c.rule });
    else if (c.on === 'list') em.addFault({ route: 'list', groupId: SAMPLE_GROUP_2, ...c.rule });
    else {
      feedOn(em);
      em.addTrace({ resource_id: SAMPLE_GROUP_2, time: minutesAgo(5) });
      em.addFault({ route: 'traces', ...c.rule });
    }
    const event =
      c.on === 'sync'
        ? { kind: 'resync', busIds: [SAMPLE_BUS] }
        : c.on === 'list'
          ? { kind: 'resync', groupIds: [SAMPLE_GROUP_2] }
          : tickOf(platform);
    const keys = c.wrongKeys
      ? { ak: DEMO.temporary.ak, sk: 'not-the-secret-key-of-this-ak', securityToken: DEMO.temporary.securityToken }
      : undefined;
    // Act
    const answer = await e2e.invoke(platform, event, { keys });
    // Assess: the classification, and the request counts agree with the emulator's.
    const summary = e2e.logEntries().find((e) => e.message === 'invocation summary');
    const observed = observe(c, answer, summary);
    rows.push({ fault: c.fault, platform, observed });
    expect(observed).toEqual({ ...c.expected, thrown: false });
    if (c.on === 'sync' && c.expected.classification === 'synced') expect(em.getBus(SAMPLE_BUS)?.status).toBe('Synchronized');
    if (c.on === 'traces') {
      // Whatever CTS did, the tick's reconcile completed; the changed group was resynced only if the feed was read.
      expect(em.listBuses().every((b) => b.status === 'Synchronized')).toBe(true);
      const groupSynced = busesOfGroupSynced(em, SAMPLE_GROUP_2);
      expect(groupSynced).toBe(c.expected.classification === 'ok (feed read)');
      expect(mustReport(answer).feeds?.[0]?.groupsResynced).toEqual(groupSynced ? [SAMPLE_GROUP_2] : []);
    }
    if (c.rule.headers?.['Retry-After'] === '1' && c.rule.times === 1) {
      const [first, second] = em.calls.filter((call) => call.route === (c.on === 'traces' ? 'traces' : 'sync'));
      expect((second?.time ?? 0) - (first?.time ?? 0)).toBeGreaterThanOrEqual(950);
    }
  });
});

describe('a listing that fails in the middle of paging (page 2 of the 53-bus group: 503, always)', () => {
  const page2Fails = {
    route: 'list' as const,
    groupId: SAMPLE_GROUP,
    skip: 1,
    status: 503,
    body: { error_code: 'IOTDA.000001', error_msg: 'internal error' },
  };

  it.each(PLATFORMS)(
    '%s, manual request: page 1 synced, the group in failedGroups (retryable), outcome partial, no throw',
    async (platform) => {
      // Prepare
      const em = await e2e.setUp({}, ENV);
      em.addFault(page2Fails);
      // Act
      const answer = await e2e.invoke(platform, { kind: 'resync', groupIds: [SAMPLE_GROUP] });
      pagingObservation('manual resync of the group', platform, answer);
      // Assess
      expect(answer.error).toBeUndefined();
      const report = mustReport(answer);
      expect(report).toMatchObject({
        outcome: 'partial',
        failedGroups: [{ groupId: SAMPLE_GROUP, status: 503, retryable: true, attempts: MAX_ATTEMPTS }],
        failedRefs: ['manual'],
      });
      expect(report.synced).toHaveLength(50);
      const lists = em.calls.filter((c) => c.route === 'list');
      expect(lists.map((c) => c.status)).toEqual([200, ...Array<number>(MAX_ATTEMPTS).fill(503)]);
      expect(new Set(lists.slice(1).map((c) => c.query.marker)).size).toBe(1);
    },
  );

  it.each(PLATFORMS)('%s, CTS trigger (asynchronous): throws the retry error carrying the report', async (platform) => {
    const em = await e2e.setUp({}, ENV);
    em.addFault(page2Fails);
    const answer = await e2e.invoke(platform, sampleEvent('functiongraph-cts-manage-devices'));
    pagingObservation('CTS trigger (events/functiongraph-cts-manage-devices.json)', platform, answer);
    expect(answer.error?.name).toBe('RetryableInvocationError');
    expect(answer.error?.message).toMatch(/1 listings failed/);
    expect(mustReport(answer)).toMatchObject({
      trigger: 'cts',
      outcome: 'partial',
      failedGroups: [{ groupId: SAMPLE_GROUP, retryable: true }],
    });
  });

  it('lambda, EventBridge event (asynchronous): throws for a retry', async () => {
    const em = await e2e.setUp({}, ENV);
    em.addFault(page2Fails);
    const event = { ...sampleEvent('lambda-eventbridge-resync'), detail: { kind: 'resync', groupIds: [SAMPLE_GROUP] } };
    const answer = await e2e.invoke('lambda', event);
    pagingObservation('EventBridge resync of the group', 'lambda', answer);
    expect(answer.error?.name).toBe('RetryableInvocationError');
    expect(mustReport(answer)).toMatchObject({ trigger: 'eventbridge', failedGroups: [{ groupId: SAMPLE_GROUP }] });
  });

  it.each(PLATFORMS)('%s, SQS batch: exactly the records that wanted the group are handed back', async (platform) => {
    // Prepare: m1 and m3 want the failing group, m2 another group, m4 a bus of another group.
    const em = await e2e.setUp({}, ENV);
    em.addFault(page2Fails);
    const event = {
      Records: [
        sqsRecord('m1-g1', { kind: 'resync', groupIds: [SAMPLE_GROUP] }),
        sqsRecord('m2-g2', { kind: 'resync', groupIds: [SAMPLE_GROUP_2] }),
        sqsRecord('m3-cts-g1', {
          cts: { service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'manageDevicesInGroup', resource_id: SAMPLE_GROUP },
        }),
        sqsRecord('m4-bus', { kind: 'resync', busIds: [SAMPLE_BUS] }),
      ],
    };
    // Act
    const answer = await e2e.invoke(platform, event);
    if (platform === 'functiongraph')
      pagingObservation('SQS batch m1 (group), m2 (other group), m3 (CTS of the group), m4 (a bus)', platform, answer);
    else
      pagingRows.push({
        scenario: 'SQS batch m1 (group), m2 (other group), m3 (CTS of the group), m4 (a bus)',
        platform,
        observed: `batchItemFailures [${batchItemFailures(answer).join(', ')}]; returned`,
      });
    // Assess
    const failing = ['m1-g1', 'm3-cts-g1'];
    if (platform === 'lambda') expect(batchItemFailures(answer)).toEqual(failing);
    else expect(sorted(mustReport(answer).failedRefs)).toEqual(failing);
    expect(answer.error).toBeUndefined();
    const synced = sorted(new Set(em.calls.filter((c) => c.route === 'sync' && c.status === 200).map((c) => c.busId ?? '')));
    expect(synced).toEqual(expect.arrayContaining(busesOf(em, { groupId: SAMPLE_GROUP_2 })));
  });
});

describe('keyless Lambda (aws-federation): each step of the exchange', () => {
  it.each(FEDERATION_FAULTS)('$fault', async (fault) => {
    federationRows.push({ fault: fault.fault, observed: await runFederationFault(e2e, fault, ENV) });
  });
});

describe.each(PLATFORMS)('hostile answers on the %s bundle (test/support/hostile-server.ts)', (platform: Platform) => {
  it.each(HOSTILE_CASES)('$fault', async (c) => {
    // Prepare: the CTS trigger on FunctionGraph, EventBridge on Lambda (asynchronous: a retryable failure would throw)
    const server = await startHostileServer(c.server);
    try {
      e2e.pointAt(c.endpoint ?? server.url, { ...ENV, ...c.env });
      const event = c.on === 'sync' ? { kind: 'resync', busIds: [SAMPLE_BUS] } : c.event(platform);
      // Act
      const answer = await e2e.invoke(platform, event, { remainingMs: c.remainingMs ?? 30_000 });
      // Assess
      const observed = observeHostile(answer, e2e.logLines(), server.calls);
      hostileRows.push({ fault: c.fault, platform, observed });
      expect(observed).toMatchObject(c.expected);
    } finally {
      await server.close();
    }
  });
});

afterAll(() => {
  const out = process.env.FAULT_MATRIX_OUT;
  if (!out) return;
  writeFileSync(out, renderMatrix(rows));
});

function renderMatrix(observed: typeof rows): string {
  const byFault = new Map<string, Partial<Record<Platform, Observed>>>();
  for (const row of observed) byFault.set(row.fault, { ...byFault.get(row.fault), [row.platform]: row.observed });
  const cell = (o: Observed) => [
    o.outcome,
    o.classification,
    String(o.status),
    String(o.retryable),
    String(o.attempts),
    o.thrown ? 'yes' : 'no',
  ];
  const lines = [
    '# Fault matrix (observed)',
    '',
    'Generated by `node scripts/fault-matrix.mjs` (runs `test/e2e/fault-matrix.test.ts` against the emulator through',
    'both built bundles and records what each invocation reported). Do not edit by hand.',
    '',
    `Set-up: a manual resync of one soft bus (faults on the sync call) or of a one-page device group (faults on the list call),`,
    `or (rows "traces:") a timer tick (FunctionGraph) or scheduled rule (Lambda) with SYNC_CHANGE_FEED=cts and one trace of a group in`,
    `its window (faults on CTS's trace list; the tick's pending reconcile runs either way, hence "partial" when the feed fails);`,
    `SYNC_MAX_ATTEMPTS=${MAX_ATTEMPTS}, SYNC_REQUEST_TIMEOUT_MS=${REQUEST_TIMEOUT_MS}, other settings default, 30 s remaining.`,
    '"attempts" is the number of requests the function made for the call (report `attempts`, or the summary line\'s counts).',
    'A manual request is synchronous: the handler never throws for it; on an asynchronous trigger (CTS, EventGrid,',
    'EventBridge) a retryable failure makes it throw so the platform retries the event.',
    '',
    '| fault | platform | outcome | classification | status | retryable | attempts |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [fault, platforms] of byFault) {
    const fg = platforms.functiongraph;
    const lambda = platforms.lambda;
    if (fg && lambda && JSON.stringify(fg) === JSON.stringify(lambda))
      lines.push(`| ${fault} | both | ${cell(fg).slice(0, 5).join(' | ')} |`);
    else
      for (const [name, o] of Object.entries(platforms)) if (o) lines.push(`| ${fault} | ${name} | ${cell(o).slice(0, 5).join(' | ')} |`);
  }
  lines.push(
    '',
    '## A listing that fails in the middle of paging',
    '',
    `The 53-bus group ${SAMPLE_GROUP}: page 1 answers, page 2 answers 503 every time (emulator rule \`skip: 1\`).`,
    '',
    '| scenario | platform | observed |',
    '|---|---|---|',
    ...pagingRows.map((r) => `| ${r.scenario} | ${r.platform} | ${r.observed} |`),
    ...renderFederationRows(federationRows),
    '',
    ...hostileTable(hostileRows),
  );
  return lines.join('\n');
}

/** Whether every bus of the group got a sync call, including the one already Synchronized (which only the feed selects). */
function busesOfGroupSynced(em: Emulator, groupId: string): boolean {
  const synced = new Set(em.calls.filter((c) => c.route === 'sync' && c.status === 200).map((c) => c.busId));
  return busesOf(em, { groupId }).every((busId) => synced.has(busId));
}
