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

/** An ID that would go into a URL path is not of the documented form. */
export class InvalidIdError extends SoftbusSyncError {
  constructor(
    readonly kind: string,
    readonly value: string,
  ) {
    super(`invalid ${kind}: ${JSON.stringify(value.slice(0, 64))}`);
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
