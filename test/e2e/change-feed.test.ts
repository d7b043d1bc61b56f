/**
 * The change feed through both built bundles against the emulator: a timer (FunctionGraph) or scheduled
 * rule (Lambda) with SYNC_CHANGE_FEED=cts reads CTS's device-group traces of the look-back window and
 * resyncs the changed groups alongside the pending reconcile; paging, a CTS without rights, the window's
 * edges, and the manual `changes` request.
 */
import { describe, expect, it } from 'vitest';
import { DEMO, type Emulator } from '../../emulator';
import { busesOf, mustReport, PLATFORMS, type Platform, sorted, useE2E } from '../support/e2e';
import { feedOn, GROUP, minutesAgo, TICK_REF, tickOf } from '../support/feed';

const e2e = useE2E();

/** The sync calls the emulator answered, and whether any bus got two. */
function syncs(em: Emulator) {
  const ids = em.calls.filter((c) => c.route === 'sync' && c.status === 200).map((c) => c.busId ?? '');
  return { ids: sorted(new Set(ids)), total: ids.length };
}

/** The listings made: the group_id filter of each list call (undefined: the whole project), one per page. */
const listings = (em: Emulator) => em.calls.filter((c) => c.route === 'list').map((c) => c.query.group_id);

describe.each(PLATFORMS)('change feed on the %s bundle', (platform: Platform) => {
  it('resyncs exactly the groups of successful, non-delete traces in the window, once each, with the pending reconcile', async () => {
    // Prepare: three changed groups (one named twice, one only through request.group_id), and traces that
    // must change nothing: a deletion, a failed call, another service, one before the window.
    const em = await e2e.setUp();
    feedOn(em);
    em.addTrace({ resource_id: GROUP.kidsRoom, time: minutesAgo(5) });
    em.addTrace({ resource_id: GROUP.kidsRoom, time: minutesAgo(3), code: 200 });
    em.addTrace({ resource_id: GROUP.robots, trace_name: 'updateDeviceGroup', time: minutesAgo(10) });
    em.addTrace({
      resource_id: {},
      request: JSON.stringify({ group_id: GROUP.library }),
      trace_name: 'addDeviceGroup',
      time: minutesAgo(2),
    });
    em.addTrace({ resource_id: GROUP.warehouse, trace_name: 'deleteDeviceGroup', time: minutesAgo(4) });
    em.addTrace({ resource_id: GROUP.warehouse, code: '403', trace_rating: 'warning', time: minutesAgo(6) });
    em.addTrace({ resource_id: GROUP.warehouse, service_type: 'ECS', time: minutesAgo(7) });
    em.addTrace({ resource_id: GROUP.livingRoom, time: minutesAgo(31) });
    const changed = [GROUP.kidsRoom, GROUP.robots, GROUP.library];
    const expected = sorted(new Set([...busesOf(em, { pendingOnly: true }), ...changed.flatMap((groupId) => busesOf(em, { groupId }))]));
    // Act
    const answer = await e2e.invoke(platform, tickOf(platform));
    // Assess: every pending bus and every bus of the changed groups, once; one listing serves them all.
    const report = mustReport(answer);
    expect(report.outcome).toBe('ok');
    expect(syncs(em)).toEqual({ ids: expected, total: expected.length });
    expect(sorted(report.synced)).toEqual(expected);
    expect(listings(em)).toEqual([undefined, undefined]); // the 68 buses of the project: two pages
    expect(sorted(report.groups)).toEqual(sorted(changed));
    expect(report.feeds).toHaveLength(1);
    const feed = report.feeds?.[0];
    expect(feed).toMatchObject({ ref: TICK_REF[platform], pages: 1, traces: 7, ignored: 3, unreadable: [] });
    expect(sorted(feed?.groupsChanged ?? [])).toEqual(sorted(changed));
    expect(sorted(feed?.groupsResynced ?? [])).toEqual(sorted(changed));
    expect(report.failedFeeds).toEqual([]);
    expect(Date.parse(feed?.to ?? '') - Date.parse(feed?.from ?? '')).toBe(30 * 60_000);
    // The CTS query: the window, the device-group filter, plain signing.
    const [query] = em.calls.filter((c) => c.route === 'traces');
    expect(query).toMatchObject({ status: 200, authMode: 'basic' });
    expect(query?.query).toMatchObject({ trace_type: 'system', resource_type: 'device-group', limit: '200' });
    const summary = e2e.logEntries().find((e) => e.message === 'invocation summary');
    expect(summary).toMatchObject({ feedTraces: 7, feedGroups: 3, feedRequests: 1, failedFeeds: 0 });
  });

  it('nothing outside the window is touched: a shorter look-back leaves an older change to the reconcile alone', async () => {
    const em = await e2e.setUp();
    feedOn(em, { SYNC_CHANGE_LOOKBACK: '5m' });
    em.addTrace({ resource_id: GROUP.kidsRoom, time: minutesAgo(6) });
    em.addTrace({ resource_id: GROUP.robots, time: minutesAgo(1) });
    const expected = sorted(new Set([...busesOf(em, { pendingOnly: true }), ...busesOf(em, { groupId: GROUP.robots })]));
    const answer = await e2e.invoke(platform, tickOf(platform));
    const report = mustReport(answer);
    expect(report.feeds?.[0]?.groupsChanged).toEqual([GROUP.robots]);
    expect(syncs(em).ids).toEqual(expected);
    for (const busId of busesOf(em, { groupId: GROUP.kidsRoom })) expect(syncs(em).ids).not.toContain(busId);
  });

  it('pages through the trace list with next = the previous marker', async () => {
    // Prepare: 450 traces: 3 pages of at most 200; the oldest names another group.
    const em = await e2e.setUp();
    feedOn(em);
    em.addTrace({ resource_id: GROUP.robots, time: minutesAgo(20) });
    for (let i = 0; i < 449; i++) em.addTrace({ resource_id: GROUP.kidsRoom, time: minutesAgo(10) + i });
    // Act
    const report = mustReport(await e2e.invoke(platform, tickOf(platform)));
    // Assess
    const calls = em.calls.filter((c) => c.route === 'traces');
    expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
    const traces = em.traces();
    expect(calls.map((c) => c.query.next)).toEqual([undefined, traces[199]?.trace_id, traces[399]?.trace_id]);
    expect(report.feeds?.[0]).toMatchObject({ pages: 3, traces: 450 });
    expect(sorted(report.feeds?.[0]?.groupsResynced ?? [])).toEqual(sorted([GROUP.kidsRoom, GROUP.robots]));
  });

  it('a CTS that refuses the key (403): the feed fails in the report and the logs, the reconcile completes', async () => {
    // Prepare: the keys this platform signs with have no CTS rights.
    const em = await e2e.setUp({ cts: { deniedAccessKeys: [DEMO.temporary.ak, DEMO.permanent.ak] } });
    feedOn(em);
    em.addTrace({ resource_id: GROUP.kidsRoom, time: minutesAgo(3) });
    const pending = busesOf(em, { pendingOnly: true });
    // Act
    const answer = await e2e.invoke(platform, tickOf(platform));
    // Assess
    expect(answer.error).toBeUndefined();
    const report = mustReport(answer);
    expect(report.outcome).toBe('partial');
    expect(sorted(report.synced)).toEqual(pending);
    expect(report.failedFeeds).toEqual([
      {
        ref: TICK_REF[platform],
        status: 403,
        errorCode: 'CTS.0013',
        message: 'No permission, Please check roles.',
        attempts: 1,
        retryable: false,
      },
    ]);
    expect(report.failedRefs).toEqual([TICK_REF[platform]]);
    const failed = e2e.logEntries().find((e) => e.message === 'change feed failed');
    expect(failed).toMatchObject({ level: 'error', status: 403, errorCode: 'CTS.0013', retryable: false });
    expect(e2e.logEntries().find((e) => e.message === 'invocation summary')).toMatchObject({ outcome: 'partial', failedFeeds: 1 });
  });

  it('the feed is off by default: a tick makes no CTS call', async () => {
    const em = await e2e.setUp();
    em.addTrace({ resource_id: GROUP.kidsRoom, time: minutesAgo(3) });
    const report = mustReport(await e2e.invoke(platform, tickOf(platform)));
    expect(em.calls.filter((c) => c.route === 'traces')).toEqual([]);
    expect(report.feeds).toBeUndefined();
  });
});

