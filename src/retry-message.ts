import type { Report } from './types';

/**
 * The message of the error an adapter throws for a platform retry: counts and the request ID only
 * (the full report is in the logs).
 * @example retryMessage(report) // 'softbus-sync: retry advised (2 deferred, 1 failed transiently, 0 listings failed); request r1'
 */
export function retryMessage(report: Report): string {
  const transient = report.failed.filter((f) => f.retryable).length;
  const listings = report.failedGroups.length;
  const cause = report.error ? `; ${report.error.message}` : '';
  return `softbus-sync: retry advised (${report.deferred.length} deferred, ${transient} failed transiently, ${listings} listings failed${cause}); request ${report.requestId}`;
}
