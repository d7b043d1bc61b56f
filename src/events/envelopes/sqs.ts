import * as z from '../../zod';
import { beyondBatchLimit, MAX_RECORDS, parseJson, rejected, rejectedBy } from '../common';
import type { Envelope } from '../envelope';

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

/**
 * An SQS batch (Lambda): one record per message, keyed by its messageId so that failures map back to
 * `batchItemFailures`; each body is any other event of this folder, as JSON.
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
    return parsed.data.Records.flatMap((record, index) => {
      if (index >= MAX_RECORDS) return [beyondBatchLimit(record.messageId, `Records.${index}`)];
      const at = { ref: record.messageId, path: `Records.${index}.body` };
      const body = parseJson(record.body);
      return body === undefined ? [rejected(at.ref, at.path, 'body is not JSON')] : nested(body, at);
    });
  },
} as const satisfies Envelope & { outermost: true };
