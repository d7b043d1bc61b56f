import { MAX_REPORT_BYTES } from '../bounds';
import type { InputIssue } from '../types';
import type { Report } from './types';

/** The report's lists, cut from the end when the report is too large. */
const LISTS = [
  'synced',
  'planned',
  'notFound',
  'deferred',
  'failed',
  'failedGroups',
  'failedRefs',
  'warnings',
  'feeds',
  'failedFeeds',
  'confirmed',
  'unconfirmed',
] as const;
type ListName = (typeof LISTS)[number] | 'issues';

/**
 * The report under `maxBytes` of JSON: while it is over, the list that weighs most loses its second
 * half. A cut report says so: `truncated: true` and `omitted`, how many items each cut list lost. The
 * counts in the summary log line are the whole ones. Strings are already capped (src/redact.ts), so
 * what remains once every list is empty is a few hundred bytes.
 * @example capReport(report).truncated // true when a 10,000-bus report was cut
 */
export function capReport(report: Report, maxBytes = MAX_REPORT_BYTES): Report {
  const lists = new Map<ListName, unknown[]>();
  for (const name of LISTS) {
    const list = report[name];
    if (list) lists.set(name, list);
  }
  if (report.error?.issues) lists.set('issues', report.error.issues);
  const weight = (list: unknown[]) => list.reduce<number>((sum, item) => sum + Buffer.byteLength(JSON.stringify(item)) + 1, 0);
  const weights = new Map([...lists].map(([name, list]) => [name, weight(list)]));
  let total = Buffer.byteLength(JSON.stringify(report));
  if (total <= maxBytes) return report;
  // Room for the flag and the counts of what was left out.
  const budget = maxBytes - 300;
  const kept = new Map([...lists].map(([name, list]) => [name, list.length]));
  while (total > budget) {
    const [name, heaviest] = [...weights].reduce((a, b) => (b[1] > a[1] ? b : a));
    if (heaviest === 0) break;
    const list = lists.get(name) ?? [];
    const keep = Math.floor((kept.get(name) ?? 0) / 2);
    const lost = weight(list.slice(keep, kept.get(name)));
    kept.set(name, keep);
    weights.set(name, (weights.get(name) ?? 0) - lost);
    total -= lost;
  }
  const omitted: Partial<Record<ListName, number>> = {};
  const out: Report = { ...report, truncated: true };
  for (const [name, list] of lists) {
    const keep = kept.get(name) ?? list.length;
    if (keep === list.length) continue;
    omitted[name] = list.length - keep;
    if (name === 'issues' && out.error) out.error = { ...out.error, issues: list.slice(0, keep) as InputIssue[] };
    else if (name !== 'issues') (out as unknown as Record<string, unknown[]>)[name] = list.slice(0, keep);
  }
  out.omitted = omitted;
  return out;
}
