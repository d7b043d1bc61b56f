/**
 * The invocation's time budget. `remainingMs()` is the time left before the reserve kept for
 * reporting and logging, so work that fits in it can never make the platform kill the function.
 * @example
 * const deadline = Deadline.fromRemaining(context.getRemainingTimeInMilliSeconds(), 1500);
 * if (deadline.remainingMs() < 250) deferRest();
 */
export class Deadline {
  constructor(
    /** Epoch ms at which the work must be over. */
    readonly endsAt: number,
    private readonly now: () => number = Date.now,
  ) {}

  static fromRemaining(remainingMs: number, reserveMs: number, now: () => number = Date.now): Deadline {
    // A short budget (FunctionGraph's default timeout is 3 s) keeps half for itself, not the whole reserve.
    const reserve = Math.min(reserveMs, remainingMs / 2);
    return new Deadline(now() + Math.max(0, remainingMs - reserve), now);
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - this.now());
  }
}
