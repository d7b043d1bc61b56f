import { describe, expect, it } from 'vitest';
import { ApiError, InvalidIdError } from '../../src/errors';
import { retryAfterOf } from '../../src/iotda/client';
import { backoffMs, classifyError, DEFAULT_BACKOFF } from '../../src/sync/retry';

const http = (status: number, retryAfterSeconds?: number) => new ApiError(`HTTP ${status}`, { status, kind: 'http', retryAfterSeconds });

describe('classifyError', () => {
  it.each([429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(classifyError(http(status)).retryable).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 501])('does not retry HTTP %i', (status) => {
    expect(classifyError(http(status)).retryable).toBe(false);
  });

  it.each(['network', 'timeout', 'body'] as const)('retries %s failures', (kind) => {
    expect(classifyError(new ApiError('x', { kind })).retryable).toBe(true);
  });

  it('marks 429 as throttled and carries Retry-After in ms', () => {
    expect(classifyError(http(429, 2))).toEqual({ retryable: true, retryAfterMs: 2000, throttled: true });
  });

  it('does not retry errors of our own (an invalid ID stays invalid)', () => {
    expect(classifyError(new InvalidIdError('bus ID', '../x')).retryable).toBe(false);
  });
});

describe('backoffMs', () => {
  it('draws uniformly below min(cap, base·2^n)', () => {
    expect(backoffMs(0, DEFAULT_BACKOFF, undefined, () => 0.999)).toBeCloseTo(99.9);
    expect(backoffMs(3, DEFAULT_BACKOFF, undefined, () => 0.5)).toBe(400);
    expect(backoffMs(20, DEFAULT_BACKOFF, undefined, () => 0.5)).toBe(2500);
    expect(backoffMs(2, DEFAULT_BACKOFF, undefined, () => 0)).toBe(0);
  });

  it('never waits less than Retry-After', () => {
    expect(backoffMs(0, DEFAULT_BACKOFF, 3000, () => 0.1)).toBe(3000);
  });
});

describe('retryAfterOf', () => {
  it('reads seconds and HTTP dates, ignores garbage', () => {
    expect(retryAfterOf('2')).toBe(2);
    expect(retryAfterOf('0.5')).toBe(0.5);
    expect(retryAfterOf(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(8);
    expect(retryAfterOf('soon')).toBeUndefined();
    expect(retryAfterOf(undefined)).toBeUndefined();
  });
});
