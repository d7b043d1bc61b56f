/**
 * The CTS trace store: what CTS has recorded, in the order Query Trace List answers it (newest `time`
 * first; of equal times, the later recorded first).
 */
import { randomUUID } from 'node:crypto';
import { type CtsTrace, type TraceInput, TraceRating } from './trace-types.js';

/** A stored trace with its insertion number (the tie-breaker of equal times). */
export interface StoredTrace {
  trace: CtsTrace;
  seq: number;
}

/** The user the emulator writes into the traces it records itself (fake IDs, no key material). */
export const EMULATOR_USER = {
  id: 'e0000000000000000000000000000001',
  name: 'emulator-user',
  domain: { id: 'd0000000000000000000000000000001', name: 'emulator-domain' },
} as const;

/** Newest first: `time` descending, then insertion descending. */
export function newerFirst(a: StoredTrace, b: StoredTrace): number {
  return b.trace.time - a.trace.time || b.seq - a.seq;
}

/**
 * @example const store = new TraceStore(0, Date.now); store.add({ resource_id: 'g1' }).trace_name // 'manageDevicesInGroup'
 */
export class TraceStore {
  private items: StoredTrace[] = [];
  private nextSeq = 0;

  constructor(
    /** CTS's delivery delay: the default `record_time` is `time + delayMs`. */
    private readonly delayMs: number,
    private readonly now: () => number,
  ) {}

  /** Stores a trace; missing fields get the defaults of a successful IoTDA device-group change made now. */
  add(input: TraceInput = {}): CtsTrace {
    const time = input.time ?? this.now();
    const trace: CtsTrace = {
      trace_id: randomUUID(),
      trace_name: 'manageDevicesInGroup',
      trace_rating: TraceRating.Normal,
      trace_type: 'ApiCall',
      service_type: 'IoTDA',
      resource_type: 'device-group',
      code: '200',
      api_version: 'v5',
      user: structuredClone(EMULATOR_USER),
      source_ip: '127.0.0.1',
      ...input,
      time,
      record_time: input.record_time ?? time + this.delayMs,
    };
    this.items.push({ trace: structuredClone(trace), seq: this.nextSeq++ });
    return trace;
  }

  /** Every stored trace, newest first (copies). */
  all(): CtsTrace[] {
    return this.ordered().map((item) => structuredClone(item.trace));
  }

  /** The stored traces, newest first (the store's own objects: do not change them). */
  ordered(): StoredTrace[] {
    return [...this.items].sort(newerFirst);
  }

  find(traceId: string): StoredTrace | undefined {
    return this.items.find((item) => item.trace.trace_id === traceId);
  }

  clear(): void {
    this.items = [];
  }
}
