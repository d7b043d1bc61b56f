/**
 * CreateOrDeleteDeviceInGroup in the emulator: membership, validation and errors as IoTDA answers them,
 * the CTS trace each call leaves, and the group's buses marked `ToBeSynchronized` by a real change.
 */
import { afterEach, expect, test } from 'vitest';
import { type Emulator, type Fleet, parseFleet } from '../../emulator/index.js';
import { BUS1, BUS2, listTraces, manageDevices, smallFleet, start } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const BUS5 = '5'.padStart(32, 'b');
const ADD = { action_id: 'addDevice', device_id: 'dev-1' };

/** The small fleet with `dev-0` already in group g-a. */
function fleetWithMember(): Fleet {
  const fleet = smallFleet();
  return { ...fleet, groups: fleet.groups.map((g) => (g.group_id === 'g-a' ? { ...g, devices: ['dev-0'] } : g)) };
}

test("addDevice answers 200 with an empty body, adds the member and marks only that group's buses", async () => {
  // prepare
  emu = await start();
  // act
  const reply = await manageDevices(emu, 'g-a', ADD);
  // assess
  expect(reply.status).toBe(200);
  expect(reply.text).toBe('');
  expect(emu.groupDevices('g-a')).toEqual(['dev-1']);
  expect(emu.getBus(BUS1)?.status).toBe('ToBeSynchronized');
  expect(emu.getBus(BUS5)?.status).toBe('Synchronized');
  expect(emu.calls.at(-1)).toMatchObject({ route: 'manageDevices', groupId: 'g-a', status: 200 });
});

test('the call leaves a CTS trace the feed query finds, with CTS field types and the call in request', async () => {
  // prepare
  emu = await start();
  const before = Date.now();
  // act
  const reply = await manageDevices(emu, 'g-a', ADD);
  const listed = await listTraces(emu, { service_type: 'IoTDA', resource_type: 'device-group', from: String(before - 1) });
  // assess
  const trace = listed.json().traces[0];
  expect(listed.json().meta_data.count).toBe(1);
  expect(trace).toMatchObject({
    trace_name: 'manageDevicesInGroup',
    service_type: 'IoTDA',
    resource_type: 'device-group',
    resource_id: 'g-a',
    resource_name: 'A',
    trace_type: 'ApiCall',
    trace_rating: 'normal',
    code: '200',
    request_id: reply.headers['x-request-id'],
  });
  expect(JSON.parse(trace.request)).toEqual({ group_id: 'g-a', action_id: 'addDevice', device_id: 'dev-1' });
  expect(trace.time).toBeGreaterThanOrEqual(before);
  expect(trace.time).toBeLessThanOrEqual(Date.now());
});

test('removeDevice removes a member and marks the group; adding a member again changes nothing', async () => {
  // prepare
  emu = await start({ fleet: fleetWithMember() });
  // act
  const again = await manageDevices(emu, 'g-a', { action_id: 'addDevice', device_id: 'dev-0' });
  const statusAfterAgain = emu.getBus(BUS1)?.status;
  const removed = await manageDevices(emu, 'g-a', { action_id: 'removeDevice', device_id: 'dev-0' });
  // assess
  expect([again.status, removed.status]).toEqual([200, 200]);
  expect(statusAfterAgain).toBe('Synchronized');
  expect(emu.groupDevices('g-a')).toEqual([]);
  expect(emu.getBus(BUS1)?.status).toBe('ToBeSynchronized');
  expect(emu.traces().map((t) => t.code)).toEqual(['200', '200']);
});

