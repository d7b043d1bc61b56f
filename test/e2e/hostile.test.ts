/**
 * Issue 9, one regression test per class of defect, through both built bundles against a hostile server
 * (test/support/hostile-server.ts) that answers what IoTDA never would. Each asserts the bound at its root:
 * nothing invalid is queued, the report and every log line stay under their caps, every wait ends before
 * the platform's deadline, no piece of a key leaves, IDs compare whatever their case, a DNS or TLS failure
 * fails at once naming the host and the settings.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_LOG_LINE_BYTES, MAX_REPORT_BYTES } from '../../src/bounds';
import { type Answer, mustReport, PLATFORMS, type Platform, sqsRecord, useE2E } from '../support/e2e';
import { SAMPLE_GROUP } from '../support/events';
import { type HostileServer, type HostileServerOptions, hugeInvalidPage, startHostileServer, validPage } from '../support/hostile-server';

const e2e = useE2E();
let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function hostile(options: HostileServerOptions, env: Record<string, string> = {}): Promise<HostileServer> {
  server = await startHostileServer(options);
  e2e.pointAt(server.url, env);
  return server;
}

/** Every line the function wrote, and the answer, within their bounds. */
function expectBounded(answer: Answer): void {
  const value = answer.error ? answer.error.report : answer.value;
  expect(Buffer.byteLength(JSON.stringify(value ?? null))).toBeLessThanOrEqual(MAX_REPORT_BYTES);
  const longest = Math.max(...e2e.logLines().map((line) => Buffer.byteLength(line)));
  expect(longest).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
}

const groupTrace = (resourceId: unknown, request?: unknown) => ({
  service_type: 'IoTDA',
  resource_type: 'device-group',
  trace_name: 'manageDevicesInGroup',
  trace_id: 'trace-hostile-1',
  resource_id: resourceId,
  ...(request === undefined ? {} : { request }),
});

/** The platform's asynchronous trigger carrying a group change: FunctionGraph's CTS trigger, an EventBridge event on Lambda. */
const asyncGroupEvent = (platform: Platform, trace: unknown) =>
  platform === 'functiongraph' ? { cts: trace } : { id: 'eb-1', source: 'softbus-sync', 'detail-type': 'cts', detail: trace };

