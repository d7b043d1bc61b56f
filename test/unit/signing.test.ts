import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { createRequire } from 'node:module';
import nodeUrl from 'node:url';
import { DerivedAKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/DerivedAKSKSigner';
import realMoment from 'moment';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signRequest } from '../../src/iotda/signer';
import * as lodashShim from '../../src/shims/lodash';
import shimMoment from '../../src/shims/moment';
import urlShim from '../../src/shims/url';

// lodash ships no types; only its sortBy is compared with the shim.
const lodash = createRequire(import.meta.url)('lodash') as { sortBy: <T>(items: T[], by: (x: T) => string) => T[] };

afterEach(() => vi.useRealTimers());

const creds = { ak: 'AKIDEXAMPLE00000', sk: 'SKEXAMPLE0000000000000000000000000000000', source: 'environment' as const };
const url = 'https://iotda.cn-north-4.myhuaweicloud.com/v5/iot/0a1b2c3d/harmony-soft-bus/ab12/sync';

describe('bundle shims of moment, lodash and url', () => {
  it.each(['2026-11-28T08:15:00.000Z', '2000-01-01T00:00:00.999Z', '2031-12-31T23:59:59.000Z'])(
    'format the date as moment does at %s',
    (iso) => {
      vi.useFakeTimers({ now: new Date(iso) });
      expect(shimMoment().utcOffset(0).format('YYYYMMDDTHHmmss')).toBe(realMoment().utcOffset(0).format('YYYYMMDDTHHmmss'));
      expect(shimMoment('20261128T081500Z').utcOffset(0).format('YYYYMMDDTHHmmss')).toBe('20261128T081500');
    },
  );

  it('refuse what they do not implement rather than sign wrongly', () => {
    expect(() => shimMoment().utcOffset(8)).toThrow(/utcOffset/);
    expect(() => shimMoment().utcOffset(0).format('YYYY')).toThrow(/format/);
  });

  it('moment() follows the clock, second by second (its text is made once per second)', () => {
    vi.useFakeTimers({ now: new Date('2026-11-28T08:15:00.100Z') });
    const first = shimMoment().utcOffset(0).format('YYYYMMDDTHHmmss');
    vi.setSystemTime(new Date('2026-11-28T08:15:00.900Z'));
    expect(shimMoment().utcOffset(0).format('YYYYMMDDTHHmmss')).toBe(first);
    vi.setSystemTime(new Date('2026-11-28T08:15:01.000Z'));
    expect(shimMoment().utcOffset(0).format('YYYYMMDDTHHmmss')).toBe('20261128T081501');
  });

  it.each([
    url,
    'https://iotda.cn-north-4.myhuaweicloud.com/v5/iot/0a1b2c3d/harmony-soft-bus',
    'https://a1b2c3d4e5.st1.iotda-app.ap-southeast-1.myhuaweicloud.com/v5/iot/p_1/harmony-soft-bus/ab-12/sync',
    'http://127.0.0.1:41234/v5/iot/p1/harmony-soft-bus',
    'https://cts.cn-north-4.myhuaweicloud.com/v3/p1/traces',
    'https://h:8443',
    // Not plain: Node's own parse answers
    'https://IoTDA.Example.com/a',
    'https://h/a b/c',
    'https://user:pw@h/a',
    'https://h/a?x=1#f',
    'https://[::1]:8443/v5',
    'https://h/%7Bx%7D',
  ])('url.parse(%s) gives the host and path Node gives', (text) => {
    const node = nodeUrl.parse(text, true);
    const shim = urlShim.parse(text, true);
    expect({ host: shim.host, pathname: shim.pathname }).toEqual({ host: node.host, pathname: node.pathname });
  });

  it('sort as lodash sortBy does (stable, by key)', () => {
    const keys = ['X-Sdk-Date', 'host', 'Content-Type', 'instance-id', 'X-Security-Token', 'a', 'B', 'b'];
    const byLower = (x: string) => x.toLocaleLowerCase();
    expect(lodashShim.sortBy(keys, byLower)).toEqual(lodash.sortBy(keys, byLower));
  });
});

