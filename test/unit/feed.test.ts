import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { TraceApi, TracePage, TraceQuery } from '../../src/cts/client';
import type { AttemptContext } from '../../src/engine/attempt';
import { Deadline } from '../../src/engine/deadline';
import { Pacer } from '../../src/engine/pacer';
import { StandardRetryStrategy } from '../../src/engine/retry-strategy';
import { ApiError } from '../../src/errors';
import { durationMs, feedRef, MAX_TRACE_PAGES, readChanges, runChangeFeeds, wantsFeed } from '../../src/feed';
import { Logger } from '../../src/logger';
import type { WorkItem } from '../../src/types';

const G1 = 'a9866526-a8a1-9971-8c46-5fabfc2797f0';
const G2 = 'a6d47a5b-9e24-f668-564d-60abb0864889';
const G3 = '298246d5-df6d-899f-78ff-126d0e1257a5';
const WINDOW = { ref: 'timer:tick', dryRun: false, from: 1_000_000, to: 2_000_000 };

const trace = (over: Record<string, unknown>) => ({
  trace_id: `t-${Math.random().toString(16).slice(2)}`,
  service_type: 'IoTDA',
  resource_type: 'device-group',
  trace_name: 'manageDevicesInGroup',
  code: '200',
  time: 1_500_000,
  ...over,
});

/** A scripted CTS: one answer (or error) per call, and the queries it was asked. */
function scriptedCts(answers: Array<TracePage | ApiError>) {
  const queries: TraceQuery[] = [];
  const api: TraceApi = {
    listTraces: async (query) => {
      queries.push(query);
      const answer = answers[queries.length - 1];
      if (!answer) throw new Error(`no answer scripted for call ${queries.length}`);
      if (answer instanceof ApiError) throw answer;
      return answer;
    },
  };
  return { api, queries };
}

function attempt(remainingMs = 10_000): AttemptContext {
  return {
    limiter: new Pacer({ maxRps: 1000 }),
    strategy: new StandardRetryStrategy({ maxAttempts: 3, random: () => 0 }),
    deadline: new Deadline(Date.now() + remainingMs),
    requestTimeoutMs: 1000,
    counters: { attempts: 0, throttled: 0 },
  };
}

const quiet = () => new Logger({}, 'error', () => {});

