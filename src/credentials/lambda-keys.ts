import type { KeyRequest } from './request';
import type { RuntimeKeys } from './resolve';
import { loadKeysFromSecretsExtension } from './secrets-extension';
import { loadKeysFromSecretsManager } from './secrets-manager';
import { CredentialSource, credentialSourceOf, requireSecretId } from './source';

/**
 * The Lambda build's keys, from the source HUAWEICLOUD_CREDENTIALS chooses (source.ts). `environment`
 * answers undefined: resolveCredentials then reads the HUAWEICLOUD_SDK_* variables. The federation code
 * loads only when chosen. The role's own AWS keys are registered as secrets first: some of these calls
 * are signed with them.
 * @example const keys = await loadLambdaKeys(process.env, request);
 */
export async function loadLambdaKeys(env: Record<string, string | undefined>, request: KeyRequest): Promise<RuntimeKeys | undefined> {
  const source = credentialSourceOf(env);
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) request.secrets.add(env[name]);
  switch (source) {
    case CredentialSource.Environment:
      return undefined;
    case CredentialSource.SecretsManager:
      return loadKeysFromSecretsManager(requireSecretId(env, source), env, request);
    case CredentialSource.SecretsExtension:
      return loadKeysFromSecretsExtension(requireSecretId(env, source), env, request);
    case CredentialSource.AwsFederation: {
      const { loadFederatedKeys } = await import('./aws-federation');
      return loadFederatedKeys(env, request);
    }
  }
}
