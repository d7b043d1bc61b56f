/**
 * One base error with `cause`, and typed subclasses, so callers branch on `instanceof` and logs carry a
 * stable `name`. Messages never contain secrets: the HTTP layer and the signer wrap foreign errors here.
 */
export class SoftbusSyncError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A configuration value is missing or invalid; `variable` names it. */
export class ConfigError extends SoftbusSyncError {
  constructor(
    message: string,
    readonly variable: string,
  ) {
    super(message);
  }
}

/** Which step of a credential source failed (the federation exchange), as the report and the logs show it. */
export interface CredentialFailure {
  source: string;
  step: string;
  reason: string;
  status?: number;
  errorCode?: string;
  attempts: number;
  retryable: boolean;
}

/** No usable credentials: none configured, or their source failed (`failure` names the step when known). */
export class CredentialsError extends SoftbusSyncError {
  readonly failure?: CredentialFailure;

  constructor(message: string, options?: { cause?: unknown; failure?: CredentialFailure }) {
    super(message, options);
    this.failure = options?.failure;
  }
}

/**
 * Huawei keys configured in a Secrets Manager secret could not be read (through the SDK or the
 * Parameters and Secrets extension); the message names the secret and the cause, never a key, a token
 * or the answer body.
 */
export class SecretReadError extends CredentialsError {
  constructor(
    readonly secretId: string,
    /** How the secret was read: `secrets-manager` (the SDK) or `secrets-extension` (the layer). */
    readonly via: 'secrets-manager' | 'secrets-extension',
    reason: string,
  ) {
    super(`Huawei keys from secret "${secretId}" (${via}): ${reason}`);
  }
}

/**
 * What may be written out about an error: ours (SoftbusSyncError) say what happened in our words, so name
 * and message; any other error's message may carry anything (a context getter's error could quote a
 * key that is not yet known to the scrubber), so its name and where it was thrown, never its message.
 * @example describeError(new TypeError(`bad ${key}`)) // { name: 'TypeError', at: ['at getSecurityAccessKey (…)'] }
 */
export function describeError(error: unknown): { name: string; message?: string; at?: string[] } {
  if (error instanceof SoftbusSyncError) return { name: error.name, message: error.message };
  if (!(error instanceof Error)) return { name: typeof error };
  // Stack frames name code locations. The head of the stack is the message (possibly several lines):
  // only what follows it is read, and nothing when the stack does not start with it.
  const head = String(error);
  const stack = error.stack ?? '';
  const at = stack.startsWith(head)
    ? stack
        .slice(head.length)
        .split('\n')
        .filter((line) => /^\s+at /.test(line))
        .slice(0, 3)
        .map((line) => line.trim())
    : [];
  return { name: error.name, at };
}

/**
 * One line about an error for a report or a failure record: our message, or the name of a foreign error.
 * @example errorText(new ApiError('HTTP 503', { kind: 'http', status: 503 })) // 'HTTP 503'; errorText(new TypeError(x)) // 'unexpected TypeError'
 */
export function errorText(error: unknown): string {
  if (error instanceof SoftbusSyncError) return error.message;
  return `unexpected ${error instanceof Error ? error.name : typeof error}`;
}

/** An ID that would go into a URL path is not of the documented form. */
export class InvalidIdError extends SoftbusSyncError {
  constructor(
    readonly kind: string,
    readonly value: string,
  ) {
    // Whole: where it is written out it is scrubbed, then shortened (a cut here could keep a piece of a key).
    super(`invalid ${kind}: ${JSON.stringify(value)}`);
  }
}

/** How a request failed: `network` (no answer), `timeout`, `http` (an error status) or `body` (an answer we cannot read). */
export type ApiErrorKind = 'network' | 'timeout' | 'http' | 'body';

/** The API answered with an error status, or the request failed on the way. */
export class ApiError extends SoftbusSyncError {
  constructor(
    message: string,
    readonly details: {
      /** HTTP status; undefined for network errors and timeouts. */
      status?: number;
      errorCode?: string;
      requestId?: string;
      /** The answer's `Retry-After` header as sent; the retry strategy interprets it. */
      retryAfter?: string;
      /** Node's error code of a network failure (`ENOTFOUND`, `ECONNRESET`, `DEPTH_ZERO_SELF_SIGNED_CERT`…). */
      code?: string;
      kind: ApiErrorKind;
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Something the invocation waited for did not come within the time it had left. */
export class OutOfTimeError extends SoftbusSyncError {}

/** A retryable invocation: thrown on asynchronous triggers so the platform retries the event. */
export class RetryableInvocationError extends SoftbusSyncError {
  constructor(
    message: string,
    readonly report: unknown,
  ) {
    super(message);
  }
}
