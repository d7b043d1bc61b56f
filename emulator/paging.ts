/**
 * ListHarmonySoftBus query validation and paging: descending record IDs, `marker` (exclusive upper bound),
 * then `offset`, then `limit`.
 */
import type { Bus } from './types.js';

export const MAX_MARKER = 'ffffffffffffffffffffffff';

export interface ListQuery {
  limit: number;
  offset: number;
  marker: string;
  groupId?: string;
  appId?: string;
}

export interface ListAnswer {
  harmony_soft_buses: Array<Pick<Bus, 'bus_id' | 'bus_name' | 'group_id' | 'app_id' | 'status'>>;
  page: { count: number; marker?: string };
}

/** Reads an integer parameter within bounds; a number, or a message for the 400 answer. */
function intParam(value: string | undefined, name: string, min: number, max: number, fallback: number): number | string {
  if (value === undefined) return fallback;
  if (!/^\d{1,4}$/.test(value) || Number(value) < min || Number(value) > max) return `${name} must be an integer from ${min} to ${max}`;
  return Number(value);
}

/**
 * Validates the list parameters (the first value of a repeated key counts; unknown keys are ignored).
 * @example parseListQuery(new Map([['limit', ['50']]])) // { limit: 50, offset: 0, marker: 'ff…ff' }
 * @returns the query, or the message of a 400 IOTDA.000006 answer
 */
export function parseListQuery(params: Map<string, string[]>): ListQuery | string {
  const first = (key: string) => params.get(key)?.[0];
  const limit = intParam(first('limit'), 'limit', 1, 50, 10);
  if (typeof limit === 'string') return limit;
  const offset = intParam(first('offset'), 'offset', 0, 500, 0);
  if (typeof offset === 'string') return offset;
  const marker = first('marker') ?? MAX_MARKER;
  if (!/^[0-9a-fA-F]{24}$/.test(marker)) return 'marker must be 24 hex digits';
  const query: ListQuery = { limit, offset, marker: marker.toLowerCase() };
  for (const [key, field] of [
    ['group_id', 'groupId'],
    ['app_id', 'appId'],
  ] as const) {
    const value = first(key);
    if (value === undefined) continue;
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) return `${key} must be 1-64 letters, digits, _ or -`;
    query[field] = value;
  }
  return query;
}

/**
 * One page of `sorted` (descending record IDs). `page.count` counts every bus that matches the filters,
 * whatever the marker and offset; `page.marker` is the record ID of the page's last bus (absent on an empty page).
 * @example listPage(busesDescending, { limit: 50, offset: 0, marker: MAX_MARKER })
 */
export function listPage(sorted: readonly Bus[], query: ListQuery): ListAnswer {
  const matching = sorted.filter(
    (b) => (query.groupId === undefined || b.group_id === query.groupId) && (query.appId === undefined || b.app_id === query.appId),
  );
  const below = matching.filter((b) => b.record_id < query.marker);
  const page = below.slice(query.offset, query.offset + query.limit);
  const last = page.at(-1);
  return {
    harmony_soft_buses: page.map(({ bus_id, bus_name, group_id, app_id, status }) => ({ bus_id, bus_name, group_id, app_id, status })),
    page: last ? { count: matching.length, marker: last.record_id } : { count: matching.length },
  };
}

/** Sorts buses by record ID, highest first (the order the service lists them in). */
export function sortByRecordDesc(buses: readonly Bus[]): Bus[] {
  return [...buses].sort((a, b) => (a.record_id < b.record_id ? 1 : a.record_id > b.record_id ? -1 : 0));
}
