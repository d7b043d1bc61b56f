import { entriesOf } from './capture';

type Entry = Record<string, unknown>;
interface FeedLike {
  from?: string;
  to?: string;
  pages?: number;
  traces?: number;
  groupsChanged?: string[];
  groupsResynced?: string[];
  ignored?: number;
  unreadable?: string[];
}
interface ReportLike {
  feeds?: FeedLike[];
  failedFeeds?: Array<{ status?: number; errorCode?: string; message?: string; retryable?: boolean }>;
  confirmed?: string[];
  unconfirmed?: string[];
}

/**
 * The `npm start` summary's lines about the change feed and verification, when they ran: told from the
 * report (or, for an SQS answer, the summary log line).
 * @example out.push(...feedLines(report, lines, (g) => `${g} (kids-room)`));
 */
export function feedLines(report: ReportLike | undefined, lines: string[], groupText: (groupId: string) => string): string[] {
  const out: string[] = [];
  for (const feed of report?.feeds ?? []) {
    out.push(
      `change feed: ${feed.traces} trace(s) read in ${feed.pages} page(s), ${feed.from} to ${feed.to}; ${feed.ignored} ignored (failed calls, deletions, other resources)${feed.unreadable?.length ? `, ${feed.unreadable.length} unreadable` : ''}`,
    );
    out.push(`            groups changed: ${(feed.groupsChanged ?? []).map(groupText).join(', ') || 'none'}`);
    out.push(`            resynced:       ${(feed.groupsResynced ?? []).map(groupText).join(', ') || 'none'}`);
  }
  for (const failed of report?.failedFeeds ?? []) {
    out.push(`feed failed: ${failed.status ?? ''} ${failed.errorCode ?? ''} ${failed.message}${failed.retryable ? ' (retryable)' : ''}`);
  }
  if (report?.confirmed || report?.unconfirmed) {
    const summary: Entry = entriesOf(lines).find((e) => e.message === 'invocation summary') ?? {};
    const rounds: Entry = entriesOf(lines).find((e) => e.message === 'syncs verified') ?? {};
    out.push(
      `verified:   ${report.confirmed?.length ?? 0} confirmed Synchronized, ${report.unconfirmed?.length ?? 0} unconfirmed (${String(rounds.rounds ?? '?')} round(s), ${String(summary.verifyRequests ?? '?')} read(s))`,
    );
  }
  return out;
}
