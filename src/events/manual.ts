import * as z from 'zod/mini';
import '../zod-locale';
import { Selection } from '../types';
import { BusIdSchema, GroupIdSchema, idList, issuesOf, type RecordResult } from './common';

/**
 * `{"kind":"resync", "busIds":[…], "groupIds":[…], "all":true, "dryRun":true}`: sync chosen buses now,
 * whatever their status. Strict: an unknown key (a typo such as `busIDs`) is rejected, not ignored.
 */
export const ResyncRequestSchema = z
  .strictObject({
    kind: z.literal('resync'),
    busIds: z.optional(idList(BusIdSchema)),
    groupIds: z.optional(idList(GroupIdSchema)),
    all: z.optional(z.boolean()),
    dryRun: z.optional(z.boolean()),
  })
  .check(
    z.refine((r) => (r.busIds?.length ?? 0) > 0 || (r.groupIds?.length ?? 0) > 0 || r.all === true, {
      message: 'give at least one selector: busIds, groupIds or "all": true',
    }),
  );

/** Reconcile options: the timer's `user_event` JSON, a scheduled rule's detail, or `{"kind":"reconcile",…}`. */
export const ReconcileOptionsSchema = z.strictObject({
  kind: z.optional(z.literal('reconcile')),
  scope: z.optional(z.enum([Selection.Pending, Selection.All])),
  groupIds: z.optional(idList(GroupIdSchema)),
  dryRun: z.optional(z.boolean()),
});

/**
 * A resync request to work. @example resyncRecord({ kind: 'resync', busIds: ['ab12'] }, 'manual', '') // { kind: 'work', … }
 */
export function resyncRecord(value: unknown, ref: string, path: string): RecordResult {
  const parsed = z.safeParse(ResyncRequestSchema, value);
  if (!parsed.success) return { kind: 'rejected', ref, issues: issuesOf(parsed.error, path) };
  const { busIds = [], groupIds = [], all, dryRun = false } = parsed.data;
  return {
    kind: 'work',
    item: {
      ref,
      busIds: [...new Set(busIds)],
      groups: [...new Set(groupIds)].map((groupId) => ({ groupId, selection: Selection.All })),
      everything: all ? Selection.All : undefined,
      dryRun,
    },
  };
}

/**
 * Reconcile options to work: the named groups, or the whole project, with scope `pending` (default:
 * buses not `Synchronized`) or `all`. @example reconcileRecord({}, 'timer', '') // everything pending
 */
export function reconcileRecord(value: unknown, ref: string, path: string): RecordResult {
  const parsed = z.safeParse(ReconcileOptionsSchema, value);
  if (!parsed.success) return { kind: 'rejected', ref, issues: issuesOf(parsed.error, path) };
  const { scope = Selection.Pending, groupIds = [], dryRun = false } = parsed.data;
  const groups = [...new Set(groupIds)].map((groupId) => ({ groupId, selection: scope }));
  return { kind: 'work', item: { ref, busIds: [], groups, everything: groups.length ? undefined : scope, dryRun } };
}
