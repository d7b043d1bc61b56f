/**
 * Every trigger kind through both built bundles against the emulator: the sample events of events/,
 * variants of each shape, and batches (SQS, EventGrid) that name the same group or bus several times.
 */
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator';
import {
  type Answer,
  batchItemFailures,
  busesOf,
  cloudEvent,
  groupTrace,
  mustReport,
  PLATFORMS,
  type Platform,
  reportOf,
  sorted,
  sqsRecord,
  useE2E,
} from '../support/e2e';
import { SAMPLE_BUS, SAMPLE_GROUP, SAMPLE_GROUP_2, sampleEvent } from '../support/events';

const e2e = useE2E();

/** A third group of the sample fleet (4 buses), and one of its buses. */
const OTHER_GROUP = 'c4669c94-801c-22ab-83a2-fb39457765e5';

interface Expected {
  trigger: string;
  outcome: string;
  /** The buses that must be synced, exactly once each. */
  synced: (em: Emulator) => string[];
  /** Dry runs: the buses planned. */
  planned?: (em: Emulator) => string[];
  /** The group_id filters of the listings (undefined = the whole project), one listing each. */
  listings: Array<string | undefined>;
}

const none = () => [];
const allPending = (em: Emulator) => busesOf(em, { pendingOnly: true });

/** What each sample event must do, whichever bundle runs it. */
const SAMPLES: Record<string, Expected> = {
  'functiongraph-cts-manage-devices': {
    trigger: 'cts',
    outcome: 'ok',
    synced: (em) => busesOf(em, { groupId: SAMPLE_GROUP }),
    listings: [SAMPLE_GROUP],
  },
  'functiongraph-timer': { trigger: 'timer', outcome: 'ok', synced: allPending, listings: [undefined] },
  'eventgrid-cloudevents-batch': {
    trigger: 'cloudevents',
    outcome: 'ok',
    synced: (em) => sorted(new Set([...busesOf(em, { groupId: SAMPLE_GROUP_2 }), SAMPLE_BUS])),
    listings: [SAMPLE_GROUP_2],
  },
  'iotda-push-device-status': { trigger: 'iotda-push', outcome: 'ignored', synced: none, listings: [] },
  'lambda-eventbridge-resync': {
    trigger: 'eventbridge',
    outcome: 'ok',
    synced: (em) => busesOf(em, { groupId: SAMPLE_GROUP_2 }),
    listings: [SAMPLE_GROUP_2],
  },
  'lambda-scheduled': { trigger: 'schedule', outcome: 'ok', synced: allPending, listings: [undefined] },
  'lambda-sqs-batch': { trigger: 'sqs', outcome: 'ok', synced: (em) => busesOf(em, { groupId: SAMPLE_GROUP }), listings: [SAMPLE_GROUP] },
  'manual-changes-dry-run': { trigger: 'manual', outcome: 'ok', synced: none, planned: none, listings: [] },
  'manual-reconcile-dry-run': { trigger: 'manual', outcome: 'ok', synced: none, planned: (em) => busesOf(em), listings: [undefined] },
  'manual-resync': {
    trigger: 'manual',
    outcome: 'ok',
    synced: (em) => sorted(new Set([...busesOf(em, { groupId: SAMPLE_GROUP }), SAMPLE_BUS])),
    listings: [SAMPLE_GROUP],
  },
};

/** The buses synced according to the emulator (successful sync calls), and how many calls each got. */
function syncCalls(em: Emulator) {
  const syncs = em.calls.filter((c) => c.route === 'sync');
  return { ids: sorted(new Set(syncs.map((c) => c.busId ?? ''))), total: syncs.length, ok: syncs.every((c) => c.status === 200) };
}

/** Each listing's pages: every (group filter, marker) pair must be asked exactly once. */
function listingPages(em: Emulator) {
  const lists = em.calls.filter((c) => c.route === 'list');
  const keys = lists.map((c) => `${c.query.group_id ?? '*'}@${c.query.marker ?? 'first'}`);
  return {
    keys,
    distinct: new Set(keys).size,
    firstPages: sorted(lists.filter((c) => c.query.marker === undefined).map((c) => c.query.group_id ?? '*')),
  };
}

/** Expected number of list pages of a listing (limit 50; a full last page needs one more, empty, page). */
function pagesOf(em: Emulator, groupId: string | undefined): number {
  return Math.floor(busesOf(em, groupId ? { groupId } : {}).length / 50) + 1;
}

