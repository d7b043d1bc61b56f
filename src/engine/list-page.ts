import { MAX_INVALID_SAMPLES, MAX_PAGES_WITHOUT_VALID_BUS, MAX_TRACKED_BUSES } from '../bounds';
import { PAGE_LIMIT, type SoftBusPage } from '../iotda/client';
import type { Failure } from '../types';
import { callWithRetry } from './attempt';
import { failureFields, failureOf } from './failure';
import { type ListingState, listingLabel, type PageTask, type Run } from './run';

/**
 * Fetches one page of a listing, paced and retried; hands each selected bus to the book and queues the
 * next page ahead of other listings. Paging stops on a short page or once the entries listed reach the
 * first page's `page.count`. A listing fails rather than end quietly or run on: on a full page without a
 * new marker while entries are still expected, after MAX_PAGES_WITHOUT_VALID_BUS pages in a row that hold
 * no valid bus, and when the invocation already tracks MAX_TRACKED_BUSES buses.
 * @example await listPage({ listing, page: 1 }, run);
 */
export async function listPage(task: PageTask, run: Run): Promise<void> {
  const { listing } = task;
  const result = await callWithRetry(
    (timeoutMs) => run.client.listSoftBuses({ groupId: listing.groupId, marker: task.marker }, timeoutMs),
    run.attempt,
  );
  run.counters.listRequests += result.attempts;
  listing.pages = task.page;
  if (!result.ok) {
    listing.failure = failureOf(result, 'listing');
    run.log.error('group listing failed', { groupId: listingLabel(listing.groupId), page: task.page, ...failureFields(result) });
    return;
  }
  const page = result.value;
  const entries = take(page, listing, run);
  // The first page's count is the total when paging starts; reaching it saves an empty last page. A count
  // below what was listed (0 or less on a full page) is no total: paging then goes by the marker alone.
  if (listing.total === undefined && page.count !== undefined) {
    if (page.count >= listing.listed) listing.total = page.count;
    else if (!listing.notes.some((note) => note.startsWith('page.count')))
      listing.notes.push(`page.count ${page.count} is below the ${listing.listed} entries listed: ignored`);
  }
  if (listing.pagesWithoutBus >= MAX_PAGES_WITHOUT_VALID_BUS)
    return fail(listing, run, task.page, `${listing.pagesWithoutBus} pages in a row held no valid soft bus ID: not a soft bus listing`);
  if (run.book.size > MAX_TRACKED_BUSES)
    return fail(listing, run, task.page, `over ${MAX_TRACKED_BUSES} buses in one invocation: the rest is left to the next run`);
  const more = entries >= PAGE_LIMIT && !(listing.total !== undefined && listing.listed >= listing.total);
  if (!more) {
    run.log.debug('group listed', { groupId: listingLabel(listing.groupId), pages: task.page, count: listing.total });
  } else if (page.marker && !listing.seen.has(page.marker)) {
    listing.seen.add(page.marker);
    run.queue.pushList({ listing, marker: page.marker, page: task.page + 1 }, true);
  } else {
    // Entries still to come by the count (or no count), and no new marker to get them: stopping quietly
    // would leave buses unsynced, so the listing is reported as failed.
    const total = listing.total ?? 'an unknown number of';
    fail(listing, run, task.page, `paging stopped after ${listing.listed} of ${total} entries: a full page without a new usable marker`);
  }
}

/** Hands the page's selected buses to the book and counts its entries; returns how many entries it held. */
function take(page: SoftBusPage, listing: ListingState, run: Run): number {
  for (const bus of page.buses) {
    const refs = run.selectRefs(bus, listing.groupId);
    if (refs.size === 0) continue;
    run.book.add(bus.bus_id, refs);
    listing.taken++;
  }
  const invalid = page.invalid?.count ?? 0;
  listing.invalid += invalid;
  for (const sample of page.invalid?.samples ?? []) if (listing.samples.length < MAX_INVALID_SAMPLES) listing.samples.push(sample);
  const entries = page.buses.length + invalid;
  listing.listed += entries;
  listing.pagesWithoutBus = entries > 0 && page.buses.length === 0 ? listing.pagesWithoutBus + 1 : 0;
  return entries;
}

function fail(listing: ListingState, run: Run, page: number, message: string): void {
  const failure: Failure = { message, attempts: 1, retryable: false };
  listing.failure = failure;
  run.log.error('group listing failed', { groupId: listingLabel(listing.groupId), page, error: message });
}

/**
 * What the report says about a listing besides a failure: entries without a valid bus ID (counted,
 * quoted), an implausible count. Undefined when there is nothing to say.
 * @example listingWarning(listing) // '3 entries without a valid soft bus ID were ignored (none of the listing was taken), e.g. bus_id "zz…"'
 */
export function listingWarning(listing: ListingState): string | undefined {
  const parts = [...listing.notes];
  if (listing.invalid > 0) {
    const none = listing.taken === 0 ? ' (none of the listing was taken)' : '';
    parts.unshift(`${listing.invalid} entries without a valid soft bus ID were ignored${none}, e.g. ${listing.samples.join('; ')}`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}
