/**
 * The change feed: CTS's IoTDA device-group traces read on every timer or scheduled run (SYNC_CHANGE_FEED=cts)
 * or on a `changes` request, each changed group resynced with the run's other work (docs/change-feed.md).
 */
export { type FeedRun, MAX_TRACE_PAGES, readChanges } from './read-changes';
export { DEFAULT_LOOKBACK_MS, defaultCtsEndpoint, durationMs, MAX_LOOKBACK_MS } from './settings';
export { FEED_TRIGGERS, type FeedParts, type FeedStage, feedRef, runChangeFeeds, wantsFeed } from './stage';
