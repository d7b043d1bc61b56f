import type { Report } from '../report';
import { contextKey, contextString, localRequestId, type Platform, remainingFrom, remainingOf, reportOrRetry } from './platform';

/** The parts of FunctionGraph's context we use (the runtime publishes no typings). */
export interface FunctionGraphContext {
  getRequestID?(): string;
  getRemainingTimeInMilliSeconds?(): number;
  getSecurityAccessKey?(): string;
  getSecuritySecretKey?(): string;
  getSecurityToken?(): string;
  getProjectID?(): string;
  getFunctionName?(): string;
  getVersion?(): string;
}

/**
 * Huawei Cloud FunctionGraph, the primary platform: the agency's temporary keys and the project ID come
 * from the context; the handler returns the report, or throws where a platform retry helps.
 * @example const handler = createHandler(functionGraph); await handler({ kind: 'resync', groupIds: ['…'] }, context);
 */
export const functionGraph: Platform<FunctionGraphContext, Report> = {
  name: 'functiongraph',
  entry: 'functions/functiongraph.ts',
  triggers: ['cts', 'cloudevents', 'timer', 'manual', 'iotda-push'],
  keysFrom: 'context',
  // Every getter is read defensively: one that throws must not crash the handler nor have its message logged.
  runtimeOf: (context = {}, env) => ({
    platform: 'functiongraph',
    requestId: contextString(() => context.getRequestID?.()) ?? globalThis.crypto.randomUUID(),
    remainingMs: () => remainingOf(() => context.getRemainingTimeInMilliSeconds?.(), fallbackRemainingMs(env)),
    // Empty strings unless the function has an agency: resolveCredentials then falls back to the environment.
    loadKeys: () => ({
      ak: contextKey('getSecurityAccessKey', () => context.getSecurityAccessKey?.()),
      sk: contextKey('getSecuritySecretKey', () => context.getSecuritySecretKey?.()),
      securityToken: contextKey('getSecurityToken', () => context.getSecurityToken?.()),
    }),
    projectId: contextString(() => context.getProjectID?.()),
    env,
  }),
  answerOf: reportOrRetry,
  devContext({ requestId = localRequestId(), remainingMs = 60_000, keys, projectId } = {}) {
    const remaining = remainingFrom(remainingMs);
    return {
      getRequestID: () => requestId,
      getRemainingTimeInMilliSeconds: remaining,
      getSecurityAccessKey: () => keys?.ak ?? '',
      getSecuritySecretKey: () => keys?.sk ?? '',
      getSecurityToken: () => keys?.securityToken ?? '',
      getProjectID: () => projectId ?? '',
      getFunctionName: () => 'softbus-sync',
      getVersion: () => 'latest',
    };
  },
};

/** RUNTIME_TIMEOUT (seconds) when the context cannot tell; a minute outside the platform. */
function fallbackRemainingMs(env: Record<string, string | undefined>): number {
  const seconds = Number(env.RUNTIME_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000;
}
