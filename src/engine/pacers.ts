import { Pacer } from './pacer';

/** The scope of a quota as far as one instance can tell: the endpoint, the IoTDA instance, the ceiling. */
export interface PacerScope {
  endpoint: string;
  instanceId?: string;
  maxRps: number;
}

/** A function calls one endpoint; a few more are kept, the oldest forgotten first. */
const MAX_PACERS = 8;
const pacers = new Map<string, Pacer>();

/**
 * The instance's pacer for a scope, made on first use and kept at module level: every invocation of a
 * warm instance, one after the other or at the same time, shares the rate it learned (the quota is the
 * tenant's or the IoTDA instance's, not the invocation's). While idle the pacer drifts back toward the
 * ceiling (src/engine/pacer.ts), so a quota that grew is found again. A new ceiling is a new scope.
 * @example const limiter = instancePacer({ endpoint: config.endpoint, instanceId: config.instanceId, maxRps: config.maxRps });
 */
export function instancePacer(scope: PacerScope): Pacer {
  const key = `${scope.endpoint} ${scope.instanceId ?? '-'} ${scope.maxRps}`;
  let pacer = pacers.get(key);
  if (!pacer) {
    const oldest = pacers.keys().next();
    if (pacers.size >= MAX_PACERS && !oldest.done) pacers.delete(oldest.value);
    pacer = new Pacer({ maxRps: scope.maxRps });
    pacers.set(key, pacer);
  }
  return pacer;
}

/** Forgets every pacer (tests). @example forgetPacers() */
export function forgetPacers(): void {
  pacers.clear();
}
