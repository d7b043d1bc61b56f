import { PAGE_LIMIT } from '../iotda/client';
import { callWithRetry } from './attempt';
import { failureFields, failureOf } from './failure';
import { listingLabel, type PageTask, type Run } from './run';

/**
 * Fetches one page of a listing, paced and retried; hands each selected bus to the book and queues the
 * next page ahead of other listings. Paging stops on a short page or once the buses listed reach the
 * first page's `page.count`; a full page without a new marker while buses are still expected fails the
 * listing rather than ending it quietly.
 * @example await listPage({ listing, page: 1 }, run);
 */
export async function listPage(task: PageTask, run: Run): Promise<void> {
  const { listing } = task;
  const groupId = listingLabel(listing.groupId);
  const result = await callWithRetry(
    (timeoutMs) => run.client.listSoftBuses({ groupId: listing.groupId, marker: task.marker }, timeoutMs),
    run.attempt,
  );
  run.counters.listRequests += result.attempts;
  listing.pages = task.page;
  if (!result.ok) {
    listing.failure = failureOf(result, 'listing');
    run.log.error('group listing failed', { groupId, page: task.page, ...failureFields(result) });
    return;
  }
  const { buses, marker, count } = result.value;
  for (const bus of buses) {
    const refs = run.selectRefs(bus);
    if (refs.size > 0) run.book.add(bus.bus_id, refs);
  }
  listing.listed += buses.length;
  // The first page's count is the total when paging starts; reaching it saves an empty last page.
  listing.total ??= count;
  const more = buses.length >= PAGE_LIMIT && !(listing.total !== undefined && listing.listed >= listing.total);
  if (!more) {
    run.log.debug('group listed', { groupId, pages: task.page, count: listing.total });
  } else if (marker && !listing.seen.has(marker)) {
    listing.seen.add(marker);
    run.queue.pushList({ listing, marker, page: task.page + 1 }, true);
  } else {
    // Buses still to come by the count (or no count), and no new marker to get them: stopping quietly
    // would leave buses unsynced, so the listing is reported as failed.
    const message = `paging stopped after ${listing.listed} of ${listing.total ?? 'an unknown number of'} buses: a full page without a new marker`;
    listing.failure = { message, attempts: 1, retryable: false };
    run.log.error('group listing failed', { groupId, page: task.page, error: message });
  }
}
