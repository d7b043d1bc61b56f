import * as z from 'zod/mini';
import '../zod-locale';
import { isPlainObject, issuesOf, parseJson, type RecordResult, rejected } from './common';
import { ctsRecord } from './cts';
import { reconcileRecord, resyncRecord } from './manual';

/** CloudEvents 1.0 required attributes; `data` is ours to interpret. */
export const CloudEventSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  specversion: z.literal('1.0'),
  source: z.string().check(z.minLength(1)),
  type: z.string().check(z.minLength(1)),
  data: z.optional(z.unknown()),
});

/** EventGrid's batch envelope. */
export const CloudEventBatchSchema = z.looseObject({
  events: z.array(z.unknown()).check(z.minLength(1, 'the batch holds no event')),
});

/**
 * One CloudEvent to work. `data` (an object, or JSON text) is a CTS trace (bare or as `{"cts":…}`),
 * or a resync / reconcile request.
 * @example cloudEventRecord({ id: '1', specversion: '1.0', source: 'HC.IoTDA', type: 'IoTDA:CloudTrace:ApiCall', data: trace }, 'events.0')
 */
export function cloudEventRecord(value: unknown, path: string, ref?: string): RecordResult {
  const parsed = z.safeParse(CloudEventSchema, value);
  const fallbackRef = ref ?? (isPlainObject(value) && typeof value.id === 'string' ? value.id : path || 'event');
  if (!parsed.success) return { kind: 'rejected', ref: fallbackRef, issues: issuesOf(parsed.error, path) };
  const recordRef = ref ?? parsed.data.id;
  return dataRecord(parsed.data.data, recordRef, `${path ? `${path}.` : ''}data`);
}

/**
 * A payload that may be a CTS trace or a request, as carried by a CloudEvent's data or an
 * EventBridge event's detail.
 * @example dataRecord({ kind: 'resync', busIds: ['ab'] }, 'evt-1', 'detail')
 */
export function dataRecord(data: unknown, ref: string, path: string): RecordResult {
  const payload = typeof data === 'string' ? parseJson(data) : data;
  if (!isPlainObject(payload)) return rejected(ref, path, 'expected a JSON object: a CTS trace or a resync request');
  if (payload.kind === 'resync') return resyncRecord(payload, ref, path);
  if (payload.kind === 'reconcile') return reconcileRecord(payload, ref, path);
  if (isPlainObject(payload.cts)) return ctsRecord(payload.cts, ref, `${path}.cts`);
  if ('trace_name' in payload || 'service_type' in payload) return ctsRecord(payload, ref, path);
  return rejected(
    ref,
    path,
    'neither a CTS trace (trace_name, service_type, resource_type) nor a request ("kind": "resync" or "reconcile")',
  );
}
