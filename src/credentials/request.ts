import type { TimeBudget } from '../engine/deadline';
import type { RetryStrategy } from '../engine/parts';
import type { Logger } from '../logger';
import type { SecretList } from '../redact';

/**
 * What a key loader (InvocationRuntime.loadKeys) is given: the invocation's time budget (a TimeBudget:
 * loading keys counts against the same deadline as the work; pass `signal` on to what waits), where to
 * register the secrets it handles, and the retry policy of every other call.
 * @example const keys = await runtime.loadKeys?.({ endsAt, signal, remainingMs, secrets: log.secrets, strategy, requestTimeoutMs: 5000 });
 */
export interface KeyRequest extends TimeBudget {
  /** Register every secret before anything could write it out (tokens, keys, a JWT). */
  secrets: SecretList;
  /** The retry policy of IoTDA calls; credential calls retry the same transient failures. */
  strategy: RetryStrategy;
  /** Cap of one request's timeout (SYNC_REQUEST_TIMEOUT_MS), further bounded by the time left. */
  requestTimeoutMs: number;
  /** The invocation's logger, for what a loader did (never a secret: every line is scrubbed anyway). */
  log?: Logger;
}

/**
 * The timeout of one request: the cap, or less when the time left is shorter.
 * @example const timeoutMs = requestTimeout(request, 3000); // 3000, or 1200 with 1.2 s left
 */
export function requestTimeout(budget: Pick<TimeBudget, 'remainingMs'>, capMs: number): number {
  // Whole milliseconds: timers and messages want them (half of an odd budget is not one).
  return Math.floor(Math.max(0, Math.min(capMs, budget.remainingMs())));
}

/**
 * A signal for one attempt: aborts after `timeoutMs` or when the budget runs out, whichever comes
 * first; `done()` clears the timer. (Not AbortSignal.any with AbortSignal.timeout: Node 20 may collect
 * a timeout signal that nothing else holds, and then it never fires.)
 * @example const attempt = attemptSignal(request, 3000); try { await fetch(url, { signal: attempt.signal }); } finally { attempt.done(); }
 */
export function attemptSignal(budget: Pick<TimeBudget, 'signal'>, timeoutMs: number): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('attempt timed out', 'TimeoutError')), timeoutMs);
  const onBudgetOver = () => controller.abort(budget.signal.reason);
  if (budget.signal.aborted) onBudgetOver();
  else budget.signal.addEventListener('abort', onBudgetOver, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      budget.signal.removeEventListener('abort', onBudgetOver);
    },
  };
}
