import { MAX_LOOKBACK_MS } from '../../feed/settings';
import * as z from '../../zod';
import { type At, type RecordResult, rejected, rejectedBy } from '../common';

/**
 * `{"kind":"changes", "since":"2026-11-28T10:00:00Z", "dryRun":true, "verify":true}`: run the change feed by
 * hand: resync every group that a successful group change audited by CTS names since `since` (default: the
 * configured look-back, SYNC_CHANGE_LOOKBACK), at most seven days back (CTS keeps traces seven days).
 */
export const ChangesRequestSchema = z.strictObject({
  kind: z.literal('changes'),
  since: z.optional(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time, e.g. 2026-11-28T10:00:00Z' })),
  dryRun: z.optional(z.boolean()),
  verify: z.optional(z.boolean()),
});

/**
 * A changes request to work: the feed's window starts at `since`; the groups it finds become work once
 * the feed has run (src/feed/).
 * @example parseChangesRequest({ kind: 'changes', since: '2026-11-28T10:00:00Z' }, { ref: 'manual', path: '' })
 */
export function parseChangesRequest(value: unknown, at: At, now = Date.now()): RecordResult {
  const parsed = z.safeParse(ChangesRequestSchema, value);
  if (!parsed.success) return rejectedBy(parsed.error, at);
  const { since, dryRun = false, verify } = parsed.data;
  const sinceMs = since === undefined ? undefined : Date.parse(since);
  const path = at.path ? `${at.path}.since` : 'since';
  if (sinceMs !== undefined && sinceMs >= now) return rejected(at.ref, path, 'must be in the past');
  if (sinceMs !== undefined && sinceMs < now - MAX_LOOKBACK_MS) {
    return rejected(at.ref, path, 'must be at most 7 days back (CTS keeps traces seven days)');
  }
  return {
    kind: 'work',
    item: { ref: at.ref, busIds: [], groups: [], dryRun, changes: { since: sinceMs }, ...(verify ? { verify } : {}) },
  };
}
