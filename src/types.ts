/**
 * Shared vocabulary of the pipeline: triggers, outcomes, the work an event asks for, and the report.
 * Enums are `as const` objects so that they exist at run time (logs, tests) and as types.
 */

/** Where an invocation came from. */
export const Trigger = {
  Cts: 'cts',
  CloudEvents: 'cloudevents',
  Timer: 'timer',
  Manual: 'manual',
  Sqs: 'sqs',
  EventBridge: 'eventbridge',
  Schedule: 'schedule',
  IotdaPush: 'iotda-push',
  Unknown: 'unknown',
} as const;
export type Trigger = (typeof Trigger)[keyof typeof Trigger];

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
}

/** A zod issue, flattened for the report. */
export interface InputIssue {
  path: string;
  message: string;
}

export interface FailedBus {
  busId: string;
  status?: number;
  errorCode?: string;
  message: string;
  attempts: number;
  /** True when a later retry may succeed (network, timeout, 429, 5xx, deadline). */
  retryable: boolean;
}

export interface FailedGroup {
  groupId: string;
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
  error?: { message: string; issues: InputIssue[] };
}
