import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SecretsManagerStandIn, startSecretsManagerStandIn } from '../../emulator';
import { loadKeysFromSecretsManager, secretTtlSeconds } from '../../src/credentials/secrets-manager';
import { SecretReadError } from '../../src/errors';
import { AWS_REGION, LAMBDA_ROLE, OTHER_ROLE } from '../emulator/federation-fixture';
import { keyRequest, lambdaEnv, rejectionOf } from './support';

const KEYS = {
  HUAWEICLOUD_SDK_AK: 'AKSMTEST0123456789',
  HUAWEICLOUD_SDK_SK: 'sk-from-secrets-manager-0123456789',
  HUAWEICLOUD_SDK_PROJECT_ID: 'p1',
};
let sm: SecretsManagerStandIn;
let secretId = '';
let serial = 0;

beforeEach(async () => {
  // A fresh secret name per test: the loader keeps keys per warm instance (module scope).
  secretId = `softbus-sync/huawei-${++serial}-${Date.now()}`;
  sm = await startSecretsManagerStandIn({ region: AWS_REGION, credentials: [LAMBDA_ROLE], secrets: { [secretId]: JSON.stringify(KEYS) } });
  vi.stubEnv('AWS_ENDPOINT_URL_SECRETS_MANAGER', sm.url);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await sm.close();
});

describe('loadKeysFromSecretsManager (the real SDK against a signature-checking stand-in)', () => {
  it('reads the keys with a SigV4-signed GetSecretValue of the role', async () => {
    // prepare
    const { request } = keyRequest();
    // act
    const keys = await loadKeysFromSecretsManager(secretId, lambdaEnv(), request);
    // assess
    expect(keys).toEqual({ ak: KEYS.HUAWEICLOUD_SDK_AK, sk: KEYS.HUAWEICLOUD_SDK_SK, projectId: 'p1', source: 'secrets-manager' });
    expect(sm.calls).toEqual([
      expect.objectContaining({ target: 'secretsmanager.GetSecretValue', secretId, status: 200, accessKeyId: LAMBDA_ROLE.accessKeyId }),
    ]);
  });

  it('keeps the keys for the TTL: a second invocation makes no call; TTL 0 reads every time', async () => {
    // act
    await loadKeysFromSecretsManager(secretId, lambdaEnv(), keyRequest().request);
    await loadKeysFromSecretsManager(secretId, lambdaEnv(), keyRequest().request);
    // assess
    expect(sm.calls).toHaveLength(1);
    // act: no cache
    const env = lambdaEnv({ HUAWEICLOUD_SECRET_TTL_SECONDS: '0' });
    await loadKeysFromSecretsManager(secretId, env, keyRequest().request);
    await loadKeysFromSecretsManager(secretId, env, keyRequest().request);
    // assess
    expect(sm.calls).toHaveLength(3);
  });

  it('is refused when the signature is not the role’s (wrong secret key): a SecretReadError naming the secret', async () => {
    // prepare
    const env = lambdaEnv({ AWS_SECRET_ACCESS_KEY: 'not-the-role-secret-key' });
    // act
    const error = await rejectionOf(loadKeysFromSecretsManager(secretId, env, keyRequest().request));
    // assess
    expect(error).toBeInstanceOf(SecretReadError);
    expect(error.message).toContain(`"${secretId}" (secrets-manager)`);
    expect(error.message).toMatch(/InvalidSignatureException/);
    expect(sm.calls[0]).toMatchObject({ status: 400, errorCode: 'InvalidSignatureException' });
  });

  it('names a missing secret and what to check, without retrying it', async () => {
    // act
    const error = await rejectionOf(loadKeysFromSecretsManager('no/such/secret', lambdaEnv(), keyRequest().request));
    // assess
    expect(error.message).toMatch(/ResourceNotFoundException.*secretsmanager:GetSecretValue/);
    expect(sm.calls).toHaveLength(1);
  });

  it('retries throttling and 5xx like IoTDA calls, then succeeds', async () => {
    // prepare
    sm.addFault({ code: 'InternalServiceError', times: 1 });
    // act
    const keys = await loadKeysFromSecretsManager(secretId, lambdaEnv(), keyRequest().request);
    // assess
    expect(keys.ak).toBe(KEYS.HUAWEICLOUD_SDK_AK);
    expect(sm.calls.map((c) => c.status)).toEqual([500, 200]);
  });

  it('retries a ThrottlingException, which AWS answers with HTTP 400, like a 429', async () => {
    // prepare
    sm.addFault({ code: 'ThrottlingException', status: 400, times: 1 });
    // act
    const keys = await loadKeysFromSecretsManager(secretId, lambdaEnv(), keyRequest().request);
    // assess
    expect(keys.ak).toBe(KEYS.HUAWEICLOUD_SDK_AK);
    expect(sm.calls.map((c) => [c.status, c.errorCode])).toEqual([
      [400, 'ThrottlingException'],
      [200, undefined],
    ]);
  });

  it('gives up within the time left when the answer stalls mid-body', async () => {
    // prepare
    sm.addFault({ stall: true });
    const { request } = keyRequest({ remainingMs: 700, maxAttempts: 1 });
    const started = Date.now();
    // act
    const error = await rejectionOf(loadKeysFromSecretsManager(secretId, lambdaEnv(), request));
    // assess
    expect(error).toBeInstanceOf(SecretReadError);
    expect(error.message).toContain('no answer in time');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('never writes the secret value, even when it is not the expected JSON', async () => {
    // prepare
    sm.setSecret(secretId, `${KEYS.HUAWEICLOUD_SDK_AK}:${KEYS.HUAWEICLOUD_SDK_SK}`);
    // act
    const error = await rejectionOf(
      loadKeysFromSecretsManager(secretId, lambdaEnv({ AWS_ACCESS_KEY_ID: OTHER_ROLE.accessKeyId }), keyRequest().request),
    );
    // assess: another role's key ID is unknown to the stand-in; with the right role the value is not JSON
    expect(error.message).not.toContain(KEYS.HUAWEICLOUD_SDK_SK);
    const second = await rejectionOf(loadKeysFromSecretsManager(secretId, lambdaEnv(), keyRequest().request));
    expect(second.message).toContain('must be a JSON object');
    expect(second.message).not.toContain(KEYS.HUAWEICLOUD_SDK_SK);
  });
});

describe('HUAWEICLOUD_SECRET_TTL_SECONDS', () => {
  it('defaults to 300 and refuses what is not 0–3600', () => {
    expect(secretTtlSeconds({})).toBe(300);
    expect(secretTtlSeconds({ HUAWEICLOUD_SECRET_TTL_SECONDS: '0' })).toBe(0);
    for (const bad of ['-1', '3601', '1.5', 'five'])
      expect(() => secretTtlSeconds({ HUAWEICLOUD_SECRET_TTL_SECONDS: bad })).toThrow(/0 to 3600/);
  });
});
