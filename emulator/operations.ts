/**
 * The emulated operations on the emulator's state: soft buses (list, show, sync, reset), device group
 * membership (which records a CTS trace and marks the group's buses), and the CTS trace list.
 */

import { type Answer, BusTable, fail } from './buses.js';
import { parseQuery } from './canonical.js';
import { CtsErrorCode, ErrorCode } from './errors.js';
import { parseFleet } from './fleet.js';
import { GroupTable } from './groups.js';
import type { EmulatorOptions } from './options.js';
import { parseListQuery } from './paging.js';
import type { ResolvedRoute } from './routes.js';
import { parseTraceQuery, tracePage } from './trace-query.js';
import { type CtsOptions, TraceRating } from './trace-types.js';
import { TraceStore } from './traces.js';
import { Route } from './types.js';

export interface EmulatorState {
  buses: BusTable;
  groups: GroupTable;
  traces: TraceStore;
  cts: CtsOptions;
}

/**
 * The live state for the options: buses, groups and the CTS trace store (with `cts.traces` stored).
 * @example const state = createState(options, () => Date.now())
 */
export function createState(options: EmulatorOptions, now: () => number): EmulatorState {
  const fleet = parseFleet(options.fleet, 'options.fleet');
  const cts = options.cts ?? {};
  const state: EmulatorState = {
    // The emulator's clock: a fixed skew does not change a duration, and advanceClock can end a settle phase.
    buses: new BusTable(fleet.buses, options.syncSettleMs ?? 0, now),
    groups: new GroupTable(fleet.groups),
    traces: new TraceStore(cts.delayMs ?? 0, now),
    cts,
  };
  for (const trace of cts.traces ?? []) state.traces.add(trace);
  return state;
}

/** What an operation knows of its request beyond route and query. */
export interface OperationContext {
  requestId: string;
  /** The emulator's clock, ms since the epoch. */
  now: number;
}

/**
 * CreateOrDeleteDeviceInGroup. Every call that reaches the operation is audited, as CTS audits calls that
 * reached a service: a trace with `code` the answer's status (as a string), `request` JSON text of the call's
 * parameters; a real membership change also marks the group's buses `ToBeSynchronized`.
 */
function manageDevices(state: EmulatorState, groupId: string, rawQuery: string, ctx: OperationContext): Answer {
  const params = parseQuery(rawQuery);
  const outcome = state.groups.manage(groupId, params);
  if (outcome.changed) state.buses.markGroupChanged(groupId);
  state.traces.add({
    trace_name: 'manageDevicesInGroup',
    trace_rating: outcome.status < 400 ? TraceRating.Normal : TraceRating.Warning,
    resource_id: groupId,
    resource_name: state.groups.name(groupId),
    code: String(outcome.status),
    request: JSON.stringify({ group_id: groupId, action_id: params.get('action_id')?.[0], device_id: params.get('device_id')?.[0] }),
    response: outcome.body === '' ? undefined : JSON.stringify(outcome.body),
    request_id: ctx.requestId,
    time: ctx.now,
  });
  return outcome;
}

function listTraces(state: EmulatorState, rawQuery: string, now: number): Answer {
  const query = parseTraceQuery(parseQuery(rawQuery), now);
  const page = 'code' in query ? query : tracePage(state.traces.ordered(), query, now, state.cts.lastPageMarker);
  return 'code' in page ? fail(400, page.code, page.message) : { status: 200, body: page };
}

/**
 * Runs the operation a resolved route names (not `unknown`).
 * @example operate(state, resolveRoute('GET', '/v3/p1/traces'), 'trace_type=system', { requestId: 'r1', now: Date.now() })
 */
export function operate(state: EmulatorState, resolved: ResolvedRoute, rawQuery: string, ctx: OperationContext): Answer {
  switch (resolved.route) {
    case Route.List: {
      const query = parseListQuery(parseQuery(rawQuery));
      return typeof query === 'string' ? fail(400, ErrorCode.InvalidInput, query) : { status: 200, body: state.buses.list(query) };
    }
    case Route.Show:
    case Route.Sync:
    case Route.Reset:
      return state.buses.operate(resolved.route, resolved.busId ?? '');
    case Route.ManageDevices:
      return manageDevices(state, resolved.groupId ?? '', rawQuery, ctx);
    case Route.Traces:
      return listTraces(state, rawQuery, ctx.now);
    default:
      return fail(404, resolved.service === 'cts' ? CtsErrorCode.InvalidQuery : ErrorCode.NoSuchApi, 'The API does not exist');
  }
}
