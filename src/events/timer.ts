import * as z from 'zod/mini';
import '../zod-locale';
import { isPlainObject, issuesOf, joinPath, parseJson, type RecordResult } from './common';
import { reconcileRecord } from './manual';

/** FunctionGraph's timer trigger; `user_event` is the trigger's free-text "additional information". */
export const TimerEventSchema = z.looseObject({
  trigger_type: z.literal('TIMER'),
  trigger_name: z.optional(z.string()),
  time: z.optional(z.string()),
  user_event: z.optional(z.nullable(z.string())),
});

const OPTION_KEYS = ['kind', 'scope', 'groupIds', 'dryRun'];

/**
 * A timer tick to a reconcile. `user_event` holding a JSON object with our option names is read as
 * options (`{"scope":"pending"|"all","groupIds":[…],"dryRun":true}`) and must be valid; any other
 * text (the console's default message, say) means the defaults: every bus not yet `Synchronized`.
 * @example timerRecord({ trigger_type: 'TIMER', user_event: '{"scope":"all"}' }) // everything, all buses
 */
export function timerRecord(value: unknown, ref?: string, path = ''): RecordResult {
  const parsed = z.safeParse(TimerEventSchema, value);
  ref ??= `timer:${isPlainObject(value) && typeof value.trigger_name === 'string' ? value.trigger_name : 'tick'}`;
  if (!parsed.success) return { kind: 'rejected', ref, issues: issuesOf(parsed.error, path) };
  const options = parseJson(parsed.data.user_event ?? '');
  // The console's sample additional information is JSON too ({"message": …, "topic": …}): only an
  // object that uses one of our option names is options, and then it must be valid.
  const ours = isPlainObject(options) && OPTION_KEYS.some((key) => key in options);
  return reconcileRecord(ours ? options : {}, ref, joinPath(path, 'user_event'));
}
