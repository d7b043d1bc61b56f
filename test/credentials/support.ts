/**
 * Shared set-up of the credential suites: a KeyRequest as runInvocation builds it, and the Lambda
 * role's environment (its keys, region, and where the AWS SDK is pointed).
 */
import type { KeyRequest } from '../../src/credentials';
import { Deadline } from '../../src/engine/deadline';
import { StandardRetryStrategy } from '../../src/engine/retry-strategy';
import { Logger } from '../../src/logger';
import { SecretList } from '../../src/redact';
import { AWS_REGION, LAMBDA_ROLE } from '../emulator/federation-fixture';

/** A request with `remainingMs` left, 3 attempts, no wait between them, and the log lines it wrote. */
export function keyRequest(options: { remainingMs?: number; maxAttempts?: number; requestTimeoutMs?: number } = {}) {
  const deadline = Deadline.fromRemaining(options.remainingMs ?? 20_000, 0);
  const lines: string[] = [];
  const secrets = new SecretList();
  const request: KeyRequest = {
    endsAt: deadline.endsAt,
    signal: deadline.signal,
    remainingMs: () => deadline.remainingMs(),
    secrets,
    strategy: new StandardRetryStrategy({ maxAttempts: options.maxAttempts ?? 3, random: () => 0 }),
    requestTimeoutMs: options.requestTimeoutMs ?? 2_000,
    log: new Logger({}, 'debug', (line) => lines.push(line), secrets),
  };
  return { request, lines };
}

/** What the Lambda runtime puts in the environment for the role (fake keys), plus overrides. */
export function lambdaEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    AWS_REGION,
    AWS_ACCESS_KEY_ID: LAMBDA_ROLE.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LAMBDA_ROLE.secretAccessKey,
    AWS_SESSION_TOKEN: LAMBDA_ROLE.sessionToken,
    ...extra,
  };
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected a rejection');
  return outcome;
}
