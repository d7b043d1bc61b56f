/**
 * Regression, found by the e2e fault suites: a single 429 on the very first request of an invocation,
 * before any request succeeded, used to collapse the pacer to its 1 request/s floor (the accepted-rate
 * estimate was 0 with no success yet). 53 syncs after one 429 on the first list call took ~17 s instead
 * of ~0.35 s. The pacer now falls back to plain multiplicative decrease when it has no evidence.
 */
import { expect, it } from 'vitest';
import { busesOf, mustReport, sorted, useE2E } from '../support/e2e';
import { SAMPLE_GROUP } from '../support/events';

const e2e = useE2E();

it('pacer: one 429 on the first request (no Retry-After) does not collapse throughput: 53 buses synced within a 5 s budget', async () => {
  // Prepare: the group's first list page is throttled once, as a shared quota might do at any time.
  const em = await e2e.setUp();
  em.addFault({
    route: 'list',
    times: 1,
    status: 429,
    body: { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached' },
  });
  // Act: 5 s left, 1.5 s of it kept in reserve.
  const answer = await e2e.invoke('functiongraph', { kind: 'resync', groupIds: [SAMPLE_GROUP] }, { remainingMs: 5_000 });
  // Assess: the 429 was retried, and then the work goes on at a useful rate: nothing deferred.
  const report = mustReport(answer);
  expect(report.deferred).toEqual([]);
  expect(sorted(report.synced)).toEqual(busesOf(em, { groupId: SAMPLE_GROUP }));
});
