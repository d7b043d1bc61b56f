/**
 * Shared vocabulary of the pipeline: what an event asks for, what a listing returns, and how each bus
 * ended. Enums are `as const` objects so that they exist at run time (logs, tests) and as types.
 * Triggers are named by the envelopes that recognise them (src/events/registry.ts); the report's shape
 * is in src/report/.
 */

/** The verdict of one invocation. */
export const Outcome = {
  Ok: 'ok',
  Partial: 'partial',
  Failed: 'failed',
  Ignored: 'ignored',
  Rejected: 'rejected',
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** Which buses of a listing are selected: every one, or only those not yet `Synchronized`. */
export const Selection = {
  All: 'all',
  Pending: 'pending',
} as const;
export type Selection = (typeof Selection)[keyof typeof Selection];

/**
 * What one event (or one record of a batch) asks for. `ref` names the record (SQS messageId,
 * CloudEvent id) so that failures can be traced back to it.
 */
export interface WorkItem {
  ref: string;
  busIds: string[];
  groups: Array<{ groupId: string; selection: Selection }>;
  /** List every bus of the project (no group filter) with this selection. */
  everything?: Selection;
  dryRun: boolean;
  /** Also resync the groups CTS's change feed names since `since` (epoch ms; default the look-back). */
  changes?: { since?: number };
  /** Poll each bus this record gets synced until it is `Synchronized`. */
  verify?: boolean;
}

/** A zod issue, flattened for the report. */
export interface InputIssue {
  path: string;
  message: string;
}

/** A soft bus as ListHarmonySoftBus returns it (the fields the function reads). */
export interface SoftBus {
  bus_id: string;
  group_id?: string;
  status?: string;
}

/** Why a request gave up: the service's answer, or what happened on the way. */
export interface Failure {
  status?: number;
  errorCode?: string;
  /** The service's request ID, for support tickets. */
  apiRequestId?: string;
  message: string;
  attempts: number;
  /** True when a later retry may succeed (network, timeout, 429, 5xx, deadline). */
  retryable: boolean;
}

/** How the work on one bus ended. */
export const BusOutcome = {
  Synced: 'synced',
  /** Dry run: a real run would sync it. */
  Planned: 'planned',
  /** 404: the bus is gone, nothing to sync. */
  NotFound: 'notFound',
  Failed: 'failed',
  /** Not started: the invocation's deadline came near. */
  Deferred: 'deferred',
} as const;
export type BusOutcome = (typeof BusOutcome)[keyof typeof BusOutcome];

/** One record per bus the plan reached: its outcome and the refs (records) that asked for it. */
export interface BusResult {
  busId: string;
  outcome: BusOutcome;
  refs: ReadonlySet<string>;
  failure?: Failure;
}

/** One record per listing: a group's, or the whole project's (`groupId` undefined). */
export interface ListingResult {
  groupId?: string;
  /** The refs served by this listing: their work is incomplete when it fails. */
  refs: readonly string[];
  pages: number;
  failure?: Failure;
  /** What the report should say besides a failure: entries without a valid bus ID, an implausible count. */
  warning?: string;
}
