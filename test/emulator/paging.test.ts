/**
 * ListHarmonySoftBus: limit, marker, offset, count, filters, on the sample fleet.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Emulator, sampleFleet } from '../../emulator/index.js';
import { call, start } from './helpers.js';

let emu: Emulator;
const fleet = sampleFleet();
const big = fleet.groups.find((g) => g.name === 'warehouse-a-sensors');
const BIG = big?.group_id ?? '';
beforeAll(async () => {
  emu = await start({ fleet });
});
afterAll(async () => {
  await emu.close();
});

const list = (query: Record<string, string>) => call(emu, { path: '/harmony-soft-bus', query });

test('without parameters answers 10 buses, newest record first, and the total count', async () => {
  const reply = await list({});
  const body = reply.json();
  expect(body.harmony_soft_buses).toHaveLength(10);
  expect(body.page.count).toBe(fleet.buses.length);
  const ids = fleet.buses
    .map((b) => b.record_id)
    .sort()
    .reverse();
  expect(body.page.marker).toBe(ids[9]);
});

test('paging a group of 53 with limit 50 gives 50, then a short page of 3, with no repeats', async () => {
  const first = (await list({ group_id: BIG, limit: '50' })).json();
  const second = (await list({ group_id: BIG, limit: '50', marker: first.page.marker })).json();
  const ids = [...first.harmony_soft_buses, ...second.harmony_soft_buses].map((b: { bus_id: string }) => b.bus_id);
  expect(first.harmony_soft_buses).toHaveLength(50);
  expect(second.harmony_soft_buses).toHaveLength(3);
  expect(new Set(ids).size).toBe(53);
  expect(second.page.count).toBe(53);
});

test('page.marker is a record ID, not a bus ID', async () => {
  const body = (await list({ limit: '1' })).json();
  expect(body.page.marker).toMatch(/^[0-9a-f]{24}$/);
  expect(body.page.marker).not.toBe(body.harmony_soft_buses[0].bus_id);
});

test('offset skips records after the marker', async () => {
  const all = (await list({ limit: '50' })).json().harmony_soft_buses;
  const skipped = (await list({ limit: '5', offset: '3' })).json().harmony_soft_buses;
  expect(skipped).toEqual(all.slice(3, 8));
});

test('a page past the end is empty and has no marker', async () => {
  const body = (await list({ offset: '500' })).json();
  expect(body.harmony_soft_buses).toEqual([]);
  expect(body.page).toEqual({ count: fleet.buses.length });
});

test('app_id filters by resource space', async () => {
  const appId = fleet.groups[0]?.app_id ?? '';
  const body = (await list({ app_id: appId, limit: '50' })).json();
  const expected = fleet.buses.filter((b) => b.app_id === appId).length;
  expect(body.page.count).toBe(expected);
  expect(body.harmony_soft_buses.every((b: { app_id: string }) => b.app_id === appId)).toBe(true);
});

test('a group without buses answers an empty list with count 0', async () => {
  const garage = fleet.groups.find((g) => g.name === 'garage')?.group_id ?? '';
  const body = (await list({ group_id: garage })).json();
  expect(body).toEqual({ harmony_soft_buses: [], page: { count: 0 } });
});

test.each([
  ['limit', '0'],
  ['limit', '51'],
  ['limit', 'ten'],
  ['limit', '-1'],
  ['offset', '501'],
  ['offset', '1.5'],
  ['marker', 'abc'],
  ['marker', 'g'.repeat(24)],
  ['group_id', 'a/b'],
])('%s=%s answers 400 IOTDA.000006', async (key, value) => {
  const reply = await list({ [key]: value });
  expect(reply.status).toBe(400);
  expect(reply.json().error_code).toBe('IOTDA.000006');
});

test.each([
  ['limit', '1'],
  ['limit', '50'],
  ['offset', '0'],
  ['marker', 'ffffffffffffffffffffffff'],
])('%s=%s is accepted', async (key, value) => {
  const reply = await list({ [key]: value });
  expect(reply.status).toBe(200);
});
