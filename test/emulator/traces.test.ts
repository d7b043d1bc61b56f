/**
 * CTS Query Trace List (v3) in the emulator: answer shape, newest-first paging with next/marker, the
 * from/to window, retention and delivery delay, filters, and validation errors in CTS's format.
 */
import { afterEach, expect, test } from 'vitest';
import type { Emulator } from '../../emulator/index.js';
import { call, listTraces, PROJECT, start } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const MINUTE = 60_000;
// biome-ignore lint/suspicious/noExplicitAny: traces are read by the fields each test asserts
const ids = (reply: { json: () => any }): string[] => reply.json().traces.map((t: { trace_id: string }) => t.trace_id);

test('a trace reads back with the documented field types and meta_data {count, marker}', async () => {
  // prepare
  emu = await start();
  const stored = emu.addTrace({ resource_id: 'g-a', time: Date.now() - MINUTE });
  // act
  const reply = await listTraces(emu, { service_type: 'IoTDA', resource_type: 'device-group' });
  // assess
  expect(reply.status).toBe(200);
  expect(reply.json()).toEqual({ traces: [stored], meta_data: { count: 1, marker: null } });
  expect(stored).toMatchObject({ trace_name: 'manageDevicesInGroup', code: '200', trace_type: 'ApiCall', trace_rating: 'normal' });
  expect(typeof stored.time).toBe('number');
  expect(stored.record_time).toBe(stored.time);
});

test('pages run newest first; next = the previous marker; the last page has marker null', async () => {
  // prepare
  emu = await start();
  const now = Date.now();
  const added = [5, 4, 3, 2, 1].map((m) => emu?.addTrace({ resource_id: 'g-a', time: now - m * MINUTE }).trace_id);
  // act
  const first = await listTraces(emu, { limit: '2' });
  const second = await listTraces(emu, { limit: '2', next: first.json().meta_data.marker });
  const third = await listTraces(emu, { limit: '2', next: second.json().meta_data.marker });
  // assess
  expect([...ids(first), ...ids(second), ...ids(third)]).toEqual([...added].reverse());
  expect(first.json().meta_data).toEqual({ count: 2, marker: ids(first)[1] });
  expect(second.json().meta_data).toEqual({ count: 2, marker: ids(second)[1] });
  expect(third.json().meta_data).toEqual({ count: 1, marker: null });
});

test('of traces with the same time the later recorded comes first, and paging does not lose any', async () => {
  // prepare
  emu = await start();
  const time = Date.now() - MINUTE;
  const added = [1, 2, 3].map(() => emu?.addTrace({ time }).trace_id);
  // act
  const seen: string[] = [];
  let next: string | null = null;
  do {
    const reply = await listTraces(emu, { limit: '1', ...(next ? { next } : {}) });
    seen.push(...ids(reply));
    next = reply.json().meta_data.marker;
  } while (next);
  // assess
  expect(seen).toEqual([...added].reverse());
});

test.each([
  ['absent', false, undefined],
  ['empty', true, ''],
] as const)('lastPageMarker %s: the last page marker is left out or empty', async (mode, present, value) => {
  // prepare
  emu = await start({ cts: { lastPageMarker: mode } });
  emu.addTrace({ time: Date.now() - MINUTE });
  // act
  const meta = (await listTraces(emu)).json().meta_data;
  // assess
  expect('marker' in meta).toBe(present);
  expect(meta.marker).toBe(value);
});

test('from and to are exclusive epoch-ms bounds on time; without from, the last hour', async () => {
  // prepare
  emu = await start();
  const t = Date.now() - 30 * MINUTE;
  const [early, middle, late] = [t, t + 10, t + 20].map((time) => emu?.addTrace({ time }).trace_id);
  const old = emu.addTrace({ time: Date.now() - 2 * 60 * MINUTE }).trace_id;
  // act
  const windowed = await listTraces(emu, { from: String(t), to: String(t + 20) });
  const lastHour = await listTraces(emu);
  const threeHours = await listTraces(emu, { from: String(Date.now() - 3 * 60 * MINUTE) });
  // assess
  expect(ids(windowed)).toEqual([middle]);
  expect(ids(lastHour)).toEqual([late, middle, early]);
  expect(ids(threeHours)).toEqual([late, middle, early, old]);
});

test('traces older than 7 days and traces CTS has not delivered yet are not listed', async () => {
  // prepare
  emu = await start({ cts: { delayMs: 5 * MINUTE } });
  const now = Date.now();
  const expired = emu.addTrace({ time: now - 8 * 24 * 60 * MINUTE }).trace_id;
  const pending = emu.addTrace({ time: now - MINUTE }).trace_id;
  const delivered = emu.addTrace({ time: now - 10 * MINUTE }).trace_id;
  // act
  const reply = await listTraces(emu, { from: String(now - 9 * 24 * 60 * MINUTE) });
  // assess
  expect(ids(reply)).toEqual([delivered]);
  expect(emu.traces().map((t) => t.trace_id)).toEqual([pending, delivered, expired]);
  expect(emu.traces()[0]?.record_time).toBe(now - MINUTE + 5 * MINUTE);
});

