/**
 * The CTS side of the emulator: a trace as CTS's Query Trace List (v3) answers it, and the options of the
 * trace list. Field types follow the API reference; see docs/cts-and-groups.md for what is confirmed.
 */

/** The trace ratings CTS documents. */
export const TraceRating = { Normal: 'normal', Warning: 'warning', Incident: 'incident' } as const;
export type TraceRating = (typeof TraceRating)[keyof typeof TraceRating];

/** Who made the audited call (CTS's UserInfo, reduced to the fields the API reference lists). */
export interface TraceUser {
  id?: string;
  name?: string;
  domain?: { id?: string; name?: string };
}

/** One management trace. Everything but `trace_id`, `time` and `record_time` may be anything a test stores. */
export interface CtsTrace {
  trace_id: string;
  trace_name: string;
  trace_rating: string;
  /** Source of a management trace: `ApiCall`, `ConsoleAction` or `SystemAction`. */
  trace_type: string;
  service_type: string;
  resource_type: string;
  /** A String per the API reference; the FunctionGraph CTS-trigger template shows `{}`, so tests may store anything. */
  resource_id?: unknown;
  resource_name?: string;
  /** The audited call's HTTP status: a String per the API reference (`"200"`); its own example shows a number. */
  code?: string | number;
  /** The audited request: a String per the API reference (the emulator writes JSON text). */
  request?: unknown;
  response?: unknown;
  api_version?: string;
  message?: string;
  /** When the audited operation happened, ms since the epoch: `from`/`to` and the order use it. */
  time: number;
  /** When CTS recorded it; a trace is listed only once this time has passed. */
  record_time: number;
  user?: TraceUser;
  source_ip?: string;
  request_id?: string;
}

/**
 * What `Emulator.addTrace` takes. Missing fields default to a successful IoTDA `manageDevicesInGroup` trace
 * (`service_type` IoTDA, `resource_type` device-group, `code` "200", `trace_type` ApiCall) made now.
 */
export type TraceInput = Partial<CtsTrace>;

/** What `meta_data.marker` is on the last page: `null` as documented (default), left out, or `''`. */
export type LastPageMarker = 'null' | 'absent' | 'empty';

export interface CtsOptions {
  /** Access key IDs whose trace queries CTS refuses with 403 `CTS.0013` (an identity without CTS rights). */
  deniedAccessKeys?: string[];
  /** CTS's delivery delay: a trace becomes listable `delayMs` after its `time` (`record_time`); default 0. */
  delayMs?: number;
  lastPageMarker?: LastPageMarker;
  /** Traces present from the start. */
  traces?: TraceInput[];
}