describe.each(PLATFORMS)('%s bundle: the sample events', (platform: Platform) => {
  it.each(Object.keys(SAMPLES))('%s', async (name) => {
    // Prepare
    const expected = SAMPLES[name]!;
    const em = await e2e.setUp();
    const wantSynced = expected.synced(em);
    const wantPlanned = expected.planned?.(em) ?? [];
    const wantPages = expected.listings.reduce((n, g) => n + pagesOf(em, g), 0);
    // Act
    const answer = await e2e.invoke(platform, sampleEvent(name));
    // Assess: nothing thrown; the emulator saw one sync per bus and each page once.
    expect(answer.error).toBeUndefined();
    const syncs = syncCalls(em);
    expect(syncs.ids).toEqual(wantSynced);
    expect(syncs.total).toBe(wantSynced.length);
    expect(syncs.ok).toBe(true);
    const pages = listingPages(em);
    expect(pages.firstPages).toEqual(sorted(expected.listings.map((g) => g ?? '*')));
    expect(pages.keys).toHaveLength(wantPages);
    expect(pages.distinct).toBe(wantPages);
    if (platform === 'lambda' && expected.trigger === 'sqs') {
      expect(batchItemFailures(answer)).toEqual([]);
      return;
    }
    const report = mustReport(answer);
    expect(report).toMatchObject({
      trigger: expected.trigger,
      outcome: expected.outcome,
      failed: [],
      failedGroups: [],
      deferred: [],
      notFound: [],
      failedRefs: [],
    });
    expect(sorted(report.synced)).toEqual(wantSynced);
    expect(sorted(report.planned)).toEqual(wantPlanned);
  });
});

describe.each(PLATFORMS)('%s bundle: variants of each shape', (platform: Platform) => {
  const cases: Array<{ name: string; event: unknown; trigger: string; outcome: string; synced: (em: Emulator) => string[] }> = [
    {
      name: 'CTS updateDeviceGroup, request and response as JSON strings',
      event: { cts: { ...groupTrace(SAMPLE_GROUP_2, 'updateDeviceGroup'), request: '{"name":"x"}', response: '{}' } },
      trigger: 'cts',
      outcome: 'ok',
      synced: (em) => busesOf(em, { groupId: SAMPLE_GROUP_2 }),
    },
    {
      name: 'CTS addDeviceGroup, group only in request.group_id',
      event: { cts: { ...groupTrace(SAMPLE_GROUP_2, 'addDeviceGroup'), resource_id: null, request: { group_id: SAMPLE_GROUP_2 } } },
      trigger: 'cts',
      outcome: 'ok',
      synced: (em) => busesOf(em, { groupId: SAMPLE_GROUP_2 }),
    },
    {
      name: 'CTS deleteDeviceGroup is ignored',
      event: { cts: groupTrace(SAMPLE_GROUP, 'deleteDeviceGroup') },
      trigger: 'cts',
      outcome: 'ignored',
      synced: none,
    },
    {
      name: 'CTS of a failed call (code 403) is ignored',
      event: { cts: { ...groupTrace(SAMPLE_GROUP), code: 403 } },
      trigger: 'cts',
      outcome: 'ignored',
      synced: none,
    },
    {
      name: 'CTS of another service is ignored',
      event: { cts: { ...groupTrace(SAMPLE_GROUP), service_type: 'FunctionGraph', resource_type: 'graph' } },
      trigger: 'cts',
      outcome: 'ignored',
      synced: none,
    },
    {
      name: 'a single CloudEvent (no batch), data as JSON text',
      event: cloudEvent('ce-1', JSON.stringify(groupTrace(SAMPLE_GROUP_2))),
      trigger: 'cloudevents',
      outcome: 'ok',
      synced: (em) => busesOf(em, { groupId: SAMPLE_GROUP_2 }),
    },
    {
      name: 'a CloudEvent whose data wraps {"cts": …}',
      event: { events: [cloudEvent('ce-2', { cts: groupTrace(OTHER_GROUP) })] },
      trigger: 'cloudevents',
      outcome: 'ok',
      synced: (em) => busesOf(em, { groupId: OTHER_GROUP }),
    },
    {
      name: 'a timer with plain-text additional information: pending buses',
      event: { trigger_type: 'TIMER', trigger_name: 't', user_event: 'timer triggered event' },
      trigger: 'timer',
      outcome: 'ok',
      synced: allPending,
    },
    {
      name: 'a timer with scope all on given groups',
      event: { trigger_type: 'TIMER', user_event: JSON.stringify({ scope: 'all', groupIds: [SAMPLE_GROUP_2, OTHER_GROUP] }) },
      trigger: 'timer',
      outcome: 'ok',
      synced: (em) => sorted([...busesOf(em, { groupId: SAMPLE_GROUP_2 }), ...busesOf(em, { groupId: OTHER_GROUP })]),
    },
    {
      name: 'a scheduled rule with options in detail',
      event: { ...sampleEvent('lambda-scheduled'), detail: { scope: 'pending', groupIds: [OTHER_GROUP] } },
      trigger: 'schedule',
      outcome: 'ok',
      synced: (em) => busesOf(em, { groupId: OTHER_GROUP, pendingOnly: true }),
    },
    {
      name: 'an EventBridge event whose detail is a CTS trace',
      event: { ...sampleEvent('lambda-eventbridge-resync'), 'detail-type': 'AWS API Call via CloudTrail', detail: groupTrace(OTHER_GROUP) },
      trigger: 'eventbridge',
      outcome: 'ok',
      synced: (em) => busesOf(em, { groupId: OTHER_GROUP }),
    },
    {
      name: 'a manual request given as JSON text',
      event: JSON.stringify({ kind: 'resync', busIds: [SAMPLE_BUS] }),
      trigger: 'manual',
      outcome: 'ok',
      synced: () => [SAMPLE_BUS],
    },
    {
      name: 'a manual reconcile of pending buses in one group',
      event: { kind: 'reconcile', groupIds: [SAMPLE_GROUP] },
      trigger: 'manual',
      outcome: 'ok',
      synced: (em) => busesOf(em, { groupId: SAMPLE_GROUP, pendingOnly: true }),
    },
  ];

  it.each(cases)('$name', async ({ event, trigger, outcome, synced }) => {
    // Prepare
    const em = await e2e.setUp();
    const want = synced(em);
    // Act
    const answer = await e2e.invoke(platform, event);
    // Assess
    expect(answer.error).toBeUndefined();
    expect(mustReport(answer)).toMatchObject({ trigger, outcome, failed: [], failedGroups: [] });
    expect(sorted(mustReport(answer).synced)).toEqual(want);
    expect(syncCalls(em)).toMatchObject({ ids: want, total: want.length });
    if (outcome === 'ignored') expect(em.calls).toHaveLength(0);
  });

  it('signs with a temporary key and its token (Lambda: from the environment; FunctionGraph: the agency)', async () => {
    const em = await e2e.setUp({ acceptedSignatures: 'derived' });
    const answer = await e2e.invoke(platform, { kind: 'resync', busIds: [SAMPLE_BUS] }, { temporaryKeys: true });
    expect(mustReport(answer)).toMatchObject({ outcome: 'ok', synced: [SAMPLE_BUS] });
    expect(em.calls.every((c) => c.status === 200 && c.authMode === 'derived' && c.headerNames.includes('x-security-token'))).toBe(true);
  });
});

