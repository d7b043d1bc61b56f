/**
 * Which signature kinds an emulator accepts (acceptedSignatures), and its clock (clockSkewMs).
 */
import { afterEach, expect, test } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { call, start } from './helpers.js';

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
