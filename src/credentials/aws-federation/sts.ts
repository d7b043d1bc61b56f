import type { STSClient } from '@aws-sdk/client-sts';
import { ApiError, errorText } from '../../errors';
import { roleCredentialsOf, sendWithRetries } from '../aws-sdk';
import type { KeyRequest } from '../request';
import { FederationError, type FederationFailure } from './failure';
import { type FederationSettings, SIGNING_ALGORITHM, TOKEN_DURATION_SECONDS } from './settings';
import { loadStsSdk } from './sts-sdk';

/** The role's own keys refused: a denial, not a transient failure. */
const KEYS_REFUSED = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'UnrecognizedClientException']);
const clients = new Map<string, STSClient>();

/**
 * STS GetWebIdentityToken for the Lambda role: a JWT for `settings.audience`, RS256, 300 s, from the
 * regional endpoint (the SDK's default; AWS_ENDPOINT_URL_STS points it elsewhere in tests). The JWT is
 * registered as a secret before it is returned.
 * @throws FederationError `sts-credentials-missing`, `sts-denied`, `federation-disabled` or `sts-failed`.
 * @example const { jwt, origin } = await webIdentityToken(settings, process.env, request);
 */
export async function webIdentityToken(
  settings: FederationSettings,
  env: Record<string, string | undefined>,
  request: KeyRequest,
): Promise<{ jwt: string; origin: 'bundled' | 'runtime' }> {
  const role = roleCredentialsOf(env);
  if (!role)
    throw new FederationError('sts-credentials-missing', 'the role’s keys are not in the environment', { attempts: 0, retryable: false });
  const sdk = await loadStsSdk().catch((error: unknown) => {
    throw new FederationError('sts-failed', error instanceof Error ? error.message : 'no STS client', { attempts: 0, retryable: false });
  });
  const key = JSON.stringify([sdk.origin, settings.awsRegion, env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL, role.accessKeyId]);
  let client = clients.get(key);
  if (!client) {
    // One attempt per send: the retries are ours, bounded by the deadline (retryStep).
    client = new sdk.STSClient({ region: settings.awsRegion, maxAttempts: 1, credentials: role });
    clients.set(key, client);
  }
  const sts = client;
  const command = new sdk.GetWebIdentityTokenCommand({
    Audience: [settings.audience],
    SigningAlgorithm: SIGNING_ALGORITHM,
    DurationSeconds: TOKEN_DURATION_SECONDS,
  });
  const result = await sendWithRetries('STS', request, (abortSignal) => sts.send(command, { abortSignal }));
  if (!result.ok) {
    const error = result.error instanceof ApiError ? result.error : undefined;
    const facts = {
      status: error?.details.status,
      errorCode: error?.details.errorCode,
      attempts: result.attempts,
      retryable: result.retryable,
    };
    const detail = result.error === undefined ? 'failed' : errorText(result.error);
    throw new FederationError(
      stsReason(error),
      result.outOfTime ? `${detail} (invocation deadline: no time left to retry)` : detail,
      facts,
    );
  }
  const jwt = result.value.WebIdentityToken;
  if (!jwt) throw new FederationError('sts-failed', 'STS answered without a WebIdentityToken', { attempts: 1, retryable: true });
  request.secrets.add(jwt);
  return { jwt, origin: sdk.origin };
}

function stsReason(error: ApiError | undefined): FederationFailure {
  const code = error?.details.errorCode ?? '';
  if (code === 'OutboundWebIdentityFederationDisabledException') return 'federation-disabled';
  if (code === 'AccessDenied' || code === 'AccessDeniedException' || KEYS_REFUSED.has(code)) return 'sts-denied';
  return 'sts-failed';
}
