import * as z from 'zod/mini';
import { Trigger } from '../types';
import { eventBridgeRecord, isScheduledEvent, sqsRecords } from './aws';
import { CloudEventBatchSchema, cloudEventRecord } from './cloudevents';
import { isPlainObject, issuesOf, joinPath, parseJson, type RecordResult, rejected } from './common';
import { ctsRecord } from './cts';
import { reconcileRecord, resyncRecord } from './manual';
import { timerRecord } from './timer';

export interface ParsedEvent {
  trigger: Trigger;
  /** One result per record: a batch (SQS, EventGrid) gives several, anything else one. */
  records: RecordResult[];
}

const SUPPORTED =
  'expected one of: a CTS trigger event {"cts":…}, a CloudEvent or {"events":[…]}, a timer event {"trigger_type":"TIMER",…}, ' +
  'a request {"kind":"resync"|"reconcile",…}, an SQS event {"Records":[…]}, an EventBridge event {"detail-type":…}';

/**
 * Recognises the event by its shape and turns it into records of work, ignored events (with the
 * reason) and rejections (with zod issue paths). Never throws, never calls the network.
 * @example parseEvent({ kind: 'resync', busIds: ['0a1b'] }) // { trigger: 'manual', records: [{ kind: 'work', … }] }
 */
export function parseEvent(event: unknown): ParsedEvent {
  const value = typeof event === 'string' ? (parseJson(event) ?? event) : event;
  if (!isPlainObject(value))
    return { trigger: Trigger.Unknown, records: [rejected('event', '', `the event must be a JSON object; ${SUPPORTED}`)] };
  if ('Records' in value) {
    const records = sqsRecords(value, (body, ref, path) => parseSingle(body, ref, path));
    return { trigger: Trigger.Sqs, records: Array.isArray(records) ? records : [records] };
  }
  const trigger = triggerOf(value);
  return { trigger, records: recordsOf(value, trigger, undefined, '') };
}

/** The trigger a single (non-SQS) event came from, by its distinctive keys. */
export function triggerOf(value: Record<string, unknown>): Trigger {
  if ('cts' in value) return Trigger.Cts;
  if ('events' in value || 'specversion' in value) return Trigger.CloudEvents;
  if ('trigger_type' in value) return Trigger.Timer;
  if ('detail-type' in value) return isScheduledEvent(value) ? Trigger.Schedule : Trigger.EventBridge;
  if ('kind' in value) return Trigger.Manual;
  if ('notify_data' in value && 'resource' in value) return Trigger.IotdaPush;
  return Trigger.Unknown;
}

function parseSingle(body: unknown, ref: string, path: string): RecordResult[] {
  if (!isPlainObject(body)) return [rejected(ref, path, 'expected a JSON object')];
  return recordsOf(body, triggerOf(body), ref, path);
}

function recordsOf(value: Record<string, unknown>, trigger: Trigger, ref: string | undefined, path: string): RecordResult[] {
  switch (trigger) {
    case Trigger.Cts: {
      const traceId = isPlainObject(value.cts) && typeof value.cts.trace_id === 'string' ? value.cts.trace_id : undefined;
      return [ctsRecord(value.cts, ref ?? traceId ?? 'cts', joinPath(path, 'cts'))];
    }
    case Trigger.CloudEvents: {
      if (!('events' in value)) return [cloudEventRecord(value, path, ref)];
      const batch = z.safeParse(CloudEventBatchSchema, value);
      if (!batch.success) return [{ kind: 'rejected', ref: ref ?? 'events', issues: issuesOf(batch.error, path) }];
      return batch.data.events.map((event, index) => cloudEventRecord(event, joinPath(path, `events.${index}`), ref));
    }
    case Trigger.Timer:
      return [timerRecord(value, ref, path)];
    case Trigger.Schedule:
    case Trigger.EventBridge:
      return [eventBridgeRecord(value, ref, path)];
    case Trigger.Manual:
      if (value.kind === 'resync') return [resyncRecord(value, ref ?? 'manual', path)];
      if (value.kind === 'reconcile') return [reconcileRecord(value, ref ?? 'manual', path)];
      return [rejected(ref ?? 'manual', joinPath(path, 'kind'), 'must be "resync" or "reconcile"')];
    case Trigger.IotdaPush:
      return [
        {
          kind: 'ignored',
          ref: ref ?? 'iotda-push',
          reason: `IoTDA push (${typeof value.resource === 'string' ? value.resource : 'unknown resource'}): IoTDA pushes carry no device group change`,
        },
      ];
    default:
      return [rejected(ref ?? 'event', path, `unrecognised event; ${SUPPORTED}`)];
  }
}
