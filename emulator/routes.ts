/**
 * Route matching and the four emulated operations on the live bus table.
 */
import { parseQuery } from './canonical.js';
import { type ErrorBody, ErrorCode, errorBody } from './errors.js';
import { BUS_ID_PATTERN } from './fleet.js';
import { type ListAnswer, listPage, parseListQuery, sortByRecordDesc } from './paging.js';
import { type Bus, BusStatus, type Fleet, Route } from './types.js';

export interface ResolvedRoute {
  route: Route;
  /** The `{project_id}` path segment, when the path is under `/v5/iot/`. */
  projectId?: string;
  /** Decoded `{bus_id}` path segment, not yet validated. */
  busId?: string;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Maps method and raw path to an operation. Anything else (other methods, trailing slashes, other
 * resources such as DELETE or AddHarmonySoftBus, which are not emulated) is `unknown`.
 * @example resolveRoute('POST', '/v5/iot/p1/harmony-soft-bus/ab12/sync') // { route: 'sync', projectId: 'p1', busId: 'ab12' }
 */
export function resolveRoute(method: string, rawPath: string): ResolvedRoute {
  const parts = rawPath.split('/');
  if (parts[0] !== '' || parts[1] !== 'v5' || parts[2] !== 'iot' || !parts[3] || parts[4] !== 'harmony-soft-bus')
    return { route: Route.Unknown };
  const projectId = decodeSegment(parts[3]);
  const rest = parts.slice(5);
  const busId = rest[0] === undefined ? undefined : decodeSegment(rest[0]);
  if (rest.length === 0 && method === 'GET') return { route: Route.List, projectId };
  if (rest.length === 1 && method === 'GET' && busId) return { route: Route.Show, projectId, busId };
  if (rest.length === 2 && method === 'POST' && busId && rest[1] === 'sync') return { route: Route.Sync, projectId, busId };
  if (rest.length === 2 && method === 'POST' && busId && rest[1] === 'reset-bus-key') return { route: Route.Reset, projectId, busId };
  return { route: Route.Unknown };
}

/** What an operation answers: a JSON body, or `''` for the empty body of a sync. */
export interface Answer {
  status: number;
  body: ListAnswer | Omit<Bus, 'record_id'> | ErrorBody | '';
  errorCode?: string;
}

function fail(status: number, code: string, message: string): Answer {
  return { status, body: errorBody(code, message), errorCode: code };
}

function publicBus({ bus_id, bus_name, group_id, app_id, status }: Bus): Omit<Bus, 'record_id'> {
  return { bus_id, bus_name, group_id, app_id, status };
}

/** The live bus table: a private copy of the fleet, mutated by sync and reset. */
export class BusTable {
  private readonly byId = new Map<string, Bus>();
  private sorted: Bus[];

  constructor(fleet: Fleet) {
    for (const bus of fleet.buses) this.byId.set(bus.bus_id, { ...bus });
    this.sorted = sortByRecordDesc([...this.byId.values()]);
  }

  get(id: string): Bus | undefined {
    const bus = this.byId.get(id);
    return bus && { ...bus };
  }

  all(): Bus[] {
    return this.sorted.map((bus) => ({ ...bus }));
  }

  /**
   * Runs one operation. Sync answers 200 with an empty body and marks the bus `Synchronized` at once
   * (the emulator does not model the `Synchronizing` phase); reset makes it `ToBeSynchronized`.
   * @example table.handle({ route: 'sync', busId: 'ab12' }, '') // { status: 200, body: '' }
   */
  handle(resolved: ResolvedRoute, rawQuery: string): Answer {
    if (resolved.route === Route.List) {
      const query = parseListQuery(parseQuery(rawQuery));
      if (typeof query === 'string') return fail(400, ErrorCode.InvalidInput, query);
      return { status: 200, body: listPage(this.sorted, query) };
    }
    const id = resolved.busId ?? '';
    if (!BUS_ID_PATTERN.test(id)) return fail(400, ErrorCode.InvalidInput, 'bus_id must be 1-36 hex digits or -');
    const bus = this.byId.get(id);
    if (!bus) return fail(404, ErrorCode.NotFound, 'The soft bus does not exist');
    if (resolved.route === Route.Show) return { status: 200, body: publicBus(bus) };
    bus.status = resolved.route === Route.Sync ? BusStatus.Synchronized : BusStatus.ToBeSynchronized;
    return resolved.route === Route.Sync ? { status: 200, body: '' } : { status: 200, body: publicBus(bus) };
  }
}
