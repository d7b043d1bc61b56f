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

/** CTS's codes (format `CTS.XXXX`) and the API gateway's code for a failed AK/SK check. */
export const CtsErrorCode = {
  /** Documented: `Incorrect IAM authentication information: verify aksk signature fail` (401, API gateway). */
  AuthFailed: 'APIGW.0301',
  /** Emulator's choice for a bad query parameter (undocumented): the documented 400 for an invalid request. */
  InvalidQuery: 'CTS.0003',
  /** Documented: a management tracker's `tracker_name` can only be `system` (400). */
  TrackerNameSystem: 'CTS.0204',
  /** Documented by Open Telekom Cloud's edition of CTS: invalid project ID (403). */
  InvalidProject: 'CTS.0012',
  /** Documented: `No permission, Please check roles.` (403). */
  NoPermission: 'CTS.0013',
  /** Documented: failed to read data (500); the body of an injected 5xx. */
  ReadFailed: 'CTS.0005',
} as const;

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
 * The body of an injected fault that gave only a status: a plausible code for that status, in the format of
 * the service the route belongs to.
 * @example defaultFaultBody(503).error_code // 'IOTDA.000001'
 * @example defaultFaultBody(403, 100, 'cts').error_code // 'CTS.0013'
 */
export function defaultFaultBody(status: number, limit = 100, service: 'iotda' | 'cts' = 'iotda'): ErrorBody {
  if (status === 429) return throttleBody(limit);
  if (service === 'cts') return ctsFaultBody(status);
  if (status === 401) return errorBody(ErrorCode.AuthFailed, 'Authentication failed (injected fault)');
  if (status === 403) return errorBody(ErrorCode.Forbidden, 'Forbidden (injected fault)');
  if (status === 404) return errorBody(ErrorCode.NotFound, 'Not found (injected fault)');
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

function ctsFaultBody(status: number): ErrorBody {
  if (status === 401) return errorBody(CtsErrorCode.AuthFailed, 'Incorrect IAM authentication information (injected fault)');
  if (status === 403) return errorBody(CtsErrorCode.NoPermission, 'No permission, Please check roles. (injected fault)');
  if (status >= 400 && status < 500) return errorBody(CtsErrorCode.InvalidQuery, 'Invalid request (injected fault)');
  return errorBody(CtsErrorCode.ReadFailed, `Failed to read data (injected fault, HTTP ${status})`);
}
