import { type Plan, wantsRealSync } from '../plan';
import { type BusOutcome, type BusResult, type Failure, BusOutcome as Outcome } from '../types';
import { ChunkedQueue } from './chunked-queue';

/** The outcomes by their code in a bus's state (0: not settled yet). */
const OUTCOMES: readonly (BusOutcome | undefined)[] = [undefined, ...Object.values(Outcome)];
const CODES = new Map(OUTCOMES.map((outcome, code) => [outcome, code]));
/** A bus's state is one small integer: bit 0 queued, bits 1–3 the outcome's code, the rest the index of its refs. */
const QUEUED = 1;
const OUTCOME_MASK = 0b1110;
const REFS_SHIFT = 4;
const NO_REFS: ReadonlySet<string> = new Set();

/**
 * Every bus the plan reaches, with the refs (records) that asked for it, and how its work ended. A bus
 * is queued for a sync once, as soon as a ref that is not a dry run wants it; a bus that only dry runs
 * want is never queued and ends `planned`.
 *
 * Memory: a reconcile reaches 10,000 buses, and whatever it keeps per bus outlives many scavenges, which
 * is what makes V8 grow its young generation (bench/README.md, "Memory"). So a bus is one small integer
 * in a dictionary keyed by its ID, not an object: the refs are an index into the few distinct sets
 * (src/plan.ts refsSelector shares them), the outcome a code. Storing an ID as a property key makes V8
 * intern it, and an interned string lives in the old generation: the queue, the book and the report
 * then share one copy that young-generation collections never copy.
 * @example
 * const book = new BusBook(plan, (busId) => queue.pushSync(busId));
 * book.add('b1', new Set(['m1']));
 * book.settle('b1', 'synced');
 * [...book] // [{ busId: 'b1', outcome: 'synced', refs: Set { 'm1' } }]
 */
export class BusBook implements Iterable<BusResult> {
  /** Bus ID → state. A null-prototype object, not a Map, on purpose: its keys are interned (above). */
  private readonly states: Record<string, number> = Object.create(null);
  /** The distinct refs sets, by index; shared by many buses, replaced (never changed) when a bus gets more refs. */
  private readonly refSets: ReadonlySet<string>[] = [];
  private readonly refIndexes = new Map<ReadonlySet<string>, number>();
  /** Settled bus IDs, in the order their work ended (in chunks: src/engine/chunked-queue.ts). */
  private readonly settled = new ChunkedQueue<string>();
  /** Buses reached without a real sync wanted, in the order reached: those still not queued end `planned`. */
  private readonly unqueued = new ChunkedQueue<string>();
  private readonly failures = new Map<string, Failure>();
  private reached = 0;

  constructor(
    private readonly plan: Plan,
    private readonly enqueue: (busId: string) => void,
  ) {}

  /** Buses reached so far. */
  get size(): number {
    return this.reached;
  }

  /** `refs` is kept as given (no copy per bus of a large fleet); a bus reached again gets a merged copy. */
  add(busId: string, refs: ReadonlySet<string>): void {
    const known = this.states[busId];
    let state: number;
    if (known === undefined) {
      this.reached++;
      state = this.indexOf(refs) << REFS_SHIFT;
    } else {
      const knownRefs = this.refsOf(known);
      const merged = [...refs].every((ref) => knownRefs.has(ref)) ? knownRefs : new Set([...knownRefs, ...refs]);
      state = (known & ~(~0 << REFS_SHIFT)) | (this.indexOf(merged) << REFS_SHIFT);
    }
    if (!(state & QUEUED) && wantsRealSync(this.plan, this.refsOf(state))) {
      state |= QUEUED;
      this.states[busId] = state;
      this.enqueue(busId);
    } else {
      this.states[busId] = state;
      if (known === undefined) this.unqueued.push(busId);
    }
  }

  settle(busId: string, outcome: BusOutcome, failure?: Failure): void {
    const state = this.states[busId] ?? (this.indexOf(NO_REFS) << REFS_SHIFT) | QUEUED;
    this.states[busId] = (state & ~OUTCOME_MASK) | ((CODES.get(outcome) ?? 0) << 1);
    if (failure) this.failures.set(busId, failure);
    this.settled.push(busId);
  }

  /** Settles every bus that only dry runs wanted as `planned`, and returns their IDs. */
  settlePlanned(): string[] {
    const planned = [...this.unqueued].filter((busId) => !((this.states[busId] ?? QUEUED) & QUEUED));
    for (const busId of planned) this.settle(busId, Outcome.Planned);
    return planned;
  }

  /**
   * The settled buses in the order their work ended, one result object at a time (made as it is read:
   * nothing per bus is kept for it); each iteration reads the book afresh.
   */
  *[Symbol.iterator](): Generator<BusResult> {
    for (const busId of this.settled) {
      const state = this.states[busId] ?? 0;
      const failure = this.failures.get(busId);
      const outcome = OUTCOMES[(state & OUTCOME_MASK) >> 1] ?? Outcome.Failed;
      yield failure ? { busId, outcome, refs: this.refsOf(state), failure } : { busId, outcome, refs: this.refsOf(state) };
    }
  }

  private refsOf(state: number): ReadonlySet<string> {
    return this.refSets[state >> REFS_SHIFT] ?? NO_REFS;
  }

  private indexOf(refs: ReadonlySet<string>): number {
    let index = this.refIndexes.get(refs);
    if (index === undefined) {
      index = this.refSets.push(refs) - 1;
      this.refIndexes.set(refs, index);
    }
    return index;
  }
}
