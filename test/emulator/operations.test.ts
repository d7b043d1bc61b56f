/**
 * Show, sync, reset, routing, project and instance checks, request IDs and call records.
 */
import { afterEach, expect, test } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { BUS1, BUS2, call, PROJECT, start } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});
const sync = (e: Emulator, id: string) => call(e, { method: 'POST', path: `/harmony-soft-bus/${id}/sync` });

test('show answers the five public fields of a bus', async () => {
  emu = await start();
  const reply = await call(emu, { path: `/harmony-soft-bus/${BUS1}` });
  expect(reply.json()).toEqual({ bus_id: BUS1, bus_name: 'bus-1', group_id: 'g-a', app_id: 'app1', status: 'Synchronized' });
});

test('sync answers 200 with an empty body labelled JSON and marks the bus Synchronized', async () => {
  emu = await start();
  const reply = await sync(emu, BUS2);
  expect(reply.status).toBe(200);
  expect(reply.text).toBe('');
  expect(reply.headers['content-type']).toContain('application/json');
  expect(emu.getBus(BUS2)?.status).toBe('Synchronized');
});

test('sync of an unknown bus answers 404', async () => {
  emu = await start();
  const reply = await sync(emu, 'a'.repeat(32));
  expect(reply.status).toBe(404);
  expect(reply.json()).toHaveProperty('error_code');
});

test.each(['not-hex!', 'g'.repeat(32), 'a'.repeat(37)])('sync of malformed bus_id %s answers 400', async (id) => {
  emu = await start();
  const reply = await sync(emu, encodeURIComponent(id));
  expect(reply.status).toBe(400);
  expect(reply.json().error_code).toBe('IOTDA.000006');
});

test('reset-bus-key makes a synchronized bus ToBeSynchronized', async () => {
  emu = await start();
  const reply = await call(emu, { method: 'POST', path: `/harmony-soft-bus/${BUS1}/reset-bus-key` });
  expect(reply.status).toBe(200);
  expect(emu.getBus(BUS1)?.status).toBe('ToBeSynchronized');
});

test('state changes do not leak into the fleet object the emulator was started with', async () => {
  const fleet = (await import('./helpers.js')).smallFleet();
  emu = await start({ fleet });
  await sync(emu, BUS2);
  expect(fleet.buses.find((b) => b.bus_id === BUS2)?.status).toBe('ToBeSynchronized');
});

test('an unknown route answers 404 after authentication', async () => {
  emu = await start();
  const reply = await call(emu, { method: 'DELETE', path: `/harmony-soft-bus/${BUS1}` });
  expect(reply.status).toBe(404);
  expect(emu.calls.at(-1)?.route).toBe('unknown');
});

test('an unknown route without a valid signature answers 401, not 404', async () => {
  emu = await start();
  const reply = await call(emu, { path: '/nothing', credential: { ak: 'NOBODY', sk: 'x' } });
  expect(reply.status).toBe(401);
  expect(emu.stats().authFailures).toBe(1);
});

test('another project ID in the path answers 403', async () => {
  emu = await start();
  const reply = await call(emu, { path: '/harmony-soft-bus', project: 'f'.repeat(32) });
  expect(reply.status).toBe(403);
});

test('an X-Project-Id header naming another project answers 403', async () => {
  emu = await start();
  const reply = await call(emu, { path: '/harmony-soft-bus', headers: { 'X-Project-Id': 'other' } });
  expect(reply.status).toBe(403);
});

test('a matching X-Project-Id header is accepted', async () => {
  emu = await start();
  const reply = await call(emu, { path: '/harmony-soft-bus', headers: { 'X-Project-Id': PROJECT } });
  expect(reply.status).toBe(200);
});

test('with an instance configured, a request without Instance-Id answers 403', async () => {
  emu = await start({ instanceId: 'inst-1' });
  const reply = await call(emu, { path: '/harmony-soft-bus' });
  expect(reply.status).toBe(403);
});

test('with an instance configured, the matching Instance-Id is accepted', async () => {
  emu = await start({ instanceId: 'inst-1' });
  const reply = await call(emu, { path: '/harmony-soft-bus', headers: { 'Instance-Id': 'inst-1' } });
  expect(reply.status).toBe(200);
});

test('every answer, errors included, carries an X-Request-Id', async () => {
  emu = await start();
  const replies = [await sync(emu, BUS1), await sync(emu, 'a'.repeat(32)), await call(emu, { path: '/nothing' })];
  for (const reply of replies) expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
});

test('a call record holds route, bus, group, status and header names but no header values', async () => {
  emu = await start();
  await sync(emu, BUS1);
  const record = emu.calls.at(-1);
  expect(record).toMatchObject({ route: 'sync', method: 'POST', busId: BUS1, groupId: 'g-a', status: 200, authMode: 'basic' });
  expect(record?.headerNames).toEqual(expect.arrayContaining(['authorization', 'host', 'x-sdk-date']));
  expect(JSON.stringify(record)).not.toContain('SDK-HMAC-SHA256');
});

test('stats count per route and status; resetCalls clears them', async () => {
  emu = await start();
  await sync(emu, BUS1);
  await sync(emu, 'a'.repeat(32));
  const before = emu.stats();
  emu.resetCalls();
  expect(before).toMatchObject({ total: 2, byRoute: { sync: 2 }, byStatus: { '200': 1, '404': 1 } });
  expect(emu.calls).toHaveLength(0);
  expect(emu.stats().total).toBe(0);
});
