import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptContext } from '../../src/engine/attempt';
import { Deadline } from '../../src/engine/deadline';
import { Pacer } from '../../src/engine/pacer';
import { StandardRetryStrategy } from '../../src/engine/retry-strategy';
import { ApiError } from '../../src/errors';
import { Logger } from '../../src/logger';
import type { SoftBus } from '../../src/types';
import { compareWithPreviousRun, forgetPreviousRun, newRoundState, type StatusApi, verifySyncs } from '../../src/verify';
import { checkRound } from '../../src/verify/round';

/** A scripted IoTDA: each bus's status by round (the last one repeats), groups of buses, and the calls made. */
function scriptedIotda(groups: Record<string, string[]>, statuses: Record<string, string[]>, failures: Record<string, ApiError> = {}) {
  const calls: string[] = [];
  const reads = new Map<string, number>();
  const statusOf = (busId: string) => {
    const seen = reads.get(busId) ?? 0;
    reads.set(busId, seen + 1);
    const script = statuses[busId] ?? ['Synchronized'];
    return script[Math.min(seen, script.length - 1)];
  };
  const api: StatusApi = {
    showSoftBus: async (busId) => {
      calls.push(`show ${busId}`);
      const failure = failures[busId];
      if (failure) throw failure;
      return { bus_id: busId, status: statusOf(busId) };
    },
    listSoftBuses: async ({ groupId, marker }) => {
      calls.push(`list ${groupId} ${marker ?? '-'}`);
      const ids = groups[groupId ?? ''] ?? [];
      const start = marker ? Number(marker) : 0;
      const buses: SoftBus[] = ids.slice(start, start + 50).map((id) => ({ bus_id: id, group_id: groupId, status: statusOf(id) }));
      return { buses, marker: String(start + 50), count: ids.length };
    },
  };
  return { api, calls };
}

const attempt = (remainingMs = 10_000): AttemptContext => ({
  limiter: new Pacer({ maxRps: 1000 }),
  strategy: new StandardRetryStrategy({ maxAttempts: 2, random: () => 0 }),
  deadline: new Deadline(Date.now() + remainingMs),
  requestTimeoutMs: 1000,
  counters: { attempts: 0, throttled: 0 },
});
const quiet = () => new Logger({}, 'error', () => {});
const FAST = { firstWaitMs: 5, maxWaitMs: 20, concurrency: 4 };
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

describe('verifySyncs', () => {
  it('re-lists a whole group while that costs fewer calls than showing its unconfirmed buses, then shows the last ones', async () => {
    // Prepare: 60 buses (2 pages); all settle in round 2 but one, which settles in round 4.
    const members = ids('a', 60);
    const late = members[7] ?? '';
    const statuses = Object.fromEntries(
      members.map((id) => [
        id,
        id === late ? ['Synchronizing', 'Synchronizing', 'Synchronizing', 'Synchronized'] : ['Synchronizing', 'Synchronized'],
      ]),
    );
    const { api, calls } = scriptedIotda({ g: members }, statuses);
    // Act
    const result = await verifySyncs(members, ['g'], api, attempt(), quiet(), FAST);
    // Assess: rounds 1–2 list the group (2 calls each, not 60 shows); then 1 unconfirmed bus < 2 pages: shown
    expect(result).toMatchObject({ unconfirmed: [], rounds: 4, requests: 6 });
    expect(result.confirmed.sort()).toEqual(members);
    expect(calls).toEqual(['list g -', 'list g 50', 'list g -', 'list g 50', `show ${late}`, `show ${late}`]);
  });

  it('shows buses whose group was not synced whole, and reports a gone bus (404) as unconfirmed', async () => {
    const gone = new ApiError('not found', { status: 404, kind: 'http' });
    const { api, calls } = scriptedIotda({}, { b1: ['Synchronizing', 'Synchronized'] }, { b2: gone });
    const result = await verifySyncs(['b1', 'b2'], [], api, attempt(), quiet(), FAST);
    expect(result).toMatchObject({ confirmed: ['b1'], unconfirmed: ['b2'], rounds: 2 });
    expect(calls).toEqual(['show b1', 'show b2', 'show b1']);
  });

  it('stops at the first refusal no round can fix (403: the query permission is missing)', async () => {
    const forbidden = new ApiError('Forbidden', { status: 403, errorCode: 'IOTDA.000005', kind: 'http' });
    const { api } = scriptedIotda({}, {}, { b1: forbidden, b2: forbidden });
    const result = await verifySyncs(['b1', 'b2'], [], api, { ...attempt() }, quiet(), { ...FAST, concurrency: 1 });
    expect(result).toMatchObject({ confirmed: [], unconfirmed: ['b1', 'b2'], rounds: 1, requests: 1 });
    expect(result.failure).toMatchObject({ status: 403, retryable: false });
  });

  it('never polls past the deadline, nor past its own bound', async () => {
    const { api } = scriptedIotda({}, { b1: ['Synchronizing'] });
    const started = Date.now();
    const byDeadline = await verifySyncs(['b1'], [], api, attempt(600), quiet(), { firstWaitMs: 100, maxWaitMs: 100, concurrency: 1 });
    expect(Date.now() - started).toBeLessThan(600);
    expect(byDeadline.unconfirmed).toEqual(['b1']);
    const bounded = await verifySyncs(['b1'], [], api, attempt(), quiet(), {
      firstWaitMs: 100,
      maxWaitMs: 100,
      maxMs: 350,
      concurrency: 1,
    });
    expect(bounded.rounds).toBeLessThanOrEqual(3);
  });
});

describe('checkRound', () => {
  it('remembers the group of the buses it verifies only, not of every bus a listing returns', async () => {
    // Prepare: one synced bus in a group of 1,000 (20 pages), all of them still Synchronizing
    const members = ids('c', 1000);
    const { api } = scriptedIotda({ g: members }, Object.fromEntries(members.map((id) => [id, ['Synchronizing']])));
    const state = newRoundState([members[0] ?? '']);
    // Act
    await checkRound(state, ['g'], api, attempt(), 4);
    // Assess: the listing covered it; the memory holds one bus, not the group's thousand
    expect(state.requests).toBe(20);
    expect([...state.groupOf]).toEqual([[members[0], 'g']]);
  });
});

describe('compareWithPreviousRun (warm-instance memory)', () => {
  afterEach(() => forgetPreviousRun());

  it('knows nothing on a cold start, then counts the buses found unsynchronized again, minus those seen settling', () => {
    expect(compareWithPreviousRun(['b1', 'b2', 'b3'], ['b3'], 1000)).toEqual({ stayed: null });
    expect(compareWithPreviousRun(['b2', 'b3', 'b4'], [], 2000)).toEqual({ stayed: 1, previousRunAt: 1000 });
    expect(compareWithPreviousRun([], [], 3000)).toEqual({ stayed: 0, previousRunAt: 2000 });
  });
});
