/**
 * HUAWEICLOUD_CREDENTIALS=aws-federation: no stored key. The Lambda role's STS web identity token is
 * exchanged at Huawei Cloud IAM for a federated token, and that for temporary keys (docs/federation.md).
 * The keys are kept per warm instance until shortly before they expire, and renewed once when a
 * service refuses them mid-run. Loaded lazily by the Lambda loader: other sources never pay for it.
 */
import { ApiError, errorText } from '../../errors';
import { InstanceCache } from '../instance-cache';
import type { KeyRequest } from '../request';
import type { RuntimeKeys } from '../resolve';
import { retryStep } from '../retry';
import { FederationError, type FederationFailure, FederationStep } from './failure';
import { exchangeIdToken, temporaryKeysFor } from './iam';
import { type FederationSettings, federationSettings } from './settings';
import { webIdentityToken } from './sts';

export { FederationError, type FederationFailureDetails, FederationStep } from './failure';

/** Kept keys are renewed when they would expire within this margin, or before this invocation ends. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const cache = new InstanceCache<RuntimeKeys>();

/**
 * The federated keys: this instance's while they outlive the invocation by the margin, else new ones.
 * The answer's `refresh` forgets them and runs the exchange again (LiveCredentials calls it once).
 * @throws ConfigError for a bad setting; FederationError naming the step that failed.
 * @example const keys = await loadFederatedKeys(process.env, request); // { ak, sk, securityToken, source: 'aws-federation', refresh }
 */
export async function loadFederatedKeys(env: Record<string, string | undefined>, request: KeyRequest): Promise<RuntimeKeys> {
  const settings = federationSettings(env);
  const where = JSON.stringify([settings, env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL, env.AWS_ACCESS_KEY_ID]);
  const load = () =>
    cache.get(
      where,
      () => exchange(settings, env, request),
      (expiresAt, now) => expiresAt - now > marginMs(request),
    );
  const refresh = async (): Promise<RuntimeKeys> => {
    cache.delete(where);
    return load();
  };
  return { ...(await load()), refresh };
}

function marginMs(request: KeyRequest): number {
  return Math.max(REFRESH_MARGIN_MS, request.remainingMs() + 30_000);
}

async function exchange(settings: FederationSettings, env: Record<string, string | undefined>, request: KeyRequest) {
  const started = Date.now();
  const { jwt, origin } = await webIdentityToken(settings, env, request);
  const token = await step(FederationStep.IdToken, request, (timeoutMs) =>
    exchangeIdToken(settings.iamEndpoint, settings.idpId, jwt, timeoutMs, request.secrets),
  );
  const keys = await step(FederationStep.TemporaryKeys, request, (timeoutMs) =>
    temporaryKeysFor(settings.iamEndpoint, token, settings.durationSeconds, timeoutMs, request.secrets),
  );
  // IAM's clock may differ from ours: never trust the keys longer than the lifetime asked for.
  const asked = started + settings.durationSeconds * 1000;
  const expiresAt = Math.min(Date.parse(keys.expiresAt) || asked, asked);
  request.log?.info('federated keys issued', {
    stsSdk: origin,
    durationMs: Date.now() - started,
    expiresInS: Math.round((expiresAt - Date.now()) / 1000),
  });
  const value: RuntimeKeys = {
    ak: keys.access,
    sk: keys.secret,
    securityToken: keys.securitytoken,
    source: 'aws-federation',
    secrets: [jwt, token],
  };
  return { value, expiresAt };
}

async function step<T>(which: 'id-token' | 'temporary-keys', request: KeyRequest, call: (timeoutMs: number) => Promise<T>): Promise<T> {
  const result = await retryStep(call, request);
  if (result.ok) return result.value;
  const error = result.error instanceof ApiError ? result.error : undefined;
  const detail = result.error === undefined ? 'failed' : errorText(result.error);
  throw new FederationError(reasonOf(which, error), result.outOfTime ? `${detail} (invocation deadline: no time left to retry)` : detail, {
    status: error?.details.status,
    errorCode: error?.details.errorCode,
    attempts: result.attempts,
    retryable: result.retryable,
  });
}

function reasonOf(which: 'id-token' | 'temporary-keys', error: ApiError | undefined): FederationFailure {
  const status = error?.details.status;
  const refused = status === 401 || status === 403;
  if (which === FederationStep.TemporaryKeys) return refused ? 'temporary-keys-rejected' : 'temporary-keys-failed';
  if (status === 404) return 'idp-unknown';
  // IAM documents no code per cause; a message naming the conversion rule is the only tell.
  if (refused) return /rule|mapping|conversion/i.test(error?.message ?? '') ? 'mapping-rejected' : 'jwt-rejected';
  return 'id-token-failed';
}
