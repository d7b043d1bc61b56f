import type { Config } from '../config';
import type { TraceApi } from '../cts/client';
import type { AttemptContext } from '../engine/attempt';
import { Deadline } from '../engine/deadline';
import type { Trigger } from '../events';
import type { Logger } from '../logger';
import { Selection, type WorkItem } from '../types';
import { type FeedRun, readChanges } from './read-changes';

/** The triggers whose runs read the change feed when SYNC_CHANGE_FEED=cts: the timer and the scheduled rule. */
export const FEED_TRIGGERS: readonly Trigger[] = ['timer', 'schedule'];

/** What the feed stage adds to an invocation: one work item per changed group, and what each run found. */
export interface FeedStage {
  items: WorkItem[];
  runs: FeedRun[];
}

/** What the feed runs with: the invocation's limiter, retry strategy and deadline, its own counters. */
export interface FeedParts {
  /** The CTS client; undefined when no CTS endpoint is configured. */
  api?: TraceApi;
  attempt: AttemptContext;
  log: Logger;
  now?: number;
}

/**
 * The ref of a changed group's work: its own, so that the report can tell which groups were resynced,
 * and mapped back to the record that asked for the feed (`failedRefs`, SQS batch item failures).
 * @example feedRef('timer:tick', 'a9866526-…') // 'timer:tick|changes:a9866526-…'
 */
export const feedRef = (owner: string, groupId: string) => `${owner}|changes:${groupId}`;

/**
 * The records that want the change feed: `changes` requests, and on a timer or scheduled run every record
 * when SYNC_CHANGE_FEED=cts.
 * @example wantsFeed(items, 'timer', config) // [the timer's reconcile item]
 */
export function wantsFeed(items: readonly WorkItem[], trigger: Trigger, config: Pick<Config, 'changeFeed'>): WorkItem[] {
  const onTimer = config.changeFeed === 'cts' && FEED_TRIGGERS.includes(trigger);
  return items.filter((item) => item.changes !== undefined || onTimer);
}

/**
 * Runs the change feed for every record that wants it, before planning, so that a changed group joins
 * the plan like any other (listed once: by the whole-project listing of a reconcile if there is one;
 * each bus synced once). The feed gets at most half of the time left, so the reconcile always keeps the
 * other half; a failing feed is reported, never fatal.
 * @example const feed = await runChangeFeeds(items, 'timer', config, { api: cts, attempt, log }); buildPlan([...items, ...feed.items]);
 */
export async function runChangeFeeds(items: readonly WorkItem[], trigger: Trigger, config: Config, parts: FeedParts): Promise<FeedStage> {
  const stage: FeedStage = { items: [], runs: [] };
  const owners = wantsFeed(items, trigger, config);
  if (owners.length === 0) return stage;
  const now = parts.now ?? Date.now();
  const { deadline } = parts.attempt;
  const attempt = { ...parts.attempt, deadline: new Deadline(Math.min(deadline.endsAt, Date.now() + deadline.remainingMs() / 2)) };
  for (const owner of owners) {
    const window = { ref: owner.ref, dryRun: owner.dryRun, from: owner.changes?.since ?? now - config.lookbackMs, to: now };
    const run = parts.api ? await readChanges(window, parts.api, attempt, parts.log) : unconfigured(window, parts.log);
    stage.runs.push(run);
    for (const groupId of run.groups) {
      stage.items.push({
        ref: feedRef(owner.ref, groupId),
        busIds: [],
        groups: [{ groupId, selection: Selection.All }],
        dryRun: owner.dryRun,
        ...(owner.verify ? { verify: true } : {}),
      });
    }
  }
  return stage;
}

function unconfigured(window: Pick<FeedRun, 'ref' | 'dryRun' | 'from' | 'to'>, log: Logger): FeedRun {
  const message = 'CTS_ENDPOINT: no CTS endpoint (set CTS_ENDPOINT or IOTDA_REGION)';
  log.error('change feed failed', { ref: window.ref, error: message });
  return {
    ...window,
    pages: 0,
    requests: 0,
    traces: 0,
    groups: [],
    ignored: 0,
    unreadable: [],
    failure: { message, attempts: 0, retryable: false },
  };
}