describe('batches that name the same group or bus several times', () => {
  /** A bus of OTHER_GROUP (named by no other record below). */
  const otherBus = (em: Emulator) => busesOf(em, { groupId: OTHER_GROUP })[0]!;

  function sqsBatch(em: Emulator) {
    return {
      Records: [
        sqsRecord('m1-resync-g1', { kind: 'resync', groupIds: [SAMPLE_GROUP] }),
        sqsRecord('m2-cts-g1', { cts: groupTrace(SAMPLE_GROUP) }),
        sqsRecord('m3-buses', { kind: 'resync', busIds: [SAMPLE_BUS, SAMPLE_BUS, otherBus(em)] }),
        sqsRecord('m4-g1-g2', { kind: 'resync', groupIds: [SAMPLE_GROUP, SAMPLE_GROUP_2, SAMPLE_GROUP] }),
        sqsRecord('m5-not-json', '{"kind":"resync",'),
        sqsRecord('m6-bad-id', { kind: 'resync', busIds: ['../../etc/passwd'] }),
        sqsRecord('m7-ignored', { cts: groupTrace(SAMPLE_GROUP, 'deleteDeviceGroup') }),
        sqsRecord('m8-cts-g1-again', JSON.stringify({ cts: groupTrace(SAMPLE_GROUP, 'updateDeviceGroup') })),
      ],
    };
  }

  it.each(PLATFORMS)(
    'SQS batch on %s: one list per group page, one sync per distinct bus; only the malformed records fail',
    async (platform) => {
      // Prepare
      const em = await e2e.setUp();
      const event = sqsBatch(em);
      const want = sorted(
        new Set([...busesOf(em, { groupId: SAMPLE_GROUP }), ...busesOf(em, { groupId: SAMPLE_GROUP_2 }), SAMPLE_BUS, otherBus(em)]),
      );
      // Act
      const answer = await e2e.invoke(platform, event);
      // Assess
      const syncs = syncCalls(em);
      expect(syncs.ids).toEqual(want);
      expect(syncs.total).toBe(want.length);
      const pages = listingPages(em);
      expect(pages.firstPages).toEqual(sorted([SAMPLE_GROUP, SAMPLE_GROUP_2]));
      expect(pages.keys).toHaveLength(pagesOf(em, SAMPLE_GROUP) + pagesOf(em, SAMPLE_GROUP_2));
      expect(pages.distinct).toBe(pages.keys.length);
      const failing = ['m5-not-json', 'm6-bad-id'];
      if (platform === 'lambda') expect(batchItemFailures(answer)).toEqual(failing);
      else expect(sorted(mustReport(answer).failedRefs)).toEqual(failing);
    },
  );

  it.each(PLATFORMS)(
    'SQS batch on %s with a bus that fails (403) and one not found: batchItemFailures names exactly the failed and malformed records',
    async (platform) => {
      // Prepare
      const em = await e2e.setUp();
      const failingBus = otherBus(em);
      em.addFault({ route: 'sync', busId: failingBus, status: 403, body: { error_code: 'IOTDA.000005', error_msg: 'Forbidden' } });
      const event = {
        Records: [...sqsBatch(em).Records, sqsRecord('m9-unknown-bus', { kind: 'resync', busIds: ['00000000000000000000000000000000'] })],
      };
      // Act
      const answer = await e2e.invoke(platform, event);
      // Assess: m3 named the forbidden bus; the unknown bus is "not found", which is no failure.
      const failing = ['m3-buses', 'm5-not-json', 'm6-bad-id'];
      if (platform === 'lambda') expect(batchItemFailures(answer)).toEqual(failing);
      else
        expect(mustReport(answer)).toMatchObject({
          outcome: 'partial',
          notFound: ['00000000000000000000000000000000'],
          failed: [{ busId: failingBus, status: 403, retryable: false, attempts: 1 }],
        });
      if (platform === 'functiongraph') expect(sorted(mustReport(answer).failedRefs)).toEqual(failing);
      expect(em.calls.filter((c) => c.route === 'sync' && c.busId === failingBus)).toHaveLength(1);
    },
  );

  it.each(PLATFORMS)('EventGrid batch on %s: the same group four times and the same bus twice', async (platform) => {
    // Prepare
    const em = await e2e.setUp();
    const event = {
      events: [
        cloudEvent('e1', groupTrace(SAMPLE_GROUP, 'updateDeviceGroup')),
        cloudEvent('e2', groupTrace(SAMPLE_GROUP)),
        cloudEvent('e3', { kind: 'resync', groupIds: [SAMPLE_GROUP], busIds: [SAMPLE_BUS] }, 'provisioning.example.com'),
        cloudEvent('e4', { kind: 'resync', busIds: [SAMPLE_BUS] }, 'provisioning.example.com'),
        cloudEvent('e5', { cts: groupTrace(SAMPLE_GROUP_2) }),
        cloudEvent('e6', JSON.stringify(groupTrace(SAMPLE_GROUP, 'addDeviceGroup'))),
      ],
    };
    const want = sorted(new Set([...busesOf(em, { groupId: SAMPLE_GROUP }), ...busesOf(em, { groupId: SAMPLE_GROUP_2 }), SAMPLE_BUS]));
    // Act
    const answer: Answer = await e2e.invoke(platform, event);
    // Assess
    expect(answer.error).toBeUndefined();
    const report = mustReport(answer);
    expect(report).toMatchObject({ trigger: 'cloudevents', outcome: 'ok', failedRefs: [] });
    expect(sorted(report.groups)).toEqual(sorted([SAMPLE_GROUP, SAMPLE_GROUP_2]));
    expect(sorted(report.synced)).toEqual(want);
    const syncs = syncCalls(em);
    expect(syncs).toMatchObject({ ids: want, total: want.length });
    const pages = listingPages(em);
    expect(pages.keys).toHaveLength(pagesOf(em, SAMPLE_GROUP) + pagesOf(em, SAMPLE_GROUP_2));
    expect(pages.distinct).toBe(pages.keys.length);
    expect(reportOf(answer)?.requestId).toBeTruthy();
  });
});
