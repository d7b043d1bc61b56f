import { isAsynchronous } from '../events';
import type { Report } from './types';

/**
 * Whether the adapter should throw so that the platform retries the whole event: only on
 * asynchronous triggers, and only when a retry can help (transient failures, deferred buses, a
 * failure before the work: configuration, credentials); never for rejected input, 403 or 404.
 * @example retryAdvised(report) // true for a CTS event with a deferred bus
 */
export function retryAdvised(report: Report, failedBeforeWork = false): boolean {
  if (!isAsynchronous(report.trigger)) return false;
  if (failedBeforeWork) return true;
  return (
    report.deferred.length > 0 ||
    report.failed.some((f) => f.retryable) ||
    report.failedGroups.some((g) => g.retryable) ||
    (report.failedFeeds ?? []).some((f) => f.retryable)
  );
}

/**
 * The message of the error an adapter throws for a platform retry: counts, the request ID and the
 * report's `error.message` when it has one (the report is scrubbed; the full one is in the logs).
 * @example retryMessage(report) // 'softbus-sync: retry advised (2 deferred, 1 failed transiently, 0 listings failed); request r1'
 */
export function retryMessage(report: Report): string {
  // A cut report (`truncated`) counts what its lists lost too.
  const more = (list: string) => report.omitted?.[list] ?? 0;
  const transient = report.failed.filter((f) => f.retryable).length;
  const orMore = more('failed') > 0 ? ' or more' : '';
  const listings = report.failedGroups.length + more('failedGroups');
  const feeds = report.failedFeeds?.length ? `, ${report.failedFeeds.length} change feeds failed` : '';
  const cause = report.error ? `; ${report.error.message}` : '';
  return `softbus-sync: retry advised (${report.deferred.length + more('deferred')} deferred, ${transient}${orMore} failed transiently, ${listings} listings failed${feeds}${cause}); request ${report.requestId}`;
}
