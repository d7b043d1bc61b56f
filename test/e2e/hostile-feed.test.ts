/**
 * Issue 9's bounds for the change feed (issue 10): CTS's trace list against a hostile server, through
 * both built bundles. What a trace list sends is checked where it is read: a marker that is no short
 * token is not sent on (the run fails, never a quiet stop), a trace ID that is no short token is not
 * kept, and unreadable traces are logged a bounded number of times.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_LOG_LINE_BYTES } from '../../src/bounds';
import { mustReport, PLATFORMS, type Platform, useE2E } from '../support/e2e';
import { type HostileServer, startHostileServer } from '../support/hostile-server';

const e2e = useE2E();
let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A page of `size` traces of a group change that names no group (unreadable), each `idChars` of trace ID. */
function unreadablePage(page: number, marker: string | undefined, idChars: number, size = 200) {
  const traces = Array.from({ length: size }, (_, i) => ({
    trace_id: `${page}-${i}-${'t'.repeat(idChars)}`,
    service_type: 'IoTDA',
    resource_type: 'device-group',
    trace_name: 'manageDevicesInGroup',
    code: 200,
  }));
  return { status: 200, body: { traces, meta_data: { count: size, marker } } };
}

describe.each(PLATFORMS)('the %s bundle against a hostile CTS', (platform: Platform) => {
  it('a 100 KB marker is not sent on: the feed fails (retryable), no request carries it', async () => {
    // Prepare
    const huge = 'm'.repeat(100_000);
    server = await startHostileServer({ answer: (req) => (req.route === 'other' ? unreadablePage(req.count, huge, 8, 1) : undefined) });
    e2e.pointAt(server.url, { CTS_ENDPOINT: server.url });
    // Act
    const report = mustReport(await e2e.invoke(platform, { kind: 'changes' }));
    // Assess
    const cts = server.calls.filter((call) => call.route === 'other');
    expect(cts.every((call) => call.query.next === undefined)).toBe(true);
    expect(report.failedFeeds).toMatchObject([{ retryable: true, message: expect.stringMatching(/unusable marker/) }]);
    expect(report.outcome).toBe('failed');
  });

  it('pages of unreadable traces with 4 KB trace IDs: a bounded number of log lines, none over the cap', async () => {
    // Prepare: 30 pages of 200 traces, each a fresh short marker
    server = await startHostileServer({
      answer: (req) => (req.route === 'other' ? unreadablePage(req.count, req.count < 29 ? `m${req.count}` : undefined, 4_000) : undefined),
    });
    e2e.pointAt(server.url, { CTS_ENDPOINT: server.url });
    // Act
    const report = mustReport(await e2e.invoke(platform, { kind: 'changes' }, { remainingMs: 30_000 }));
    // Assess
    const lines = e2e.logLines();
    expect(server.calls.filter((call) => call.route === 'other')).toHaveLength(30);
    expect(report.feeds?.[0]).toMatchObject({ pages: 30, traces: 6_000 });
    expect(report.feeds?.[0]?.unreadable).toHaveLength(50);
    expect(lines.length).toBeLessThanOrEqual(60);
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line)))).toBeLessThanOrEqual(MAX_LOG_LINE_BYTES);
    expect(Buffer.byteLength(lines.join('\n'))).toBeLessThan(200_000);
  });

  it('an answer that is not JSON, with the security token as its X-Request-Id, leaves no piece of the token', async () => {
    // Prepare: a token as long as real ones, holding the AK
    const keys = {
      ak: 'HOSTILEAK00000000002',
      sk: 'hostile-secret-key-0000000002',
      securityToken: `HOSTILEAK00000000002${'Tok3nBody'.repeat(30)}`,
    };
    server = await startHostileServer({
      answer: (req) =>
        req.route === 'other' ? { status: 200, body: '<html>', headers: { 'X-Request-Id': keys.securityToken } } : undefined,
    });
    e2e.pointAt(server.url, { CTS_ENDPOINT: server.url, SYNC_MAX_ATTEMPTS: '1' });
    // Act
    const answer = await e2e.invoke(platform, { kind: 'changes' }, { keys });
    // Assess: the feed failed as unreadable, and no 8-character piece of the token or the secret key is written
    expect(mustReport(answer).failedFeeds).toMatchObject([{ message: 'trace list answer is not JSON (HTTP 200)' }]);
    const written = `${e2e.logLines().join('\n')}\n${JSON.stringify(answer.value ?? answer.error?.report)}`;
    for (const secret of [keys.securityToken.slice(20), keys.sk])
      for (let at = 0; at + 8 <= secret.length; at++) expect(written).not.toContain(secret.slice(at, at + 8));
  });

  it("a 429 of the trace list cuts the instance's rate, and the cut is logged like an IoTDA one", async () => {
    // Prepare: CTS throttles its first answer, then answers an empty last page
    server = await startHostileServer({
      answer: (req) =>
        req.route === 'other'
          ? req.count === 0
            ? { status: 429, body: { error_code: 'APIG.0308', error_msg: 'throttled' } }
            : unreadablePage(req.count, undefined, 8, 0)
          : undefined,
    });
    e2e.pointAt(server.url, { CTS_ENDPOINT: server.url });
    // Act
    const report = mustReport(await e2e.invoke(platform, { kind: 'changes' }));
    // Assess
    expect(report).toMatchObject({ outcome: 'ok', feeds: [{ pages: 1 }] });
    const cuts = e2e.logLines().filter((line) => JSON.parse(line).message === 'rate cut');
    expect(cuts).toHaveLength(1);
  });
});
