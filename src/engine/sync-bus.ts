import { BusOutcome } from '../types';
import { callWithRetry } from './attempt';
import { failureFields, failureOf } from './failure';
import type { Run } from './run';

/**
 * Syncs one bus, paced and retried, and settles its outcome: synced, not found (404: the bus is gone),
 * deferred (never started: the deadline came near) or failed.
 * @example await syncBus('a9f834fe…', run);
 */
export async function syncBus(busId: string, run: Run): Promise<void> {
  const result = await callWithRetry((timeoutMs) => run.client.syncSoftBus(busId, timeoutMs), run.attempt);
  run.counters.syncRequests += result.attempts;
  if (result.ok) {
    run.book.settle(busId, BusOutcome.Synced);
    run.log.info('bus synced', { busId, attempts: result.attempts });
  } else if (result.decision?.gone) {
    run.book.settle(busId, BusOutcome.NotFound);
    run.log.warn('bus not found', { busId, attempts: result.attempts, apiRequestId: failureFields(result).apiRequestId });
  } else if (result.outOfTime && result.attempts === 0) {
    run.book.settle(busId, BusOutcome.Deferred);
    run.log.warn('bus deferred', { busId, reason: 'invocation deadline' });
  } else {
    run.book.settle(busId, BusOutcome.Failed, failureOf(result, 'sync'));
    run.log.error('bus failed', { busId, ...failureFields(result) });
  }
}
