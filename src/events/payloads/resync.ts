import { Selection } from '../../types';
import * as z from '../../zod';
import { type At, busIdList, groupIdList, type RecordResult, rejectedBy } from '../common';

/**
 * `{"kind":"resync", "busIds":[…], "groupIds":[…], "all":true, "dryRun":true, "verify":true}`: sync chosen buses now,
 * whatever their status. Strict: an unknown key (a typo such as `busIDs`) is rejected, not ignored.
 */
export const ResyncRequestSchema = z
  .strictObject({
    kind: z.literal('resync'),
    busIds: z.optional(busIdList),
    groupIds: z.optional(groupIdList),
    all: z.optional(z.boolean()),
    dryRun: z.optional(z.boolean()),
    verify: z.optional(z.boolean()),
  })
  .check(
    z.refine((r) => (r.busIds?.length ?? 0) > 0 || (r.groupIds?.length ?? 0) > 0 || r.all === true, {
      message: 'give at least one selector: busIds, groupIds or "all": true',
    }),
  );

/**
 * A resync request to work.
 * @example parseResyncRequest({ kind: 'resync', busIds: ['ab12'] }, { ref: 'manual', path: '' }) // { kind: 'work', … }
 */
export function parseResyncRequest(value: unknown, at: At): RecordResult {
  const parsed = z.safeParse(ResyncRequestSchema, value);
  if (!parsed.success) return rejectedBy(parsed.error, at);
  const { busIds = [], groupIds = [], all, dryRun = false, verify } = parsed.data;
  return {
    kind: 'work',
    item: {
      ref: at.ref,
      busIds: [...new Set(busIds)],
      groups: [...new Set(groupIds)].map((groupId) => ({ groupId, selection: Selection.All })),
      everything: all ? Selection.All : undefined,
      dryRun,
      ...(verify ? { verify } : {}),
    },
  };
}
