/**
 * Scripted and random faults on the CTS route (`traces`): throttling, server errors, a refused identity,
 * malformed and slow answers, resets, and the call records they leave.
 */
import { afterEach, expect, test } from 'vitest';
import { type Emulator, MALFORMED_BODY } from '../../emulator/index.js';
import { BUS1, call, listTraces, start } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

test('a 429 rule answers the gateway throttling body with its Retry-After', async () => {
  // prepare
  emu = await start({ faults: [{ route: 'traces', status: 429, headers: { 'Retry-After': '2' }, times: 1 }] });
  // act
  const throttled = await listTraces(emu);
  const next = await listTraces(emu);
  // assess
  expect(throttled.status).toBe(429);
  expect(throttled.json().error_code).toBe('APIG.0308');
  expect(throttled.headers['retry-after']).toBe('2');
  expect(next.status).toBe(200);
});

test.each([
  [500, 'CTS.0005'],
  [503, 'CTS.0005'],
  [403, 'CTS.0013'],
  [400, 'CTS.0003'],
])('a %i rule without a body answers a CTS-style body (%s)', async (status, code) => {
  // prepare
  emu = await start({ faults: [{ route: 'traces', status }] });
  // act
  const reply = await listTraces(emu);
  // assess
  expect(reply.status).toBe(status);
  expect(reply.json().error_code).toBe(code);
  expect(emu.calls.at(-1)).toMatchObject({ route: 'traces', status, errorCode: code, fault: 'rule#0' });
});

test('skip lets page 1 through and fails page 2', async () => {
  // prepare
  emu = await start({ faults: [{ route: 'traces', skip: 1, times: 1, status: 502 }] });
  emu.addTrace({ time: Date.now() - 2000 });
  emu.addTrace({ time: Date.now() - 1000 });
  // act
  const first = await listTraces(emu, { limit: '1' });
  const second = await listTraces(emu, { limit: '1', next: first.json().meta_data.marker });
  // assess
  expect([first.status, second.status]).toEqual([200, 502]);
});

test('malformedBody answers 200 with a cut document; delayMs answers late but right', async () => {
  // prepare
  emu = await start({
    faults: [
      { route: 'traces', malformedBody: true, times: 1 },
      { route: 'traces', delayMs: 150, times: 1 },
    ],
  });
  // act
  const malformed = await listTraces(emu);
  const began = Date.now();
  const slow = await listTraces(emu);
  // assess
  expect(malformed.status).toBe(200);
  expect(malformed.text).toBe(MALFORMED_BODY);
  expect(() => JSON.parse(malformed.text)).toThrow();
  expect(slow.status).toBe(200);
  expect(slow.json().meta_data.count).toBe(0);
  expect(Date.now() - began).toBeGreaterThanOrEqual(140);
});

test('reset cuts the connection of a CTS call (ECONNRESET, status 0 in the record)', async () => {
  // prepare
  emu = await start({ faults: [{ route: 'traces', reset: true }] });
  // act
  const error = await listTraces(emu).then(
    () => undefined,
    (e: NodeJS.ErrnoException) => e,
  );
  // assess
  expect(error?.code).toBe('ECONNRESET');
  expect(emu.calls.at(-1)).toMatchObject({ route: 'traces', status: 0 });
});

test('an IoTDA route rule leaves CTS alone; a * rule hits both; the counters name the route', async () => {
  // prepare
  emu = await start({
    faults: [
      { route: 'sync', status: 503, times: 1 },
      { route: '*', status: 504, skip: 1, times: 2 },
    ],
  });
  // act
  const statuses = [
    (await listTraces(emu)).status,
    (await call(emu, { method: 'POST', path: `/harmony-soft-bus/${BUS1}/sync` })).status,
    (await listTraces(emu)).status,
    (await call(emu, { path: '/harmony-soft-bus' })).status,
  ];
  // assess
  expect(statuses).toEqual([200, 503, 504, 504]);
  expect(emu.stats().byRoute).toEqual({ traces: 2, sync: 1, list: 1 });
});

test('seeded random faults reach the CTS route with CTS-style bodies', async () => {
  // prepare
  emu = await start({ randomFaults: { rate: 1, seed: 3, kinds: ['503'] } });
  // act
  const reply = await listTraces(emu);
  // assess
  expect(reply.status).toBe(503);
  expect(reply.json().error_code).toBe('CTS.0005');
  expect(emu.calls.at(-1)?.fault).toBe('random:503');
});
