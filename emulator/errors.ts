/**
 * Error codes and the `{error_code, error_msg}` body the emulator answers with. Codes the API facts
 * document are used as documented; the others are the emulator's choice (see emulator/README.md).
 */

export const ErrorCode = {
  /** Documented: internal error (500). */
  Internal: 'IOTDA.000001',
  /** Documented: authentication failed (401). */
  AuthFailed: 'IOTDA.000002',
  /** Emulator's choice for 403 (project or instance mismatch): not documented. */
  Forbidden: 'IOTDA.000003',
  /** Documented: invalid input (400). */
  InvalidInput: 'IOTDA.000006',
  /** Emulator's choice for "soft bus not found" (404): the real code is not documented. */
  NotFound: 'IOTDA.014000',
  /** The API gateway's throttling code (429). */
  Throttled: 'APIG.0308',
  /** The API gateway's "API not found" code, for unknown routes. */
  NoSuchApi: 'APIG.0101',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorBody {
  error_code: string;
  error_msg: string;
}

/**
 * @example errorBody(ErrorCode.InvalidInput, 'limit must be 1-50') // { error_code: 'IOTDA.000006', error_msg: 'limit must be 1-50' }
 */
export function errorBody(code: string, message: string): ErrorBody {
  return { error_code: code, error_msg: message };
}

/**
 * The body of an injected fault that gave only a status: a plausible code for that status.
 * @example defaultFaultBody(503).error_code // 'IOTDA.000001'
 */
export function defaultFaultBody(status: number, limit = 100): ErrorBody {
  if (status === 401) return errorBody(ErrorCode.AuthFailed, 'Authentication failed (injected fault)');
  if (status === 403) return errorBody(ErrorCode.Forbidden, 'Forbidden (injected fault)');
  if (status === 404) return errorBody(ErrorCode.NotFound, 'Not found (injected fault)');
  if (status === 429) return throttleBody(limit);
  if (status >= 400 && status < 500) return errorBody(ErrorCode.InvalidInput, 'Invalid input (injected fault)');
  return errorBody(ErrorCode.Internal, `Internal error (injected fault, HTTP ${status})`);
}

/**
 * The API gateway's 429 body, word for word.
 * @example throttleBody(200).error_msg // 'The throttling threshold has been reached: policy user over ratelimit,limit:200,time:1 second'
 */
export function throttleBody(limit: number): ErrorBody {
  return errorBody(
    ErrorCode.Throttled,
    `The throttling threshold has been reached: policy user over ratelimit,limit:${limit},time:1 second`,
  );
}