describe('signRequest (sdk-core signers)', () => {
  it('signs plainly with SDK-HMAC-SHA256 over the canonical request, token included', () => {
    // Prepare
    vi.useFakeTimers({ now: new Date('2026-11-28T08:15:00Z') });
    // Act
    const headers = signRequest(
      { method: 'POST', url, query: {}, headers: { 'Content-Type': 'application/json' } },
      { ...creds, securityToken: 'TOKEN' },
      'basic',
      undefined,
    );
    // Assess: recompute independently with node:crypto.
    const signed = 'content-type;host;x-sdk-date;x-security-token';
    const canonical = [
      'POST',
      '/v5/iot/0a1b2c3d/harmony-soft-bus/ab12/sync/',
      '',
      'content-type:application/json\nhost:iotda.cn-north-4.myhuaweicloud.com\nx-sdk-date:20261128T081500Z\nx-security-token:TOKEN\n',
      signed,
      createHash('sha256').update('').digest('hex'),
    ].join('\n');
    const toSign = `SDK-HMAC-SHA256\n20261128T081500Z\n${createHash('sha256').update(canonical).digest('hex')}`;
    const signature = createHmac('sha256', creds.sk).update(toSign).digest('hex');
    expect(headers).toMatchObject({ 'X-Sdk-Date': '20261128T081500Z', 'X-Security-Token': 'TOKEN' });
    expect((headers as Record<string, string>).Authorization).toBe(
      `SDK-HMAC-SHA256 Access=${creds.ak}, SignedHeaders=${signed}, Signature=${signature}`,
    );
  });

  it('signs derived with V11-HMAC-SHA256 and the region/iotdm scope', () => {
    vi.useFakeTimers({ now: new Date('2026-11-28T08:15:00Z') });
    const headers = signRequest({ method: 'GET', url, query: { limit: '50' }, headers: {} }, creds, 'derived', 'cn-north-4') as Record<
      string,
      string
    >;
    expect(headers.Authorization).toMatch(
      /^V11-HMAC-SHA256 Credential=AKIDEXAMPLE00000\/20261128\/cn-north-4\/iotdm, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it('never lets the AK into a signing error', () => {
    // Prepare: sdk-core's HKDF failure message is "Failed to derive AK {ak} with info …".
    const sign = vi.spyOn(DerivedAKSKSigner, 'sign').mockImplementation(() => {
      throw new Error(`Failed to derive AK ${creds.ak} with info x`);
    });
    // Act
    const act = () => signRequest({ method: 'GET', url, query: {}, headers: {} }, creds, 'derived', 'cn-north-4');
    // Assess
    expect(act).toThrow('request signing failed (derived)');
    expect(act).not.toThrow(creds.ak);
    sign.mockRestore();
  });
});

describe('derived key memo over sdk-core HKDF', () => {
  it('returns the HKDF-SHA256 key of the current (AK, SK, scope), switching as they change', async () => {
    // Prepare: importing the signer installs the memo on sdk-core's HKDF.
    await import('../../src/iotda/signer');
    const { HKDF } = await import('@huaweicloud/huaweicloud-sdk-core/auth/HKDF');
    const expected = (ak: string, sk: string, info: string) => Buffer.from(hkdfSync('sha256', sk, ak, info, 32)).toString('hex');
    // Act / Assess: alternate inputs so that a stale memo would show.
    for (const [ak, sk, info] of [
      ['AK1', 'SK1', '20261128/cn-north-4/iotdm'],
      ['AK1', 'SK1', '20261128/cn-north-4/iotdm'],
      ['AK1', 'SK1', '20261129/cn-north-4/iotdm'],
      ['AK1', 'SK2', '20261129/cn-north-4/iotdm'],
      ['AK2', 'SK2', '20261129/cn-north-4/iotdm'],
      ['AK1', 'SK1', '20261128/cn-north-4/iotdm'],
    ] as const) {
      expect(HKDF.getDerKeySHA256(ak, sk, info)).toBe(expected(ak, sk, info));
    }
  });
});
