/**
 * The live soft bus table: a private copy of the fleet's buses, read by list and show, changed by sync,
 * reset and group membership changes. A synced bus is `Synchronizing` until its settle time has passed.
 */
import { type ErrorBody, ErrorCode, errorBody } from './errors.js';
import { BUS_ID_PATTERN } from './fleet.js';
import { type ListAnswer, type ListQuery, listPage, sortByRecordDesc } from './paging.js';
import { type Bus, BusStatus, Route } from './types.js';

/** What an operation answers: a JSON body, or `''` for an empty body (sync, manage devices). */
export interface Answer {
  status: number;
  body: unknown;
  errorCode?: string;
}

/** @example fail(404, 'IOTDA.014000', 'The soft bus does not exist').status // 404 */
export function fail(status: number, code: string, message: string): Answer {
  const body: ErrorBody = errorBody(code, message);
  return { status, body, errorCode: code };
}

function publicBus({ bus_id, bus_name, group_id, app_id, status }: Bus): Omit<Bus, 'record_id'> {
  return { bus_id, bus_name, group_id, app_id, status };
}

/** Settle time of a synced bus in ms (`Infinity` = never); see `EmulatorOptions.syncSettleMs`. */
export type SettleRule = number | ((busId: string) => number);

/**
 * @example const table = new BusTable(fleet.buses, 0, Date.now); table.operate('sync', 'ab12') // { status: 200, body: '' }
 */
export class BusTable {
  private readonly byId = new Map<string, Bus>();
  private readonly sorted: Bus[];
  /** Buses that are `Synchronizing` because of a sync, with the time they become `Synchronized`. */
  private readonly settling = new Map<string, number>();

  constructor(
    buses: readonly Bus[],
    private readonly settle: SettleRule,
    private readonly now: () => number,
  ) {
    for (const bus of buses) this.byId.set(bus.bus_id, { ...bus });
    this.sorted = sortByRecordDesc([...this.byId.values()]);
  }

  /** Applies every settle time that has passed (cheap: only the buses synced recently are looked at). */
  private refresh(): void {
    if (this.settling.size === 0) return;
    const now = this.now();
    for (const [id, at] of this.settling) {
      if (at > now) continue;
      const bus = this.byId.get(id);
      if (bus) bus.status = BusStatus.Synchronized;
      this.settling.delete(id);
    }
  }

  get(id: string): Bus | undefined {
    this.refresh();
    const bus = this.byId.get(id);
    return bus && { ...bus };
  }

  all(): Bus[] {
    this.refresh();
    return this.sorted.map((bus) => ({ ...bus }));
  }

  /** @example table.list({ limit: 50, offset: 0, marker: MAX_MARKER }).page.count */
  list(query: ListQuery): ListAnswer {
    this.refresh();
    return listPage(this.sorted, query);
  }

  /** Marks every bus of a group `ToBeSynchronized` (a membership change); returns their IDs. */
  markGroupChanged(groupId: string): string[] {
    const changed: string[] = [];
    for (const bus of this.byId.values()) {
      if (bus.group_id !== groupId) continue;
      bus.status = BusStatus.ToBeSynchronized;
      this.settling.delete(bus.bus_id);
      changed.push(bus.bus_id);
    }
    return changed;
  }

  /**
   * Show, sync or reset one bus. Sync answers 200 with an empty body and starts the `Synchronizing` phase
   * (none when the settle time is 0); reset makes the bus `ToBeSynchronized` and answers it.
   */
  operate(route: typeof Route.Show | typeof Route.Sync | typeof Route.Reset, id: string): Answer {
    if (!BUS_ID_PATTERN.test(id)) return fail(400, ErrorCode.InvalidInput, 'bus_id must be 1-36 hex digits or -');
    this.refresh();
    const bus = this.byId.get(id);
    if (!bus) return fail(404, ErrorCode.NotFound, 'The soft bus does not exist');
    if (route === Route.Show) return { status: 200, body: publicBus(bus) };
    this.settling.delete(id);
    if (route === Route.Reset) {
      bus.status = BusStatus.ToBeSynchronized;
      return { status: 200, body: publicBus(bus) };
    }
    const ms = typeof this.settle === 'function' ? this.settle(id) : this.settle;
    if (ms > 0) this.settling.set(id, this.now() + ms);
    bus.status = ms > 0 ? BusStatus.Synchronizing : BusStatus.Synchronized;
    return { status: 200, body: '' };
  }
}
