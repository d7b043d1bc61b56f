import type { At, RecordResult } from './common';

/**
 * An envelope is how a trigger wraps what it carries (Powertools Parser's split): it recognises its own
 * shape, tells people what an event is, and opens it into records of work, each parsed by a payload
 * schema (src/events/payloads/). One file per envelope under src/events/envelopes/, listed in
 * src/events/registry.ts.
 * @example
 * export const myQueue = { trigger: 'my-queue', asynchronous: true, shape: '{"items":[…]}', matches: (v) => 'items' in v,
 *   describe: () => 'a batch from my queue', open: (v, at, nested) => … } as const satisfies Envelope;
 */
export interface Envelope {
  /** The `trigger` of the report and of every log line. */
  readonly trigger: string;
  /** The platform retries the event when the handler throws (asynchronous invocation). */
  readonly asynchronous: boolean;
  /** The distinctive shape, for the message that lists what the function accepts. */
  readonly shape: string;
  /** Whether a JSON object has this envelope's distinctive keys. */
  matches(value: Record<string, unknown>): boolean;
  /** One line for people (`npm start`): what this event is. */
  describe(value: Record<string, unknown>): string;
  /**
   * The records the event holds. `at.ref` is the record's ref when an outer envelope fixed it (an SQS
   * messageId); `nested` parses an event carried inside this one (an SQS body).
   */
  open(value: Record<string, unknown>, at: Partial<At> & { path: string }, nested: NestedParser): RecordResult[];
}

/** Parses an event carried inside another one, with the outer record's ref and path. */
export type NestedParser = (value: unknown, at: At) => RecordResult[];
