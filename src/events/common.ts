import { BUS_ID_PATTERN, GROUP_ID_PATTERN } from '../ids';
import type { InputIssue, WorkItem } from '../types';
import * as z from '../zod';

export { parseJson } from '../json';

/** At most this many IDs in one list of a request. */
export const MAX_IDS = 1000;

export const BusIdSchema = z.string().check(z.regex(BUS_ID_PATTERN, 'must be a soft bus ID: 1 to 36 hex digits and "-"'));
export const GroupIdSchema = z.string().check(z.regex(GROUP_ID_PATTERN, 'must be a device group ID: 1 to 36 hex digits and "-"'));
export const idList = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.maxLength(MAX_IDS, `at most ${MAX_IDS} IDs`));

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
 * Flattens zod issues to `{ path, message }`, the path prefixed with where the part sat in the event.
 * @example issuesOf(error, 'events.2.data') // [{ path: 'events.2.data.busIds.0', message: 'must be a soft bus ID…' }]
 */
export function issuesOf(error: z.core.$ZodError, prefix = ''): InputIssue[] {
  return error.issues.map((issue) => ({ path: joinPath(prefix, issue.path.map(String).join('.')), message: issue.message }));
}

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
