import * as z from '../../zod';
import { isPlainObject, joinPath, parseJson, rejectedBy } from '../common';
import type { Envelope } from '../envelope';
import { parseReconcileOptions, RECONCILE_OPTION_KEYS } from '../payloads/reconcile';

/** FunctionGraph's timer trigger; `user_event` is the trigger's free-text "additional information". */
export const TimerEventSchema = z.looseObject({
  trigger_type: z.literal('TIMER'),
  trigger_name: z.optional(z.string()),
  time: z.optional(z.string()),
  user_event: z.optional(z.nullable(z.string())),
});

/**
 * A FunctionGraph timer tick, a reconcile. `user_event` holding a JSON object with our option names is
 * read as options and must be valid; any other text (the console's sample JSON `{"message":…}` among
 * them) means the defaults: every bus not yet `Synchronized`.
 * @example functionGraphTimer.open({ trigger_type: 'TIMER', user_event: '{"scope":"all"}' }, { path: '' }, nested)
 */
export const functionGraphTimer = {
  trigger: 'timer',
  asynchronous: false,
  shape: 'a timer event {"trigger_type":"TIMER",…}',
  matches: (value) => 'trigger_type' in value,
  describe: (value) => `a FunctionGraph timer tick, additional information ${JSON.stringify(value.user_event ?? '')}`,
  open(value, at) {
    const ref = at.ref ?? `timer:${typeof value.trigger_name === 'string' ? value.trigger_name : 'tick'}`;
    const parsed = z.safeParse(TimerEventSchema, value);
    if (!parsed.success) return [rejectedBy(parsed.error, { ref, path: at.path })];
    const options = parseJson(parsed.data.user_event ?? '');
    const ours = isPlainObject(options) && RECONCILE_OPTION_KEYS.some((key) => key in options);
    return [parseReconcileOptions(ours ? options : {}, { ref, path: joinPath(at.path, 'user_event') })];
  },
} as const satisfies Envelope;
