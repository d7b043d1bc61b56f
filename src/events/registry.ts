import type { Envelope } from './envelope';
import { cloudEvent, cloudEventBatch } from './envelopes/cloudevents';
import { eventBridge, scheduledEvent } from './envelopes/eventbridge';
import { functionGraphCts } from './envelopes/functiongraph-cts';
import { functionGraphTimer } from './envelopes/functiongraph-timer';
import { iotdaPush } from './envelopes/iotda-push';
import { manual } from './envelopes/manual';
import { sqs } from './envelopes/sqs';

/**
 * Every envelope the function recognises, in the order they are tried (the first whose distinctive keys
 * match wins: a scheduled rule before any EventBridge event). A new trigger is one envelope file and
 * one line here.
 */
export const ENVELOPES = [
  sqs,
  functionGraphCts,
  cloudEventBatch,
  cloudEvent,
  functionGraphTimer,
  scheduledEvent,
  eventBridge,
  manual,
  iotdaPush,
] as const satisfies readonly Envelope[];

/** Where an invocation came from: an envelope's trigger, or `unknown` for an event no envelope recognises. */
export type Trigger = (typeof ENVELOPES)[number]['trigger'] | 'unknown';
export const UNKNOWN_TRIGGER = 'unknown' satisfies Trigger;

/** Every trigger name, for logs, docs and tests. */
export const TRIGGERS: readonly Trigger[] = [...new Set<Trigger>(ENVELOPES.map((envelope) => envelope.trigger)), UNKNOWN_TRIGGER];

/**
 * The envelope of a JSON object, by its distinctive keys; `nested` skips those that only come outermost
 * (a queue message holds one event, not another batch).
 * @example recognise({ Records: [] })?.trigger // 'sqs'
 */
export function recognise(value: Record<string, unknown>, nested = false): (typeof ENVELOPES)[number] | undefined {
  return ENVELOPES.find((envelope) => !(nested && 'outermost' in envelope) && envelope.matches(value));
}

/**
 * Whether the platform retries an event of this trigger when the handler throws (asynchronous invocations).
 * @example isAsynchronous('cts') // true; isAsynchronous('timer') // false
 */
export function isAsynchronous(trigger: Trigger): boolean {
  return ENVELOPES.some((envelope) => envelope.trigger === trigger && envelope.asynchronous);
}

/** What the function accepts, for rejections. */
export const SUPPORTED = `expected one of: ${ENVELOPES.map((envelope) => envelope.shape).join(', ')}`;
