/**
 * Decides the answer to one request, in the order the real services apply their checks:
 * access (signature, route, project, instance or CTS rights), quota (IoTDA only), injected faults, then the
 * operation itself. Pure with respect to I/O: the server does the reading, waiting and writing.
 */
import { checkAccess } from './access.js';
import { parseQuery, type ReceivedRequest } from './canonical.js';
import { defaultFaultBody, ErrorCode, errorBody, throttleBody } from './errors.js';
import type { FaultAction, FaultScript } from './faults.js';
import { type EmulatorState, operate } from './operations.js';
import type { EmulatorOptions } from './options.js';
import type { TokenBucket } from './quota.js';
import type { ResolvedRoute, Service } from './routes.js';
import { type FaultContext, Route } from './types.js';

export interface Decision {
  status: number;
  /** `''` = empty body; a string = sent as is; otherwise JSON. */
  body: unknown;
  headers: Record<string, string>;
  errorCode?: string;
  reset?: boolean;
  delayMs: number;
  /** Answered without the emulated backend latency (a gateway's immediate 429). */
  skipLatency?: boolean;
  authMode: 'basic' | 'derived' | 'none';
  groupId?: string;
  fault?: string;
}

export interface PipelineParts {
  options: EmulatorOptions;
  state: EmulatorState;
  script: FaultScript;
  random?: () => FaultAction | undefined;
  bucket?: TokenBucket;
  now: () => number;
}

type Base = Pick<Decision, 'authMode' | 'groupId'>;

/** A truncated JSON document: what a broken proxy or a cut answer looks like. */
export const MALFORMED_BODY = '{"harmony_soft_buses":[{"bus_id":"';

/** The first value of each query key (what the list operation reads). */
export function firstValues(rawQuery: string): Record<string, string> {
  return Object.fromEntries([...parseQuery(rawQuery)].map(([key, values]) => [key, values[0] ?? '']));
}

function refuse(status: number, code: string, message: string, base: Base, headers: Record<string, string> = {}): Decision {
  return { status, body: errorBody(code, message), headers, errorCode: code, delayMs: 0, ...base };
}

/**
 * A reset or an injected status stands for a request the service never processed (no state change, no
 * trace); a malformed body or a plain delay stands for one it processed but answered badly or late.
 */
export function faultDecision(
  action: FaultAction,
  normal: () => Decision,
  base: Base,
  limit: number,
  service: Service = 'iotda',
): Decision {
  const common = { ...base, headers: action.headers ?? {}, delayMs: action.delayMs ?? 0, fault: action.label };
  if (action.reset) return { ...common, status: 0, body: '', reset: true };
  if (action.malformedBody) return { ...normal(), ...common, status: 200, body: MALFORMED_BODY, errorCode: undefined };
  if (action.status !== undefined) {
    const body = action.body ?? defaultFaultBody(action.status, limit, service);
    const errorCode = typeof body === 'object' && body !== null && 'error_code' in body ? String(body.error_code) : undefined;
    return { ...common, status: action.status, body, errorCode };
  }
  const answer = normal();
  return { ...answer, ...common, headers: { ...answer.headers, ...common.headers } };
}

/** The group a request concerns, for fault rules and the call record. */
function groupOf(parts: PipelineParts, req: ReceivedRequest, resolved: ResolvedRoute): string | undefined {
  if (resolved.route === Route.List) return firstValues(req.rawQuery).group_id;
  if (resolved.route === Route.ManageDevices) return resolved.groupId;
  if (resolved.busId !== undefined) return parts.state.buses.get(resolved.busId)?.group_id;
  return undefined;
}

/**
 * @example decide(parts, received, resolveRoute('GET', received.rawPath), requestId).status // 200, 401, 429, …
 */
export function decide(parts: PipelineParts, req: ReceivedRequest, resolved: ResolvedRoute, requestId: string): Decision {
  const access = checkAccess(parts.options, req, resolved, parts.now());
  if (!access.ok) {
    const groupId = access.status === 401 ? undefined : groupOf(parts, req, resolved);
    return refuse(access.status, access.code, access.message, { authMode: access.authMode, groupId });
  }
  const base: Base = { authMode: access.authMode, groupId: groupOf(parts, req, resolved) };
  // CTS has its own quota, which the emulator does not model: script a 429 on the `traces` route instead.
  const bucket = resolved.service === 'iotda' ? parts.bucket : undefined;
  const limit = bucket?.limit ?? 100;
  const quota = bucket?.take();
  if (quota && !quota.allowed) {
    const retry: Record<string, string> = quota.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(quota.retryAfterSeconds) };
    return { ...refuse(429, ErrorCode.Throttled, throttleBody(limit).error_msg, base, retry), skipLatency: bucket?.immediate };
  }
  const normal = (): Decision => {
    const answer = operate(parts.state, resolved, req.rawQuery, { requestId, now: parts.now() });
    return { status: answer.status, body: answer.body, headers: {}, errorCode: answer.errorCode, delayMs: 0, ...base };
  };
  const ctx: FaultContext = {
    route: resolved.route,
    method: req.method,
    busId: resolved.busId,
    groupId: base.groupId,
    query: firstValues(req.rawQuery),
  };
  const action = parts.script.match(ctx) ?? parts.random?.();
  return action ? faultDecision(action, normal, base, limit, resolved.service) : normal();
}
