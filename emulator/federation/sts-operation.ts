/**
 * GetWebIdentityToken itself, without I/O: parameter validation as the API reference states it, the
 * account and policy checks the stand-in models, and the token's claims.
 */
import { randomUUID } from 'node:crypto';
import type { OidcIssuer } from './issuer.js';
import { JwsAlgorithm } from './jws.js';
import type { AwsTestCredential } from './sigv4.js';
import { memberList, StsErrorCode, stsTimestamp, successXml } from './sts-protocol.js';

/** What the API reference allows: 1-10 audiences of 1-1000 characters; 60-3600 s, default 300. */
export const AUDIENCE_LIMITS = { minItems: 1, maxItems: 10, maxLength: 1000 } as const;
export const DURATION_LIMITS = { min: 60, max: 3600, default: 300 } as const;
/** The namespace of AWS's own claims in the token. */
export const STS_CLAIMS_NAMESPACE = 'https://sts.amazonaws.com/';

export interface StsAnswer {
  status: number;
  /** XML body when the call succeeded. */
  xml?: string;
  error?: { code: string; message: string };
  audience?: string[];
  signingAlgorithm?: string;
  durationSeconds?: number;
  token?: string;
}

export interface OperationContext {
  issuer: OidcIssuer;
  issuerUrl: string;
  region: string;
  federationEnabled: boolean;
  allowedAudiences?: string[];
  now: number;
  requestId: string;
}

const fail = (status: number, code: string, message: string, extra: Partial<StsAnswer> = {}): StsAnswer => ({
  status,
  error: { code, message },
  ...extra,
});

/**
 * @example getWebIdentityToken(parseForm(body), credential, ctx).status // 200, 400, 403
 */
export function getWebIdentityToken(params: Map<string, string>, credential: AwsTestCredential, ctx: OperationContext): StsAnswer {
  const audience = memberList(params, 'Audience');
  const signingAlgorithm = params.get('SigningAlgorithm');
  const durationText = params.get('DurationSeconds');
  const durationSeconds = durationText === undefined ? DURATION_LIMITS.default : Number(durationText);
  const seen = { audience, signingAlgorithm, durationSeconds };
  if (audience.length < AUDIENCE_LIMITS.minItems || audience.length > AUDIENCE_LIMITS.maxItems)
    return fail(
      400,
      StsErrorCode.Validation,
      "1 validation error detected: Value at 'audience' failed to satisfy constraint: 1 to 10 members",
      seen,
    );
  if (audience.some((a) => a.length < 1 || a.length > AUDIENCE_LIMITS.maxLength))
    return fail(400, StsErrorCode.Validation, "Value at 'audience' failed to satisfy constraint: each member 1 to 1000 characters", seen);
  if (signingAlgorithm !== JwsAlgorithm.RS256 && signingAlgorithm !== JwsAlgorithm.ES384)
    return fail(400, StsErrorCode.Validation, "Value at 'signingAlgorithm' failed to satisfy constraint: RS256 or ES384", seen);
  if (!/^\d+$/.test(durationText ?? '300') || durationSeconds < DURATION_LIMITS.min || durationSeconds > DURATION_LIMITS.max)
    return fail(400, StsErrorCode.Validation, "Value at 'durationSeconds' failed to satisfy constraint: 60 to 3600", seen);
  if (!ctx.federationEnabled)
    return fail(403, StsErrorCode.FeatureDisabled, 'Outbound web identity federation is not enabled for this account.', seen);
  if (ctx.allowedAudiences && audience.some((a) => !ctx.allowedAudiences?.includes(a)))
    return fail(
      403,
      StsErrorCode.AccessDenied,
      `User: ${credential.principalArn} is not authorized to perform: sts:GetWebIdentityToken`,
      seen,
    );
  const iat = Math.floor(ctx.now / 1000);
  const exp = iat + durationSeconds;
  const claims = {
    iss: ctx.issuerUrl,
    aud: audience.length === 1 ? audience[0] : audience,
    sub: credential.principalArn,
    iat,
    exp,
    jti: randomUUID(),
    [STS_CLAIMS_NAMESPACE]: {
      aws_account: credential.principalArn.split(':')[4] ?? '',
      source_region: ctx.region,
      principal_id: credential.principalArn,
    },
  };
  const token = ctx.issuer.mint(claims, { alg: signingAlgorithm });
  const xml = successXml('GetWebIdentityToken', { WebIdentityToken: token, Expiration: stsTimestamp(exp * 1000) }, ctx.requestId);
  return { status: 200, xml, token, ...seen };
}

/** Default HTTP status of a scripted error code. */
export function defaultStatus(code: string): number {
  if (code === StsErrorCode.AccessDenied || code === StsErrorCode.FeatureDisabled || code === StsErrorCode.SessionDurationEscalation)
    return 403;
  if (code === StsErrorCode.InternalFailure) return 500;
  return 400;
}

/** A request ID in AWS's UUID form. */
export const newRequestId = (): string => randomUUID();
