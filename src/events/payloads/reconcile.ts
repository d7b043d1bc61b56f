import { Selection } from '../../types';
import * as z from '../../zod';
import { type At, groupIdList, type RecordResult, rejectedBy } from '../common';

/** Reconcile options: the timer's `user_event` JSON, a scheduled rule's detail, or `{"kind":"reconcile",…}`. */
export const ReconcileOptionsSchema = z.strictObject({
  kind: z.optional(z.literal('reconcile')),
  scope: z.optional(z.enum([Selection.Pending, Selection.All])),
  groupIds: z.optional(groupIdList),
  dryRun: z.optional(z.boolean()),
  verify: z.optional(z.boolean()),
});

/** The option names: a timer's additional information that uses none of them is not options. */
export const RECONCILE_OPTION_KEYS = ['kind', 'scope', 'groupIds', 'dryRun', 'verify'] as const;

/**
 * Reconcile options to work: the named groups, or the whole project, with scope `pending` (default:
 * buses not `Synchronized`) or `all`.
 * @example parseReconcileOptions({}, { ref: 'timer', path: '' }) // everything pending
 */
export function parseReconcileOptions(value: unknown, at: At): RecordResult {
  const parsed = z.safeParse(ReconcileOptionsSchema, value);
  if (!parsed.success) return rejectedBy(parsed.error, at);
  const { scope = Selection.Pending, groupIds = [], dryRun = false, verify } = parsed.data;
  const groups = [...new Set(groupIds)].map((groupId) => ({ groupId, selection: scope }));
  const everything = groups.length ? undefined : scope;
  return { kind: 'work', item: { ref: at.ref, busIds: [], groups, everything, dryRun, ...(verify ? { verify } : {}) } };
}
