/**
 * Who may read the CTS trace list: the plain SDK-HMAC-SHA256 signature only (even on an emulator whose IoTDA
 * routes take derived signatures only), verified as strictly as IoTDA's; the project; CTS rights (403).
 */
import { afterEach, expect, test } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { listTraces, PERMANENT, PROJECT, pathWithQuery, send, sign, start, TEMPORARY } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const TRACES = { path: `/v3/${PROJECT}/traces`, query: { trace_type: 'system' }, kind: 'basic' as const };

test('a derived-only emulator still serves plain-signed CTS calls and refuses plain-signed IoTDA calls', async () => {
  // prepare
  emu = await start({ acceptedSignatures: 'derived' });
  // act
  const cts = await listTraces(emu);
  const iotda = await send(emu.url, 'GET', pathWithQuery({ path: '/harmony-soft-bus' }), sign(emu.url, { path: '/harmony-soft-bus' }));
  // assess
  expect([cts.status, iotda.status]).toEqual([200, 401]);
  expect(emu.calls.map((c) => [c.route, c.authMode])).toEqual([
    ['traces', 'basic'],
    ['list', 'basic'],
  ]);
});

test('CTS refuses a derived signature with 401 APIGW.0301 naming the algorithm it takes', async () => {
  // prepare
  emu = await start();
  // act
  const reply = await listTraces(emu, {}, { kind: 'derived' });
  // assess
  expect(reply.status).toBe(401);
  expect(reply.json().error_code).toBe('APIGW.0301');
  expect(reply.json().error_msg).toBe('Incorrect IAM authentication information: this endpoint accepts only SDK-HMAC-SHA256');
});

const SIGNED_LIMIT_5 = { ...TRACES, query: { trace_type: 'system', limit: '5' } };
test.each([
  ['a query changed after signing', (url: string) => sign(url, SIGNED_LIMIT_5), { limit: '6' }, 'signature does not match'],
  [
    'an unknown access key',
    (url: string) => sign(url, { ...SIGNED_LIMIT_5, credential: { ak: 'NOSUCHAK', sk: 'x' } }),
    {},
    'unknown access key',
  ],
  [
    'a wrong secret key',
    (url: string) => sign(url, { ...SIGNED_LIMIT_5, credential: { ...PERMANENT, sk: 'x' } }),
    {},
    'signature does not match',
  ],
  ['no Authorization header', (url: string) => ({ ...sign(url, SIGNED_LIMIT_5), Authorization: '' }), {}, 'missing Authorization'],
])('CTS refuses %s with 401 APIGW.0301 and no key material in the answer', async (_name, headersFor, change, reason) => {
  // prepare
  emu = await start({ acceptedSignatures: 'derived' });
  const { Authorization, ...rest } = headersFor(emu.url);
  const headers = Authorization ? { ...rest, Authorization } : rest;
  // act
  const reply = await send(emu.url, 'GET', pathWithQuery({ ...SIGNED_LIMIT_5, query: { ...SIGNED_LIMIT_5.query, ...change } }), headers);
  // assess
  expect(reply.status).toBe(401);
  expect(reply.json().error_code).toBe('APIGW.0301');
  expect(reply.json().error_msg).toContain(reason);
  expect(reply.text).not.toContain(PERMANENT.ak);
  expect(reply.text).not.toContain(PERMANENT.sk);
});

test('a temporary key must send its security token, signed: with it CTS answers, without it 401', async () => {
  // prepare
  emu = await start();
  const headers = sign(emu.url, { ...TRACES, credential: TEMPORARY });
  const { 'X-Security-Token': _token, ...withoutToken } = headers;
  // act
  const withToken = await send(emu.url, 'GET', pathWithQuery(TRACES), headers);
  const without = await send(emu.url, 'GET', pathWithQuery(TRACES), withoutToken);
  // assess
  expect([withToken.status, without.status]).toEqual([200, 401]);
});

test('another project in the path or in X-Project-Id gets 403 CTS.0012', async () => {
  // prepare
  emu = await start();
  // act
  const inPath = await listTraces(emu, {}, { project: 'ffffffffffffffffffffffffffffffff' });
  const inHeader = await listTraces(emu, {}, { headers: { 'X-Project-Id': 'ffffffffffffffffffffffffffffffff' } });
  // assess
  expect([inPath.status, inHeader.status]).toEqual([403, 403]);
  expect(inPath.json().error_code).toBe('CTS.0012');
});

test('a key listed in cts.deniedAccessKeys gets 403 CTS.0013 from CTS but is still served by IoTDA', async () => {
  // prepare
  emu = await start({ cts: { deniedAccessKeys: [PERMANENT.ak] } });
  // act
  const cts = await listTraces(emu);
  const iotda = await send(emu.url, 'GET', pathWithQuery({ path: '/harmony-soft-bus' }), sign(emu.url, { path: '/harmony-soft-bus' }));
  const otherKey = await listTraces(emu, {}, { credential: TEMPORARY });
  // assess
  expect(cts.status).toBe(403);
  expect(cts.json()).toEqual({ error_code: 'CTS.0013', error_msg: 'No permission, Please check roles.' });
  expect([iotda.status, otherKey.status]).toEqual([200, 200]);
});

test('CTS needs no Instance-Id and does not use the IoTDA quota', async () => {
  // prepare
  emu = await start({ instanceId: 'inst-1', quota: { ratePerSecond: 1, burst: 1 } });
  const iotda = () =>
    send(
      emu?.url ?? '',
      'GET',
      pathWithQuery({ path: '/harmony-soft-bus' }),
      sign(emu?.url ?? '', { path: '/harmony-soft-bus', headers: { 'Instance-Id': 'inst-1' } }),
    );
  // act
  const statuses = [(await iotda()).status, (await iotda()).status, (await listTraces(emu)).status, (await listTraces(emu)).status];
  // assess
  expect(statuses).toEqual([200, 429, 200, 200]);
});
