import { CredentialsError } from '../../errors';

/** The three calls of the exchange (docs/federation.md): STS, then Huawei IAM twice. */
export const FederationStep = {
  /** STS GetWebIdentityToken: the Lambda role's JWT. */
  Sts: 'sts',
  /** IAM POST /v3.0/OS-AUTH/id-token/tokens: the JWT for a federated token. */
  IdToken: 'id-token',
  /** IAM POST /v3.0/OS-CREDENTIAL/securitytokens: the token for temporary keys. */
  TemporaryKeys: 'temporary-keys',
} as const;
export type FederationStep = (typeof FederationStep)[keyof typeof FederationStep];

/** Why a step failed, as the report and the logs name it, with the step it belongs to and what to check. */
export const FEDERATION_FAILURES = {
  'sts-credentials-missing': [
    'sts',
    'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set: the Lambda runtime sets them from the execution role',
  ],
  'sts-denied': ['sts', 'the role needs sts:GetWebIdentityToken for this audience (serverless.aws.yml grants it)'],
  'federation-disabled': [
    'sts',
    'enable outbound identity federation on the AWS account (IAM → Account settings, or aws iam enable-outbound-web-identity-federation)',
  ],
  'sts-failed': ['sts', 'STS is regional: check AWS_REGION; throttling, 5xx and network failures were retried'],
  'idp-unknown': ['id-token', 'HUAWEICLOUD_IDP_ID must be the name of the identity provider in Huawei Cloud IAM'],
  'jwt-rejected': [
    'id-token',
    'the identity provider must trust this token: identity provider URL = the AWS issuer URL, client ID = HUAWEICLOUD_FEDERATION_AUDIENCE, signing key = the issuer’s current JWKS',
  ],
  'mapping-rejected': ['id-token', "the identity provider's identity conversion rule must admit this role's ARN as sub"],
  'id-token-failed': ['id-token', 'check HUAWEICLOUD_IAM_ENDPOINT; throttling, 5xx and network failures were retried'],
  'temporary-keys-rejected': ['temporary-keys', 'the identity provider must allow programmatic access'],
  'temporary-keys-failed': [
    'temporary-keys',
    'HUAWEICLOUD_FEDERATION_DURATION must be 900–86400; throttling, 5xx and network failures were retried',
  ],
} as const satisfies Record<string, readonly [FederationStep, string]>;
export type FederationFailure = keyof typeof FEDERATION_FAILURES;

/** The parts of a failed step that the report carries (never a token). */
export interface FederationFailureDetails {
  source: 'aws-federation';
  step: FederationStep;
  reason: FederationFailure;
  status?: number;
  errorCode?: string;
  attempts: number;
  retryable: boolean;
}

/**
 * A step of the federation exchange failed: the message names the step, the reason, what the service
 * said (scrubbed of every secret) and what to check; `failure` is the same for machines.
 * @example throw new FederationError('sts-denied', 'STS answered HTTP 403 AccessDenied', { status: 403, errorCode: 'AccessDenied', attempts: 1, retryable: false });
 */
export class FederationError extends CredentialsError {
  constructor(
    reason: FederationFailure,
    detail: string,
    facts: { status?: number; errorCode?: string; attempts: number; retryable: boolean },
  ) {
    const [step, hint] = FEDERATION_FAILURES[reason];
    // No `cause`: the SDK's or the HTTP layer's error objects could carry request material.
    const failure: FederationFailureDetails = { source: 'aws-federation', step, reason, ...facts };
    super(`aws-federation: ${step} step failed (${reason}): ${detail}; ${hint}`, { failure });
  }
}
