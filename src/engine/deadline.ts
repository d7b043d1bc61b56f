import { OutOfTimeError } from '../errors';

/**
 * The time an invocation has left, for everything it waits on before and during the work: keys,
 * secrets, requests, sleeps. Whatever waits takes one and stops when it runs out: pass `signal` to
 * `fetch` or an AWS SDK call (`abortSignal`), or use `remainingMs()` as a timeout.
 * @example const answer = await fetch(url, { signal: budget.signal });
 */
export interface TimeBudget {
  /** Epoch ms at which the time is up. */
  readonly endsAt: number;
  /** Aborts when the time is up (its reason is an OutOfTimeError). */
  readonly signal: AbortSignal;
  /** Time left, ms (0 once over). */
  remainingMs(): number;
}

/**
 * The invocation's time budget. `remainingMs()` is the time left before the reserve kept for
 * reporting and logging, so work that fits in it can never make the platform kill the function.
 * @example
 * const deadline = Deadline.fromRemaining(context.getRemainingTimeInMilliSeconds(), 1500);
 * if (deadline.remainingMs() < 250) deferRest();
 */
export class Deadline implements TimeBudget {
  private controller?: AbortController;

  constructor(
    /** Epoch ms at which the work must be over. */
    readonly endsAt: number,
    private readonly now: () => number = Date.now,
  ) {}

  static fromRemaining(remainingMs: number, reserveMs: number, now: () => number = Date.now): Deadline {
    // A short budget (FunctionGraph's default timeout is 3 s) keeps half for itself, not the whole reserve.
    const reserve = Math.min(reserveMs, remainingMs / 2);
    return new Deadline(now() + Math.max(0, Math.floor(remainingMs - reserve)), now);
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - this.now());
  }

  /** Made on first use; its timer does not keep the process alive. */
  get signal(): AbortSignal {
    if (!this.controller) {
      const controller = new AbortController();
      this.controller = controller;
      const abort = () => controller.abort(new OutOfTimeError(`no time left (the deadline ${new Date(this.endsAt).toISOString()} passed)`));
      const left = this.remainingMs();
      if (left === 0) abort();
      else setTimeout(abort, left).unref();
    }
    return this.controller.signal;
  }
}

/**
 * Waits for `work`, but never past the budget (plus `graceMs`, so that work that heeds the budget can
 * report its own, more telling, timeout first): when the time runs out it rejects with an OutOfTimeError
 * naming `what`, whether or not `work` heeded the budget's signal.
 * @example const keys = await withinBudget(runtime.loadKeys(budget), budget, 'loading the keys');
 */
export async function withinBudget<T>(work: T | Promise<T>, budget: TimeBudget, what: string, graceMs = 0): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const left = budget.remainingMs() + graceMs;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new OutOfTimeError(`${what}: no answer within the time left (${left} ms)`)), left);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
