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

/** Times one list call, in ms. */
async function timed(emu: Emulator): Promise<{ status: number; ms: number }> {
  const t0 = performance.now();
  const reply = await list(emu);
  return { status: reply.status, ms: performance.now() - t0 };
}

test('quota.immediate: the gateway answers 429 at once, while an accepted request still takes latencyMs', async () => {
  // Prepare: one token, 300 ms of backend latency
  const emu = await begin({ latencyMs: 300, quota: { ratePerSecond: 0.1, burst: 1, immediate: true } });
  // Act
  const accepted = await timed(emu);
  const refused = await timed(emu);
  // Assess
  expect([accepted.status, refused.status]).toEqual([200, 429]);
  expect(accepted.ms).toBeGreaterThanOrEqual(290);
  expect(refused.ms).toBeLessThan(150);
  expect(emu.stats().throttled).toBe(1);
});

test('without quota.immediate, a 429 takes latencyMs like every answer', async () => {
  const emu = await begin({ latencyMs: 300, quota: { ratePerSecond: 0.1, burst: 1 } });
  await list(emu);
  const refused = await timed(emu);
  expect(refused.status).toBe(429);
  expect(refused.ms).toBeGreaterThanOrEqual(290);
});

test('setQuota replaces the quota of a running emulator (a new, full bucket), and undefined removes it', async () => {
  // Prepare: a bucket of one token, spent
  const emu = await begin({ quota: { ratePerSecond: 0.1, burst: 1 } });
  expect(await statuses(emu, 2)).toEqual([200, 429]);
  // Act and assess: a larger quota lets the next ones through, a smaller one throttles again
  emu.setQuota({ ratePerSecond: 0.1, burst: 3 });
  expect(await statuses(emu, 4)).toEqual([200, 200, 200, 429]);
  emu.setQuota(undefined);
  expect(await statuses(emu, 3)).toEqual([200, 200, 200]);
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
