import type { Emulator } from '../emulator';
import type { Answer } from './bundles';
import { entriesOf } from './capture';
import { feedLines } from './feed-summary';

const OUTCOME_TEXT: Record<string, string> = {
  ok: 'every bus that needed it was handled',
  partial: 'some work was done, some failed or was deferred',
  failed: 'nothing could be done',
  ignored: 'the event asks for nothing: no API call',
  rejected: 'the event is malformed: no API call',
};

const list = (ids: string[], max = 6) =>
  ids.length === 0 ? '' : `: ${ids.slice(0, max).join(', ')}${ids.length > max ? `, … (${ids.length - max} more)` : ''}`;

type Entry = Record<string, unknown>;
type ReportLike = { outcome?: string; dryRun?: boolean; groups?: string[]; error?: { message?: string } } & Parameters<typeof feedLines>[0];

export interface SummaryInput {
  platform: string;
  answer: Answer;
  lines: string[];
  emu: Emulator;
  /** Each bus's status before the run. */
  before: Map<string, string>;
  groups: ReadonlyArray<{ group_id: string; name: string }>;
}

/**
 * The human-readable side of `npm start`: what the function did, told from its own structured logs
 * (which every platform keeps), its answer and what the emulator saw.
 * @example console.log(summarize({ platform: 'functiongraph', answer, lines, emu, before, groups }));
 */
export function summarize({ answer, lines, emu, before, groups }: SummaryInput): string {
  const entries = entriesOf(lines);
  const withMessage = (message: string) => entries.filter((e) => e.message === message);
  const ids = (message: string) => withMessage(message).flatMap((e) => (typeof e.busId === 'string' ? [e.busId] : []));
  const summary: Entry = withMessage('invocation summary')[0] ?? {};
  const value = (answer.error?.report ?? answer.value) as
    | ReportLike
    | { batchItemFailures?: Array<{ itemIdentifier: string }> }
    | undefined;
  const report = value && 'outcome' in value ? (value as ReportLike) : undefined;
  const groupName = new Map(groups.map((g) => [g.group_id, g.name]));
  const out: string[] = [];
  const outcome = String(report?.outcome ?? summary.outcome ?? 'unknown');
  const dryRun = report?.dryRun || summary.dryRun ? ' — dry run: planned only, nothing synced' : '';
  out.push(`outcome:    ${outcome} (${OUTCOME_TEXT[outcome] ?? 'see the logs'})${dryRun}`);
  const listed = report?.groups ?? [...new Set(withMessage('group listing failed').map((e) => String(e.groupId)))];
  const groupText = (g: string) => (g === '*' ? 'the whole project' : `${g} (${groupName.get(g) ?? 'not in the fleet'})`);
  if (listed.length > 0) out.push(`groups:     ${listed.map(groupText).join(', ')}`);
  const synced = ids('bus synced');
  const planned = ids('bus planned (dry run)');
  const notFound = ids('bus not found');
  const deferred = ids('bus deferred');
  const failed = withMessage('bus failed');
  const failedLine = (f: Entry) =>
    `\n              ${String(f.busId)}: ${String(f.status ?? f.error)} ${String(f.errorCode ?? '')} after ${String(f.attempts)} attempt(s)${f.retryable ? ', retryable' : ''}`;
  out.push(`synced:     ${synced.length}${list(synced)}`);
  if (planned.length > 0) out.push(`planned:    ${planned.length}${list(planned)}`);
  out.push(`not found:  ${notFound.length}${list(notFound)}`);
  out.push(`failed:     ${failed.length}${failed.slice(0, 6).map(failedLine).join('')}`);
  const failedGroups = withMessage('group listing failed');
  if (failedGroups.length > 0)
    out.push(
      `lists failed: ${failedGroups.map((g) => `${String(g.groupId)} page ${String(g.page)}: ${String(g.status ?? g.error)}`).join('; ')}`,
    );
  out.push(
    `deferred:   ${deferred.length}${list(deferred)}${deferred.length > 0 ? ' (the deadline came near; a retry or the next run picks them up)' : ''}`,
  );
  for (const e of withMessage('event ignored')) out.push(`ignored:    ${String(e.reason)}`);
  for (const e of withMessage('event rejected')) {
    const issues = (e.issues as Array<{ path: string; message: string }> | undefined) ?? [];
    out.push(`rejected:   ${String(e.ref)}: ${issues.map((i) => `${i.path || '(event)'} ${i.message}`).join('; ')}`);
  }
  if (report?.error && withMessage('event rejected').length === 0) out.push(`error:      ${String(report.error.message)}`);
  out.push(...feedLines(report, lines, groupText));
  out.push(handlerLine(answer, value));
  const byRoute = (route: string) => emu.calls.filter((c) => c.route === route).length;
  const changed = emu.listBuses().filter((b) => before.get(b.bus_id) !== b.status).length;
  const statuses = countBy(emu.calls.map((c) => String(c.status)));
  const feedCalls = ['traces', 'show'].flatMap((route) => (byRoute(route) > 0 ? [`, ${byRoute(route)} ${route}`] : [])).join('');
  out.push(
    `emulator:   ${emu.calls.length} API calls (${byRoute('list')} list, ${byRoute('sync')} sync${feedCalls}), statuses ${JSON.stringify(statuses)}; ${changed} bus(es) changed status`,
  );
  out.push(
    `            attempts ${String(summary.attempts ?? 0)}, throttled ${String(summary.throttled ?? 0)}, ${String(summary.durationMs ?? '?')} ms`,
  );
  out.push('');
  out.push(
    'Try other events: npm start -- --event events/<file>.json  (e.g. lambda-sqs-batch.json, functiongraph-timer.json, manual-reconcile-dry-run.json)',
    '  or the change-feed loop: npm start -- --scenario change-feed [--platform lambda]',
  );
  return out.join('\n');
}

function handlerLine(answer: Answer, value: unknown): string {
  if (answer.error) {
    return `handler:    threw ${answer.error.name}: ${answer.error.message}\n            (on an asynchronous trigger the platform retries the whole event; that is intended)`;
  }
  const batch = value as { batchItemFailures?: Array<{ itemIdentifier: string }> } | undefined;
  if (batch?.batchItemFailures) {
    const failures = batch.batchItemFailures.map((f) => f.itemIdentifier);
    const meaning = failures.length === 0 ? ' (every message done: SQS deletes the batch)' : ' (only these messages go back to the queue)';
    return `handler:    returned batchItemFailures [${failures.join(', ')}]${meaning}`;
  }
  return 'handler:    returned the report (see the "invocation summary" log line for the counts)';
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
