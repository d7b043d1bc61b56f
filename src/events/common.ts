import { MAX_ISSUES_PER_RECORD, MAX_RECORDS } from '../bounds';
import { BUS_ID_PATTERN, GROUP_ID_PATTERN, normaliseId } from '../ids';
import type { InputIssue, WorkItem } from '../types';
import * as z from '../zod';

export { parseJson } from '../json';

/** At most this many IDs in one list of a request. */
export const MAX_IDS = 1000;

const BUS_ID_RULE = 'must be a soft bus ID: 1 to 36 hex digits and "-"';
const GROUP_ID_RULE = 'must be a device group ID: 1 to 36 hex digits and "-"';

/**
 * A list of IDs, kept in lower case (hex IDs compare whatever their case: src/ids.ts normaliseId). The
 * length is checked before the items, and only the first bad items get an issue (with a count of the
 * rest): 1,000 bad IDs cost a handful of issues, not 1,000.
 */
function idList(pattern: RegExp, rule: string) {
  return z.pipe(
    z.array(z.unknown()).check(
      z.maxLength(MAX_IDS, `at most ${MAX_IDS} IDs`),
      z.superRefine((items, ctx) => {
        if (items.length > MAX_IDS) return;
        let bad = 0;
        for (const [index, item] of items.entries()) {
          if (typeof item === 'string' && pattern.test(item)) continue;
          if (bad++ < MAX_ISSUES_PER_RECORD) ctx.addIssue({ code: 'custom', message: rule, path: [index], input: item });
        }
        if (bad > MAX_ISSUES_PER_RECORD)
          ctx.addIssue({ code: 'custom', message: `and ${bad - MAX_ISSUES_PER_RECORD} more invalid IDs`, input: items });
      }),
    ),
    z.transform((items: unknown[]) => (items as string[]).map(normaliseId)),
  );
}
export const busIdList = idList(BUS_ID_PATTERN, BUS_ID_RULE);
export const groupIdList = idList(GROUP_ID_PATTERN, GROUP_ID_RULE);

/** What one event, or one record of a batch, comes to. */
export type RecordResult =
  | { kind: 'work'; item: WorkItem }
  | { kind: 'ignored'; ref: string; reason: string }
  | { kind: 'rejected'; ref: string; issues: InputIssue[] };

/** Where a part sits: the record it belongs to (`ref`) and its path in the event, for issue paths. */
export interface At {
  ref: string;
  path: string;
}

/**
 * Flattens zod issues to `{ path, message }`, the path prefixed with where the part sat in the event: the
 * first MAX_ISSUES_PER_RECORD, then one that counts the rest (1,000 bad IDs are not 1,000 issues).
 * @example issuesOf(error, 'events.2.data') // [{ path: 'events.2.data.busIds.0', message: 'must be a soft bus ID…' }]
 */
export function issuesOf(error: z.core.$ZodError, prefix = ''): InputIssue[] {
  const all = error.issues;
  // One issue more than the bound is shown rather than counted (an ID list's own count stays as it is).
  const shown = all.length > MAX_ISSUES_PER_RECORD + 1 ? all.slice(0, MAX_ISSUES_PER_RECORD) : all;
  const issues = shown.map((issue) => ({ path: joinPath(prefix, issue.path.map(String).join('.')), message: issue.message }));
  const more = all.length - shown.length;
  return more > 0 ? [...issues, { path: prefix, message: `and ${more} more issues` }] : issues;
}

/**
 * The records of a batch beyond MAX_RECORDS, rejected unread (one short issue each, no parsing).
 * @example index >= MAX_RECORDS ? beyondBatchLimit(messageId, `Records.${index}`) : parse(record)
 */
export function beyondBatchLimit(ref: string, path: string): RecordResult {
  return rejected(ref, path, `the batch holds more than ${MAX_RECORDS} records: this one was not read`);
}
export { MAX_RECORDS };

/** A rejection carrying a schema's issues. @example rejectedBy(error, { ref: 'm1', path: 'Records.0.body' }) */
export function rejectedBy(error: z.core.$ZodError, at: At): RecordResult {
  return { kind: 'rejected', ref: at.ref, issues: issuesOf(error, at.path) };
}

/** A one-issue rejection. @example rejected('r1', 'events.0.data', 'not a resync request') */
export function rejected(ref: string, path: string, message: string): RecordResult {
  return { kind: 'rejected', ref, issues: [{ path, message }] };
}

/** Dotted path join that drops empty parts. @example joinPath('events.0', 'data') // 'events.0.data' */
export function joinPath(prefix: string, path: string): string {
  return prefix && path ? `${prefix}.${path}` : prefix || path;
}

/** @example isPlainObject({}) // true; isPlainObject([]) // false */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
