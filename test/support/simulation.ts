/**
 * A discrete-event simulation of the engine against the API gateway's quota, in simulated time: the real
 * `executePlan` (queue, in-flight sizing, retries) and the real Pacer, with a fake clock and a fake
 * IoTDA client that answers after `latencyMs`, or 429 when the quota's bucket is empty (at once with
 * `immediate429`, as a gateway does). Several invocations can share one quota. Nothing sleeps for real:
 * a second of simulated time costs a few milliseconds, and every run is repeatable.
 */
import { mulberry32 } from '../../emulator/prng';
import { Deadline } from '../../src/engine/deadline';
import { executePlan } from '../../src/engine/execute';
import { Pacer, type PacerOptions } from '../../src/engine/pacer';
import type { RateLimiter } from '../../src/engine/parts';
import { StandardRetryStrategy } from '../../src/engine/retry-strategy';
import { ApiError } from '../../src/errors';
import type { SoftBusApi, SoftBusPage } from '../../src/iotda/client';
import { Logger } from '../../src/logger';
import { buildPlan } from '../../src/plan';

/** Simulated time: `sleep` resolves in time order; `run` drives it until nothing is left to wake. */
export class SimClock {
  now = 1_000_000;
  private due: Array<{ at: number; seq: number; wake: () => void }> = [];
  private seq = 0;

  sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      this.due.push({ at: this.now + Math.max(0, ms), seq: this.seq++, wake });
    });

  /** Runs until `done` settles: lets every microtask run, then moves to the next wake-up. */
  async run<T>(done: Promise<T>): Promise<T> {
    let settled = false;
    const result = done.finally(() => {
      settled = true;
    });
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) break;
      this.due.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.due.shift();
      if (!next) throw new Error('simulation stalled: nothing to wake and the work is not done');
      this.now = Math.max(this.now, next.at);
      next.wake();
    }
    return result;
  }
}

/** The gateway's quota: a token bucket of `q` per second, burst `burst` (default q). */
export class SimQuota {
  private tokens: number;
  private last: number;
  readonly log: Array<{ at: number; ok: boolean; flow: number }> = [];

  constructor(
    private readonly clock: SimClock,
    private q: number,
    private burst = q,
  ) {
    this.tokens = burst;
    this.last = clock.now;
  }

  setRate(q: number): void {
    this.refill();
    this.q = q;
    this.burst = q;
    this.tokens = Math.min(this.tokens, q);
  }

  /** Takes a token; on refusal, the seconds until the next one (Retry-After, at least 1). */
  take(flow: number): { ok: true } | { ok: false; retryAfter: number } {
    this.refill();
    const ok = this.tokens >= 1;
    this.log.push({ at: this.clock.now, ok, flow });
    if (ok) {
      this.tokens -= 1;
      return { ok };
    }
    return { ok, retryAfter: Math.max(1, Math.ceil((1 - this.tokens) / this.q)) };
  }

  private refill(): void {
    this.tokens = Math.min(this.burst, this.tokens + ((this.clock.now - this.last) / 1000) * this.q);
    this.last = this.clock.now;
  }
}

export interface SimFlow {
  /** Buses to sync (named directly; one group listing per `perGroup` buses when set). */
  buses: number;
  /** List the buses in groups of this size first (default: buses named directly, no listing). */
  perGroup?: number;
  limiter?: RateLimiter;
  pacer?: PacerOptions;
  concurrency?: number;
  /** Start this many ms after the simulation starts. */
  delayMs?: number;
}

export interface SimResult {
  wallMs: number;
  synced: number;
  failed: number;
  deferred: number;
  attempts: number;
  throttled: number;
  rateCuts: Array<{ at: number; fromRps: number; toRps: number; acceptedRps: number }>;
}

/**
 * One invocation's fake client: the quota decides, the answer comes `latencyMs` (± `jitter` of it) later;
 * a 429 at once when `immediate429`.
 */
function simClient(
  clock: SimClock,
  quota: SimQuota,
  flow: number,
  network: { latencyMs: number; immediate429: boolean; jitter: number; random: () => number },
  perGroup = 50,
): SoftBusApi {
  const answer = async () => {
    const decision = quota.take(flow);
    const latency = network.latencyMs * (1 + network.jitter * (2 * network.random() - 1));
    await clock.sleep(decision.ok || !network.immediate429 ? latency : 0);
    if (!decision.ok) throw new ApiError('throttled', { status: 429, kind: 'http', retryAfter: String(decision.retryAfter) });
  };
  return {
    async listSoftBuses(query: { groupId?: string }): Promise<SoftBusPage> {
      await answer();
      const group = query.groupId ?? 'g';
      const buses = Array.from({ length: perGroup }, (_, i) => ({ bus_id: `${group}b${i}`, group_id: group, status: 'ToBeSynchronized' }));
      return { buses, count: perGroup };
    },
    syncSoftBus: answer,
  };
}

/** Runs `flows` at once against one quota; returns each one's figures. */
export async function simulate(options: {
  q: number;
  latencyMs: number;
  immediate429?: boolean;
  /** Spread of the latency, as a share of it (default 0). */
  jitter?: number;
  seed?: number;
  flows: SimFlow[];
  clock?: SimClock;
  quota?: SimQuota;
}) {
  const clock = options.clock ?? new SimClock();
  const random = mulberry32(options.seed ?? 1);
  const network = { latencyMs: options.latencyMs, immediate429: options.immediate429 ?? false, jitter: options.jitter ?? 0, random };
  const quota = options.quota ?? new SimQuota(clock, options.q);
  const start = clock.now;
  const runs = options.flows.map(async (flow, index): Promise<SimResult> => {
    if (flow.delayMs) await clock.sleep(flow.delayMs);
    const began = clock.now;
    const groups = flow.perGroup ? Math.ceil(flow.buses / flow.perGroup) : 0;
    const plan = buildPlan([
      {
        ref: 'r',
        busIds: groups ? [] : Array.from({ length: flow.buses }, (_, i) => `f${index}b${i}`),
        groups: Array.from({ length: groups }, (_, g) => ({ groupId: `f${index}g${g}`, selection: 'all' as const })),
        dryRun: false,
      },
    ]);
    const rateCuts: SimResult['rateCuts'] = [];
    const log = new Logger({}, 'info', (line) => {
      const entry = JSON.parse(line);
      if (entry.message === 'rate cut') rateCuts.push(entry);
    });
    const limiter = flow.limiter ?? new Pacer(flow.pacer ?? { maxRps: 150 }, () => clock.now, clock.sleep);
    const execution = await executePlan(plan, {
      client: simClient(clock, quota, index, network, flow.perGroup),
      limiter,
      strategy: new StandardRetryStrategy({ maxAttempts: 4, now: () => clock.now, random }),
      deadline: new Deadline(clock.now + 3_600_000, () => clock.now),
      requestTimeoutMs: 5_000,
      concurrency: flow.concurrency ?? 128,
      log,
      clock: { now: () => clock.now, sleep: clock.sleep },
    });
    const count = (outcome: string) => [...execution.buses].filter((b) => b.outcome === outcome).length;
    return {
      wallMs: clock.now - began,
      synced: count('synced'),
      failed: count('failed'),
      deferred: count('deferred'),
      attempts: execution.counters.attempts,
      throttled: execution.counters.throttled,
      rateCuts,
    };
  });
  const results = await clock.run(Promise.all(runs));
  const throttled = quota.log.filter((x) => !x.ok).length;
  return { results, wallMs: clock.now - start, calls: quota.log.length, throttled, throttledShare: throttled / quota.log.length, quota };
}
