/**
 * Route matching: which emulated operation a method and raw path name, and which service answers it
 * (IoTDA under `/v5/iot/{project_id}/…`, CTS under `/v3/{project_id}/traces`).
 */
import { Route } from './types.js';

/** The two emulated services; their signatures, errors and quota differ. */
export type Service = 'iotda' | 'cts';

export interface ResolvedRoute {
  route: Route;
  service: Service;
  /** The `{project_id}` path segment. */
  projectId?: string;
  /** Decoded `{bus_id}` path segment, not yet validated. */
  busId?: string;
  /** Decoded `{group_id}` path segment of the manage-devices call, not yet validated. */
  groupId?: string;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Maps method and raw path to an operation. Anything else (other methods, trailing slashes, other resources
 * such as DELETE or AddHarmonySoftBus, which are not emulated) is `unknown`, answered as IoTDA would.
 * @example resolveRoute('POST', '/v5/iot/p1/harmony-soft-bus/ab12/sync') // { route: 'sync', service: 'iotda', projectId: 'p1', busId: 'ab12' }
 * @example resolveRoute('GET', '/v3/p1/traces') // { route: 'traces', service: 'cts', projectId: 'p1' }
 */
export function resolveRoute(method: string, rawPath: string): ResolvedRoute {
  const parts = rawPath.split('/');
  const unknown: ResolvedRoute = { route: Route.Unknown, service: 'iotda' };
  if (parts[0] !== '') return unknown;
  if (parts[1] === 'v3' && parts[2] && parts[3] === 'traces' && parts.length === 4 && method === 'GET')
    return { route: Route.Traces, service: 'cts', projectId: decodeSegment(parts[2]) };
  if (parts[1] !== 'v5' || parts[2] !== 'iot' || !parts[3]) return unknown;
  const projectId = decodeSegment(parts[3]);
  const [resource, id, action, ...extra] = parts.slice(4);
  if (extra.length > 0) return unknown;
  if (resource === 'device-group' && id && action === 'action' && method === 'POST')
    return { route: Route.ManageDevices, service: 'iotda', projectId, groupId: decodeSegment(id) };
  if (resource !== 'harmony-soft-bus') return unknown;
  const busId = id === undefined ? undefined : decodeSegment(id);
  if (id === undefined && method === 'GET') return { route: Route.List, service: 'iotda', projectId };
  if (!busId) return unknown;
  if (action === undefined && method === 'GET') return { route: Route.Show, service: 'iotda', projectId, busId };
  if (action === 'sync' && method === 'POST') return { route: Route.Sync, service: 'iotda', projectId, busId };
  if (action === 'reset-bus-key' && method === 'POST') return { route: Route.Reset, service: 'iotda', projectId, busId };
  return unknown;
}
