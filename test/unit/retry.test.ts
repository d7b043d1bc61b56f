import { describe, expect, it } from 'vitest';
import { StandardRetryStrategy } from '../../src/engine/retry-strategy';
import { ApiError, InvalidIdError } from '../../src/errors';

const http = (status: number, retryAfter?: string) => new ApiError(`HTTP ${status}`, { status, kind: 'http', retryAfter });
const strategy = (random = () => 0.5, now = Date.now) => new StandardRetryStrategy({ maxAttempts: 4, random, now });
const noWait = { retryable: true, throttled: false, gone: false };

describe('StandardRetryStrategy.classify', () => {
  it.each([429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(strategy().classify(http(status)).retryable).toBe(true);
  });

  it.each([400, 401, 403, 404, 409, 501])('does not retry HTTP %i', (status) => {
    expect(strategy().classify(http(status)).retryable).toBe(false);
  });

  it.each(['network', 'timeout', 'body'] as const)('retries %s failures', (kind) => {
    expect(strategy().classify(new ApiError('x', { kind })).retryable).toBe(true);
  });

  it.each([
    'ENOTFOUND',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ])('fails fast on %s: a wrong host or an untrusted certificate does not pass', (code) => {
    expect(strategy().classify(new ApiError('x', { kind: 'network', code })).retryable).toBe(false);
  });

  it.each(['EAI_AGAIN', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT'])('retries the passing network failure %s', (code) => {
    expect(strategy().classify(new ApiError('x', { kind: 'network', code })).retryable).toBe(true);
  });

  it('marks 429 as throttled and carries Retry-After in ms', () => {
    expect(strategy().classify(http(429, '2'))).toEqual({ retryable: true, retryAfterMs: 2000, throttled: true, gone: false });
  });

  it('marks 404 as gone: nothing to retry, nothing left to do', () => {
    expect(strategy().classify(http(404))).toMatchObject({ retryable: false, gone: true });
  });

  it.each(['APIG.0101', 'APIGW.0101'])(
    'does not take a 404 of the API gateway (%s: no such API) for a resource that is gone',
    (errorCode) => {
      // Prepare: a wrong endpoint, or an API not published in the region, answers every call so
      const error = new ApiError('The API does not exist or has not been published in the environment.', {
        status: 404,
        kind: 'http',
        errorCode,
      });
      // Act / Assess
      expect(strategy().classify(error)).toMatchObject({ retryable: false, gone: false });
    },
  );

  it('does not retry errors of our own (an invalid ID stays invalid)', () => {
    expect(strategy().classify(new InvalidIdError('bus ID', '../x')).retryable).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores anything else', () => {
    // Prepare
    const now = Date.UTC(2026, 10, 28, 12, 0, 0);
    const s = strategy(
      () => 0.5,
      () => now,
    );
    // Act / Assess
    expect(s.classify(http(429, '0.5')).retryAfterMs).toBe(500);
    expect(s.classify(http(503, new Date(now + 10_000).toUTCString())).retryAfterMs).toBe(10_000);
    expect(s.classify(http(429, 'soon')).retryAfterMs).toBeUndefined();
    expect(s.classify(http(429)).retryAfterMs).toBeUndefined();
  });
});

describe('StandardRetryStrategy.backoffMs', () => {
  it('draws uniformly below min(cap, base·2^n)', () => {
    expect(strategy(() => 0.999).backoffMs(0, noWait)).toBeCloseTo(99.9);
    expect(strategy(() => 0.5).backoffMs(3, noWait)).toBe(400);
    expect(strategy(() => 0.5).backoffMs(20, noWait)).toBe(2500);
    expect(strategy(() => 0).backoffMs(2, noWait)).toBe(0);
  });

  it('never waits less than Retry-After', () => {
    expect(strategy(() => 0.1).backoffMs(0, { ...noWait, retryAfterMs: 3000 })).toBe(3000);
  });
});
