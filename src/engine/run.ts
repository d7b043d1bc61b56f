import type { SoftBusApi } from '../iotda/client';
import type { Logger } from '../logger';
import type { Plan } from '../plan';
import type { Failure, SoftBus } from '../types';
import type { AttemptContext } from './attempt';
import type { BusBook } from './bus-book';
import type { WorkQueue } from './work-queue';

/** What an invocation's engine counts. */
export interface Counters {
  attempts: number;
  throttled: number;
  listRequests: number;
  syncRequests: number;
}

/** One listing in progress: a group's, or the whole project's (`groupId` undefined). */
export interface ListingState {
  groupId?: string;
  refs: readonly string[];
  pages: number;
  /** Markers this listing has used: a marker seen twice would page forever. */
  seen: Set<string>;
  /** Entries listed so far (valid or not), and the total the first page announced (`page.count`, when plausible). */
  listed: number;
  total?: number;
  /** Entries without a valid bus ID: counted, a few quoted. */
  invalid: number;
  samples: string[];
  /** Buses handed to the book (selected by a ref). */
  taken: number;
  /** Pages in a row with entries but no valid bus. */
  pagesWithoutBus: number;
  /** What the report should say about this listing besides a failure. */
  notes: string[];
  failure?: Failure;
}

/** One page to fetch. */
export interface PageTask {
  listing: ListingState;
  marker?: string;
  page: number;
}

/** The state the steps of one execution share. */
export interface Run {
  plan: Plan;
  /** The refs a listed bus is selected by, in a group's listing or the whole project's (memoised per group and status). */
  selectRefs: (bus: SoftBus, listingGroupId?: string) => ReadonlySet<string>;
  client: SoftBusApi;
  attempt: AttemptContext;
  counters: Counters;
  book: BusBook;
  queue: WorkQueue<PageTask, string>;
  log: Logger;
}

/** How listings are named in logs and in the report's `failedGroups`: the group ID, or `*` for the whole project. */
export const listingLabel = (groupId: string | undefined) => groupId ?? '*';
