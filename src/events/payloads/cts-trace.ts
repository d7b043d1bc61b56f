import { GROUP_ID_PATTERN, normaliseId } from '../../ids';
import { Selection } from '../../types';
import * as z from '../../zod';
import { type At, isPlainObject, parseJson, type RecordResult, rejected, rejectedBy } from '../common';

/** CTS trace names after which a group's soft buses must be synced (membership or group changed). */
export const RESYNC_TRACES = ['manageDevicesInGroup', 'updateDeviceGroup', 'addDeviceGroup'] as const;

/** The fields of a CTS audit record that matter here; the rest passes through untouched. */
export const CtsTraceSchema = z.looseObject({
  service_type: z.string(),
  resource_type: z.string(),
  trace_name: z.string(),
  // A String per the API reference, but the FunctionGraph CTS-trigger template shows `{}`: any value is
  // read, and one that is not a group ID falls back to the request's.
  resource_id: z.optional(z.unknown()),
  trace_id: z.optional(z.string()),
  code: z.optional(z.nullable(z.union([z.number(), z.string()]))),
  request: z.optional(z.unknown()),
});
export type CtsTrace = z.infer<typeof CtsTraceSchema>;

/**
 * A CTS trace (the FunctionGraph CTS trigger's `cts` object, a CloudEvent's data, an EventBridge detail)
 * to work: group changes in IoTDA resync the group in `resource_id`; other traces are ignored with the
 * reason. `request` may be an object or a JSON string (CTS sends both).
 * @example parseCtsTrace({ service_type: 'IoTDA', resource_type: 'device-group', trace_name: 'manageDevicesInGroup', resource_id: 'g1' }, { ref: 't1', path: 'cts' })
 */
export function parseCtsTrace(value: unknown, at: At): RecordResult {
  const parsed = z.safeParse(CtsTraceSchema, value);
  if (!parsed.success) return rejectedBy(parsed.error, at);
  const trace = parsed.data;
  const { ref } = at;
  if (trace.service_type.toLowerCase() !== 'iotda' || trace.resource_type !== 'device-group') {
    return { kind: 'ignored', ref, reason: `trace of ${trace.service_type}/${trace.resource_type}, not an IoTDA device group` };
  }
  if (!(RESYNC_TRACES as readonly string[]).includes(trace.trace_name)) {
    return { kind: 'ignored', ref, reason: `trace ${trace.trace_name} does not call for a soft bus sync` };
  }
  const code = Number(trace.code);
  if (trace.code != null && Number.isFinite(code) && code >= 400) {
    return { kind: 'ignored', ref, reason: `the audited call failed (code ${code}): the group did not change` };
  }
  const groupId = groupIdOf(trace);
  if (!groupId) {
    return rejected(
      ref,
      `${at.path}.resource_id`,
      'expected the device group ID (1 to 36 hex digits and "-") in resource_id or request.group_id',
    );
  }
  return { kind: 'work', item: { ref, busIds: [], groups: [{ groupId, selection: Selection.All }], dryRun: false } };
}

/** Whether a value looks like a CTS trace (the keys every trace has). */
export function looksLikeCtsTrace(value: Record<string, unknown>): boolean {
  return 'trace_name' in value || 'service_type' in value;
}

/**
 * `resource_id` is expected to be the group ID; anything else there (missing, `{}` as in the trigger's
 * documented template, another string) leaves the decision to `request.group_id`, whose content is
 * undocumented, hence only a fallback. Returned in lower case (src/ids.ts normaliseId).
 */
function groupIdOf(trace: CtsTrace): string | undefined {
  const isGroupId = (value: unknown): value is string => typeof value === 'string' && GROUP_ID_PATTERN.test(value);
  if (isGroupId(trace.resource_id)) return normaliseId(trace.resource_id);
  const request = typeof trace.request === 'string' ? parseJson(trace.request) : trace.request;
  const fallback = isPlainObject(request) ? request.group_id : undefined;
  return isGroupId(fallback) ? normaliseId(fallback) : undefined;
}
