import { type Plan, wantsRealSync } from '../plan';
import { type BusOutcome, type BusResult, type Failure, BusOutcome as Outcome } from '../types';

/**
 * Every bus the plan reaches, with the refs (records) that asked for it, and how its work ended. A bus
 * is queued for a sync once, as soon as a ref that is not a dry run wants it; a bus that only dry runs
 * want is never queued and ends `planned`.
 * @example
 * const book = new BusBook(plan, (busId) => queue.pushSync(busId));
 * book.add('b1', new Set(['m1']));
 * book.settle('b1', 'synced');
 */
export class BusBook {
  private readonly records = new Map<string, { refs: Set<string>; queued: boolean }>();
  readonly results: BusResult[] = [];

  constructor(
    private readonly plan: Plan,
    private readonly enqueue: (busId: string) => void,
  ) {}

  /** `refs` becomes the bus's own set when it is new (callers pass a fresh one): no copy per bus of a large fleet. */
  add(busId: string, refs: Set<string>): void {
    let record = this.records.get(busId);
    if (record) {
      for (const ref of refs) record.refs.add(ref);
    } else {
      record = { refs, queued: false };
      this.records.set(busId, record);
    }
    if (!record.queued && wantsRealSync(this.plan, record.refs)) {
      record.queued = true;
      this.enqueue(busId);
    }
  }

  settle(busId: string, outcome: BusOutcome, failure?: Failure): void {
    const refs = this.records.get(busId)?.refs ?? new Set<string>();
    this.results.push(failure ? { busId, outcome, refs, failure } : { busId, outcome, refs });
  }

  /** Settles every bus that only dry runs wanted as `planned`, and returns their IDs. */
  settlePlanned(): string[] {
    const planned: string[] = [];
    for (const [busId, record] of this.records) {
      if (record.queued) continue;
      planned.push(busId);
      this.settle(busId, Outcome.Planned);
    }
    return planned;
  }
}