test.each([
  ['an unknown group', 'g-zz', ADD, 404, 'The device group does not exist'],
  ['removing a device that is not a member', 'g-a', { action_id: 'removeDevice', device_id: 'dev-9' }, 404, 'not in this device group'],
  ['a missing action_id', 'g-a', { device_id: 'dev-1' }, 400, 'action_id must be addDevice or removeDevice'],
  ['another action_id', 'g-a', { action_id: 'moveDevice', device_id: 'dev-1' }, 400, 'action_id must be addDevice or removeDevice'],
  ['a missing device_id', 'g-a', { action_id: 'addDevice' }, 400, 'device_id must be 1-128'],
  ['a device_id with a space', 'g-a', { action_id: 'addDevice', device_id: 'dev 1' }, 400, 'device_id must be 1-128'],
  ['a device_id of 129 characters', 'g-a', { action_id: 'addDevice', device_id: 'd'.repeat(129) }, 400, 'device_id must be 1-128'],
  ['a group_id with a dot', 'g.a', ADD, 400, 'group_id must be 1-64'],
])('%s is refused (%i) in IoTDA format, leaves a failed trace and changes nothing', async (_name, group, query, status, message) => {
  // prepare
  emu = await start();
  // act
  const reply = await manageDevices(emu, group, query);
  // assess
  expect(reply.status).toBe(status);
  expect(reply.json().error_code).toBe(status === 400 ? 'IOTDA.000006' : 'IOTDA.014000');
  expect(reply.json().error_msg).toContain(message);
  expect(emu.traces()).toEqual([expect.objectContaining({ code: String(status), trace_rating: 'warning', resource_id: group })]);
  expect(emu.getBus(BUS2)?.status).toBe('ToBeSynchronized');
  expect(emu.getBus(BUS1)?.status).toBe('Synchronized');
});

test('a device already in 10 groups cannot join an 11th (400)', async () => {
  // prepare
  const groups = Array.from({ length: 11 }, (_, i) => ({
    group_id: `g${i}`,
    name: `G${i}`,
    app_id: 'app1',
    devices: i < 10 ? ['dev-1'] : [],
  }));
  emu = await start({ fleet: { groups, buses: [] } });
  // act
  const reply = await manageDevices(emu, 'g10', ADD);
  // assess
  expect(reply.status).toBe(400);
  expect(reply.json().error_msg).toContain('at most 10 device groups');
  expect(emu.groupDevices('g10')).toEqual([]);
});

test('a fleet file with a repeated member or a device in 11 groups is refused with the field named', () => {
  // prepare
  const repeated = { groups: [{ group_id: 'g1', name: 'G', app_id: 'a', devices: ['d', 'd'] }], buses: [] };
  const eleven = {
    groups: Array.from({ length: 11 }, (_, i) => ({ group_id: `g${i}`, name: 'G', app_id: 'a', devices: ['d'] })),
    buses: [],
  };
  // act + assess
  expect(() => parseFleet(repeated)).toThrow('groups.0.devices: duplicate device ID in the group');
  expect(() => parseFleet(eleven)).toThrow('device d is in 11 groups (at most 10)');
});

test('a status fault means the call was never processed (no change, no trace); a malformed answer means it was', async () => {
  // prepare
  emu = await start({
    faults: [
      { route: 'manageDevices', groupId: 'g-a', status: 503, times: 1 },
      { route: 'manageDevices', malformedBody: true },
    ],
  });
  // act
  const refused = await manageDevices(emu, 'g-a', ADD);
  const tracesAfterRefusal = emu.traces().length;
  const malformed = await manageDevices(emu, 'g-a', ADD);
  // assess
  expect([refused.status, malformed.status]).toEqual([503, 200]);
  expect(tracesAfterRefusal).toBe(0);
  expect(emu.groupDevices('g-a')).toEqual(['dev-1']);
  expect(emu.traces()).toHaveLength(1);
});

test('the manage call is an IoTDA call: derived signing and Instance-Id apply to it', async () => {
  // prepare
  emu = await start({ acceptedSignatures: 'derived', instanceId: 'inst-1' });
  // act
  const plain = await manageDevices(emu, 'g-a', ADD, { headers: { 'Instance-Id': 'inst-1' } });
  const noInstance = await manageDevices(emu, 'g-a', ADD, { kind: 'derived' });
  const derived = await manageDevices(emu, 'g-a', ADD, { kind: 'derived', headers: { 'Instance-Id': 'inst-1' } });
  // assess
  expect([plain.status, noInstance.status, derived.status]).toEqual([401, 403, 200]);
  expect(emu.traces()).toHaveLength(1);
});
