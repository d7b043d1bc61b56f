import { ApiError, CredentialsError } from '../errors';
import type { SecretList } from '../redact';
import { attemptSignal, type KeyRequest } from './request';
import { retryStep } from './retry';

/** What the AWS SDK v3 puts on a service error (smithy's ServiceException) and on transport errors. */
interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const NETWORK_CODES = /^(E[A-Z]+|ERR_[A-Z_]+)$/;
/** Error codes AWS uses for throttling, answered with HTTP 400 (STS's `Throttling`, Secrets Manager's `ThrottlingException`). */
const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded']);

/**
 * Whether an error made by sdkError is AWS throttling, to be retried like a 429 (retryStep's `throttled`).
 * @example await retryStep(call, request, isAwsThrottling);
 */
export function isAwsThrottling(error: unknown): boolean {
  return error instanceof ApiError && THROTTLING.has(error.details.errorCode ?? '');
}

/**
 * An AWS SDK v3 error as this project's errors, so the retry policy classifies it like an IoTDA
 * error: an answer with a status becomes an ApiError `http` (the service's code and message, scrubbed
 * and capped), a timeout or abort `timeout` (whatever the SDK made of it: an abort mid-body is a
 * "deserialization error" of a 200), an unreadable success `body`, a socket error `network`; anything
 * else (no region, no credentials…) a CredentialsError, not retried. Never more than the error's name,
 * code and message.
 * @example throw sdkError(caught, 'STS', request.secrets, abortSignal.aborted);
 */
export function sdkError(caught: unknown, service: string, secrets: SecretList, aborted = false): ApiError | CredentialsError {
  const error = (caught ?? {}) as SdkErrorShape;
  const name = typeof error.name === 'string' ? error.name : 'Error';
  const status = error.$metadata?.httpStatusCode;
  const message = secrets.clip(String(error.message ?? ''), 300);
  if (aborted || name === 'TimeoutError' || name === 'AbortError')
    return new ApiError(`${service}: no answer in time`, { kind: 'timeout' });
  if (status !== undefined && status >= 200 && status < 300) {
    return new ApiError(`${service} answered HTTP ${status} with a body that cannot be read`, { status, kind: 'body' });
  }
  if (status !== undefined) {
    return new ApiError(`${service} answered HTTP ${status} ${name}${message ? `: ${message}` : ''}`, {
      status,
      errorCode: name,
      requestId: error.$metadata?.requestId,
      kind: 'http',
    });
  }
  if (typeof error.code === 'string' && NETWORK_CODES.test(error.code)) {
    return new ApiError(`${service}: network error ${error.code}`, { kind: 'network' });
  }
  return new CredentialsError(`${service}: the AWS SDK failed before any answer (${name}${message ? `: ${message}` : ''})`);
}

/**
 * The Lambda role's own keys, which the runtime puts in the environment (passed explicitly: no provider
 * chain to load); undefined when they are not there.
 * @example new STSClient({ region, credentials: roleCredentialsOf(process.env) });
 */
export function roleCredentialsOf(env: Record<string, string | undefined>) {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN?.trim() || undefined };
}

/**
 * One AWS SDK call under the key request's retries (the clients are made with `maxAttempts: 1`, so the
 * retries follow the deadline): each try aborted at its timeout or when the budget runs out, its error
 * made ours (`sdkError`), AWS's throttling (a 400) retried like a 429.
 * @example const result = await sendWithRetries('STS', request, (abortSignal) => sts.send(command, { abortSignal }));
 */
export function sendWithRetries<T>(service: string, request: KeyRequest, send: (abortSignal: AbortSignal) => Promise<T>) {
  return retryStep(
    async (timeoutMs) => {
      const attempt = attemptSignal(request, timeoutMs);
      try {
        return await send(attempt.signal);
      } catch (error) {
        throw sdkError(error, service, request.secrets, attempt.signal.aborted);
      } finally {
        attempt.done();
      }
    },
    request,
    isAwsThrottling,
  );
}
