/**
 * The invocation deadline through both bundles: little time left and slow syncs. The handler must
 * return (or throw, on an asynchronous trigger) before the remaining time runs out, every bus accounted
 * for, the ones it could not start reported as deferred.
 */
import { describe, expect, it } from 'vitest';
import { batchItemFailures, busesOf, mustReport, PLATFORMS, type Platform, sorted, sqsRecord, useE2E } from '../support/e2e';
import { SAMPLE_BUS, SAMPLE_GROUP, sampleEvent } from '../support/events';

const e2e = useE2E();

const REMAINING_MS = 2_000;
/** Syncs of the big group take 600 ms; with 2 workers and 2 s left only a few can finish. */
const slowGroup = { route: 'sync' as const, groupId: SAMPLE_GROUP, delayMs: 600 };
const ENV = { SYNC_CONCURRENCY: '2' };

describe.each(PLATFORMS)('%s bundle near the deadline', (platform: Platform) => {
  it('a manual resync returns in time: some synced, the rest deferred, every bus accounted for', async () => {
    // Prepare
    const em = await e2e.setUp({}, ENV);
    em.addFault(slowGroup);
    const group = busesOf(em, { groupId: SAMPLE_GROUP });
    // Act
    const answer = await e2e.invoke(platform, { kind: 'resync', groupIds: [SAMPLE_GROUP] }, { remainingMs: REMAINING_MS });
    // Assess
    expect(answer.elapsedMs).toBeLessThan(REMAINING_MS);
    expect(answer.error).toBeUndefined();
    const report = mustReport(answer);
    expect(report.outcome).toBe('partial');
    expect(report.deferred.length).toBeGreaterThan(40);
    expect(report.synced.length).toBeGreaterThan(0);
    expect(sorted([...report.synced, ...report.deferred, ...report.failed.map((f) => f.busId)])).toEqual(group);
    expect(report.failed.every((f) => f.retryable)).toBe(true);
    expect(report.failedRefs).toEqual(['manual']);
  });

  it('a CTS event (asynchronous) throws the retry error before the deadline, carrying the deferred buses', async () => {
    const em = await e2e.setUp({}, ENV);
    em.addFault(slowGroup);
    const answer = await e2e.invoke(platform, sampleEvent('functiongraph-cts-manage-devices'), { remainingMs: REMAINING_MS });
    expect(answer.elapsedMs).toBeLessThan(REMAINING_MS);
    expect(answer.error?.name).toBe('RetryableInvocationError');
    expect(answer.error?.message).toMatch(/retry advised \(\d+ deferred/);
    expect(mustReport(answer).deferred.length).toBeGreaterThan(40);
  });

  it('an SQS batch hands back only the records with deferred buses', async () => {
    // Prepare: m1 wants the slow group; m2 a fast bus of another group, synced first.
    const em = await e2e.setUp({}, ENV);
    em.addFault(slowGroup);
    const event = {
      Records: [
        sqsRecord('m1-slow-group', { kind: 'resync', groupIds: [SAMPLE_GROUP] }),
        sqsRecord('m2-fast-bus', { kind: 'resync', busIds: [SAMPLE_BUS] }),
      ],
    };
    // Act
    const answer = await e2e.invoke(platform, event, { remainingMs: REMAINING_MS });
    // Assess
    expect(answer.elapsedMs).toBeLessThan(REMAINING_MS);
    expect(answer.error).toBeUndefined();
    if (platform === 'lambda') expect(batchItemFailures(answer)).toEqual(['m1-slow-group']);
    else expect(mustReport(answer)).toMatchObject({ failedRefs: ['m1-slow-group'] });
    expect(em.getBus(SAMPLE_BUS)?.status).toBe('Synchronized');
  });

  it('with almost no time left (300 ms: half kept in reserve, under the 200 ms a request needs) nothing starts: every bus deferred, no API call, returns at once', async () => {
    const em = await e2e.setUp();
    const buses = busesOf(em, { groupId: SAMPLE_GROUP }).slice(0, 5);
    const answer = await e2e.invoke(platform, { kind: 'resync', busIds: buses }, { remainingMs: 300 });
    expect(answer.elapsedMs).toBeLessThan(300);
    expect(mustReport(answer)).toMatchObject({ outcome: 'failed', synced: [], failed: [] });
    expect(sorted(mustReport(answer).deferred)).toEqual(buses);
    expect(em.calls).toHaveLength(0);
  });
});
