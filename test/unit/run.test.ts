import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/engine/deadline';
import { type Execution, executePlan, MAX_QUEUED_SYNCS } from '../../src/engine/execute';
import { Pacer } from '../../src/engine/pacer';
import { StandardRetryStrategy } from '../../src/engine/retry-strategy';
import { ApiError } from '../../src/errors';
import type { SoftBusPage } from '../../src/iotda/client';
import { Logger } from '../../src/logger';
import { buildPlan, type Plan } from '../../src/plan';
import type { BusOutcome, SoftBus, WorkItem } from '../../src/types';

const bus = (id: string, group: string, status = 'ToBeSynchronized'): SoftBus => ({ bus_id: id, group_id: group, status });
const item = (ref: string, over: Partial<WorkItem>): WorkItem => ({ ref, busIds: [], groups: [], dryRun: false, ...over });

/** A scripted IoTDA client: pages per group key, sync outcomes per bus, and what it was asked. */
function fakeClient(pages: Record<string, SoftBusPage[]>, syncFailures: Record<string, ApiError> = {}) {
  const calls: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const track = async <T>(label: string, run: () => T): Promise<T> => {
    calls.push(label);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight--;
    return run();
  };
  return {
    calls,
    maxInFlight: () => maxInFlight,
    listSoftBuses: (query: { groupId?: string; marker?: string }) =>
      track(`list ${query.groupId ?? '*'} ${query.marker ?? '-'}`, () => {
        const key = query.groupId ?? '*';
        const index = query.marker ? Number(query.marker.split(':')[1]) : 0;
        const page = pages[key]?.[index];
        if (!page) throw new ApiError('HTTP 500', { status: 500, kind: 'http' });
        return page;
      }),
    syncSoftBus: (busId: string) =>
      track(`sync ${busId}`, () => {
        const failure = syncFailures[busId];
        if (failure) throw failure;
      }),
  };
}

const fullPage = (group: string, prefix: string, next: string): SoftBusPage => ({
  buses: Array.from({ length: 50 }, (_, i) => bus(`${prefix}${String(i).padStart(2, '0')}`, group)),
  marker: next,
});

function deps(client: ReturnType<typeof fakeClient>, concurrency = 4) {
  return {
    client,
    limiter: new Pacer({ maxRps: 1000 }),
    strategy: new StandardRetryStrategy({ maxAttempts: 2, random: () => 0 }),
    deadline: new Deadline(Date.now() + 10_000),
    requestTimeoutMs: 1000,
    concurrency,
    log: new Logger({}, 'error', () => {}),
  };
}

/** The execution's per-bus and per-listing records, seen as lists by outcome. */
function view(ex: Execution) {
  const buses = [...ex.buses];
  const ids = (outcome: BusOutcome) => buses.filter((b) => b.outcome === outcome).map((b) => b.busId);
  return {
    synced: ids('synced'),
    planned: ids('planned'),
    notFound: ids('notFound'),
    deferred: ids('deferred'),
    failed: buses.filter((b) => b.outcome === 'failed').map((b) => ({ busId: b.busId, ...b.failure })),
    failedGroups: ex.listings.filter((l) => l.failure).map((l) => ({ groupId: l.groupId ?? '*', ...l.failure })),
    warnings: ex.listings.flatMap((l) => (l.warning ? [{ groupId: l.groupId ?? '*', warning: l.warning }] : [])),
    refs: (busId: string) => [...(buses.find((b) => b.busId === busId)?.refs ?? [])].sort(),
    counters: ex.counters,
  };
}

const execute = async (plan: Plan, parts: ReturnType<typeof deps>) => view(await executePlan(plan, parts));

