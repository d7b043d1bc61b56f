/**
 * Huawei keys from a Secrets Manager secret, read with the AWS SDK v3 client that the Lambda Node.js
 * runtime already ships. Not bundled (esbuild keeps `@aws-sdk/*` external) and loaded only when a
 * secret is configured, so no other path pays for it; the keys are kept per warm instance for
 * HUAWEICLOUD_SECRET_TTL_SECONDS. Tests point the SDK at a stand-in with AWS_ENDPOINT_URL_SECRETS_MANAGER.
 */
import type { GetSecretValueCommandOutput, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError, CredentialsError, errorText, SecretReadError } from '../errors';
import { roleCredentialsOf, sendWithRetries } from './aws-sdk';
import { InstanceCache } from './instance-cache';
import type { KeyRequest } from './request';
import type { RuntimeKeys } from './resolve';
import { keysOfSecret } from './secret-value';
import { SECRET_TTL_ENV } from './source';

const DEFAULT_TTL_SECONDS = 300;
const MAX_TTL_SECONDS = 3_600;

type SecretsManagerSdk = typeof import('@aws-sdk/client-secrets-manager');
let sdk: SecretsManagerSdk | undefined;
const clients = new Map<string, SecretsManagerClient>();
const cache = new InstanceCache<RuntimeKeys>();

/**
 * The keys in the secret, from this instance's cache while younger than the TTL, else read through
 * GetSecretValue (retried like IoTDA calls, each attempt and the whole bounded by the deadline).
 * @throws SecretReadError naming the secret and the cause; ConfigError for a bad TTL.
 * @example const keys = await loadKeysFromSecretsManager('softbus-sync/huawei', process.env, request);
 */
export async function loadKeysFromSecretsManager(
  secretId: string,
  env: Record<string, string | undefined>,
  request: KeyRequest,
): Promise<RuntimeKeys> {
  const ttlMs = secretTtlSeconds(env) * 1000;
  const endpoint = env.AWS_ENDPOINT_URL_SECRETS_MANAGER ?? env.AWS_ENDPOINT_URL;
  const where = JSON.stringify([secretId, env.AWS_REGION, endpoint, env.AWS_ACCESS_KEY_ID]);
  // The entry's "expiry" is when it was read: the TTL in force decides whether it is still good.
  return cache.get(
    where,
    async () => ({ value: await readSecret(secretId, env, request, where), expiresAt: Date.now() }),
    (readAt, now) => now - readAt < ttlMs,
  );
}

async function readSecret(secretId: string, env: Record<string, string | undefined>, request: KeyRequest, where: string) {
  const fail = (reason: string) => new SecretReadError(secretId, 'secrets-manager', reason);
  const { SecretsManagerClient, GetSecretValueCommand } = loadSdk();
  let client = clients.get(where);
  if (!client) {
    // One attempt per send: retries are ours (retryStep), so that they follow the deadline.
    client = new SecretsManagerClient({ maxAttempts: 1, region: env.AWS_REGION?.trim() || undefined, credentials: roleCredentialsOf(env) });
    clients.set(where, client);
  }
  const sdkClient = client;
  const result = await sendWithRetries(
    'Secrets Manager',
    request,
    (abortSignal): Promise<GetSecretValueCommandOutput> =>
      sdkClient.send(new GetSecretValueCommand({ SecretId: secretId }), { abortSignal }),
  );
  if (!result.ok) {
    const message = result.error === undefined ? 'failed' : errorText(result.error);
    const tries = result.attempts > 1 ? ` (${result.attempts} attempts)` : '';
    const late = result.outOfTime ? '; the invocation deadline left no time to retry' : '';
    throw fail(
      `${message}${tries}${late}: check the secret's name and region and that the role may call secretsmanager:GetSecretValue on it`,
    );
  }
  if (typeof result.value.SecretString !== 'string') throw fail('the secret has no SecretString (a binary secret is not supported)');
  return keysOfSecret(secretId, 'secrets-manager', result.value.SecretString);
}

function loadSdk(): SecretsManagerSdk {
  try {
    // `require`, not `import()`: only CommonJS resolution follows NODE_PATH, where Lambda puts its SDK
    // (/var/runtime/node_modules). Left external by the build (dev/build.ts).
    sdk ??= require('@aws-sdk/client-secrets-manager') as SecretsManagerSdk;
    return sdk;
  } catch {
    throw new CredentialsError(
      'the AWS SDK for JavaScript v3 (@aws-sdk/client-secrets-manager) cannot be loaded: the Lambda Node.js runtime ships it; elsewhere install it, or set HUAWEICLOUD_CREDENTIALS=environment',
    );
  }
}

/**
 * HUAWEICLOUD_SECRET_TTL_SECONDS: 0–3600, default 300.
 * @example secretTtlSeconds({ HUAWEICLOUD_SECRET_TTL_SECONDS: '60' }) // 60
 */
export function secretTtlSeconds(env: Record<string, string | undefined>): number {
  const raw = env[SECRET_TTL_ENV]?.trim();
  if (!raw) return DEFAULT_TTL_SECONDS;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds > MAX_TTL_SECONDS) {
    throw new ConfigError(`${SECRET_TTL_ENV}: must be a whole number of seconds from 0 to ${MAX_TTL_SECONDS}`, SECRET_TTL_ENV);
  }
  return seconds;
}
