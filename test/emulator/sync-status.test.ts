/**
 * The status of a soft bus over time: a sync makes it `Synchronizing`, then `Synchronized` once
 * `syncSettleMs` has passed; show, list and getBus read the live status; a membership change or a key reset
 * in between makes it `ToBeSynchronized` again.
 */
import { afterEach, expect, test } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { BUS1, BUS2, call, listTraces, manageDevices, pause, start } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const sync = (e: Emulator, id: string) => call(e, { method: 'POST', path: `/harmony-soft-bus/${id}/sync` });
const show = async (e: Emulator, id: string) => (await call(e, { path: `/harmony-soft-bus/${id}` })).json().status;

test('by default (syncSettleMs 0) a sync makes the bus Synchronized at once, as before', async () => {
  // prepare
  emu = await start();
  // act
  await sync(emu, BUS2);
  // assess
  expect(await show(emu, BUS2)).toBe('Synchronized');
});

test('with syncSettleMs a synced bus is Synchronizing in show, list and getBus', async () => {
  // prepare
  emu = await start({ syncSettleMs: 60_000 });
  // act
  const reply = await sync(emu, BUS2);
  const listed = (await call(emu, { path: '/harmony-soft-bus', query: { group_id: 'g-a' } })).json().harmony_soft_buses;
  // assess
  expect(reply.status).toBe(200);
  expect(await show(emu, BUS2)).toBe('Synchronizing');
  expect(listed.find((b: { bus_id: string }) => b.bus_id === BUS2).status).toBe('Synchronizing');
  expect(emu.getBus(BUS2)?.status).toBe('Synchronizing');
});

test('a moment later (syncSettleMs) the bus is Synchronized', async () => {
  // prepare
  emu = await start({ syncSettleMs: 30 });
  await sync(emu, BUS2);
  // act
  await pause(80);
  // assess
  expect(await show(emu, BUS2)).toBe('Synchronized');
});

test('a membership change or a key reset while Synchronizing leaves the bus ToBeSynchronized for good', async () => {
  // prepare
  emu = await start({ syncSettleMs: 30 });
  await sync(emu, BUS1);
  await sync(emu, BUS2);
  // act
  await manageDevices(emu, 'g-a', { action_id: 'addDevice', device_id: 'dev-1' });
  await call(emu, { method: 'POST', path: `/harmony-soft-bus/${BUS2}/reset-bus-key` });
  await pause(80);
  // assess
  expect([await show(emu, BUS1), await show(emu, BUS2)]).toEqual(['ToBeSynchronized', 'ToBeSynchronized']);
});

test('syncSettleMs as a function: Infinity keeps one bus Synchronizing while another settles', async () => {
  // prepare
  emu = await start({ syncSettleMs: (id) => (id === BUS1 ? Number.POSITIVE_INFINITY : 10) });
  // act
  await sync(emu, BUS1);
  await sync(emu, BUS2);
  await pause(60);
  // assess
  expect([await show(emu, BUS1), await show(emu, BUS2)]).toEqual(['Synchronizing', 'Synchronized']);
});

test('the whole loop: a device joins, CTS lists the change, the bus is synced and then verified', async () => {
  // prepare
  emu = await start({ syncSettleMs: 30 });
  const since = String(Date.now() - 1);
  // act
  await manageDevices(emu, 'g-a', { action_id: 'addDevice', device_id: 'dev-1' });
  const change = (await listTraces(emu, { service_type: 'IoTDA', resource_type: 'device-group', from: since })).json().traces[0];
  const pending = await show(emu, BUS1);
  await sync(emu, BUS1);
  const syncing = await show(emu, BUS1);
  await pause(80);
  // assess
  expect(change).toMatchObject({ trace_name: 'manageDevicesInGroup', resource_id: 'g-a', code: '200' });
  expect([pending, syncing, await show(emu, BUS1)]).toEqual(['ToBeSynchronized', 'Synchronizing', 'Synchronized']);
});

test('the settle phase runs on the emulator clock: advanceClock ends it without waiting', async () => {
  // prepare
  emu = await start({ syncSettleMs: 10 * 60_000 });
  await sync(emu, BUS2);
  const before = await show(emu, BUS2);
  // act
  emu.advanceClock(10 * 60_000);
  // assess
  expect([before, await show(emu, BUS2)]).toEqual(['Synchronizing', 'Synchronized']);
});
