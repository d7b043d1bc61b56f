/**
 * The emulator's public surface: its options, the record of each call, its counters and the handle that
 * `startEmulator` returns.
 */
import type { IamControl, IamOptions } from './federation/iam-types.js';
import type { CtsOptions, CtsTrace, TraceInput } from './trace-types.js';
import type { AcceptedSignatures, Bus, EmulatorCredential, FaultRule, Fleet, QuotaOptions, RandomFaultOptions, Route } from './types.js';

export interface EmulatorOptions {
  projectId: string;
  region: string;
  credentials: EmulatorCredential[];
  fleet: Fleet;
  instanceId?: string;
  /** Signature kinds the IoTDA routes accept; default `any`. CTS always takes the plain signature only. */
  acceptedSignatures?: AcceptedSignatures;
  latencyMs?: number;
  /** IoTDA's quota (CTS calls do not use it: script a 429 fault on the `traces` route instead). */
  quota?: QuotaOptions;
  faults?: FaultRule[];
  randomFaults?: RandomFaultOptions;
  /** Offset of the emulator's clock from the real one (ms), to simulate a skewed client or server. */
  clockSkewMs?: number;
  /**
   * How long a synced bus stays `Synchronizing` before it is `Synchronized`, in ms, or a function of the bus ID
   * (`Infinity` = never). Default 0: `Synchronized` at once, as before this phase was modelled.
   */
  syncSettleMs?: number | ((busId: string) => number);
  /** The CTS trace list served on the same server. */
  cts?: CtsOptions;
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
  /** The bus as ShowHarmonySoftBus would answer now (plus its record ID). */
  getBus(id: string): Bus | undefined;
  listBuses(): Bus[];
  /** The members of a device group, sorted; undefined for an unknown group. */
  groupDevices(groupId: string): string[] | undefined;
  /** Stores a trace as CTS would (see `TraceInput` for the defaults) and returns it. */
  addTrace(input?: TraceInput): CtsTrace;
  /** Every stored trace, newest first, including those not yet listable. */
  traces(): CtsTrace[];
  clearTraces(): void;
  /** Replaces IoTDA's quota from now on (a new bucket, full); undefined removes it. */
  setQuota(quota: QuotaOptions | undefined): void;
  /** Moves the emulator's clock (signature date window, key and token expiry) by `ms`. */
  advanceClock(ms: number): void;
  /** The IAM side, when `options.iam` is set. */
  iam?: IamControl;
  close(): Promise<void>;
}
