import { CredentialsError, describeError, RetryableInvocationError } from '../errors';
import type { Trigger } from '../events';
import type { InvocationResult, InvocationRuntime } from '../invoke';
import { type Report, retryMessage } from '../report';

/** What a local run, a test or a benchmark puts in a platform-like context. */
export interface DevContextOptions {
  requestId?: string;
  /** Time the context says is left (default 60 s). */
  remainingMs?: number;
  /** Keys the runtime hands over (FunctionGraph's agency); platforms that read keys elsewhere ignore them. */
  keys?: { ak: string; sk: string; securityToken?: string };
  projectId?: string;
}

/**
 * One platform the function runs on: its bundle entry, how its context becomes the core's runtime, and
 * how a result becomes its answer. One file per platform, listed in src/platforms/index.ts; build,
 * package, `npm start`, the tests and the bench all read that list.
 * @example export const myCloud: Platform<MyContext, Report> = { name: 'mycloud', entry: 'functions/mycloud.ts', … };
 */
export interface Platform<Context = never, Answer = unknown> {
  readonly name: string;
  /** The bundle's entry file (`functions/<name>.ts`); the bundle is `dist/<name>/index.js`, handler `index.handler`. */
  readonly entry: string;
  /** The triggers this platform delivers (local runs pick the platform of an event by them). */
  readonly triggers: readonly Trigger[];
  /** Where its Huawei keys come from: the invocation context (an agency) or the environment (variables, a secret). */
  readonly keysFrom: 'context' | 'environment';
  runtimeOf(context: Context | undefined, env: Record<string, string | undefined>): InvocationRuntime;
  /** The handler's answer; throws where the platform should retry the event. */
  answerOf(result: InvocationResult): Answer;
  /** A context like the platform's, for local runs, tests and benchmarks. */
  devContext(options?: DevContextOptions): Context;
}

/**
 * The common answer: the report, or a thrown RetryableInvocationError (carrying it) when a platform
 * retry can help.
 * @example answerOf: reportOrRetry
 */
export function reportOrRetry(result: InvocationResult): Report {
  // The message holds counts, the request ID and the report's error message; the report it carries is scrubbed and capped.
  if (result.retryAdvised) throw new RetryableInvocationError(retryMessage(result.report), result.report);
  return result.report;
}

/** A fresh request ID for local runs. @example localRequestId() // 'local-m3x1k2' */
export const localRequestId = () => `local-${Date.now().toString(36)}`;

/** A clock of the time left, from a budget that starts now. @example const left = remainingFrom(60_000); left() // 59_999 */
export function remainingFrom(budgetMs: number): () => number {
  const endsAt = Date.now() + budgetMs;
  return () => Math.max(0, endsAt - Date.now());
}

/**
 * A context getter's value, or undefined when it throws or returns something else than a non-empty
 * string: the context comes from outside, and its error could quote anything.
 * @example contextString(() => context.getRequestID?.())
 */
export function contextString(read: () => unknown): string | undefined {
  try {
    const value = read();
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The time left from a context getter: a finite number ≥ 0, else `fallback` (a getter that throws or
 * returns NaN must not make the deadline unknown).
 * @example remainingOf(() => context.getRemainingTimeInMillis?.(), 60_000)
 */
export function remainingOf(read: () => unknown, fallback: number): number {
  try {
    const value = read();
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, value) : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A key from a context getter; a getter that throws becomes a CredentialsError naming the getter and
 * the error's name (never its message, which could quote the key).
 * @example contextKey('getSecurityAccessKey', () => context.getSecurityAccessKey?.())
 */
export function contextKey(getter: string, read: () => unknown): string | undefined {
  try {
    const value = read();
    return typeof value === 'string' ? value : undefined;
  } catch (error) {
    throw new CredentialsError(`the context's ${getter}() failed (${describeError(error).name})`);
  }
}
