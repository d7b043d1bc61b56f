/**
 * Fleet files (validation with named fields), the sample fleet, and the generator.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { type Emulator, generateFleet, loadFleet, parseFleet, SAMPLE_FLEET_FILE, sampleFleet } from '../../emulator/index.js';
import { call, start } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});
const GROUP = { group_id: 'g1', name: 'Hall', app_id: 'app1' };
const BUS = { bus_id: 'ab'.repeat(16), bus_name: 'hall', group_id: 'g1', status: 'Synchronized' };

test('the sample fleet file has 8 groups, mixed statuses and one group of more than 50 buses', () => {
  const fleet = loadFleet(SAMPLE_FLEET_FILE);
  const perGroup = fleet.groups.map((g) => fleet.buses.filter((b) => b.group_id === g.group_id).length);
  expect(fleet.groups).toHaveLength(8);
  expect(Math.max(...perGroup)).toBeGreaterThan(50);
  expect(new Set(fleet.buses.map((b) => b.status)).size).toBe(3);
  expect(new Set(fleet.groups.map((g) => g.app_id)).size).toBe(3);
});

test('sampleFleet() equals the sample file', () => {
  expect(sampleFleet()).toEqual(loadFleet(SAMPLE_FLEET_FILE));
});

test('a bad status is reported with its path', () => {
  const act = () => parseFleet({ groups: [GROUP], buses: [{ ...BUS, status: 'Done' }] });
  expect(act).toThrow(/buses\.0\.status/);
});

test('a bus of an unknown group is reported', () => {
  const act = () => parseFleet({ groups: [GROUP], buses: [{ ...BUS, group_id: 'nope' }] });
  expect(act).toThrow(/buses\.0\.group_id: unknown group nope/);
});

test('a duplicate bus_id is reported', () => {
  const act = () => parseFleet({ groups: [GROUP], buses: [BUS, { ...BUS, bus_name: 'other' }] });
  expect(act).toThrow(/buses\.1\.bus_id: duplicate/);
});

test('a bus_id that is not hex is reported', () => {
  const act = () => parseFleet({ groups: [GROUP], buses: [{ ...BUS, bus_id: 'xyz' }] });
  expect(act).toThrow(/buses\.0\.bus_id/);
});

test('app_id and record_id are filled in; record IDs differ from bus IDs', () => {
  const fleet = parseFleet({ groups: [GROUP], buses: [BUS] });
  expect(fleet.buses[0]).toMatchObject({ app_id: 'app1', record_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
  expect(fleet.buses[0]?.record_id).not.toBe(BUS.bus_id);
});

test('a file that is not JSON names the file', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'fleet-')), 'bad.json');
  writeFileSync(path, '{ nope');
  expect(() => loadFleet(path)).toThrow(path);
});

test('generateFleet is deterministic for a seed', () => {
  const options = { groups: 3, busesPerGroup: 4, pendingShare: 0.5, seed: 9 };
  expect(generateFleet(options)).toEqual(generateFleet(options));
});

test('generateFleet respects pendingShare roughly', () => {
  const fleet = generateFleet({ groups: 10, busesPerGroup: 100, pendingShare: 0.3, seed: 3 });
  const pending = fleet.buses.filter((b) => b.status !== 'Synchronized').length / fleet.buses.length;
  expect(pending).toBeGreaterThan(0.25);
  expect(pending).toBeLessThan(0.35);
});

test('10,000 generated buses load, validate and page in well under a second per page', async () => {
  const fleet = generateFleet({ groups: 100, busesPerGroup: 100, pendingShare: 0.2, seed: 11 });
  emu = await start({ fleet });
  const group = fleet.groups[42]?.group_id ?? '';
  const began = Date.now();
  const first = (await call(emu, { path: '/harmony-soft-bus', query: { group_id: group, limit: '50' } })).json();
  const second = (
    await call(emu, { path: '/harmony-soft-bus', query: { group_id: group, limit: '50', marker: first.page.marker } })
  ).json();
  expect(first.page.count).toBe(100);
  expect(first.harmony_soft_buses.length + second.harmony_soft_buses.length).toBe(100);
  expect(Date.now() - began).toBeLessThan(1000);
});