describe.each(PLATFORMS)('the manual changes request on the %s bundle', (platform: Platform) => {
  it('a dry run plans the changed groups since the given time, the feed being off for timers', async () => {
    const em = await e2e.setUp();
    em.addTrace({ resource_id: GROUP.kidsRoom, time: minutesAgo(90) });
    em.addTrace({ resource_id: GROUP.robots, time: minutesAgo(200) });
    const since = new Date(minutesAgo(120)).toISOString();
    const report = mustReport(await e2e.invoke(platform, { kind: 'changes', since, dryRun: true }));
    expect(report).toMatchObject({ outcome: 'ok', dryRun: true, synced: [], groups: [GROUP.kidsRoom] });
    expect(sorted(report.planned)).toEqual(busesOf(em, { groupId: GROUP.kidsRoom }));
    expect(report.feeds?.[0]).toMatchObject({ ref: 'manual', from: since, groupsChanged: [GROUP.kidsRoom] });
    expect(em.calls.filter((c) => c.route === 'sync')).toEqual([]);
  });

  it('rejects a since more than 7 days back, naming the field', async () => {
    await e2e.setUp();
    const since = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    const report = mustReport(await e2e.invoke(platform, { kind: 'changes', since }));
    expect(report.outcome).toBe('rejected');
    expect(report.error?.issues).toEqual([{ path: 'since', message: 'must be at most 7 days back (CTS keeps traces seven days)' }]);
  });
});
