/**
 * Shared types of the IoTDA emulator. The emulator is an independent implementation of the
 * service (it checks that the function signs and pages correctly), so nothing here comes from `src/`.
 */
import type { IamControl, IamOptions } from './federation/iam-types.js';

/** The three statuses IoTDA documents for a soft bus. */
export const BusStatus = {
  Synchronized: 'Synchronized',
  Synchronizing: 'Synchronizing',
  ToBeSynchronized: 'ToBeSynchronized',
} as const;
export type BusStatus = (typeof BusStatus)[keyof typeof BusStatus];

/** The emulated operations; `unknown` is any request that matched no route. */
export const Route = {
  List: 'list',
  Show: 'show',
  Sync: 'sync',
  Reset: 'reset',
  Unknown: 'unknown',
  /** Huawei IAM federation calls, when `options.iam` is set (emulator/federation/). */
  IamIdToken: 'iam-id-token',
  IamOidcAuth: 'iam-oidc-auth',
  IamSecurityToken: 'iam-security-token',
} as const;
export type Route = (typeof Route)[keyof typeof Route];

/** A device group (context only: the emulator does not model membership). */
export interface Group {
  group_id: string;
  name: string;
  /** Resource space the group lives in. */
  app_id: string;
}

/** A soft bus as the emulator stores it: the five API fields plus the (hidden) paging record ID. */
export interface Bus {
  bus_id: string;
  bus_name: string;
  group_id: string;
  app_id: string;
  status: BusStatus;
  /** 24 hex digits, distinct from bus_id; lists are ordered by it, descending. */
  record_id: string;
}

export interface Fleet {
  groups: Group[];
  buses: Bus[];
}

export interface EmulatorCredential {
  ak: string;
  sk: string;
  /** When set the key is temporary: requests must carry it, signed, in `X-Security-Token`. */
  securityToken?: string;
  /** Temporary keys only: ms since the epoch (emulator clock) from which IoTDA answers 401. */
  expiresAt?: number;
  /** When set, requests signed with this key authenticate but get 403 with this reason (no permission). */
  deniedReason?: string;
}

/**
 * Which signature kinds the emulator ACCEPTS on its IoTDA routes: `derived` mimics instance
 * (standard/enterprise) endpoints. Not to be confused with the kind a request used (`CallRecord.authMode`).
 */
export const AcceptedSignatures = { Basic: 'basic', Derived: 'derived', Any: 'any' } as const;
export type AcceptedSignatures = (typeof AcceptedSignatures)[keyof typeof AcceptedSignatures];

/** Fault kinds that the seeded random fault generator can pick. */
export type RandomFaultKind = '500' | '502' | '503' | '504' | 'reset' | '429';

/** What a matched request sees in a fault rule's optional predicate. */
export interface FaultContext {
  route: Route;
  method: string;
  busId?: string;
  groupId?: string;
  query: Record<string, string>;
}

/**
 * A scripted fault. Matching: `route` ('*' = any emulated route), then `busId` / `groupId` when set
 * (for list, groupId is the `group_id` filter; for the others, the bus's group), then `when`.
 * The first `skip` matching requests pass untouched, the next `times` (default unlimited) get the action.
 * Action, after the optional `delayMs`: `reset` > `malformedBody` > `status` > normal answer
 * (so `delayMs` alone makes a slow but correct answer).
 */
export interface FaultRule {
  route: Exclude<Route, 'unknown'> | '*';
  busId?: string;
  groupId?: string;
  when?: (ctx: FaultContext) => boolean;
  skip?: number;
  times?: number;
  status?: number;
  /** A string is sent as is; anything else as JSON. Default for a status: an `{error_code, error_msg}` body. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  reset?: boolean;
  malformedBody?: boolean;
}

export interface QuotaOptions {
  ratePerSecond: number;
  /** Bucket size; default max(1, ratePerSecond). */
  burst?: number;
  /** `Retry-After` value; `null` sends none; default: seconds until the next token (at least 1). */
  retryAfterSeconds?: number | null;
}

export interface RandomFaultOptions {
  /** Probability in [0, 1] that an authenticated request gets a fault. */
  rate: number;
  seed: number;
  kinds?: RandomFaultKind[];
}

export interface EmulatorOptions {
  projectId: string;
  region: string;
  credentials: EmulatorCredential[];
  fleet: Fleet;
  instanceId?: string;
  /** Signature kinds the IoTDA routes accept; default `any`. */
  acceptedSignatures?: AcceptedSignatures;
  latencyMs?: number;
  quota?: QuotaOptions;
  faults?: FaultRule[];
  randomFaults?: RandomFaultOptions;
  /** Offset of the emulator's clock from the real one (ms), to simulate a skewed client or server. */
  clockSkewMs?: number;
  host?: string;
  port?: number;
  /** Called with each finished request's record (the CLI logs them as JSON lines). */
  onCall?: (call: CallRecord) => void;
  /** Serve Huawei IAM's OIDC federation calls on the same URL (see emulator/federation/README.md). */
  iam?: IamOptions;
}

export interface CallRecord {
  requestId: string;
  route: Route;
  method: string;
  /** Path as received, without the query string. */
  path: string;
  query: Record<string, string>;
  busId?: string;
  groupId?: string;
  /** HTTP status sent; 0 when the connection was reset on purpose. */
  status: number;
  errorCode?: string;
  /** The signature kind this request carried (`none` when its Authorization header was unusable). */
  authMode: 'basic' | 'derived' | 'none';
  /** Lower-cased names of the request headers (never their values: they hold signatures and tokens). */
  headerNames: string[];
  /** Arrival time, ms since the epoch (real clock). */
  time: number;
  durationMs: number;
  /** Set when a scripted or random fault decided the answer. */
  fault?: string;
}

export interface EmulatorStats {
  total: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  throttled: number;
  authFailures: number;
  maxInFlight: number;
}

export interface Emulator {
  url: string;
  port: number;
  calls: CallRecord[];
  stats(): EmulatorStats;
  resetCalls(): void;
  addFault(rule: FaultRule): void;
  clearFaults(): void;
  getBus(id: string): Bus | undefined;
  listBuses(): Bus[];
  /** Moves the emulator's clock (signature date window, key and token expiry) by `ms`. */
  advanceClock(ms: number): void;
  /** The IAM side, when `options.iam` is set. */
  iam?: IamControl;
  close(): Promise<void>;
}
