import * as z from '../../zod';
import { type At, isPlainObject, joinPath, type RecordResult, rejectedBy } from '../common';
import type { Envelope } from '../envelope';
import { parseReconcileOptions } from '../payloads/reconcile';
import { parseCarried } from '../payloads/requests';

/** EventBridge envelope: a custom event (detail = CTS trace or request) or a scheduled rule. */
export const EventBridgeEventSchema = z.looseObject({
  id: z.optional(z.string()),
  source: z.string(),
  'detail-type': z.string(),
  detail: z.optional(z.unknown()),
});

function openEventBridge(value: unknown, at: Partial<At> & { path: string }, payload: (detail: unknown, at: At) => RecordResult) {
  const parsed = z.safeParse(EventBridgeEventSchema, value);
  if (!parsed.success) return [rejectedBy(parsed.error, { ref: at.ref ?? 'eventbridge', path: at.path })];
  return [payload(parsed.data.detail, { ref: at.ref ?? parsed.data.id ?? 'eventbridge', path: joinPath(at.path, 'detail') })];
}

/**
 * A scheduled rule's tick (Lambda), a reconcile; its detail, if an object, holds the timer options.
 * @example scheduledEvent.open({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }, { path: '' }, nested)
 */
export const scheduledEvent = {
  trigger: 'schedule',
  asynchronous: false,
  shape: 'a scheduled rule {"detail-type":"Scheduled Event","source":"aws.events"}',
  matches: (value) => value['detail-type'] === 'Scheduled Event' && value.source === 'aws.events',
  describe: () => 'an EventBridge scheduled rule tick (Lambda)',
  open: (value, at) => openEventBridge(value, at, (detail, inner) => parseReconcileOptions(isPlainObject(detail) ? detail : {}, inner)),
} as const satisfies Envelope;

/**
 * A custom EventBridge event (Lambda): the detail is a CTS trace or a request.
 * @example eventBridge.open({ source: 'softbus-sync', 'detail-type': 'resync', detail: { kind: 'resync', all: true } }, { path: '' }, nested)
 */
export const eventBridge = {
  trigger: 'eventbridge',
  asynchronous: true,
  shape: 'an EventBridge event {"detail-type":…}',
  matches: (value) => 'detail-type' in value,
  describe: (value) => `an EventBridge event "${String(value['detail-type'])}" from ${String(value.source)} (Lambda)`,
  open: (value, at) => openEventBridge(value, at, parseCarried),
} as const satisfies Envelope;
