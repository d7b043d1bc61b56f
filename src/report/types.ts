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
  /**
   * What went wrong before any work; `issues` (zod paths) only when records were malformed; `credentials`
   * names the step of a credential source that failed.
   */
  error?: { message: string; issues?: InputIssue[]; credentials?: CredentialFailure };
}
