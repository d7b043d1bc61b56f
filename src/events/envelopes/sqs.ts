import * as z from '../../zod';
import { beyondBatchLimit, isPlainObject, MAX_RECORDS, parseJson, type RecordResult, rejected, rejectedBy } from '../common';
import type { Envelope } from '../envelope';

/** One message of Lambda's SQS event; its body is one of the supported events, as JSON. */
export const SqsRecordSchema = z.looseObject({
  messageId: z.string().check(z.minLength(1)),
  body: z.string(),
  eventSource: z.optional(z.literal('aws:sqs')),
});

/** Lambda's SQS event: the list is checked here, each record on its own (a bad one must not sink the batch). */
export const SqsEventSchema = z.looseObject({ Records: z.array(z.unknown()) });

/**
 * An SQS batch (Lambda): one record per message, keyed by its messageId so that failures map back to
 * `batchItemFailures`; each body is any other event of this folder, as JSON. A malformed record is
 * rejected alone, by its messageId when it has one (one without cannot be named: Lambda then retries
 * the whole batch, which loses nothing).
 * @example sqs.open({ Records: [{ messageId: 'm1', body: '{"kind":"resync","all":true}' }] }, { path: '' }, nested)
 */
export const sqs = {
  trigger: 'sqs',
  asynchronous: false,
  outermost: true,
  shape: 'an SQS event {"Records":[…]}',
  matches: (value) => 'Records' in value,
  describe: (value) => `an SQS batch of ${Array.isArray(value.Records) ? value.Records.length : '?'} messages (Lambda)`,
  open(value, _at, nested) {
    const parsed = z.safeParse(SqsEventSchema, value);
    if (!parsed.success) return [rejectedBy(parsed.error, { ref: 'sqs', path: '' })];
    return parsed.data.Records.flatMap((raw, index): RecordResult[] => {
      const path = `Records.${index}`;
      const ref = isPlainObject(raw) && typeof raw.messageId === 'string' && raw.messageId !== '' ? raw.messageId : path;
      if (index >= MAX_RECORDS) return [beyondBatchLimit(ref, path)];
      const record = z.safeParse(SqsRecordSchema, raw);
      if (!record.success) return [rejectedBy(record.error, { ref, path })];
      const at = { ref, path: `${path}.body` };
      const body = parseJson(record.data.body);
      return body === undefined ? [rejected(at.ref, at.path, 'body is not JSON')] : nested(body, at);
    });
  },
} as const satisfies Envelope & { outermost: true };