test('filters compare exactly; a non-string resource_id never matches; failed traces are listed as stored', async () => {
  // prepare
  emu = await start();
  const time = Date.now() - MINUTE;
  const groupA = emu.addTrace({ resource_id: 'g-a', time }).trace_id;
  const failed = emu.addTrace({ resource_id: 'g-a', code: 404, trace_rating: 'warning', time }).trace_id;
  emu.addTrace({ resource_id: {}, time });
  emu.addTrace({ resource_id: 'g-a', trace_name: 'deleteDeviceGroup', time });
  emu.addTrace({ resource_id: 'g-a', service_type: 'ECS', resource_type: 'server', time });
  emu.addTrace({ resource_id: 'g-b', user: { name: 'ops' }, time });
  // act
  const byGroup = await listTraces(emu, { service_type: 'IoTDA', trace_name: 'manageDevicesInGroup', resource_id: 'g-a' });
  const warnings = await listTraces(emu, { trace_rating: 'warning' });
  const byUser = await listTraces(emu, { user: 'ops' });
  const all = await listTraces(emu, { limit: '200' });
  // assess
  expect(ids(byGroup)).toEqual([failed, groupA]);
  expect(warnings.json().traces).toEqual([expect.objectContaining({ trace_id: failed, code: 404 })]);
  expect(byUser.json().traces).toEqual([expect.objectContaining({ resource_id: 'g-b' })]);
  expect(all.json().traces.filter((t: { resource_id: unknown }) => typeof t.resource_id === 'object')).toEqual([
    expect.objectContaining({ resource_id: {} }),
  ]);
});

test('trace_id selects one trace whatever the other criteria; trace_type data lists nothing', async () => {
  // prepare
  emu = await start();
  const old = emu.addTrace({ time: Date.now() - 3 * 60 * MINUTE }).trace_id;
  emu.addTrace({ time: Date.now() - MINUTE });
  // act
  const byId = await listTraces(emu, { trace_id: old, service_type: 'ECS' });
  const data = await listTraces(emu, { trace_type: 'data' });
  // assess
  expect(ids(byId)).toEqual([old]);
  expect(data.json()).toEqual({ traces: [], meta_data: { count: 0, marker: null } });
});

test.each([
  [{}, 'CTS.0003', 'trace_type is required'],
  [{ trace_type: 'all' }, 'CTS.0003', 'trace_type is required'],
  [{ trace_type: 'system', limit: '0' }, 'CTS.0003', 'limit must be an integer from 1 to 200'],
  [{ trace_type: 'system', limit: '201' }, 'CTS.0003', 'limit must be an integer from 1 to 200'],
  [{ trace_type: 'system', limit: '1.5' }, 'CTS.0003', 'limit must be an integer from 1 to 200'],
  [{ trace_type: 'system', from: '1764320000' }, 'CTS.0003', 'from must be a UTC timestamp in milliseconds'],
  [{ trace_type: 'system', to: '2026-11-28T10:00:00Z' }, 'CTS.0003', 'to must be a UTC timestamp in milliseconds'],
  [{ trace_type: 'system', from: '1764320000000', to: '1764320000000' }, 'CTS.0003', 'from must be earlier than to'],
  [{ trace_type: 'system', next: 'no-such-trace' }, 'CTS.0003', 'next must be the marker of an earlier answer'],
  [{ trace_type: 'system', service_type: '' }, 'CTS.0003', 'service_type must not be empty'],
  [{ trace_type: 'system', trace_rating: 'bad' }, 'CTS.0003', 'trace_rating must be normal, warning or incident'],
  [{ trace_type: 'system', tracker_name: 'mine' }, 'CTS.0204', 'can only be set to system'],
])('%j is refused with 400 %s', async (query, code, message) => {
  // prepare
  emu = await start();
  // act
  const reply = await call(emu, { path: `/v3/${PROJECT}/traces`, query, kind: 'basic' });
  // assess
  expect(reply.status).toBe(400);
  expect(reply.json().error_code).toBe(code);
  expect(reply.json().error_msg).toContain(message);
});

test('a trace CTS has not delivered yet is listed once the emulator clock passes its record_time', async () => {
  // prepare
  emu = await start({ cts: { delayMs: 3 * MINUTE } });
  const id = emu.addTrace({ time: Date.now() - MINUTE }).trace_id;
  const before = ids(await listTraces(emu));
  // act
  emu.advanceClock(3 * MINUTE);
  // assess
  expect([before, ids(await listTraces(emu))]).toEqual([[], [id]]);
});
