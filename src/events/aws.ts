import * as z from 'zod/mini';
import '../zod-locale';
import { dataRecord } from './cloudevents';
import { isPlainObject, issuesOf, parseJson, type RecordResult, rejected } from './common';
import { reconcileRecord } from './manual';

/** Lambda's SQS event; each body is one of the supported events, as JSON. */
export const SqsEventSchema = z.looseObject({
  Records: z.array(
    z.looseObject({
      messageId: z.string().check(z.minLength(1)),
      body: z.string(),
      eventSource: z.optional(z.literal('aws:sqs')),
    }),
  ),
});

/** EventBridge envelope: a custom event (detail = CTS trace or request) or a scheduled rule. */
export const EventBridgeEventSchema = z.looseObject({
  id: z.optional(z.string()),
  source: z.string(),
  'detail-type': z.string(),
  detail: z.optional(z.unknown()),
});

/**
 * An SQS batch to one result per record, each keyed by its messageId so that failures map back to
 * batchItemFailures. `parseBody` is the dispatcher for a single (non-SQS) event.
 * @example sqsRecords(event, (body, ref, path) => parseSingle(body, ref, path))
 */
export function sqsRecords(
  value: unknown,
  parseBody: (body: unknown, ref: string, path: string) => RecordResult[],
): RecordResult[] | RecordResult {
  const parsed = z.safeParse(SqsEventSchema, value);
  if (!parsed.success) return { kind: 'rejected', ref: 'sqs', issues: issuesOf(parsed.error) };
  return parsed.data.Records.flatMap((record, index) => {
    const path = `Records.${index}.body`;
    const body = parseJson(record.body);
    if (body === undefined) return [rejected(record.messageId, path, 'body is not JSON')];
    return parseBody(body, record.messageId, path);
  });
}

/** Whether an EventBridge event is a scheduled rule's tick. */
export function isScheduledEvent(value: Record<string, unknown>): boolean {
  return value['detail-type'] === 'Scheduled Event' && value.source === 'aws.events';
}

/**
 * An EventBridge event to work: a scheduled rule reconciles (its detail, if any, holds the timer
 * options); any other event's detail is a CTS trace or a resync/reconcile request.
 * @example eventBridgeRecord({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }, undefined)
 */
export function eventBridgeRecord(value: unknown, ref: string | undefined, path = ''): RecordResult {
  const parsed = z.safeParse(EventBridgeEventSchema, value);
  if (!parsed.success) return { kind: 'rejected', ref: ref ?? 'eventbridge', issues: issuesOf(parsed.error, path) };
  ref ??= parsed.data.id ?? 'eventbridge';
  const detailPath = path ? `${path}.detail` : 'detail';
  if (isScheduledEvent(parsed.data)) {
    const detail = parsed.data.detail;
    return reconcileRecord(isPlainObject(detail) ? detail : {}, ref, detailPath);
  }
  return dataRecord(parsed.data.detail, ref, detailPath);
}
