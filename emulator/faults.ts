/**
 * Fault injection: scripted rules (first matching rule wins) and a seeded random fault generator.
 */
import { mulberry32 } from './prng.js';
import type { FaultContext, FaultRule, RandomFaultKind, RandomFaultOptions } from './types.js';

/** What the server does instead of (or before) the normal answer. */
export interface FaultAction {
  delayMs?: number;
  reset?: boolean;
  malformedBody?: boolean;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Short label for the call record, e.g. `rule#0` or `random:503`. */
  label: string;
}

interface LiveRule {
  rule: FaultRule;
  seen: number;
  hits: number;
  id: number;
}

function matches(rule: FaultRule, ctx: FaultContext): boolean {
  if (rule.route !== '*' && rule.route !== ctx.route) return false;
  if (rule.busId !== undefined && rule.busId !== ctx.busId) return false;
  if (rule.groupId !== undefined && rule.groupId !== ctx.groupId) return false;
  return rule.when === undefined || rule.when(ctx);
}

/**
 * Scripted rules with their `skip` / `times` counters.
 * @example const faults = new FaultScript([{ route: 'sync', status: 503, times: 1 }]); faults.match(ctx)?.status // 503
 */
export class FaultScript {
  private rules: LiveRule[] = [];
  private nextId = 0;

  constructor(rules: FaultRule[] = []) {
    for (const rule of rules) this.add(rule);
  }

  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, hits: 0, id: this.nextId++ });
  }

  clear(): void {
    this.rules = [];
  }

  /** The action of the first rule that matches and still has hits left; counts the request against it. */
  match(ctx: FaultContext): FaultAction | undefined {
    for (const live of this.rules) {
      if (!matches(live.rule, ctx)) continue;
      live.seen += 1;
      if (live.seen <= (live.rule.skip ?? 0)) continue;
      if (live.rule.times !== undefined && live.hits >= live.rule.times) continue;
      live.hits += 1;
      const { delayMs, reset, malformedBody, status, body, headers } = live.rule;
      return { delayMs, reset, malformedBody, status, body, headers, label: `rule#${live.id}` };
    }
    return undefined;
  }
}

const ALL_KINDS: RandomFaultKind[] = ['500', '502', '503', '504', 'reset', '429'];

/**
 * Random faults from a seeded PRNG: the n-th authenticated request always gets the same fate for a seed
 * (two draws per request, whether or not it is hit, so that the sequence does not depend on the kinds drawn).
 * @example const random = randomFaults({ rate: 0.1, seed: 42 }); random() // undefined or { status: 503, … }
 */
export function randomFaults(options: RandomFaultOptions): () => FaultAction | undefined {
  if (!(options.rate >= 0 && options.rate <= 1)) throw new Error('randomFaults.rate must be within [0, 1]');
  const kinds = options.kinds && options.kinds.length > 0 ? options.kinds : ALL_KINDS;
  const next = mulberry32(options.seed);
  return () => {
    const hit = next() < options.rate;
    const kind = kinds[Math.floor(next() * kinds.length)] ?? '500';
    if (!hit) return undefined;
    const label = `random:${kind}`;
    if (kind === 'reset') return { reset: true, label };
    if (kind === '429') return { status: 429, headers: { 'Retry-After': '1' }, label };
    return { status: Number(kind), label };
  };
}
