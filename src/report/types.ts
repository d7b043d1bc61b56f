import type { CredentialFailure } from '../errors';
import type { Trigger } from '../events';
import type { InputIssue, Outcome } from '../types';

/** A bus whose sync failed, as the report lists it. */
export interface FailedBus {
  busId: string;
  status?: number;
  errorCode?: string;
  message: string;
  attempts: number;
  /** True when a later retry may succeed (network, timeout, 429, 5xx, deadline). */
  retryable: boolean;
}

/** A listing that failed; `groupId` is `*` for the whole-project listing. */
export interface FailedGroup {
  groupId: string;
  status?: number;
  errorCode?: string;
  message: string;
  attempts: number;
  retryable: boolean;
}

/** What one run of the change feed found (docs/change-feed.md). */
export interface FeedReport {
  /** The record that asked for it: the timer tick, the scheduled rule, a `changes` request. */
  ref: string;
  /** The window, ISO 8601, both bounds exclusive. */
  from: string;
  to: string;
  pages: number;
  /** Traces read (distinct). */
  traces: number;
  /** Groups named by successful add/update/manage-devices traces. */
  groupsChanged: string[];
  /** Those whose every bus was synced (or planned, in a dry run). */
  groupsResynced: string[];
  /** Traces that call for no resync: failed calls, deletions, other resources, outside the window. */
  ignored: number;
  /** Traces that could not be read (IDs, at most 50). */
  unreadable: string[];
}

/** A change-feed run that failed (the trace list could not be read to its end). */
export interface FailedFeed {
  ref: string;
  status?: number;
  errorCode?: string;
  message: string;
  attempts: number;
  retryable: boolean;
}

/** The handler's machine-readable answer (FunctionGraph, and Lambda events other than SQS). */
export interface Report {
  outcome: Outcome;
  trigger: Trigger;
  requestId: string;
  dryRun: boolean;
  groups: string[];
  synced: string[];
  /** Dry run only: the buses a real run would sync. */
  planned: string[];
  notFound: string[];
  failed: FailedBus[];
  failedGroups: FailedGroup[];
  deferred: string[];
  /** Refs of the records whose work failed, was deferred or was malformed (SQS batchItemFailures). */
  failedRefs: string[];
  durationMs: number;
  /** Change-feed runs (timer and schedule with SYNC_CHANGE_FEED=cts, `changes` requests); absent when none ran. */
  feeds?: FeedReport[];
  failedFeeds?: FailedFeed[];
  /** Verified syncs only: synced buses seen `Synchronized`, and those not seen so in time. */
  confirmed?: string[];
  unconfirmed?: string[];
  /**
   * What went wrong before any work; `issues` (zod paths) only when records were malformed; `credentials`
   * names the step of a credential source that failed.
   */
  error?: { message: string; issues?: InputIssue[]; credentials?: CredentialFailure };
  /** Listings that returned something other than soft buses (invalid entries, an implausible count); only when there are some. */
  warnings?: ListingWarning[];
  /** The report was over MAX_REPORT_BYTES: its lists were cut from the end; `omitted` counts what each list lost. */
  truncated?: true;
  omitted?: Partial<Record<string, number>>;
}

/** A listing that ended (or failed) with something to say; `groupId` is `*` for the whole-project listing. */
export interface ListingWarning {
  groupId: string;
  message: string;
}
