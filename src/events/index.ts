import { MAX_IDS_PER_INVOCATION } from '../bounds';
import { parseJson } from '../json';
import { type At, isPlainObject, type RecordResult, rejected } from './common';
import { recognise, SUPPORTED, type Trigger, UNKNOWN_TRIGGER } from './registry';

export type { RecordResult } from './common';
export { isAsynchronous, TRIGGERS, type Trigger } from './registry';

export interface ParsedEvent {
  trigger: Trigger;
  /** One result per record: a batch (SQS, EventGrid) gives several, anything else one. */
  records: RecordResult[];
}

/**
 * Recognises the event by its envelope and turns it into records of work, ignored events (with the
 * reason) and rejections (with zod issue paths). Never throws, never calls the network.
 * @example parseEvent({ kind: 'resync', busIds: ['0a1b'] }) // { trigger: 'manual', records: [{ kind: 'work', … }] }
 */
export function parseEvent(event: unknown): ParsedEvent {
  const value = typeof event === 'string' ? (parseJson(event) ?? event) : event;
  if (!isPlainObject(value))
    return { trigger: UNKNOWN_TRIGGER, records: [rejected('event', '', `the event must be a JSON object; ${SUPPORTED}`)] };
  const envelope = recognise(value);
  if (!envelope) return { trigger: UNKNOWN_TRIGGER, records: [rejected('event', '', `unrecognised event; ${SUPPORTED}`)] };
  return { trigger: envelope.trigger, records: capIds(envelope.open(value, { path: '' }, parseNested)) };
}

/**
 * The records of work in order while their bus and group IDs add up to at most MAX_IDS_PER_INVOCATION;
 * a record that would go beyond is rejected (on SQS it is handed back, and fits in a later batch).
 */
function capIds(records: RecordResult[]): RecordResult[] {
  let total = 0;
  return records.map((record) => {
    if (record.kind !== 'work') return record;
    const ids = record.item.busIds.length + record.item.groups.length;
    if (total + ids <= MAX_IDS_PER_INVOCATION) {
      total += ids;
      return record;
    }
    const message = `the batch names more than ${MAX_IDS_PER_INVOCATION} bus and group IDs in all: this record (${ids} IDs) was not processed; send it in a smaller batch`;
    return rejected(record.item.ref, '', message);
  });
}

/** An event carried inside another one (an SQS body): any envelope but the outermost-only ones. */
function parseNested(value: unknown, at: At): RecordResult[] {
  if (!isPlainObject(value)) return [rejected(at.ref, at.path, 'expected a JSON object')];
  const envelope = recognise(value, true);
  if (!envelope) return [rejected(at.ref, at.path, `unrecognised event; ${SUPPORTED}`)];
  return envelope.open(value, at, parseNested);
}

/**
 * One line for people saying what an event is, by its shape (`npm start` prints it).
 * @example describeEvent({ Records: [{}, {}] }) // 'an SQS batch of 2 messages (Lambda)'
 */
export function describeEvent(event: unknown): { trigger: Trigger; text: string } {
  if (!isPlainObject(event)) return { trigger: UNKNOWN_TRIGGER, text: 'not a JSON object (the function will reject it)' };
  const envelope = recognise(event);
  return envelope
    ? { trigger: envelope.trigger, text: envelope.describe(event) }
    : { trigger: UNKNOWN_TRIGGER, text: 'an unrecognised shape (the function will reject it)' };
}
