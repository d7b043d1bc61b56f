/**
 * Scripted faults (status, body, headers, delay, reset, malformed body, times, skip, matching),
 * fixed latency, and the in-flight counter.
 */
import { afterEach, expect, test } from 'vitest';
import { type Emulator, MALFORMED_BODY } from '../../emulator/index.js';
import { BUS1, BUS2, BUS3, call, PERMANENT, start } from './helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});
const sync = (e: Emulator, id: string) => call(e, { method: 'POST', path: `/harmony-soft-bus/${id}/sync` });
const list = (e: Emulator, query: Record<string, string> = {}) => call(e, { path: '/harmony-soft-bus', query });

test('a status rule answers that status with its body and headers, and does not sync', async () => {
  emu = await start({
    faults: [{ route: 'sync', status: 503, body: { error_code: 'X.1', error_msg: 'busy' }, headers: { 'Retry-After': '7' } }],
  });
  const reply = await sync(emu, BUS2);
  expect(reply.status).toBe(503);
  expect(reply.json()).toEqual({ error_code: 'X.1', error_msg: 'busy' });
  expect(reply.headers['retry-after']).toBe('7');
  expect(emu.getBus(BUS2)?.status).toBe('ToBeSynchronized');
});

test('a status rule without a body answers an {error_code, error_msg} body', async () => {
  emu = await start({ faults: [{ route: '*', status: 500 }] });
  const reply = await list(emu);
  expect(reply.json()).toMatchObject({ error_code: 'IOTDA.000001' });
});

test('times limits how many requests a rule hits', async () => {
  emu = await start({ faults: [{ route: 'sync', status: 502, times: 2 }] });
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await sync(emu, BUS1)).status);
  expect(statuses).toEqual([502, 502, 200]);
});

test('skip lets the first matching requests through: the list fails in the middle of paging', async () => {
  emu = await start({ faults: [{ route: 'list', skip: 1, times: 1, status: 500 }] });
  const first = await list(emu, { limit: '2' });
  const second = await list(emu, { limit: '2', marker: first.json().page.marker });
  expect([first.status, second.status]).toEqual([200, 500]);
});

test('a busId rule hits only that bus', async () => {
  emu = await start({ faults: [{ route: 'sync', busId: BUS1, status: 404 }] });
  const replies = [await sync(emu, BUS1), await sync(emu, BUS2)];
  expect(replies.map((r) => r.status)).toEqual([404, 200]);
});

test('a groupId rule hits the list of that group and the buses of that group', async () => {
  emu = await start({ faults: [{ route: '*', groupId: 'g-b', status: 504 }] });
  const statuses = [
    (await list(emu, { group_id: 'g-b' })).status,
    (await list(emu, { group_id: 'g-a' })).status,
    (await sync(emu, BUS3)).status,
  ];
  expect(statuses).toEqual([504, 200, 504]);
});

test('a when predicate narrows a rule: only list pages that carry a marker fail', async () => {
  emu = await start({ faults: [{ route: 'list', when: (ctx) => ctx.query.marker !== undefined, status: 503 }] });
  const first = await list(emu, { limit: '2' });
  const second = await list(emu, { limit: '2', marker: first.json().page.marker });
  expect([first.status, second.status]).toEqual([200, 503]);
});

test('delayMs alone slows a correct answer (and the sync still happens)', async () => {
  emu = await start({ faults: [{ route: 'sync', delayMs: 150 }] });
  const began = Date.now();
  const reply = await sync(emu, BUS2);
  expect(reply.status).toBe(200);
  expect(Date.now() - began).toBeGreaterThanOrEqual(140);
  expect(emu.getBus(BUS2)?.status).toBe('Synchronized');
});

test('reset destroys the connection: the client sees ECONNRESET and the bus is not synced', async () => {
  emu = await start({ faults: [{ route: 'sync', reset: true }] });
  const error = await sync(emu, BUS2).then(
    () => undefined,
    (e: NodeJS.ErrnoException) => e,
  );
  expect(error?.code).toBe('ECONNRESET');
  expect(emu.calls.at(-1)?.status).toBe(0);
  expect(emu.getBus(BUS2)?.status).toBe('ToBeSynchronized');
});

test('malformedBody answers 200 with a body that is not JSON', async () => {
  emu = await start({ faults: [{ route: 'list', malformedBody: true }] });
  const reply = await list(emu);
  expect(reply.status).toBe(200);
  expect(reply.text).toBe(MALFORMED_BODY);
  expect(() => JSON.parse(reply.text)).toThrow();
});

test('addFault and clearFaults change the script of a running emulator', async () => {
  emu = await start();
  emu.addFault({ route: 'show', status: 503 });
  const faulted = await call(emu, { path: `/harmony-soft-bus/${BUS1}` });
  emu.clearFaults();
  const clean = await call(emu, { path: `/harmony-soft-bus/${BUS1}` });
  expect([faulted.status, clean.status]).toEqual([503, 200]);
});

test('an unauthenticated request gets 401 even when a fault rule matches', async () => {
  emu = await start({ faults: [{ route: '*', status: 503 }] });
  const reply = await call(emu, { path: '/harmony-soft-bus', credential: { ak: PERMANENT.ak, sk: 'wrong' } });
  expect(reply.status).toBe(401);
});

test('latencyMs delays every answer', async () => {
  emu = await start({ latencyMs: 100 });
  const began = Date.now();
  await list(emu);
  expect(Date.now() - began).toBeGreaterThanOrEqual(95);
});

test('stats report the most requests in flight at once', async () => {
  emu = await start({ latencyMs: 100 });
  await Promise.all([list(emu), list(emu), list(emu), list(emu)]);
  expect(emu.stats().maxInFlight).toBe(4);
});
