/**
 * The emulator's observability for tests: one record per handled request, and counters.
 */
import type { CallRecord, EmulatorStats } from './options.js';

function emptyStats(): EmulatorStats {
  return { total: 0, byRoute: {}, byStatus: {}, throttled: 0, authFailures: 0, maxInFlight: 0 };
}

/**
 * @example const rec = new Recorder(); const done = rec.begin(); rec.finish(record); done()
 */
export class Recorder {
  /** Kept as one array (tests hold a reference to `emulator.calls`), emptied in place by `reset`. */
  readonly calls: CallRecord[] = [];
  private counters = emptyStats();
  private inFlight = 0;

  /** Marks a request as started; call the returned function exactly once when it ends. */
  begin(): () => void {
    this.inFlight += 1;
    this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.inFlight);
    let done = false;
    return () => {
      if (!done) this.inFlight -= 1;
      done = true;
    };
  }

  /** Stores a finished request (status 0 = connection reset on purpose). */
  finish(record: CallRecord): void {
    this.calls.push(record);
    const c = this.counters;
    c.total += 1;
    c.byRoute[record.route] = (c.byRoute[record.route] ?? 0) + 1;
    const statusKey = record.status === 0 ? 'reset' : String(record.status);
    c.byStatus[statusKey] = (c.byStatus[statusKey] ?? 0) + 1;
    // Only the quota's own 429s: injected 429 faults carry a fault label.
    if (record.status === 429 && record.fault === undefined) c.throttled += 1;
    if (record.status === 401) c.authFailures += 1;
  }

  stats(): EmulatorStats {
    const c = this.counters;
    return { ...c, byRoute: { ...c.byRoute }, byStatus: { ...c.byStatus } };
  }

  /** Forgets the calls and counters (requests still in flight keep counting toward maxInFlight). */
  reset(): void {
    this.calls.length = 0;
    this.counters = emptyStats();
    this.counters.maxInFlight = this.inFlight;
  }
}
