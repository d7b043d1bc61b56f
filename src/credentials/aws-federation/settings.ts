import { loadConfig, serviceBaseUrl } from '../../config';
import { ConfigError } from '../../errors';

/** RS256: the algorithm of every documented Huawei OIDC signing key (ES384 is not confirmed there). */
export const SIGNING_ALGORITHM = 'RS256';
/** The JWT's lifetime: STS's default; the token is traded at once. */
export const TOKEN_DURATION_SECONDS = 300;
const DURATION = { min: 900, max: 86_400, fallback: 3_600 } as const;
const IDP_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface FederationSettings {
  /** X-Idp-Id: the identity provider's name in Huawei IAM. */
  idpId: string;
  /** Base URL of Huawei IAM, no trailing slash. */
  iamEndpoint: string;
  /** The JWT's `aud`: the identity provider's client ID. */
  audience: string;
  /** Lifetime asked for the temporary keys, seconds. */
  durationSeconds: number;
  /** STS is regional only: the Lambda's own region. */
  awsRegion: string;
}

/**
 * Reads and validates the federation settings; errors name the variable at fault.
 * @example federationSettings({ HUAWEICLOUD_IDP_ID: 'aws-softbus-sync', HUAWEICLOUD_FEDERATION_AUDIENCE: 'softbus-sync', IOTDA_REGION: 'cn-north-4', AWS_REGION: 'eu-west-1' }).iamEndpoint // 'https://iam.cn-north-4.myhuaweicloud.com'
 */
export function federationSettings(env: Record<string, string | undefined>): FederationSettings {
  const value = (name: string) => env[name]?.trim() || undefined;
  const idpId = value('HUAWEICLOUD_IDP_ID');
  if (!idpId || !IDP_ID.test(idpId)) {
    throw new ConfigError(
      'HUAWEICLOUD_IDP_ID: required, the identity provider name (letters, digits, _ and -, at most 64)',
      'HUAWEICLOUD_IDP_ID',
    );
  }
  const audience = value('HUAWEICLOUD_FEDERATION_AUDIENCE');
  if (!audience || audience.length > 255) {
    throw new ConfigError(
      "HUAWEICLOUD_FEDERATION_AUDIENCE: required, the audience registered as the identity provider's client ID (at most 255 characters)",
      'HUAWEICLOUD_FEDERATION_AUDIENCE',
    );
  }
  const awsRegion = value('AWS_REGION');
  if (!awsRegion) throw new ConfigError('AWS_REGION: not set (the Lambda runtime sets it; STS is called in that region)', 'AWS_REGION');
  return {
    idpId,
    audience,
    awsRegion,
    iamEndpoint: iamEndpointOf(env, value('HUAWEICLOUD_IAM_ENDPOINT')),
    durationSeconds: durationOf(value),
  };
}

function durationOf(value: (name: string) => string | undefined): number {
  const raw = value('HUAWEICLOUD_FEDERATION_DURATION');
  if (raw === undefined) return DURATION.fallback;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < DURATION.min || seconds > DURATION.max) {
    throw new ConfigError(
      `HUAWEICLOUD_FEDERATION_DURATION: must be a whole number of seconds from ${DURATION.min} to ${DURATION.max}`,
      'HUAWEICLOUD_FEDERATION_DURATION',
    );
  }
  return seconds;
}

function iamEndpointOf(env: Record<string, string | undefined>, raw: string | undefined): string {
  const name = 'HUAWEICLOUD_IAM_ENDPOINT';
  if (!raw) {
    // The regional endpoint of IoTDA's region (IOTDA_REGION, or the region in IOTDA_ENDPOINT's host).
    const region = loadConfig(env).region;
    if (!region) throw new ConfigError(`${name}: set it, or IOTDA_REGION, so that the IAM endpoint can be derived`, name);
    return `https://iam.${region}.myhuaweicloud.com`;
  }
  return serviceBaseUrl(name, raw);
}
