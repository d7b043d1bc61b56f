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

/** No usable credentials: neither an agency nor the HUAWEICLOUD_SDK_* variables. */
export class CredentialsError extends SoftbusSyncError {}

/** An ID that would go into a URL path is not of the documented form. */
export class InvalidIdError extends SoftbusSyncError {
  constructor(
    readonly kind: string,
    readonly value: string,
  ) {
    super(`invalid ${kind}: ${JSON.stringify(value.slice(0, 64))}`);
  }
}

/** The IoTDA API answered with an error status, or the request failed on the way. */
export class ApiError extends SoftbusSyncError {
  constructor(
    message: string,
    readonly details: {
      /** HTTP status; undefined for network errors and timeouts. */
      status?: number;
      errorCode?: string;
      requestId?: string;
      /** Seconds from `Retry-After`, when the answer had one. */
      retryAfterSeconds?: number;
      /** `network` (no answer), `timeout`, `http` (an error status) or `body` (an answer we cannot read). */
      kind: 'network' | 'timeout' | 'http' | 'body';
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A retryable invocation: thrown on asynchronous triggers so the platform retries the event. */
export class RetryableInvocationError extends SoftbusSyncError {
  constructor(
    message: string,
    readonly report: unknown,
  ) {
    super(message);
  }
}
