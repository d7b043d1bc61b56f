import * as z from '../../zod';
import { beyondBatchLimit, isPlainObject, joinPath, MAX_RECORDS, type RecordResult, rejectedBy } from '../common';
import type { Envelope } from '../envelope';
import { parseCarried } from '../payloads/requests';

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

function openCloudEvent(value: unknown, path: string, ref: string | undefined): RecordResult {
  const parsed = z.safeParse(CloudEventSchema, value);
  if (!parsed.success) {
    const fallbackRef = ref ?? (isPlainObject(value) && typeof value.id === 'string' ? value.id : path || 'event');
    return rejectedBy(parsed.error, { ref: fallbackRef, path });
  }
  return parseCarried(parsed.data.data, { ref: ref ?? parsed.data.id, path: joinPath(path, 'data') });
}

/**
 * One CloudEvent (EventGrid): `data` (an object, or JSON text) is a CTS trace (bare or as `{"cts":…}`)
 * or a request; the event's `id` names the record.
 * @example cloudEvent.open({ id: '1', specversion: '1.0', source: 'HC.IoTDA', type: 'IoTDA:CloudTrace:ApiCall', data: trace }, { path: '' }, nested)
 */
export const cloudEvent = {
  trigger: 'cloudevents',
  asynchronous: true,
  shape: 'a CloudEvent {"specversion":"1.0",…}',
  matches: (value) => 'specversion' in value,
  describe: () => 'an EventGrid CloudEvent',
  open: (value, at) => [openCloudEvent(value, at.path, at.ref)],
} as const satisfies Envelope;

/**
 * EventGrid's batch `{"events": [CloudEvent, …]}`: a malformed event is rejected alone.
 * @example cloudEventBatch.open({ events: [event1, event2] }, { path: '' }, nested)
 */
export const cloudEventBatch = {
  trigger: 'cloudevents',
  asynchronous: true,
  shape: 'a CloudEvents batch {"events":[…]}',
  matches: (value) => 'events' in value,
  describe: (value) => `EventGrid CloudEvents${Array.isArray(value.events) ? ` (a batch of ${value.events.length})` : ''}`,
  open(value, at) {
    const batch = z.safeParse(CloudEventBatchSchema, value);
    if (!batch.success) return [rejectedBy(batch.error, { ref: at.ref ?? 'events', path: at.path })];
    return batch.data.events.map((event, index) => {
      const path = joinPath(at.path, `events.${index}`);
      if (index < MAX_RECORDS) return openCloudEvent(event, path, at.ref);
      return beyondBatchLimit(at.ref ?? (isPlainObject(event) && typeof event.id === 'string' ? event.id : path), path);
    });
  },
} as const satisfies Envelope;
