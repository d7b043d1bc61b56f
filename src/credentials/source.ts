import { ConfigError } from '../errors';
import { SECRET_ID_ENV } from './secret-value';

/** Chooses where the Lambda build reads its Huawei keys. */
export const CREDENTIALS_ENV = 'HUAWEICLOUD_CREDENTIALS';
/** How long a warm instance keeps the keys it read from the secret, in seconds (0 = read at every invocation). */
export const SECRET_TTL_ENV = 'HUAWEICLOUD_SECRET_TTL_SECONDS';
/** The settings of HUAWEICLOUD_CREDENTIALS=aws-federation (besides HUAWEICLOUD_SDK_PROJECT_ID, the project). */
export const FEDERATION_ENV_NAMES = [
  'HUAWEICLOUD_IDP_ID',
  'HUAWEICLOUD_IAM_ENDPOINT',
  'HUAWEICLOUD_FEDERATION_AUDIENCE',
  'HUAWEICLOUD_FEDERATION_DURATION',
] as const;
/**
 * Every variable the Lambda build's key sources read besides the AWS runtime's own and the keys
 * themselves (deploy configs are checked against this list): none holds a secret.
 */
export const LAMBDA_CREDENTIAL_ENV_NAMES = [
  CREDENTIALS_ENV,
  SECRET_ID_ENV,
  SECRET_TTL_ENV,
  ...FEDERATION_ENV_NAMES,
  'HUAWEICLOUD_SDK_PROJECT_ID',
] as const;

/**
 * The Lambda build's key sources (HUAWEICLOUD_CREDENTIALS). `auto` (default): the secret named by
 * HUAWEICLOUD_SDK_SECRET_ID when set, read with the runtime's AWS SDK, else the HUAWEICLOUD_SDK_*
 * variables. FunctionGraph always uses its agency's keys and does not read this setting.
 */
export const CredentialSource = {
  Auto: 'auto',
  /** HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK (and HUAWEICLOUD_SDK_SECURITY_TOKEN). */
  Environment: 'environment',
  /** The secret, read with the AWS SDK v3 the Lambda runtime ships (no layer). */
  SecretsManager: 'secrets-manager',
  /** The secret, read through the AWS Parameters and Secrets Lambda Extension (a layer). */
  SecretsExtension: 'secrets-extension',
  /** No stored key: the role's STS web identity token exchanged at Huawei IAM for temporary keys. */
  AwsFederation: 'aws-federation',
} as const;
export type CredentialSource = (typeof CredentialSource)[keyof typeof CredentialSource];

/**
 * The source to use, `auto` resolved; errors name the variable at fault.
 * @example credentialSourceOf({ HUAWEICLOUD_SDK_SECRET_ID: 'softbus-sync/huawei' }) // 'secrets-manager'
 */
export function credentialSourceOf(env: Record<string, string | undefined>): Exclude<CredentialSource, 'auto'> {
  const raw = env[CREDENTIALS_ENV]?.trim().toLowerCase() || CredentialSource.Auto;
  const known = Object.values(CredentialSource) as string[];
  if (!known.includes(raw)) throw new ConfigError(`${CREDENTIALS_ENV}: must be one of ${known.join(', ')}`, CREDENTIALS_ENV);
  const source = raw as CredentialSource;
  if (source !== CredentialSource.Auto) return source;
  return secretIdOf(env) ? CredentialSource.SecretsManager : CredentialSource.Environment;
}

/** HUAWEICLOUD_SDK_SECRET_ID, trimmed; undefined when unset or empty. @example secretIdOf(process.env) // 'softbus-sync/huawei' */
export function secretIdOf(env: Record<string, string | undefined>): string | undefined {
  return env[SECRET_ID_ENV]?.trim() || undefined;
}

/**
 * HUAWEICLOUD_SDK_SECRET_ID, required by the secret sources.
 * @example requireSecretId(process.env, 'secrets-extension') // 'softbus-sync/huawei'
 */
export function requireSecretId(env: Record<string, string | undefined>, source: CredentialSource): string {
  const secretId = secretIdOf(env);
  if (!secretId)
    throw new ConfigError(`${SECRET_ID_ENV}: required with ${CREDENTIALS_ENV}=${source} (the secret's name or ARN)`, SECRET_ID_ENV);
  return secretId;
}
