import type { TraceApi } from '../cts/client';
import { type AttemptContext, callWithRetry } from '../engine/attempt';
import { failureFields, failureOf } from '../engine/failure';
import { isPlainObject } from '../events/common';
import { parseCtsTrace } from '../events/payloads/cts-trace';
import { MARKER_PATTERN } from '../ids';
import type { Logger } from '../logger';
import type { Failure } from '../types';

/** A runaway paging (a marker that never ends) stops here: 100 pages of 200 traces. */
export const MAX_TRACE_PAGES = 100;
/** The report names at most this many unreadable traces, and the logs write a line for as many (the read line counts them all). */
const MAX_NAMED = 50;

/** What one run of the change feed found in its window. */
export interface FeedRun {
  /** The record that asked for it: the timer tick, the scheduled rule, a `changes` request. */
  ref: string;
  dryRun: boolean;
  /** The window, epoch ms, both bounds exclusive (as CTS reads `from` and `to`). */
  from: number;
  to: number;
  pages: number;
  /** Requests made, retries included. */
  requests: number;
  /** Distinct traces read. */
  traces: number;
  /** Groups named by a successful add/update/manage-devices trace, each once, in the order found. */
  groups: string[];
  /** Traces that call for no resync: failed calls (code ≥ 400), deletions, other resources or services, outside the window. */
  ignored: number;
  /** Traces that could not be read (no group ID, not a trace): their IDs, at most 50. */
  unreadable: string[];
  failure?: Failure;
}

/**
 * Reads every page of CTS's device-group traces in the window, paced and retried like every IoTDA call,
 * and keeps the groups whose successful changes call for a resync, by the CTS-trigger payload's own rules.
 * Paging follows `meta_data.marker` and stops on a missing, null or empty marker or an empty page; a
 * marker seen twice, or more than MAX_TRACE_PAGES pages, fails the run (never a quiet stop). A failed run
 * keeps the groups found before the failure.
 * @example const run = await readChanges({ ref: 'timer:tick', dryRun: false, from, to }, cts, attempt, log);
 */
export async function readChanges(
  request: { ref: string; dryRun: boolean; from: number; to: number },
  api: TraceApi,
  attempt: AttemptContext,
  log: Logger,
): Promise<FeedRun> {
  const run: FeedRun = { ...request, pages: 0, requests: 0, traces: 0, groups: [], ignored: 0, unreadable: [] };
  const seen = new Set<string>();
  const groups = new Set<string>();
  const markers = new Set<string>();
  let next: string | undefined;
  let unreadable = 0;
  for (;;) {
    if (run.pages >= MAX_TRACE_PAGES) {
      run.failure = { message: `trace list still paging after ${MAX_TRACE_PAGES} pages`, attempts: 0, retryable: false };
      log.error('change feed failed', { ref: run.ref, error: run.failure.message });
      break;
    }
    const result = await callWithRetry((timeoutMs) => api.listTraces({ from: run.from, to: run.to, next }, timeoutMs), attempt);
    run.requests += result.attempts;
    if (!result.ok) {
      run.failure = failureOf(result, 'trace list');
      log.error('change feed failed', { ref: run.ref, page: run.pages + 1, ...failureFields(result) });
      break;
    }
    run.pages++;
    for (const [index, trace] of result.value.traces.entries()) {
      if (readTrace(trace, `page ${run.pages} #${index}`, run, seen, groups, log)) unreadable++;
    }
    const marker = result.value.marker;
    if (!marker || result.value.traces.length === 0) break;
    if (markers.has(marker)) {
      run.failure = { message: `trace list paging repeated marker ${JSON.stringify(marker)}`, attempts: 1, retryable: false };
      log.error('change feed failed', { ref: run.ref, error: run.failure.message });
      break;
    }
    markers.add(marker);
    next = marker;
  }
  run.groups = [...groups];
  log.info('change feed read', {
    ref: run.ref,
    from: new Date(run.from).toISOString(),
    to: new Date(run.to).toISOString(),
    pages: run.pages,
    traces: run.traces,
    groups: run.groups,
    ignored: run.ignored,
    unreadable,
  });
  return run;
}

/**
 * Reads one trace into the run; true when it is unreadable. A trace ID that is no short token is not kept
 * (the trace's position stands for it).
 */
function readTrace(trace: unknown, position: string, run: FeedRun, seen: Set<string>, groups: Set<string>, log: Logger): boolean {
  const id = isPlainObject(trace) ? trace.trace_id : undefined;
  const traceId = typeof id === 'string' && MARKER_PATTERN.test(id) ? id : position;
  if (seen.has(traceId)) return false;
  seen.add(traceId);
  run.traces++;
  const time = isPlainObject(trace) ? Number(trace.time) : Number.NaN;
  if (Number.isFinite(time) && (time <= run.from || time >= run.to)) {
    run.ignored++;
    log.debug('trace ignored', { traceId, reason: 'outside the window' });
    return false;
  }
  const record = parseCtsTrace(trace, { ref: traceId, path: 'trace' });
  if (record.kind === 'work') {
    for (const { groupId } of record.item.groups) groups.add(groupId);
  } else if (record.kind === 'ignored') {
    run.ignored++;
    log.debug('trace ignored', { traceId, reason: record.reason });
  } else if (run.unreadable.length < MAX_NAMED) {
    run.unreadable.push(traceId);
    log.warn('trace unreadable', { traceId, issues: record.issues });
  }
  return record.kind === 'rejected';
}