describe('executePlan', () => {
  it('follows every page and syncs each bus once, even when two records and a direct ID name it', async () => {
    // Prepare: group g has 51 buses over two pages; bus a00 is also named directly.
    const client = fakeClient({ g: [fullPage('g', 'a', 'g:1'), { buses: [bus('b00', 'g')], marker: 'g:2' }] });
    const plan = buildPlan([
      item('m1', { groups: [{ groupId: 'g', selection: 'all' }] }),
      item('m2', { groups: [{ groupId: 'g', selection: 'all' }], busIds: ['a00'] }),
    ]);
    // Act
    const ex = await execute(plan, deps(client));
    // Assess
    expect(ex.synced).toHaveLength(51);
    expect(client.calls.filter((c) => c.startsWith('list'))).toEqual(['list g -', 'list g g:1']);
    expect(client.calls.filter((c) => c === 'sync a00')).toHaveLength(1);
    expect(ex.refs('a00')).toEqual(['m1', 'm2']);
  });

  it('keeps the refs of each bus apart though buses of one listing share a set (a merge copies it)', async () => {
    // Prepare: g lists x and y for m1 (one shared set); m2 names y directly and its listing comes second.
    const client = fakeClient({ g: [{ buses: [bus('x', 'g'), bus('y', 'g')], marker: 'g:1' }] });
    const plan = buildPlan([item('m1', { groups: [{ groupId: 'g', selection: 'all' }] }), item('m2', { busIds: ['y'] })]);
    // Act
    const ex = await execute(plan, deps(client));
    // Assess
    expect(ex.refs('x')).toEqual(['m1']);
    expect(ex.refs('y')).toEqual(['m1', 'm2']);
  });

  it('stops after the page that reaches the count the first page announced (no empty last page)', async () => {
    const client = fakeClient({
      g: [
        { ...fullPage('g', 'a', 'g:1'), count: 50 },
        { buses: [], marker: 'g:2' },
      ],
    });
    const ex = await execute(buildPlan([item('m', { groups: [{ groupId: 'g', selection: 'all' }] })]), deps(client));
    expect(client.calls.filter((c) => c.startsWith('list'))).toEqual(['list g -']);
    expect(ex.synced).toHaveLength(50);
  });

  it('stops paging when the service leads back to a marker it gave before', async () => {
    // Prepare: g:1 → g:2 → g:1 would page forever.
    const client = fakeClient({ g: [fullPage('g', 'a', 'g:1'), fullPage('g', 'b', 'g:2'), fullPage('g', 'c', 'g:1')] });
    // Act
    const ex = await execute(buildPlan([item('m', { groups: [{ groupId: 'g', selection: 'all' }] })]), deps(client));
    // Assess
    expect(client.calls.filter((c) => c.startsWith('list'))).toEqual(['list g -', 'list g g:1', 'list g g:2']);
    expect(ex.synced).toHaveLength(150);
  });

  it('reports a listing that keeps failing, after its attempts, and carries on with the rest', async () => {
    const client = fakeClient({ ok: [{ buses: [bus('c1', 'ok')], marker: 'x' }] });
    const plan = buildPlan([
      item('m', {
        groups: [
          { groupId: 'ok', selection: 'all' },
          { groupId: 'broken', selection: 'all' },
        ],
      }),
    ]);
    const ex = await execute(plan, deps(client));
    expect(ex.synced).toEqual(['c1']);
    expect(ex.failedGroups).toEqual([
      { groupId: 'broken', status: 500, errorCode: undefined, message: 'HTTP 500', attempts: 2, retryable: true },
    ]);
  });

  it('sorts outcomes: 404 is not found, 403 fails at once', async () => {
    const client = fakeClient(
      {},
      {
        gone: new ApiError('not found', { status: 404, kind: 'http' }),
        denied: new ApiError('Forbidden', { status: 403, kind: 'http', errorCode: 'X' }),
      },
    );
    const ex = await execute(buildPlan([item('m', { busIds: ['ok', 'gone', 'denied'] })]), deps(client));
    expect(ex).toMatchObject({
      synced: ['ok'],
      notFound: ['gone'],
      failed: [{ busId: 'denied', status: 403, attempts: 1, retryable: false }],
    });
  });

  it('does not let listing run ahead of the syncs by more than MAX_QUEUED_SYNCS buses', async () => {
    // Prepare: one listing of 14 full pages (700 buses), two workers.
    const pages = Array.from({ length: 14 }, (_, p) => fullPage('g', `p${String(p).padStart(2, '0')}`, `g:${p + 1}`));
    const client = fakeClient({ g: pages });
    // Act
    const ex = await execute(buildPlan([item('m', { groups: [{ groupId: 'g', selection: 'all' }] })]), deps(client, 2));
    // Assess: at every list call, the buses found but not yet synced stay bounded.
    let listed = 0;
    let synced = 0;
    let maxAhead = 0;
    for (const call of client.calls) {
      if (call.startsWith('list')) {
        maxAhead = Math.max(maxAhead, listed - synced);
        listed += 50;
      } else synced++;
    }
    expect(ex.synced).toHaveLength(700);
    // A page is taken while fewer than MAX_QUEUED_SYNCS wait, so one page may overshoot.
    expect(maxAhead).toBeLessThanOrEqual(MAX_QUEUED_SYNCS + 50);
    expect(maxAhead).toBeGreaterThan(MAX_QUEUED_SYNCS - 50);
  });

  it('syncs a bus that a dry-run record named, when a real record of the batch reaches it through a listing', async () => {
    // Prepare: the dry-run bus is queued (and planned) before the listing finds it for the real record.
    const client = fakeClient({ g: [{ buses: [bus('a00', 'g'), bus('a01', 'g')], marker: 'x' }] });
    const plan = buildPlan([
      item('dry', { busIds: ['a00'], dryRun: true }),
      item('real', { groups: [{ groupId: 'g', selection: 'all' }] }),
    ]);
    // Act
    const ex = await execute(plan, deps(client));
    // Assess
    expect(ex.synced.sort()).toEqual(['a00', 'a01']);
    expect(ex.planned).toEqual([]);
  });

  it('keeps a bus planned when only dry-run records want it', async () => {
    const client = fakeClient({ g: [{ buses: [bus('a00', 'g')], marker: 'x' }] });
    const plan = buildPlan([
      item('d1', { busIds: ['a00'], dryRun: true }),
      item('d2', { groups: [{ groupId: 'g', selection: 'all' }], dryRun: true }),
    ]);
    const ex = await execute(plan, deps(client));
    expect(ex).toMatchObject({ planned: ['a00'], synced: [] });
    expect(client.calls.filter((c) => c.startsWith('sync'))).toEqual([]);
  });

  it('reports a listing whose full page has no next marker while the count says more are left', async () => {
    const client = fakeClient({ g: [{ ...fullPage('g', 'a', ''), marker: undefined, count: 53 }] });
    const ex = await execute(buildPlan([item('m', { groups: [{ groupId: 'g', selection: 'all' }] })]), deps(client));
    expect(ex.synced).toHaveLength(50);
    expect(ex.failedGroups).toEqual([
      {
        groupId: 'g',
        message: 'paging stopped after 50 of 53 entries: a full page without a new usable marker',
        attempts: 1,
        retryable: false,
      },
    ]);
  });

  it("a group listing trusts the service filter: buses without group_id or with another are the group's", async () => {
    // Prepare: the answer for g carries no group_id, another group's ID, and g's
    const client = fakeClient({ g: [{ buses: [{ bus_id: 'a1' }, bus('a2', 'other'), bus('a3', 'g')], count: 3 }] });
    // Act
    const ex = await execute(buildPlan([item('m', { groups: [{ groupId: 'g', selection: 'all' }] })]), deps(client));
    // Assess
    expect(ex.synced.sort()).toEqual(['a1', 'a2', 'a3']);
    expect(ex.warnings).toEqual([]);
  });

  it('never queues invalid entries; a listing of nothing but them ends with a warning, not a silent ok', async () => {
    const invalid = { count: 2, samples: ['bus_id "zz…"', 'an entry without bus_id'] };
    const client = fakeClient({ g: [{ buses: [], invalid, count: 2 }] });
    const ex = await execute(buildPlan([item('m', { groups: [{ groupId: 'g', selection: 'all' }] })]), deps(client));
    expect(client.calls.filter((c) => c.startsWith('sync'))).toEqual([]);
    expect(ex.failedGroups).toEqual([]);
    expect(ex.warnings).toEqual([
      {
        groupId: 'g',
        warning:
          '2 entries without a valid soft bus ID were ignored (none of the listing was taken), e.g. bus_id "zz…"; an entry without bus_id',
      },
    ]);
  });

  it('fails a listing after 3 full pages in a row with no valid bus (fresh markers, a huge count)', async () => {
    const junk = (i: number): SoftBusPage => ({ buses: [], invalid: { count: 50, samples: ['x'] }, marker: `g:${i + 1}`, count: 1e9 });
    const client = fakeClient({ g: Array.from({ length: 100 }, (_, i) => junk(i)) });
    const ex = await execute(buildPlan([item('m', { groups: [{ groupId: 'g', selection: 'all' }] })]), deps(client));
    expect(client.calls.filter((c) => c.startsWith('list'))).toHaveLength(3);
    expect(ex.failedGroups).toMatchObject([
      { groupId: 'g', message: '3 pages in a row held no valid soft bus ID: not a soft bus listing', retryable: false },
    ]);
    expect(ex.warnings[0]?.warning).toMatch(
      /^150 entries without a valid soft bus ID were ignored \(none of the listing was taken\), e\.g\. x/,
    );
  });

  it('a full page whose count is 0 (or below what was listed) pages on by the marker, with a warning', async () => {
    const client = fakeClient({
      g: [
        { ...fullPage('g', 'a', 'g:1'), count: 0 },
        { buses: [bus('b00', 'g')], marker: 'g:2', count: 0 },
      ],
    });
    const ex = await execute(buildPlan([item('m', { groups: [{ groupId: 'g', selection: 'all' }] })]), deps(client));
    expect(client.calls.filter((c) => c.startsWith('list'))).toEqual(['list g -', 'list g g:1']);
    expect(ex.synced).toHaveLength(51);
    expect(ex.warnings).toEqual([{ groupId: 'g', warning: 'page.count 0 is below the 50 entries listed: ignored' }]);
  });

  it('never has more requests in flight than the concurrency', async () => {
    const client = fakeClient({});
    const ids = Array.from({ length: 40 }, (_, i) => `b${i}`);
    await execute(buildPlan([item('m', { busIds: ids })]), deps(client, 3));
    expect(client.maxInFlight()).toBe(3);
  });

  it('defers what the deadline leaves no time for, without calling', async () => {
    const client = fakeClient({});
    const ex = await execute(buildPlan([item('m', { busIds: ['a', 'b'] })]), {
      ...deps(client),
      deadline: new Deadline(Date.now() + 50),
    });
    expect(ex.deferred.sort()).toEqual(['a', 'b']);
    expect(client.calls).toEqual([]);
  });
});
