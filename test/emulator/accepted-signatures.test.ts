/**
 * Which signature kinds an emulator accepts (acceptedSignatures), and its clock (clockSkewMs).
 */
import { afterEach, expect, test } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { call, PROJECT, send, start } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

test('derived mode rejects a plain signature with 401 IOTDA.000002, like an instance endpoint', async () => {
  emu = await start({ acceptedSignatures: 'derived' });
  const reply = await call(emu, { path: '/harmony-soft-bus', kind: 'basic' });
  expect(reply.status).toBe(401);
  expect(reply.json()).toMatchObject({ error_code: 'IOTDA.000002' });
  expect(reply.json().error_msg).toContain('derived');
});

test('derived mode accepts a derived signature', async () => {
  emu = await start({ acceptedSignatures: 'derived' });
  const reply = await call(emu, { path: '/harmony-soft-bus', kind: 'derived' });
  expect(reply.status).toBe(200);
});

test('basic mode rejects a derived signature', async () => {
  emu = await start({ acceptedSignatures: 'basic' });
  const reply = await call(emu, { path: '/harmony-soft-bus', kind: 'derived' });
  expect(reply.status).toBe(401);
});

test('a server clock 20 minutes ahead rejects a fresh signature', async () => {
  emu = await start({ clockSkewMs: 20 * 60_000 });
  const reply = await call(emu, { path: '/harmony-soft-bus' });
  expect(reply.status).toBe(401);
});

test('none (for curl) takes an unsigned request as the first key, still checks project and instance, and still verifies a signature', async () => {
  // prepare
  emu = await start({ acceptedSignatures: 'none', instanceId: 'i-1' });
  // act
  const unsigned = await send(emu.url, 'GET', `/v5/iot/${PROJECT}/harmony-soft-bus?limit=2`, { 'Instance-Id': 'i-1' });
  const otherProject = await send(emu.url, 'GET', '/v5/iot/ffffffffffffffffffffffffffffffff/harmony-soft-bus', { 'Instance-Id': 'i-1' });
  const noInstance = await send(emu.url, 'GET', `/v5/iot/${PROJECT}/harmony-soft-bus`, {});
  const badSignature = await send(emu.url, 'GET', `/v5/iot/${PROJECT}/harmony-soft-bus`, {
    'Instance-Id': 'i-1',
    Authorization: 'SDK-HMAC-SHA256 Access=UNKNOWNAK, SignedHeaders=host, Signature=00',
  });
  // assess
  expect(unsigned.status).toBe(200);
  expect(unsigned.json().harmony_soft_buses).toHaveLength(2);
  expect(emu.calls[0]).toMatchObject({ route: 'list', authMode: 'none', status: 200 });
  expect([otherProject.status, noInstance.status, badSignature.status]).toEqual([403, 403, 401]);
});

test('any (the default) refuses an unsigned request with 401', async () => {
  emu = await start({});
  const reply = await send(emu.url, 'GET', `/v5/iot/${PROJECT}/harmony-soft-bus`, {});
  expect(reply.status).toBe(401);
});
