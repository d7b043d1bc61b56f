// The human-readable side of `npm start`: what the event asks for, and what the function did, told
// from its own structured logs (which every platform keeps) and its answer.
import { entriesOf } from './capture.mjs';

/** One line saying what an event is, by its shape. */
export function describeEvent(event) {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return 'not a JSON object (the function will reject it)';
  if ('Records' in event) return `an SQS batch of ${Array.isArray(event.Records) ? event.Records.length : '?'} messages (Lambda)`;
  if ('cts' in event)
    return `a CTS audit record: ${event.cts?.trace_name ?? '?'} on ${event.cts?.resource_type ?? '?'} ${event.cts?.resource_id ?? ''} (FunctionGraph CTS trigger)`;
  if ('events' in event || 'specversion' in event)
    return `EventGrid CloudEvents${Array.isArray(event.events) ? ` (a batch of ${event.events.length})` : ''}`;
  if ('trigger_type' in event) return `a FunctionGraph timer tick, additional information ${JSON.stringify(event.user_event ?? '')}`;
  if ('detail-type' in event) return `an EventBridge event "${event['detail-type']}" from ${event.source} (Lambda)`;
  if ('kind' in event) return `a manual request ${JSON.stringify(event)}`;
  if ('notify_data' in event) return `an IoTDA push (${event.resource}): no group change in it, the function ignores it`;
  return 'an unrecognised shape (the function will reject it)';
}

const OUTCOME_TEXT = {
  ok: 'every bus that needed it was handled',
  partial: 'some work was done, some failed or was deferred',
  failed: 'nothing could be done',
  ignored: 'the event asks for nothing: no API call',
  rejected: 'the event is malformed: no API call',
};

const list = (ids, max = 6) =>
  ids.length === 0 ? '' : `: ${ids.slice(0, max).join(', ')}${ids.length > max ? `, … (${ids.length - max} more)` : ''}`;

/**
 * @param {{ platform: string, answer: { result?: any, thrown?: any }, lines: string[], emu: any, before: Map<string,string>, groups: Array<{group_id: string, name: string}> }} input
 */
export function summarize({ platform, answer, lines, emu, before, groups }) {
  const entries = entriesOf(lines);
  const ids = (message) => entries.filter((e) => e.message === message && typeof e.busId === 'string').map((e) => e.busId);
  const summary = entries.find((e) => e.message === 'invocation summary') ?? {};
  const report = answer.thrown?.report ?? (answer.result && 'outcome' in answer.result ? answer.result : undefined);
  const groupName = new Map(groups.map((g) => [g.group_id, g.name]));
  const out = [];
  const outcome = report?.outcome ?? summary.outcome ?? 'unknown';
  out.push(
    `outcome:    ${outcome} (${OUTCOME_TEXT[outcome] ?? 'see the logs'})${report?.dryRun || summary.dryRun ? ' — dry run: planned only, nothing synced' : ''}`,
  );
  const listedGroups = report?.groups ?? [
    ...new Set(entries.filter((e) => e.message === 'group listed' || e.message === 'group listing failed').map((e) => e.groupId)),
  ];
  if (listedGroups.length > 0)
    out.push(
      `groups:     ${listedGroups.map((g) => (g === '*' ? 'the whole project' : `${g} (${groupName.get(g) ?? 'not in the fleet'})`)).join(', ')}`,
    );
  const synced = ids('bus synced');
  const planned = ids('bus planned (dry run)');
  const notFound = ids('bus not found');
  const failed = entries.filter((e) => e.message === 'bus failed');
  const deferred = ids('bus deferred');
  const failedGroups = entries.filter((e) => e.message === 'group listing failed');
  out.push(`synced:     ${synced.length}${list(synced)}`);
  if (planned.length > 0) out.push(`planned:    ${planned.length}${list(planned)}`);
  out.push(`not found:  ${notFound.length}${list(notFound)}`);
  out.push(
    `failed:     ${failed.length}${failed
      .slice(0, 6)
      .map(
        (f) =>
          `\n              ${f.busId}: ${f.status ?? f.error} ${f.errorCode ?? ''} after ${f.attempts} attempt(s)${f.retryable ? ', retryable' : ''}`,
      )
      .join('')}`,
  );
  if (failedGroups.length > 0)
    out.push(`lists failed: ${failedGroups.map((g) => `${g.groupId} page ${g.page}: ${g.status ?? g.error}`).join('; ')}`);
  out.push(
    `deferred:   ${deferred.length}${list(deferred)}${deferred.length > 0 ? ' (the deadline came near; a retry or the next run picks them up)' : ''}`,
  );
  for (const e of entries.filter((x) => x.message === 'event ignored')) out.push(`ignored:    ${e.reason}`);
  for (const e of entries.filter((x) => x.message === 'event rejected'))
    out.push(`rejected:   ${e.ref}: ${(e.issues ?? []).map((i) => `${i.path || '(event)'} ${i.message}`).join('; ')}`);
  if (report?.error && !entries.some((x) => x.message === 'event rejected')) out.push(`error:      ${report.error.message}`);

  if (answer.thrown)
    out.push(
      `handler:    threw ${answer.thrown.name}: ${answer.thrown.message}\n            (on an asynchronous trigger the platform retries the whole event; that is intended)`,
    );
  else if (platform === 'lambda' && answer.result && 'batchItemFailures' in answer.result) {
    const failures = answer.result.batchItemFailures.map((f) => f.itemIdentifier);
    out.push(
      `handler:    returned batchItemFailures [${failures.join(', ')}]${failures.length === 0 ? ' (every message done: SQS deletes the batch)' : ' (only these messages go back to the queue)'}`,
    );
  } else out.push('handler:    returned the report (see the "invocation summary" log line for the counts)');

  const calls = emu.calls;
  const byRoute = (route) => calls.filter((c) => c.route === route).length;
  const changed = emu.listBuses().filter((b) => before.get(b.bus_id) !== b.status).length;
  out.push(
    `emulator:   ${calls.length} API calls (${byRoute('list')} list, ${byRoute('sync')} sync), statuses ${JSON.stringify(countBy(calls.map((c) => c.status)))}; ${changed} bus(es) changed to Synchronized`,
  );
  out.push(`            attempts ${summary.attempts ?? 0}, throttled ${summary.throttled ?? 0}, ${summary.durationMs ?? '?'} ms`);
  out.push('');
  out.push(
    'Try other events: npm start -- --event events/<file>.json  (e.g. lambda-sqs-batch.json, functiongraph-timer.json, manual-reconcile-dry-run.json)',
  );
  return out.join('\n');
}

function countBy(values) {
  const counts = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
