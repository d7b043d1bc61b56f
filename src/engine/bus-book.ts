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
/** A bus's record; it becomes its result once settled (one object per bus of a large fleet, not two). */
interface BusRecord {
  busId: string;
  /** Possibly shared with other buses (src/plan.ts refsSelector): replaced, never changed in place. */
  refs: ReadonlySet<string>;
  queued: boolean;
  outcome?: BusOutcome;
  failure?: Failure;
}

export class BusBook {
  private readonly records = new Map<string, BusRecord>();
  /** Settled buses, in the order their work ended. */
  readonly results: BusResult[] = [];

  constructor(
    private readonly plan: Plan,
    private readonly enqueue: (busId: string) => void,
  ) {}

  /** Buses reached so far. */
  get size(): number {
    return this.records.size;
  }

  /** `refs` is kept as given (no copy per bus of a large fleet); a bus reached again gets a merged copy. */
  add(busId: string, refs: ReadonlySet<string>): void {
    let record = this.records.get(busId);
    if (record) {
      const known = record.refs;
      if (![...refs].every((ref) => known.has(ref))) record.refs = new Set([...known, ...refs]);
    } else {
      record = { busId, refs, queued: false };
      this.records.set(busId, record);
    }
    if (!record.queued && wantsRealSync(this.plan, record.refs)) {
      record.queued = true;
      this.enqueue(busId);
    }
  }

  settle(busId: string, outcome: BusOutcome, failure?: Failure): void {
    const record = this.records.get(busId) ?? { busId, refs: new Set<string>(), queued: true };
    record.outcome = outcome;
    if (failure) record.failure = failure;
    this.results.push(record as BusRecord & BusResult);
  }

  /** Settles every bus that only dry runs wanted as `planned`, and returns their IDs. */
  settlePlanned(): string[] {
    const planned: string[] = [];
    for (const record of this.records.values()) {
      if (record.queued) continue;
      planned.push(record.busId);
      this.settle(record.busId, Outcome.Planned);
    }
    return planned;
  }
}
