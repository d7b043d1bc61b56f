/**
 * What a warm instance remembers between timer runs: the buses its last run found not `Synchronized` and
 * did not see settle. Module state, so it lives as long as the instance: a cold start, another instance
 * of the function, or a restart knows nothing (then the answer is null, not 0).
 */

/** At most this many bus IDs are remembered (~1 MB); beyond, the count is a lower bound. */
export const MAX_REMEMBERED = 10_000;

let previous: { at: number; buses: Set<string> } | undefined;

/** How this run compares with the previous one on this instance. */
export interface SincePrevious {
  /** Buses the previous run left unsynchronized that this run found unsynchronized again; null when unknown. */
  stayed: number | null;
  /** When the previous run (on this instance) ended, epoch ms. */
  previousRunAt?: number;
}

/**
 * Compares the buses this run found not `Synchronized` with those the previous run on this instance left
 * unsynchronized, then remembers this run's (minus those verification saw settle).
 * @example const { stayed } = compareWithPreviousRun(foundPending, verification?.confirmed ?? []); // null on a cold start
 */
export function compareWithPreviousRun(found: Iterable<string>, settled: Iterable<string>, now = Date.now()): SincePrevious {
  const current = new Set(found);
  const result: SincePrevious = { stayed: null };
  if (previous) {
    let stayed = 0;
    for (const busId of previous.buses) if (current.has(busId)) stayed++;
    result.stayed = stayed;
    result.previousRunAt = previous.at;
  }
  for (const busId of settled) current.delete(busId);
  previous = { at: now, buses: new Set([...current].slice(0, MAX_REMEMBERED)) };
  return result;
}

/** Forgets the previous run (a cold start, as tests need it). @example forgetPreviousRun() */
export function forgetPreviousRun(): void {
  previous = undefined;
}
