import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors';
import { Logger } from '../../src/logger';

function capture(level: 'debug' | 'info' = 'info') {
  const lines: string[] = [];
  const log = new Logger({ service: 'softbus-sync', requestId: 'r1', trigger: 'cts' }, level, (line) => lines.push(line));
  return { log, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('Logger', () => {
  it('writes one JSON object per line with the fixed fields and the event fields', () => {
    const { log, lines, entries } = capture();
    log.info('bus synced', { busId: 'b1', attempts: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(entries()[0]).toMatchObject({
      level: 'info',
      message: 'bus synced',
      service: 'softbus-sync',
      requestId: 'r1',
      trigger: 'cts',
      busId: 'b1',
      attempts: 1,
    });
    expect(Date.parse(String(entries()[0]?.timestamp))).not.toBeNaN();
  });

  it('drops lines below the level', () => {
    const { log, lines } = capture('info');
    log.debug('noise');
    expect(lines).toHaveLength(0);
  });

  it('scrubs registered secrets wherever they hide, JSON-escaped included', () => {
    // Prepare
    const { log, lines } = capture();
    const sk = 'SK"with\\quotes-0123456789';
    log.secrets.add('AKIDEXAMPLE0123');
    log.secrets.add(sk);
    // Act
    log.error('failure', { detail: `signed with AKIDEXAMPLE0123 and ${sk}`, nested: { deep: [sk] } });
    // Assess
    expect(lines[0]).not.toContain('AKIDEXAMPLE0123');
    expect(lines[0]).not.toContain(JSON.stringify(sk).slice(1, -1));
    expect(lines[0]).toContain('[REDACTED]');
  });

  it('masks secret-looking keys and reduces errors to name and message', () => {
    const { log, entries } = capture();
    log.error('failure', {
      headers: { Authorization: 'SDK-HMAC-SHA256 Access=…', 'X-Security-Token': 'tok' },
      error: new ApiError('HTTP 500', { status: 500, kind: 'http' }),
    });
    const entry = entries()[0] as { headers: Record<string, string>; error: unknown };
    expect(entry.headers).toEqual({ Authorization: '[REDACTED]', 'X-Security-Token': '[REDACTED]' });
    expect(entry.error).toEqual({ name: 'ApiError', message: 'HTTP 500' });
  });

  it('masks every key named like a token (docs: `*token`), not only the security token', () => {
    // Prepare: the names the credential sources handle (AWS role session, Huawei IAM headers, the OIDC body).
    const { log, entries } = capture();
    const fields = { sessionToken: 'a', headers: { 'X-Auth-Token': 'b', 'x-subject-token': 'c' }, auth: { id_token: { id: 'd' } } };
    // Act
    log.error('failure', fields);
    // Assess
    expect(entries()[0]).toMatchObject({
      sessionToken: '[REDACTED]',
      headers: { 'X-Auth-Token': '[REDACTED]', 'x-subject-token': '[REDACTED]' },
      auth: { id_token: '[REDACTED]' },
    });
  });

  it('shares secrets with its children', () => {
    const { log, lines } = capture();
    const child = log.child({ groupId: 'g1' });
    log.secrets.add('token-value-123');
    child.info('x', { note: 'token-value-123' });
    expect(lines[0]).not.toContain('token-value-123');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ groupId: 'g1' });
  });
});

describe('Logger.redact', () => {
  it('scrubs registered secrets from a value that leaves the function otherwise (the report)', () => {
    const { log } = capture();
    log.secrets.add('AKIDEXAMPLE0123');
    const report = { failed: [{ busId: 'b', message: 'The AK AKIDEXAMPLE0123 does not exist' }] };
    expect(log.secrets.redact(report)).toEqual({ failed: [{ busId: 'b', message: 'The AK [REDACTED] does not exist' }] });
  });

  it('gives what the JSON text round trip gives, keeping the strings that need no change', () => {
    // Prepare: every JSON corner a report could hold
    const { log } = capture();
    log.secrets.add('AKIDEXAMPLE0123');
    const ids = ['a9f834fe', 'b1'];
    const value = {
      synced: ids,
      at: new Date(Date.UTC(2026, 10, 28)),
      minus: -0,
      nan: Number.NaN,
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, 1, 'x'],
      holes: new Array(2),
      nested: { authorization: 'Bearer z', sk: 'x', note: `key AKIDEXAMPLE0123 and ${'y'.repeat(5000)}` },
      error: new Error('AKIDEXAMPLE0123 leaked'),
      set: new Set([1]),
    };
    // Act
    const copy = log.secrets.redact(value);
    // Assess
    expect(copy).toStrictEqual(JSON.parse(log.secrets.stringify(value)));
    expect(Object.is((copy as { minus: number }).minus, 0)).toBe(true);
    expect(copy.synced[0]).toBe(ids[0]); // the same string, not a copy
  });

  it('goes through the text when a secret hides where only the whole text is scrubbed (a key), or JSON cannot copy the value', () => {
    const { log } = capture();
    log.secrets.add('AKIDEXAMPLE0123');
    expect(log.secrets.redact({ AKIDEXAMPLE0123: 1 })).toEqual({ '[REDACTED]': 1 });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => log.secrets.redact(cyclic)).toThrow(TypeError);
    expect(() => log.secrets.redact({ n: 1n })).toThrow(TypeError);
    expect(log.secrets.redact({ boxed: Object('s') })).toEqual({ boxed: 's' });
  });

  it("keeps a field named __proto__ as a field, as JSON.parse does, never as the copy's prototype", () => {
    // Prepare: a field with that name, as a parsed event or an answer can carry
    const { log } = capture();
    const value = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
    // Act
    const copy = log.secrets.redact(value) as Record<string, unknown>;
    // Assess
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(copy.polluted).toBeUndefined();
    expect(Object.keys(copy)).toEqual(['__proto__', 'ok']);
    expect(JSON.stringify(copy)).toBe('{"__proto__":{"polluted":true},"ok":1}');
  });
});
