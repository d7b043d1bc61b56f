import { describe, expect, it } from 'vitest';
import type { Execution } from '../../src/engine/execute';
import type { RecordResult, Trigger } from '../../src/events';
import { buildPlan, listingsOf } from '../../src/plan';
import { buildReport, retryAdvised } from '../../src/report';
import type { BusOutcome, Failure, WorkItem } from '../../src/types';

const workRecord = (ref: string, over: Partial<WorkItem> = {}): RecordResult => ({
  kind: 'work',
  item: { ref, busIds: [], groups: [], dryRun: false, ...over },
});

/** An execution's records, written as lists by outcome; `refs` names who asked for each bus. */
interface Outcomes {
  synced?: string[];
  planned?: string[];
  notFound?: string[];
  deferred?: string[];
  failed?: Array<{ busId: string } & Failure>;
  refs?: Record<string, string[]>;
  /** Every listing of the plan fails with this. */
  listingFailure?: Failure;
}

function execution(o: Outcomes, items: WorkItem[]): Execution {
  const record = (outcome: BusOutcome) => (busId: string) => ({ busId, outcome, refs: new Set(o.refs?.[busId] ?? []) });
  return {
    buses: [
      ...(o.synced ?? []).map(record('synced')),
      ...(o.planned ?? []).map(record('planned')),
      ...(o.notFound ?? []).map(record('notFound')),
      ...(o.deferred ?? []).map(record('deferred')),
      ...(o.failed ?? []).map(({ busId, ...failure }) => ({ ...record('failed')(busId), failure })),
    ],
    listings: o.listingFailure ? listingsOf(buildPlan(items)).map((l) => ({ ...l, pages: 1, failure: o.listingFailure })) : [],
    counters: { attempts: 0, throttled: 0, listRequests: 0, syncRequests: 0 },
  };
}

function report(records: RecordResult[], ex?: Outcomes, extra: { trigger?: Trigger; error?: string } = {}) {
  const items = records.flatMap((r) => (r.kind === 'work' ? [r.item] : []));
  return buildReport({
    trigger: extra.trigger ?? 'sqs',
    requestId: 'r',
    records,
    plan: buildPlan(items),
    execution: ex ? execution(ex, items) : undefined,
    error: extra.error,
    durationMs: 5,
  });
}

describe('buildReport', () => {
  it('is ok when everything synced or was found deleted', () => {
    const r = report([workRecord('m1', { busIds: ['b1', 'b2'] })], { synced: ['b1'], notFound: ['b2'] });
    expect(r).toMatchObject({ outcome: 'ok', synced: ['b1'], notFound: ['b2'], failedRefs: [] });
  });

  it('is partial, naming the records of failed and deferred buses', () => {
    const refs = { b1: ['m1'], b2: ['m2'], b3: ['m3'] };
    const failed = [{ busId: 'b2', status: 503, message: 'x', attempts: 4, retryable: true }];
    const r = report([workRecord('m1'), workRecord('m2'), workRecord('m3')], { synced: ['b1'], failed, deferred: ['b3'], refs });
    expect(r.outcome).toBe('partial');
    expect(r.failedRefs.sort()).toEqual(['m2', 'm3']);
  });

  it('names every record served by a failed listing of the whole project', () => {
    const records = [workRecord('timer', { everything: 'pending' }), workRecord('m', { groups: [{ groupId: 'g1', selection: 'all' }] })];
    const r = report(records, { listingFailure: { status: 500, message: 'x', attempts: 4, retryable: true } });
    expect(r.outcome).toBe('failed');
    expect(r.failedGroups).toEqual([{ groupId: '*', status: 500, message: 'x', attempts: 4, retryable: true }]);
    expect(r.failedRefs.sort()).toEqual(['m', 'timer']);
  });

  it('is rejected when nothing was valid, ignored when nothing was asked, with issues', () => {
    const rejected: RecordResult = { kind: 'rejected', ref: 'm9', issues: [{ path: 'busIds.0', message: 'bad' }] };
    expect(report([rejected])).toMatchObject({ outcome: 'rejected', failedRefs: ['m9'], error: { issues: [{ path: 'busIds.0' }] } });
    expect(report([{ kind: 'ignored', ref: 'x', reason: 'y' }]).outcome).toBe('ignored');
  });

  it('is partial when one record of a batch was malformed and the rest went well', () => {
    const r = report([workRecord('m1', { busIds: ['b1'] }), { kind: 'rejected', ref: 'm2', issues: [] }], { synced: ['b1'] });
    expect(r).toMatchObject({ outcome: 'partial', failedRefs: ['m2'] });
  });

  it('fails every work record on an error before the work', () => {
    const r = report([workRecord('m1'), workRecord('m2')], undefined, { error: 'no credentials' });
    expect(r).toMatchObject({ outcome: 'failed', error: { message: 'no credentials' } });
    // No empty `issues` list: a configuration error has none, and `issues: []` would read as "nothing wrong".
    expect(r.error).not.toHaveProperty('issues');
    expect(r.failedRefs).toEqual(['m1', 'm2']);
  });

  it('marks a report as a dry run only when every record asked for one', () => {
    expect(report([workRecord('a', { dryRun: true })], { planned: ['b'] }).dryRun).toBe(true);
    expect(report([workRecord('a', { dryRun: true }), workRecord('b')], { planned: ['b'] }).dryRun).toBe(false);
  });
});

describe('retryAdvised', () => {
  const transient = { failed: [{ busId: 'b', status: 503, message: 'x', attempts: 4, retryable: true }] };
  const permanent = { failed: [{ busId: 'b', status: 403, message: 'x', attempts: 1, retryable: false }] };

  it('advises a retry on async triggers for transient failures, deferrals and early errors', () => {
    expect(retryAdvised(report([workRecord('a')], transient, { trigger: 'cts' }))).toBe(true);
    expect(retryAdvised(report([workRecord('a')], { deferred: ['b'] }, { trigger: 'cloudevents' }))).toBe(true);
    expect(retryAdvised(report([workRecord('a')], undefined, { trigger: 'eventbridge', error: 'no credentials' }), true)).toBe(true);
  });

  it('advises a retry after a failure before the work even when another record of the batch was malformed', () => {
    const records: RecordResult[] = [workRecord('a'), { kind: 'rejected', ref: 'b', issues: [{ path: 'events.1', message: 'bad' }] }];
    expect(retryAdvised(report(records, undefined, { trigger: 'cloudevents', error: 'IOTDA_REGION: …' }), true)).toBe(true);
  });

  it('never for 403/404, rejected input, or synchronous triggers', () => {
    expect(retryAdvised(report([workRecord('a')], permanent, { trigger: 'cts' }))).toBe(false);
    expect(retryAdvised(report([{ kind: 'rejected', ref: 'x', issues: [] }], undefined, { trigger: 'cts' }))).toBe(false);
    expect(retryAdvised(report([workRecord('a')], transient, { trigger: 'timer' }))).toBe(false);
    expect(retryAdvised(report([workRecord('a')], transient, { trigger: 'manual' }))).toBe(false);
  });
});