describe.each(PLATFORMS)('the %s bundle against a hostile server', (platform: Platform) => {
  it('class 1: full pages of 20 KB invalid IDs, fresh markers, a huge count: none queued, the listing fails after 3 pages', async () => {
    // Prepare
    const srv = await hostile({ answer: (req) => (req.route === 'list' ? hugeInvalidPage(req.count, req.query.group_id) : undefined) });
    // Act
    const answer = await e2e.invoke(platform, { kind: 'resync', groupIds: [SAMPLE_GROUP] }, { remainingMs: 10_000 });
    // Assess
    const report = mustReport(answer);
    expect(srv.calls.map((c) => c.route)).toEqual(['list', 'list', 'list']);
    expect(report).toMatchObject({ outcome: 'failed', synced: [], failed: [], deferred: [] });
    expect(report.failedGroups).toMatchObject([
      { groupId: SAMPLE_GROUP, retryable: false, message: expect.stringMatching(/3 pages in a row/) },
    ]);
    expect(report.warnings?.[0]?.message).toMatch(
      /^150 entries without a valid soft bus ID were ignored \(none of the listing was taken\), e\.g\. bus_id "000000-00-zzz/,
    );
    expect(report.warnings?.[0]?.message.length).toBeLessThan(400);
    expectBounded(answer);
  });

  it('class 1: a 200 KB error_code and error_msg are cut (the code to 64 characters); a sync answer over 64 KB is not read', async () => {
    // Prepare: the list answers 400 with huge fields (lists may read 1 MB); the sync answers 400 with 400 KB
    const huge = { status: 400, body: { error_code: 'E'.repeat(200_000), error_msg: 'm'.repeat(200_000) } };
    await hostile({ answer: (req) => (req.route === 'list' || req.route === 'sync' ? huge : undefined) });
    // Act
    const answer = await e2e.invoke(platform, { kind: 'resync', groupIds: [SAMPLE_GROUP], busIds: ['a9f834fe'] });
    // Assess
    const report = mustReport(answer);
    expect(report.failedGroups[0]?.errorCode).toMatch(/^E{64}…\[199936 more chars]$/);
    expect(report.failedGroups[0]?.message).toMatch(/^m{300}…\[199700 more chars]$/);
    expect(report.failed[0]).toMatchObject({ status: 400, retryable: false, message: 'HTTP 400 (an answer too large to read)' });
    expectBounded(answer);
  });

  it('class 2: a batch of 200 records x 1,000 invalid IDs gives a few issues per record, a bounded report and log', async () => {
    // Prepare
    await hostile({});
    const busIds = Array.from({ length: 1000 }, (_, i) => `not-a-bus-${i}`);
    const event =
      platform === 'functiongraph'
        ? {
            events: Array.from({ length: 200 }, (_, i) => ({
              id: `e${i}`,
              specversion: '1.0',
              source: 's',
              type: 't',
              data: { kind: 'resync', busIds },
            })),
          }
        : { Records: Array.from({ length: 200 }, (_, i) => sqsRecord(`m${i}`, { kind: 'resync', busIds })) };
    // Act
    const answer = await e2e.invoke(platform, event);
    // Assess
    expectBounded(answer);
    expect(e2e.logLines().length).toBeLessThanOrEqual(53);
    if (platform === 'lambda') expect((answer.value as { batchItemFailures: unknown[] }).batchItemFailures).toHaveLength(200);
    else
      expect(mustReport(answer).error?.issues?.filter((issue) => issue.path === 'events.7.data.busIds')).toEqual([
        { path: 'events.7.data.busIds', message: 'and 995 more invalid IDs' },
      ]);
  });

  it('class 3: with the reserve at its floor (250 ms) and slow answers, the handler returns before the deadline', async () => {
    const srv = await hostile(
      { answer: (req) => (req.route === 'sync' ? { delayMs: 400 } : undefined) },
      { SYNC_DEADLINE_RESERVE_MS: '250', SYNC_CONCURRENCY: '4' },
    );
    const busIds = Array.from({ length: 40 }, (_, i) => `b${String(i).padStart(3, '0')}`);
    const answer = await e2e.invoke(platform, { kind: 'resync', busIds }, { remainingMs: 1_500 });
    expect(answer.elapsedMs).toBeLessThan(1_500);
    expect(mustReport(answer).deferred.length).toBeGreaterThan(0);
    expect(srv.calls.length).toBeGreaterThan(0);
  });

  it('class 3: SYNC_DEADLINE_RESERVE_MS=0 is refused, naming the variable and its range, before any call', async () => {
    const srv = await hostile({}, { SYNC_DEADLINE_RESERVE_MS: '0' });
    const answer = await e2e.invoke(platform, { kind: 'resync', busIds: ['ab12'] });
    expect(mustReport(answer).error?.message).toBe('SYNC_DEADLINE_RESERVE_MS: must be a whole number from 250 to 60000');
    expect(srv.calls).toEqual([]);
  });

  it('class 3: an answer that stalls mid-body is cut off by the time left, not by the 60 s request timeout', async () => {
    await hostile(
      { answer: (req) => (req.route === 'sync' ? { status: 200, body: `{"x":"${'y'.repeat(100)}`, stallAfterBytes: 20 } : undefined) },
      { SYNC_REQUEST_TIMEOUT_MS: '60000' },
    );
    const answer = await e2e.invoke(platform, { kind: 'resync', busIds: ['ab12'] }, { remainingMs: 2_000 });
    expect(answer.elapsedMs).toBeLessThan(2_000);
    expect(mustReport(answer).failed[0]).toMatchObject({
      retryable: true,
      message: expect.stringMatching(/^no answer from 127\.0\.0\.1:\d+ within \d+ ms/),
    });
  });

  it('class 4: a listed ID that is the security token (which starts with the AK) leaves no piece of either', async () => {
    // Prepare: a token as long as real ones, holding the AK
    const keys = {
      ak: 'HOSTILEAK00000000001',
      sk: 'hostile-secret-key-0000000001',
      securityToken: `HOSTILEAK00000000001${'Tok3nBody'.repeat(30)}`,
    };
    await hostile({
      answer: (req) =>
        req.route === 'list' ? { body: { harmony_soft_buses: [{ bus_id: keys.securityToken }], page: { count: 1 } } } : undefined,
    });
    // Act
    const answer = await e2e.invoke(platform, { kind: 'resync', groupIds: [SAMPLE_GROUP] }, { keys });
    // Assess: no 8-character piece of the token or the secret key anywhere
    const written = `${e2e.logLines().join('\n')}\n${JSON.stringify(answer.value ?? answer.error?.report)}`;
    for (const secret of [keys.securityToken.slice(20), keys.sk])
      for (let at = 0; at + 8 <= secret.length; at++) expect(written).not.toContain(secret.slice(at, at + 8));
    expect(written).not.toContain(keys.ak);
    expect(mustReport(answer).warnings?.[0]?.message).toContain('bus_id "[REDACTED]"');
  });

  it('class 5: a group given in upper case, answered in lower case or without group_id, is synced', async () => {
    const srv = await hostile({
      answer: (req) =>
        req.route === 'list' ? validPage('ab', { groupId: req.count === 0 ? SAMPLE_GROUP : undefined, count: 3, size: 3 }) : undefined,
    });
    const first = mustReport(await e2e.invoke(platform, { kind: 'resync', groupIds: [SAMPLE_GROUP.toUpperCase()] }));
    const second = mustReport(await e2e.invoke(platform, { kind: 'resync', groupIds: [SAMPLE_GROUP] }));
    expect(first).toMatchObject({ outcome: 'ok', groups: [SAMPLE_GROUP], synced: ['ab0000', 'ab0001', 'ab0002'] });
    expect(second).toMatchObject({ outcome: 'ok', synced: ['ab0000', 'ab0001', 'ab0002'] });
    expect(srv.calls.find((c) => c.route === 'list')?.query.group_id).toBe(SAMPLE_GROUP);
  });

  it('class 6: a CTS trace with "resource_id": {} is resynced by its request.group_id', async () => {
    await hostile({ answer: (req) => (req.route === 'list' ? validPage('cd', { groupId: SAMPLE_GROUP, count: 2, size: 2 }) : undefined) });
    const answer = await e2e.invoke(platform, asyncGroupEvent(platform, groupTrace({}, { group_id: SAMPLE_GROUP })));
    expect(mustReport(answer)).toMatchObject({ outcome: 'ok', groups: [SAMPLE_GROUP], synced: ['cd0000', 'cd0001'] });
  });

  it.each([
    [
      'an endpoint that does not resolve (ENOTFOUND)',
      'https://iotda.softbus-sync-test.invalid',
      undefined,
      /^cannot resolve iotda\.softbus-sync-test\.invalid \(ENOTFOUND\): check IOTDA_REGION and IOTDA_ENDPOINT$/,
    ],
    [
      'a self-signed certificate',
      undefined,
      'self-signed',
      /^the TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\): check IOTDA_REGION and IOTDA_ENDPOINT$/,
    ],
    [
      'a certificate from an unknown CA',
      undefined,
      'unknown-ca',
      /^the TLS certificate of 127\.0\.0\.1:\d+ is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\): check IOTDA_REGION and IOTDA_ENDPOINT$/,
    ],
  ] as const)(
    'class 7: %s fails at once, not retryable, naming the host and the settings; no platform retry',
    async (_name, endpoint, tls, message) => {
      const srv = await hostile({ tls });
      if (endpoint) vi.stubEnv('IOTDA_ENDPOINT', endpoint);
      const answer = await e2e.invoke(platform, asyncGroupEvent(platform, groupTrace(SAMPLE_GROUP)));
      expect(answer.error).toBeUndefined();
      expect(mustReport(answer).failedGroups).toMatchObject([
        { groupId: SAMPLE_GROUP, attempts: 1, retryable: false, message: expect.stringMatching(message) },
      ]);
      expect(srv.calls).toEqual([]);
    },
  );

  it('class 7: a full page with count 0 and a marker does not end paging: every page is listed', async () => {
    const srv = await hostile({
      answer: (req) =>
        req.route === 'list'
          ? validPage(`e${req.count}`, {
              groupId: SAMPLE_GROUP,
              count: 0,
              marker: req.count < 2 ? `m${req.count}` : undefined,
              size: req.count < 2 ? 50 : 7,
            })
          : undefined,
    });
    const report = mustReport(await e2e.invoke(platform, { kind: 'resync', groupIds: [SAMPLE_GROUP] }));
    expect(srv.calls.filter((c) => c.route === 'list').map((c) => c.query.marker)).toEqual([undefined, 'm0', 'm1']);
    expect(report.synced).toHaveLength(107);
    expect(report.warnings).toEqual([{ groupId: SAMPLE_GROUP, message: 'page.count 0 is below the 50 entries listed: ignored' }]);
  });
});

