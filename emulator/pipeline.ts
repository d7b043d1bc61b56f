/**
 * Decides the answer to one request, in the order the real service applies its checks:
 * authentication, route, project and instance, quota, injected faults, then the operation itself.
 * Pure with respect to I/O: the server does the reading, waiting and writing.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseQuery, type ReceivedRequest } from './canonical.js';
import { defaultFaultBody, ErrorCode, errorBody, throttleBody } from './errors.js';
import type { FaultAction, FaultScript } from './faults.js';
import type { TokenBucket } from './quota.js';
import type { BusTable, ResolvedRoute } from './routes.js';
import { verifyRequest } from './signature.js';
import { type EmulatorOptions, type FaultContext, Route } from './types.js';

export interface Decision {
  status: number;
  /** `''` = empty body; a string = sent as is; otherwise JSON. */
  body: unknown;
  headers: Record<string, string>;
  errorCode?: string;
  reset?: boolean;
  delayMs: number;
  authMode: 'basic' | 'derived' | 'none';
  groupId?: string;
  fault?: string;
}

export interface PipelineParts {
  options: EmulatorOptions;
  table: BusTable;
  script: FaultScript;
  random?: () => FaultAction | undefined;
  bucket?: TokenBucket;
  now: () => number;
}

/** A truncated JSON document: what a broken proxy or a cut answer looks like. */
export const MALFORMED_BODY = '{"harmony_soft_buses":[{"bus_id":"';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The first value of each query key (what the list operation reads). */
export function firstValues(rawQuery: string): Record<string, string> {
  return Object.fromEntries([...parseQuery(rawQuery)].map(([key, values]) => [key, values[0] ?? '']));
}

function refuse(
  status: number,
  code: string,
  message: string,
  base: Pick<Decision, 'authMode' | 'groupId'>,
  headers: Record<string, string> = {},
): Decision {
  return { status, body: errorBody(code, message), headers, errorCode: code, delayMs: 0, ...base };
}

/**
 * A reset or an injected status stands for a request the service never processed (no state change);
 * a malformed body or a plain delay stands for one it processed but answered badly or late.
 */
export function faultDecision(
  action: FaultAction,
  normal: () => Decision,
  base: Pick<Decision, 'authMode' | 'groupId'>,
  limit: number,
): Decision {
  const common = { ...base, headers: action.headers ?? {}, delayMs: action.delayMs ?? 0, fault: action.label };
  if (action.reset) return { ...common, status: 0, body: '', reset: true };
  if (action.malformedBody) return { ...normal(), ...common, status: 200, body: MALFORMED_BODY, errorCode: undefined };
  if (action.status !== undefined) {
    const body = action.body ?? defaultFaultBody(action.status, limit);
    const errorCode = typeof body === 'object' && body !== null && 'error_code' in body ? String(body.error_code) : undefined;
    return { ...common, status: action.status, body, errorCode };
  }
  const answer = normal();
  return { ...answer, ...common, headers: { ...answer.headers, ...common.headers } };
}

/**
 * @example decide(parts, received, resolveRoute('GET', received.rawPath)).status // 200, 401, 429, …
 */
export function decide(parts: PipelineParts, req: ReceivedRequest, resolved: ResolvedRoute): Decision {
  const { options, table } = parts;
  const auth = verifyRequest(req, {
    credentials: options.credentials,
    region: options.region,
    accepted: options.acceptedSignatures ?? 'any',
    now: parts.now(),
  });
  if (!auth.ok) return refuse(401, ErrorCode.AuthFailed, `Authentication failed: ${auth.reason}`, { authMode: auth.kind });
  const authMode = auth.kind;
  if (resolved.route === Route.Unknown)
    return refuse(404, ErrorCode.NoSuchApi, 'The API does not exist or has not been published', { authMode });
  if (auth.credential.deniedReason) return refuse(403, ErrorCode.Forbidden, `Access denied: ${auth.credential.deniedReason}`, { authMode });
  const groupId = resolved.route === Route.List ? firstValues(req.rawQuery).group_id : table.get(resolved.busId ?? '')?.group_id;
  const base = { authMode, groupId };
  const headerProject = header(req.headers, 'x-project-id');
  if (resolved.projectId !== options.projectId || (headerProject !== undefined && headerProject !== options.projectId)) {
    return refuse(403, ErrorCode.Forbidden, 'The project ID does not match the credentials', base);
  }
  if (options.instanceId !== undefined && header(req.headers, 'instance-id') !== options.instanceId) {
    return refuse(403, ErrorCode.Forbidden, 'Instance-Id is missing or names another instance', base);
  }
  const limit = parts.bucket?.limit ?? 100;
  const quota = parts.bucket?.take();
  if (quota && !quota.allowed) {
    const retry: Record<string, string> = quota.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(quota.retryAfterSeconds) };
    return { status: 429, body: throttleBody(limit), headers: retry, errorCode: ErrorCode.Throttled, delayMs: 0, ...base };
  }
  const normal = (): Decision => {
    const answer = table.handle(resolved, req.rawQuery);
    return { status: answer.status, body: answer.body, headers: {}, errorCode: answer.errorCode, delayMs: 0, ...base };
  };
  const ctx: FaultContext = { route: resolved.route, method: req.method, busId: resolved.busId, groupId, query: firstValues(req.rawQuery) };
  const action = parts.script.match(ctx) ?? parts.random?.();
  return action ? faultDecision(action, normal, base, limit) : normal();
}
