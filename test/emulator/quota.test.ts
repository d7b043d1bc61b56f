/**
 * The gateway's token-bucket quota (429 APIG.0308) and the seeded random faults.
 */
import { afterEach, expect, test } from 'vitest';
import type { Emulator, EmulatorOptions } from '../../emulator/index.js';
import { call, PERMANENT, start } from './helpers.js';

let emus: Emulator[] = [];
afterEach(async () => {
  await Promise.all(emus.map((e) => e.close()));
  emus = [];
});
async function begin(overrides: Partial<EmulatorOptions>): Promise<Emulator> {
  const emu = await start(overrides);
  emus.push(emu);
  return emu;
}
const list = (e: Emulator) => call(e, { path: '/harmony-soft-bus' });

test('past the burst the gateway answers 429 APIG.0308 with its exact message and Retry-After', async () => {
  const emu = await begin({ quota: { ratePerSecond: 1, burst: 2, retryAfterSeconds: 3 } });
  const replies = [await list(emu), await list(emu), await list(emu)];
  const last = replies[2];
  expect(replies.map((r) => r.status)).toEqual([200, 200, 429]);
  expect(last?.json()).toEqual({
    error_code: 'APIG.0308',
    error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:1,time:1 second',
  });
  expect(last?.headers['retry-after']).toBe('3');
  expect(emu.stats().throttled).toBe(1);
});

test('retryAfterSeconds null sends no Retry-After', async () => {
  const emu = await begin({ quota: { ratePerSecond: 1, burst: 1, retryAfterSeconds: null } });
  await list(emu);
  const reply = await list(emu);
  expect(reply.status).toBe(429);
  expect(reply.headers['retry-after']).toBeUndefined();
});

test('without retryAfterSeconds, Retry-After is the whole seconds until the next token', async () => {
  const emu = await begin({ quota: { ratePerSecond: 0.5, burst: 1 } });
  await list(emu);
  const reply = await list(emu);
  expect(reply.headers['retry-after']).toBe('2');
});

test('tokens refill at ratePerSecond', async () => {
  const emu = await begin({ quota: { ratePerSecond: 20, burst: 1 } });
  await list(emu);
  await new Promise((resolve) => setTimeout(resolve, 80));
  const reply = await list(emu);
  expect(reply.status).toBe(200);
});

test('unauthenticated requests get 401 and do not use the quota', async () => {
  const emu = await begin({ quota: { ratePerSecond: 1, burst: 1 } });
  const bad = await call(emu, { path: '/harmony-soft-bus', credential: { ak: PERMANENT.ak, sk: 'wrong' } });
  const good = await list(emu);
  expect([bad.status, good.status]).toEqual([401, 200]);
});

/** Runs n list calls one after the other; a reset shows as 0. */
async function statuses(emu: Emulator, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++)
    out.push(
      await list(emu).then(
        (r) => r.status,
        () => 0,
      ),
    );
  return out;
}

test('random faults with the same seed repeat exactly', async () => {
  const options = { randomFaults: { rate: 0.4, seed: 1234 } };
  const [a, b] = [await begin(options), await begin(options)];
  const [first, second] = [await statuses(a, 30), await statuses(b, 30)];
  expect(first).toEqual(second);
  expect(first.some((s) => s !== 200)).toBe(true);
  expect(first.some((s) => s === 200)).toBe(true);
});

test('random faults with another seed differ', async () => {
  const [a, b] = [await begin({ randomFaults: { rate: 0.4, seed: 1 } }), await begin({ randomFaults: { rate: 0.4, seed: 2 } })];
  expect(await statuses(a, 30)).not.toEqual(await statuses(b, 30));
});

test('random faults draw only the given kinds', async () => {
  const emu = await begin({ randomFaults: { rate: 1, seed: 5, kinds: ['503', 'reset'] } });
  const seen = new Set(await statuses(emu, 20));
  expect([...seen].sort()).toEqual([0, 503]);
});

test('random 429 carries Retry-After and the gateway body', async () => {
  const emu = await begin({ randomFaults: { rate: 1, seed: 5, kinds: ['429'] } });
  const reply = await list(emu);
  expect(reply.status).toBe(429);
  expect(reply.headers['retry-after']).toBe('1');
  expect(reply.json().error_code).toBe('APIG.0308');
});

test('rate 0 never injects a fault', async () => {
  const emu = await begin({ randomFaults: { rate: 0, seed: 5 } });
  expect(new Set(await statuses(emu, 10))).toEqual(new Set([200]));
});
