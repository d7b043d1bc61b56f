import { ApiError, errorText } from '../errors';
import type { Failure } from '../types';
import type { AttemptResult } from './attempt';

type Failed = Extract<AttemptResult<unknown>, { ok: false }>;

/**
 * The failure record of a call that gave up, for the report.
 * @example failureOf(result, 'sync') // { status: 503, message: 'busy', attempts: 4, retryable: true }
 */
export function failureOf(result: Failed, what: string): Failure {
  const details = result.error instanceof ApiError ? result.error.details : undefined;
  const message = result.error === undefined ? `${what} not attempted` : errorText(result.error);
  return {
    status: details?.status,
    errorCode: details?.errorCode,
    apiRequestId: details?.requestId,
    message: result.outOfTime ? `${message} (invocation deadline: no time left to retry)` : message,
    attempts: result.attempts,
    retryable: result.retryable,
  };
}

/** The log fields of a call that gave up. @example log.error('bus failed', { busId, ...failureFields(result) }) */
export function failureFields(result: Failed) {
  const details = result.error instanceof ApiError ? result.error.details : undefined;
  return {
    status: details?.status,
    errorCode: details?.errorCode,
    apiRequestId: details?.requestId,
    error: result.error === undefined ? undefined : errorText(result.error),
    attempts: result.attempts,
    retryable: result.retryable,
  };
}
