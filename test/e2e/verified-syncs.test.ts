/**
 * Verified syncs through both built bundles against the emulator, whose buses stay `Synchronizing` for a
 * while after a sync (`syncSettleMs`): confirmed and unconfirmed buses, the cheaper read per group, the
 * deadline, and what a warm instance tells about buses that stay unsynchronized between timer runs.
 */
import { describe, expect, it } from 'vitest';
import { type Emulator, sampleFleet } from '../../emulator';
import { busesOf, mustReport, PLATFORMS, type Platform, sorted, useE2E } from '../support/e2e';
import { SAMPLE_BUS } from '../support/events';
import { GROUP, tickOf } from '../support/feed';

const e2e = useE2E();

const calls = (em: Emulator, route: string) => em.calls.filter((c) => c.route === route);

describe.each(PLATFORMS)('verified syncs on the %s bundle', (platform: Platform) => {
  it('confirms a group once its buses settle, re-listing the group (one call a round) rather than showing each bus', async () => {
    // Prepare: buses settle 1.5 s after their sync; polls come 1 s and 3 s after the syncs.
    const em = await e2e.setUp({ syncSettleMs: 1500 });
    const group = busesOf(em, { groupId: GROUP.kidsRoom });
    // Act
    const report = mustReport(await e2e.invoke(platform, { kind: 'resync', groupIds: [GROUP.kidsRoom], verify: true }));
    // Assess
    expect(report.outcome).toBe('ok');
    expect(sorted(report.confirmed ?? [])).toEqual(group);
    expect(report.unconfirmed).toEqual([]);
    expect(calls(em, 'show')).toEqual([]);
    expect(calls(em, 'list').map((c) => c.query.group_id)).toEqual([GROUP.kidsRoom, GROUP.kidsRoom, GROUP.kidsRoom]);
    const summary = e2e.logEntries().find((e) => e.message === 'invocation summary');
    expect(summary).toMatchObject({ confirmed: 2, unconfirmed: 0, verifyRequests: 2 });
  });

  it('shows a bus named alone (ShowHarmonySoftBus), and reports one that never settles as unconfirmed within the deadline', async () => {
    // Prepare: SAMPLE_BUS never leaves Synchronizing; 5 s left.
    const em = await e2e.setUp({ syncSettleMs: (busId) => (busId === SAMPLE_BUS ? Number.POSITIVE_INFINITY : 0) });
    // Act
    const answer = await e2e.invoke(platform, { kind: 'resync', busIds: [SAMPLE_BUS], verify: true }, { remainingMs: 5000 });
    // Assess: polled until the deadline's reserve, never past it
    expect(answer.elapsedMs).toBeLessThan(5000);
    const report = mustReport(answer);
    expect(report).toMatchObject({ outcome: 'ok', synced: [SAMPLE_BUS], confirmed: [], unconfirmed: [SAMPLE_BUS] });
    const shows = calls(em, 'show');
    expect(shows.length).toBeGreaterThanOrEqual(2);
    expect(shows.every((c) => c.busId === SAMPLE_BUS && c.status === 200)).toBe(true);
    expect(e2e.logEntries().find((e) => e.message === 'bus unconfirmed')).toMatchObject({ busId: SAMPLE_BUS, level: 'warn' });
  });

  it('SYNC_VERIFY=true verifies every sync of a timer run; a warm instance counts the buses that stayed unsynchronized', async () => {
    // Prepare: one pending bus of the living room never settles; the others settle at once.
    const stuck = sampleFleet().buses.find((b) => b.group_id === GROUP.livingRoom && b.status !== 'Synchronized')?.bus_id ?? '';
    const em = await e2e.setUp({ syncSettleMs: (busId) => (busId === stuck ? Number.POSITIVE_INFINITY : 0) }, { SYNC_VERIFY: 'true' });
    const pending = busesOf(em, { pendingOnly: true });
    // Act: two timer runs on the same (warm) instance
    const first = mustReport(await e2e.invoke(platform, tickOf(platform), { remainingMs: 6000 }));
    const second = mustReport(await e2e.invoke(platform, tickOf(platform), { remainingMs: 6000 }));
    // Assess
    expect(sorted(first.synced)).toEqual(pending);
    expect(first.unconfirmed).toEqual([stuck]);
    expect(sorted(first.confirmed ?? [])).toEqual(pending.filter((busId) => busId !== stuck));
    expect(second).toMatchObject({ synced: [stuck], confirmed: [], unconfirmed: [stuck] });
    const summaries = e2e.logEntries().filter((e) => e.message === 'invocation summary');
    expect(summaries[0]?.unsynchronizedSincePreviousRun).toBeNull();
    expect(summaries[1]).toMatchObject({ unsynchronizedSincePreviousRun: 1, previousRunAt: expect.any(String) });
  });
});
