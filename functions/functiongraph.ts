/**
 * FunctionGraph entry point (handler `index.handler` of dist/functiongraph/index.js). Thin on
 * purpose: it reads the context and hands over to the core.
 */
import { RetryableInvocationError } from '../src/errors';
import { runInvocation } from '../src/invoke';
import { retryMessage } from '../src/retry-message';
import type { Report } from '../src/types';

/** The parts of FunctionGraph's context we use (the runtime publishes no typings). */
export interface FunctionGraphContext {
  getRequestID?(): string;
  getRemainingTimeInMilliSeconds?(): number;
  getSecurityAccessKey?(): string;
  getSecuritySecretKey?(): string;
  getSecurityToken?(): string;
  getProjectID?(): string;
}

/**
 * Syncs the soft buses the event calls for and returns the report. Throws only when a platform
 * retry can help (asynchronous trigger, transient failures or deferred buses).
 * @example exports.handler({ kind: 'resync', groupIds: ['…'] }, context) // → Report
 */
export async function handler(event: unknown, context: FunctionGraphContext = {}): Promise<Report> {
  const { report, retryAdvised } = await runInvocation(event, {
    platform: 'functiongraph',
    requestId: context.getRequestID?.() || globalThis.crypto.randomUUID(),
    remainingMs: () => context.getRemainingTimeInMilliSeconds?.() ?? fallbackRemainingMs(),
    // Empty strings unless the function has an agency: resolveCredentials then falls back to the environment.
    loadKeys: () => ({
      ak: context.getSecurityAccessKey?.(),
      sk: context.getSecuritySecretKey?.(),
      securityToken: context.getSecurityToken?.(),
    }),
    projectId: context.getProjectID?.(),
    env: process.env,
  });
  if (retryAdvised) throw new RetryableInvocationError(retryMessage(report), report);
  return report;
}

/** RUNTIME_TIMEOUT (seconds) when the context cannot tell; a minute outside the platform. */
function fallbackRemainingMs(): number {
  const seconds = Number(process.env.RUNTIME_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000;
}