describe('durationMs (SYNC_CHANGE_LOOKBACK)', () => {
  it('reads days, hours, minutes and seconds, alone or combined', () => {
    expect([durationMs('30m'), durationMs('2h'), durationMs('1h30m'), durationMs('90s'), durationMs('1d')]).toEqual([
      1_800_000, 7_200_000, 5_400_000, 90_000, 86_400_000,
    ]);
  });

  it('refuses what is not a duration', () => {
    expect([durationMs(''), durationMs('30'), durationMs('m30'), durationMs('30 minutes'), durationMs('1.5h')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('readChanges', () => {
  it('keeps each group of a successful add/update/manage trace once, whatever form code and resource_id take', async () => {
    // Prepare
    const { api, queries } = scriptedCts([
      {
        traces: [
          trace({ resource_id: G1 }),
          trace({ resource_id: G1, code: 200, trace_name: 'updateDeviceGroup' }),
          trace({ resource_id: {}, request: { group_id: G2 }, trace_name: 'addDeviceGroup' }),
          trace({ resource_id: null, request: JSON.stringify({ group_id: G3 }) }),
          trace({ resource_id: G1, trace_name: 'deleteDeviceGroup' }),
          trace({ resource_id: G2, code: '404' }),
          trace({ resource_id: G2, code: 500 }),
          trace({ resource_id: G2, service_type: 'ECS' }),
        ],
      },
    ]);
    // Act
    const run = await readChanges(WINDOW, api, attempt(), quiet());
    // Assess
    expect(run).toMatchObject({ pages: 1, requests: 1, traces: 8, groups: [G1, G2, G3], ignored: 4, unreadable: [] });
    expect(run.failure).toBeUndefined();
    expect(queries).toEqual([{ from: WINDOW.from, to: WINDOW.to, next: undefined }]);
  });

  it('pages with next = the previous marker, and stops on a missing marker or an empty page', async () => {
    const { api, queries } = scriptedCts([
      { traces: [trace({ trace_id: 'a', resource_id: G1 })], marker: 'a' },
      { traces: [trace({ trace_id: 'b', resource_id: G2 })], marker: 'b' },
      { traces: [], marker: 'c' },
    ]);
    const run = await readChanges(WINDOW, api, attempt(), quiet());
    expect(queries.map((q) => q.next)).toEqual([undefined, 'a', 'b']);
    expect(run).toMatchObject({ pages: 3, traces: 2, groups: [G1, G2] });
    expect(run.failure).toBeUndefined();
  });

  it('ignores a trace CTS returned outside the window, and counts a trace seen twice once', async () => {
    const { api } = scriptedCts([
      {
        traces: [
          trace({ trace_id: 'x', resource_id: G1 }),
          trace({ trace_id: 'x', resource_id: G1 }),
          trace({ resource_id: G2, time: WINDOW.from }),
          trace({ resource_id: G3, time: WINDOW.to + 1 }),
        ],
      },
    ]);
    const run = await readChanges(WINDOW, api, attempt(), quiet());
    expect(run).toMatchObject({ traces: 3, groups: [G1], ignored: 2 });
  });

  it('names the traces it cannot read, and reads the rest', async () => {
    const { api } = scriptedCts([
      { traces: [trace({ trace_id: 'no-group', resource_id: 'not a group!' }), 'not a trace', trace({ resource_id: G1 })] },
    ]);
    const run = await readChanges(WINDOW, api, attempt(), quiet());
    expect(run).toMatchObject({ groups: [G1], unreadable: ['no-group', 'page 1 #1'] });
  });

  it('fails on a marker seen twice instead of paging forever, keeping what it found', async () => {
    const { api } = scriptedCts([
      { traces: [trace({ trace_id: 'a', resource_id: G1 })], marker: 'm' },
      { traces: [trace({ trace_id: 'b', resource_id: G2 })], marker: 'm' },
    ]);
    const run = await readChanges(WINDOW, api, attempt(), quiet());
    expect(run.groups).toEqual([G1, G2]);
    expect(run.failure).toMatchObject({ message: 'trace list paging repeated marker "m"', retryable: false });
  });

  it(`stops after ${MAX_TRACE_PAGES} pages and says so`, async () => {
    const pages = Array.from({ length: MAX_TRACE_PAGES + 1 }, (_, i) => ({ traces: [trace({ trace_id: `t${i}` })], marker: `m${i}` }));
    const { api, queries } = scriptedCts(pages);
    const run = await readChanges(WINDOW, api, attempt(), quiet());
    expect(queries).toHaveLength(MAX_TRACE_PAGES);
    expect(run.failure?.message).toBe(`trace list still paging after ${MAX_TRACE_PAGES} pages`);
  });

  it('retries a throttled or failing page like any call, and reports the failure with the groups found before it', async () => {
    const throttled = new ApiError('throttled', { status: 429, kind: 'http' });
    const unavailable = new ApiError('busy', { status: 503, errorCode: 'CTS.0005', kind: 'http' });
    const { api } = scriptedCts([{ traces: [trace({ resource_id: G1 })], marker: 'm' }, throttled, unavailable, unavailable, unavailable]);
    const context = attempt();
    const run = await readChanges(WINDOW, api, context, quiet());
    // The 429 came right after a page got through (a busy quota): it does not use up one of the 3 attempts.
    expect(run).toMatchObject({ pages: 1, requests: 5, groups: [G1] });
    expect(run.failure).toMatchObject({ status: 503, errorCode: 'CTS.0005', attempts: 4, retryable: true });
    expect(context.counters).toEqual({ attempts: 5, throttled: 1 });
  });
});

describe('runChangeFeeds', () => {
  const config = (env: Record<string, string> = {}) => loadConfig({ IOTDA_REGION: 'cn-north-4', ...env });
  const tick: WorkItem = { ref: 'timer:tick', busIds: [], groups: [], everything: 'pending', dryRun: false };

  it('runs for timer and scheduled ticks only when SYNC_CHANGE_FEED=cts, and for changes requests always', () => {
    const changes: WorkItem = { ref: 'manual', busIds: [], groups: [], dryRun: false, changes: {} };
    expect(wantsFeed([tick], 'timer', config({ SYNC_CHANGE_FEED: 'cts' }))).toEqual([tick]);
    expect(wantsFeed([tick], 'schedule', config({ SYNC_CHANGE_FEED: 'cts' }))).toEqual([tick]);
    expect(wantsFeed([tick], 'timer', config())).toEqual([]);
    expect(wantsFeed([tick], 'manual', config({ SYNC_CHANGE_FEED: 'cts' }))).toEqual([]);
    expect(wantsFeed([changes], 'manual', config())).toEqual([changes]);
  });

  it('turns each changed group into work of its own ref, with the owner’s dry run and verify; the window is the look-back', async () => {
    const { api, queries } = scriptedCts([{ traces: [trace({ resource_id: G1, time: 9_000_000 })] }]);
    const owner: WorkItem = { ...tick, dryRun: true, verify: true };
    const stage = await runChangeFeeds([owner], 'timer', config({ SYNC_CHANGE_FEED: 'cts', SYNC_CHANGE_LOOKBACK: '1h' }), {
      api,
      attempt: attempt(),
      log: quiet(),
      now: 10_000_000,
    });
    expect(queries[0]).toMatchObject({ from: 10_000_000 - 3_600_000, to: 10_000_000 });
    expect(stage.items).toEqual([
      { ref: feedRef('timer:tick', G1), busIds: [], groups: [{ groupId: G1, selection: 'all' }], dryRun: true, verify: true },
    ]);
  });

  it('gives the feed at most half of the time left', async () => {
    // Prepare: CTS answers 503 every time; 2 s left, backoff of 1 s between attempts.
    const unavailable = new ApiError('busy', { status: 503, kind: 'http', retryAfter: '1' });
    const { api, queries } = scriptedCts([unavailable, unavailable, unavailable]);
    const started = Date.now();
    const stage = await runChangeFeeds([tick], 'timer', config({ SYNC_CHANGE_FEED: 'cts' }), { api, attempt: attempt(2000), log: quiet() });
    // Assess: one attempt, no retry past the first second
    expect(Date.now() - started).toBeLessThan(1000);
    expect(queries).toHaveLength(1);
    expect(stage.runs[0]?.failure).toMatchObject({ status: 503, retryable: true });
  });

  it('without a CTS client (no CTS endpoint configured) a changes request fails in the report, naming the variable', async () => {
    const changes: WorkItem = { ref: 'manual', busIds: [], groups: [], dryRun: false, changes: {} };
    const stage = await runChangeFeeds([changes], 'manual', config(), { attempt: attempt(), log: quiet() });
    expect(stage.runs[0]?.failure).toEqual({
      message: 'CTS_ENDPOINT: no CTS endpoint (set CTS_ENDPOINT or IOTDA_REGION)',
      attempts: 0,
      retryable: false,
    });
  });
});
