/**
 * CTS Query Trace List (v3): query validation and paging over the trace store. `from`/`to` are exclusive
 * epoch-millisecond bounds on `time`; `next` (a previous `meta_data.marker`, the ID of the last trace of that
 * page) continues with the traces older than that one; traces are kept 7 days.
 */
import { CtsErrorCode } from './errors.js';
import type { CtsTrace, LastPageMarker } from './trace-types.js';
import { newerFirst, type StoredTrace } from './traces.js';

export const TRACE_RETENTION_MS = 7 * 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

/** The filters compared for equality with the trace's field of the same name (`user` with `user.name`). */
const FILTERS = ['service_type', 'resource_type', 'resource_id', 'resource_name', 'trace_name', 'trace_rating', 'user'] as const;

export interface TraceQuery {
  traceType: 'system' | 'data';
  limit: number;
  /** Exclusive lower bound on `time`. */
  from: number;
  /** Exclusive upper bound on `time`; undefined = up to now. */
  to?: number;
  next?: string;
  traceId?: string;
  filters: Array<[(typeof FILTERS)[number], string]>;
}

export interface QueryError {
  code: string;
  message: string;
}

export interface TraceListAnswer {
  traces: CtsTrace[];
  meta_data: { count: number; marker?: string | null };
}

const invalid = (message: string): QueryError => ({ code: CtsErrorCode.InvalidQuery, message });

function epochMs(name: string, value: string | undefined): number | QueryError | undefined {
  if (value === undefined) return undefined;
  return /^\d{13}$/.test(value) ? Number(value) : invalid(`${name} must be a UTC timestamp in milliseconds (13 digits)`);
}

/**
 * Validates the query (the first value of a repeated key counts; unknown keys are ignored).
 * @example parseTraceQuery(new Map([['trace_type', ['system']]]), Date.now()) // { traceType: 'system', limit: 10, … }
 */
export function parseTraceQuery(params: Map<string, string[]>, now: number): TraceQuery | QueryError {
  const first = (key: string) => params.get(key)?.[0];
  const traceType = first('trace_type');
  if (traceType !== 'system' && traceType !== 'data') return invalid('trace_type is required: system or data');
  const limitText = first('limit') ?? '10';
  if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > 200)
    return invalid('limit must be an integer from 1 to 200');
  const from = epochMs('from', first('from'));
  const to = epochMs('to', first('to'));
  if (typeof from === 'object') return from;
  if (typeof to === 'object') return to;
  const lower = from ?? now - HOUR_MS;
  if (to !== undefined && to <= lower) return invalid('from must be earlier than to');
  const tracker = first('tracker_name');
  if (traceType === 'system' && tracker !== undefined && tracker !== 'system')
    return {
      code: CtsErrorCode.TrackerNameSystem,
      message: 'The tracker_name parameter of a management tracker can only be set to system.',
    };
  const rating = first('trace_rating');
  if (rating !== undefined && !['normal', 'warning', 'incident'].includes(rating))
    return invalid('trace_rating must be normal, warning or incident');
  const query: TraceQuery = { traceType, limit: Number(limitText), from: lower, to, filters: [] };
  for (const [key, value] of [...FILTERS.map((f) => [f, first(f)] as const), ['next', first('next')], ['trace_id', first('trace_id')]]) {
    if (value === undefined) continue;
    if (value === '') return invalid(`${key} must not be empty`);
    if (key === 'next') query.next = value;
    else if (key === 'trace_id') query.traceId = value;
    else query.filters.push([key as (typeof FILTERS)[number], value]);
  }
  return query;
}

function matches(trace: CtsTrace, filters: TraceQuery['filters']): boolean {
  return filters.every(([field, value]) => (field === 'user' ? trace.user?.name : trace[field]) === value);
}

/**
 * One page, newest first. `meta_data.count` is the number of traces in the page; `marker` is the last one's
 * ID while older matching traces remain, and on the last page what `lastPageMarker` says (default `null`).
 * @returns the answer, or an error when `next` names no stored trace
 */
export function tracePage(
  ordered: readonly StoredTrace[],
  query: TraceQuery,
  now: number,
  lastPageMarker: LastPageMarker = 'null',
): TraceListAnswer | QueryError {
  const marker = query.next === undefined ? undefined : ordered.find((item) => item.trace.trace_id === query.next);
  if (query.next !== undefined && !marker) return invalid('next must be the marker of an earlier answer');
  const visible = ordered.filter((item) => item.trace.record_time <= now && item.trace.time > now - TRACE_RETENTION_MS);
  const selected =
    query.traceType === 'data'
      ? []
      : query.traceId !== undefined
        ? visible.filter((item) => item.trace.trace_id === query.traceId)
        : visible.filter(
            ({ trace, seq }) =>
              trace.time > query.from &&
              (query.to === undefined ? trace.time <= now : trace.time < query.to) &&
              (!marker || newerFirst(marker, { trace, seq }) < 0) &&
              matches(trace, query.filters),
          );
  const page = selected.slice(0, query.limit);
  const last = page.at(-1);
  const meta: TraceListAnswer['meta_data'] = { count: page.length };
  if (last && selected.length > page.length) meta.marker = last.trace.trace_id;
  else if (lastPageMarker !== 'absent') meta.marker = lastPageMarker === 'null' ? null : '';
  return { traces: page.map((item) => item.trace), meta_data: meta };
}
