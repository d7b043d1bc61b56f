import { describe, expect, it } from 'vitest';
import type { Execution } from '../../src/engine/execute';
import type { RecordResult, Trigger } from '../../src/events';
import { type FeedRun, feedRef } from '../../src/feed';
import { buildPlan, listingsOf } from '../../src/plan';
import { buildReport, retryAdvised } from '../../src/report';
import type { BusOutcome, Failure, WorkItem } from '../../src/types';
import type { Verification } from '../../src/verify';

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

describe('buildReport: the change feed and verification', () => {
  const G1 = 'a9866526-a8a1-9971-8c46-5fabfc2797f0';
  const G2 = 'a6d47a5b-9e24-f668-564d-60abb0864889';
  const run = (over: Partial<FeedRun> = {}): FeedRun => ({
    ref: 'tick',
    dryRun: false,
    from: Date.parse('2026-11-28T10:00:00Z'),
    to: Date.parse('2026-11-28T10:30:00Z'),
    pages: 1,
    requests: 1,
    traces: 3,
    groups: [G1, G2],
    ignored: 1,
    unreadable: [],
    ...over,
  });
  const groupItem = (owner: string, groupId: string): WorkItem => ({
    ref: feedRef(owner, groupId),
    busIds: [],
    groups: [{ groupId, selection: 'all' }],
    dryRun: false,
  });

  function feedReport(records: RecordResult[], feeds: FeedRun[], ex: Outcomes, trigger: Trigger = 'timer', verification?: Verification) {
    const items = [
      ...records.flatMap((r) => (r.kind === 'work' ? [r.item] : [])),
      ...feeds.flatMap((f) => f.groups.map((g) => groupItem(f.ref, g))),
    ];
    return buildReport({
      trigger,
      requestId: 'r',
      records,
      plan: buildPlan(items),
      execution: execution(ex, items),
      feeds,
      verification,
      durationMs: 5,
    });
  }

  it('says what the feed found and resynced, and maps a changed group’s failures back to the record that asked', () => {
    // Prepare: b2 of G2 failed; b1 of G1 synced, as did the reconcile's own b3.
    const refs = { b1: [feedRef('tick', G1)], b2: [feedRef('tick', G2)], b3: ['tick'] };
    const failure = { status: 503, message: 'busy', attempts: 4, retryable: true };
    // Act
    const r = feedReport([workRecord('tick', { everything: 'pending' })], [run()], {
      synced: ['b1', 'b3'],
      failed: [{ busId: 'b2', ...failure }],
      refs,
    });
    // Assess
    expect(r).toMatchObject({ outcome: 'partial', failedRefs: ['tick'], failedFeeds: [] });
    expect(r.feeds).toEqual([
      {
        ref: 'tick',
        from: '2026-11-28T10:00:00.000Z',
        to: '2026-11-28T10:30:00.000Z',
        pages: 1,
        traces: 3,
        groupsChanged: [G1, G2],
        groupsResynced: [G1],
        ignored: 1,
        unreadable: [],
      },
    ]);
  });

  it('a failed feed is partial beside a reconcile that synced, and failed for a changes request alone', () => {
    const failure = { status: 403, errorCode: 'CTS.0013', message: 'No permission', attempts: 1, retryable: false };
    const withReconcile = feedReport([workRecord('tick', { everything: 'pending' })], [run({ groups: [], failure })], {
      synced: ['b3'],
      refs: { b3: ['tick'] },
    });
    expect(withReconcile).toMatchObject({ outcome: 'partial', failedRefs: ['tick'], failedFeeds: [{ ref: 'tick', ...failure }] });
    const alone = feedReport([workRecord('manual', { changes: {} })], [run({ ref: 'manual', groups: [], failure })], {}, 'manual');
    expect(alone).toMatchObject({ outcome: 'failed', failedRefs: ['manual'] });
  });

  it('advises a platform retry for a transient feed failure on an asynchronous trigger only', () => {
    const failure = { status: 503, message: 'busy', attempts: 4, retryable: true };
    const records = [workRecord('evt', { changes: {} })];
    expect(retryAdvised(feedReport(records, [run({ ref: 'evt', groups: [], failure })], {}, 'eventbridge'))).toBe(true);
    expect(
      retryAdvised(feedReport(records, [run({ ref: 'evt', groups: [], failure: { ...failure, retryable: false } })], {}, 'eventbridge')),
    ).toBe(false);
    expect(retryAdvised(feedReport(records, [run({ ref: 'evt', groups: [], failure })], {}, 'schedule'))).toBe(false);
  });

  it('an unreadable trace is a problem of its record; verification adds confirmed and unconfirmed', () => {
    const verification = { confirmed: ['b1'], unconfirmed: ['b3'], rounds: 2, requests: 3 };
    const r = feedReport(
      [workRecord('tick', { everything: 'pending' })],
      [run({ groups: [], unreadable: ['t9'] })],
      { synced: ['b1', 'b3'], refs: { b1: ['tick'], b3: ['tick'] } },
      'timer',
      verification,
    );
    expect(r).toMatchObject({ outcome: 'partial', failedRefs: ['tick'], confirmed: ['b1'], unconfirmed: ['b3'] });
  });

  it('leaves the report as it was when no feed ran and nothing was verified', () => {
    const r = report([workRecord('m1', { busIds: ['b1'] })], { synced: ['b1'] });
    expect(Object.keys(r)).not.toContain('feeds');
    expect(Object.keys(r)).not.toContain('confirmed');
  });
});
