import { type FeedRun, feedRef } from '../feed';
import type { Verification } from '../verify';
import type { FailedFeed, FeedReport } from './types';

/** The feed's and verification's part of the report, and the refs once mapped back to their records. */
export interface FeedPart {
  fields: { feeds?: FeedReport[]; failedFeeds?: FailedFeed[]; confirmed?: string[]; unconfirmed?: string[] };
  failedRefs: Set<string>;
  /** Failed feed runs and unreadable traces: problems for the outcome. */
  problems: number;
}

/**
 * What the change feed found and what became of it: per run its window, traces read, groups changed and
 * those resynced (every bus of the group synced, or planned in a dry run: no failed listing, no failed or
 * deferred bus; a group without a soft bus counts); failed runs in `failedFeeds`. A changed group's work
 * carries its own ref (feedRef); here it is mapped back to the record that asked for the feed, which is
 * also named when the feed itself failed or read a trace it could not understand.
 * @example const part = feedPart(feeds, failedRefs, verification); Object.assign(report, part.fields);
 */
export function feedPart(feeds: readonly FeedRun[], rawFailedRefs: ReadonlySet<string>, verification?: Verification): FeedPart {
  const owners = new Map<string, string>();
  for (const run of feeds) for (const groupId of run.groups) owners.set(feedRef(run.ref, groupId), run.ref);
  const failedRefs = new Set([...rawFailedRefs].map((ref) => owners.get(ref) ?? ref));
  let problems = 0;
  for (const run of feeds) {
    if (run.failure || run.unreadable.length > 0) failedRefs.add(run.ref);
    problems += (run.failure ? 1 : 0) + run.unreadable.length;
  }
  const fields: FeedPart['fields'] = {};
  if (feeds.length > 0) {
    fields.feeds = feeds.map((run) => ({
      ref: run.ref,
      from: new Date(run.from).toISOString(),
      to: new Date(run.to).toISOString(),
      pages: run.pages,
      traces: run.traces,
      groupsChanged: run.groups,
      groupsResynced: run.groups.filter((groupId) => !rawFailedRefs.has(feedRef(run.ref, groupId))),
      ignored: run.ignored,
      unreadable: run.unreadable,
    }));
    fields.failedFeeds = feeds.flatMap(({ ref, failure }) => {
      if (!failure) return [];
      const { status, errorCode, message, attempts, retryable } = failure;
      return [{ ref, status, errorCode, message, attempts, retryable }];
    });
  }
  if (verification) {
    fields.confirmed = verification.confirmed;
    fields.unconfirmed = verification.unconfirmed;
  }
  return { fields, failedRefs, problems };
}
