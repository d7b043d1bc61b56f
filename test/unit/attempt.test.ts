import { describe, expect, it } from 'vitest';
import { type AttemptContext, callWithRetry } from '../../src/engine/attempt';
import { Deadline } from '../../src/engine/deadline';
import type { RateLimiter } from '../../src/engine/parts';
import { StandardRetryStrategy } from '../../src/engine/retry-strategy';
import { ApiError } from '../../src/errors';

const throttled = () => new ApiError('throttled', { status: 429, kind: 'http' });
const freeLimiter: RateLimiter = { acquire: async () => ({ at: Date.now(), epoch: 0 }), onSuccess: () => {}, onThrottled: () => undefined };

function context(): AttemptContext {
  return {
    limiter: freeLimiter,
    strategy: new StandardRetryStrategy({ maxAttempts: 3, baseMs: 1, capMs: 1 }),
    deadline: new Deadline(Date.now() + 10_000),
    requestTimeoutMs: 1000,
    counters: { attempts: 0, throttled: 0 },
  };
}

/** A call answered 429 `times` times, then 200. */
function throttledThen(times: number) {
  let calls = 0;
  return async () => {
    calls++;
    if (calls <= times) throw throttled();
    return 'ok';
  };
}

describe('callWithRetry and throttling', () => {
  it('a 429 with no success around is a refusal: it counts toward the attempts', async () => {
    const result = await callWithRetry(throttledThen(10), context());
    expect(result).toMatchObject({ ok: false, attempts: 3, retryable: true });
  });

  it('a 429 while other requests get through is a busy shared quota: up to maxAttempts of them do not count', async () => {
    // Prepare: another request of the invocation just succeeded
    const ctx = context();
    await callWithRetry(async () => 'other', ctx);
    // Act: five 429s in a row, then a success; and one that never gets through
    const spared = await callWithRetry(throttledThen(5), ctx);
    const exhausted = await callWithRetry(throttledThen(100), ctx);
    // Assess: 3 attempts + up to 3 spared
    expect(spared).toMatchObject({ ok: true, attempts: 6 });
    expect(exhausted).toMatchObject({ ok: false, attempts: 6 });
  });

  it('other failures always count', async () => {
    const ctx = context();
    await callWithRetry(async () => 'other', ctx);
    const result = await callWithRetry(async () => {
      throw new ApiError('down', { status: 503, kind: 'http' });
    }, ctx);
    expect(result).toMatchObject({ ok: false, attempts: 3 });
  });
});
