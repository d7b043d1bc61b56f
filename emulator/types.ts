/**
 * Shared types of the IoTDA emulator. The emulator is an independent implementation of the
 * service (it checks that the function signs and pages correctly), so nothing here comes from `src/`.
 */

/** The three statuses IoTDA documents for a soft bus. */
export const BusStatus = {
  Synchronized: 'Synchronized',
  Synchronizing: 'Synchronizing',
  ToBeSynchronized: 'ToBeSynchronized',
} as const;
export type BusStatus = (typeof BusStatus)[keyof typeof BusStatus];

/**
 * The emulated operations; `unknown` is any request that matched no route. `traces` is CTS's Query Trace
 * List (v3); `manageDevices` is IoTDA's CreateOrDeleteDeviceInGroup; the others are soft bus calls.
 */
export const Route = {
  List: 'list',
  Show: 'show',
  Sync: 'sync',
  Reset: 'reset',
  ManageDevices: 'manageDevices',
  Traces: 'traces',
  Unknown: 'unknown',
  /** Huawei IAM federation calls, when `options.iam` is set (emulator/federation/). */
  IamIdToken: 'iam-id-token',
  IamOidcAuth: 'iam-oidc-auth',
  IamSecurityToken: 'iam-security-token',
} as const;
export type Route = (typeof Route)[keyof typeof Route];

/** A device group and (minimally) its members: device IDs, nothing else about the devices. */
export interface Group {
  group_id: string;
  name: string;
  /** Resource space the group lives in. */
  app_id: string;
  /** IDs of the devices in the group; default none. */
  devices?: string[];
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
 * (standard/enterprise) endpoints; `none` is for exploring by hand (curl): a request without
 * `Authorization` passes as the first configured key (a signed one is still verified, as with `any`).
 * Not to be confused with the kind a request used (`CallRecord.authMode`).
 */
export const AcceptedSignatures = { Basic: 'basic', Derived: 'derived', Any: 'any', None: 'none' } as const;
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
  /**
   * Answer a throttled request at once, as a gateway in front of the backend does, instead of after
   * `latencyMs` like every other answer (default false).
   */
  immediate?: boolean;
}

export interface RandomFaultOptions {
  /** Probability in [0, 1] that an authenticated request gets a fault. */
  rate: number;
  seed: number;
  kinds?: RandomFaultKind[];
}