describe('class 3 and 4 on one platform each', () => {
  it('lambda: a secrets answer that stalls mid-body with 1 s left fails before the deadline, naming the secret', async () => {
    const srv = await hostile({
      answer: (req) => (req.route === 'secrets' ? { status: 200, body: { SecretString: '{}' }, stallAfterBytes: 8 } : undefined),
    });
    vi.stubEnv('HUAWEICLOUD_CREDENTIALS', 'secrets-extension');
    vi.stubEnv('HUAWEICLOUD_SDK_SECRET_ID', 'softbus-sync/huawei');
    vi.stubEnv('AWS_SESSION_TOKEN', 'hostile-session-token');
    vi.stubEnv('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT', String(srv.port));
    const answer = await e2e.invoke('lambda', { kind: 'resync', busIds: ['ab12'] }, { remainingMs: 1_000 });
    expect(answer.elapsedMs).toBeLessThan(1_000);
    expect(mustReport(answer).error?.message).toMatch(
      /^Huawei keys from secret "softbus-sync\/huawei" \(secrets-extension\): the secrets extension did not answer within \d+ ms \(the time the invocation had left\)$/,
    );
  });

  it('functiongraph: a context key getter that throws an error quoting the AK: the message is never written', async () => {
    await hostile({});
    const ak = 'GETTERLEAKAK00000001';
    const context = {
      getRequestID: () => 'fg-getter',
      getRemainingTimeInMilliSeconds: () => 10_000,
      getSecurityAccessKey: () => {
        throw new Error(`cannot read ${ak}`);
      },
      getProjectID: () => '0d0e5f1a2b3c4d5e6f708192a3b4c5d6',
    };
    const answer = await e2e.invoke('functiongraph', { kind: 'resync', busIds: ['ab12'] }, { context });
    expect(mustReport(answer).error?.message).toBe("the context's getSecurityAccessKey() failed (Error)");
    expect(`${e2e.logLines().join('\n')}${JSON.stringify(answer)}`).not.toContain(ak);
  });
});
