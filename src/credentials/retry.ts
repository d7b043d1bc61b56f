import { callWithRetry } from '../engine/attempt';
import { Deadline } from '../engine/deadline';
import type { RateLimiter, RetryStrategy } from '../engine/parts';
import { ApiError } from '../errors';
import type { KeyRequest } from './request';

// Credential calls are a handful per cold start: they are not paced, only retried and bounded.
const UNPACED: RateLimiter = {
  acquire: async () => ({ at: Date.now(), epoch: 0 }),
  onSuccess: () => undefined,
  onThrottled: () => undefined,
};

/** How a credential call that gave up ended: its last error, and whether a later try may succeed. */
export interface StepFailure {
  error: unknown;
  attempts: number;
  retryable: boolean;
  /** It stopped because the deadline was near, not because the error was final. */
  outOfTime: boolean;
}

/**
 * Runs one credential call as IoTDA calls run (src/engine/attempt.ts): the request's retry policy
 * (transient failures only: network, timeout, 429, 5xx), a timeout per attempt never beyond the
 * deadline, no wait past the deadline. Resolves with the value or with why it gave up. `throttled`
 * names errors that are throttling although their status is not 429 (AWS's `Throttling` is a 400).
 * @example const result = await retryStep((timeoutMs) => iamCall(timeoutMs), request); if (!result.ok) throw stepError(result);
 */
export async function retryStep<T>(
  call: (timeoutMs: number) => Promise<T>,
  request: KeyRequest,
  throttled?: (error: unknown) => boolean,
): Promise<{ ok: true; value: T } | ({ ok: false } & StepFailure)> {
  const base = request.strategy;
  const strategy: RetryStrategy = throttled
    ? {
        maxAttempts: base.maxAttempts,
        classify: (error) => (throttled(error) ? { retryable: true, throttled: true, gone: false } : base.classify(error)),
        backoffMs: (retryNumber, decision) => base.backoffMs(retryNumber, decision),
      }
    : base;
  const result = await callWithRetry(call, {
    limiter: UNPACED,
    strategy,
    deadline: new Deadline(request.endsAt),
    requestTimeoutMs: request.requestTimeoutMs,
    counters: { attempts: 0, throttled: 0 },
  });
  if (result.ok) return { ok: true, value: result.value };
  const error = result.error ?? new ApiError('not attempted: the invocation deadline is too near', { kind: 'timeout' });
  return { ok: false, error, attempts: result.attempts, retryable: result.retryable, outOfTime: result.outOfTime };
}
