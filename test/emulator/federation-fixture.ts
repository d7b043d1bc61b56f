/**
 * Shared set-up of the federation suites: an STS stand-in (with its OIDC issuer) and an IoTDA emulator
 * whose IAM side trusts that issuer, configured the way docs/federation.md tells an operator to.
 */
import { GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts';
import {
  type AwsTestCredential,
  type Emulator,
  type EmulatorOptions,
  IAM_PATHS,
  type IamOptions,
  type IdentityProviderConfig,
  type StsStandIn,
  startStsStandIn,
} from '../../emulator/index.js';
import { PROJECT, type Reply, send, start } from './helpers.js';

export const AWS_REGION = 'eu-west-1';
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/softbus-sync-lambda';
export const OTHER_ROLE_ARN = 'arn:aws:iam::123456789012:role/someone-else';
export const AUDIENCE = 'softbus-sync-huawei';
export const IDP_ID = 'aws-softbus-sync';
export const GROUP = 'softbus-sync-federated';
export const FEDERATED_USER = 'softbus-sync-lambda';

/** A Lambda role's temporary keys (fake). */
export const LAMBDA_ROLE: AwsTestCredential = {
  accessKeyId: 'ASIAEMUTESTLAMBDA001',
  secretAccessKey: 'emu/test+secret/lambda-role-0001',
  sessionToken: 'emu-test-session-token-lambda-0001',
  principalArn: ROLE_ARN,
};
export const OTHER_ROLE: AwsTestCredential = {
  accessKeyId: 'ASIAEMUTESTOTHER0001',
  secretAccessKey: 'emu/test+secret/other-role-0001',
  sessionToken: 'emu-test-session-token-other-0001',
  principalArn: OTHER_ROLE_ARN,
};

/** The Huawei identity provider an operator would create for `sts` (issuer URL, audience, JWKS, rule pinning `sub`), as deploy/terraform/federation-huawei does. */
export function identityProviderFor(sts: StsStandIn, overrides: Partial<IdentityProviderConfig> = {}): IdentityProviderConfig {
  return {
    id: IDP_ID,
    issuer: sts.issuer.url,
    clientId: AUDIENCE,
    signingKey: JSON.stringify(sts.issuer.jwks()),
    rules: [{ local: [{ user: { name: FEDERATED_USER } }, { group: { name: GROUP } }], remote: [{ type: 'sub', any_one_of: [ROLE_ARN] }] }],
    ...overrides,
  };
}

export interface Federation {
  sts: StsStandIn;
  emu: Emulator;
  close(): Promise<void>;
}

export interface FederationSetup {
  emulator?: Partial<EmulatorOptions>;
  idp?: Partial<IdentityProviderConfig>;
  iam?: Omit<IamOptions, 'identityProviders'>;
}

/** Starts both sides; the emulator has NO permanent key unless `emulator.credentials` adds one. */
export async function startFederation(setup: FederationSetup = {}): Promise<Federation> {
  const sts = await startStsStandIn({ region: AWS_REGION, credentials: [LAMBDA_ROLE, OTHER_ROLE] });
  const iam = { ...setup.iam, identityProviders: [identityProviderFor(sts, setup.idp)] };
  const emu = await start({ credentials: [], iam, ...setup.emulator });
  return { sts, emu, close: async () => void (await Promise.all([sts.close(), emu.close()])) };
}

/** A real SDK client pointed at the stand-in through the client's `endpoint`. */
export function stsClient(sts: StsStandIn, credential: AwsTestCredential = LAMBDA_ROLE, region = AWS_REGION): STSClient {
  return new STSClient({ region, endpoint: sts.url, credentials: credential, maxAttempts: 1 });
}

/** GetWebIdentityToken through the real SDK. */
export async function webIdentityToken(sts: StsStandIn, alg: 'RS256' | 'ES384' = 'RS256'): Promise<string> {
  const out = await stsClient(sts).send(new GetWebIdentityTokenCommand({ Audience: [AUDIENCE], SigningAlgorithm: alg }));
  if (!out.WebIdentityToken) throw new Error('no token');
  return out.WebIdentityToken;
}

const JSON_HEADERS = { 'Content-Type': 'application/json;charset=utf8' };

/** `POST /v3.0/OS-AUTH/id-token/tokens` as the IAM API documents it. */
export function exchangeIdToken(emu: Emulator, idToken: string, options: { idpId?: string; scope?: unknown } = {}): Promise<Reply> {
  const body = JSON.stringify({ auth: { id_token: { id: idToken }, ...(options.scope ? { scope: options.scope } : {}) } });
  const headers = options.idpId === '' ? JSON_HEADERS : { ...JSON_HEADERS, 'X-Idp-Id': options.idpId ?? IDP_ID };
  return send(emu.url, 'POST', IAM_PATHS.idToken, headers, body);
}

/** `POST /v3.0/OS-CREDENTIAL/securitytokens` with the federated token in `X-Auth-Token`. */
export function temporaryKeys(emu: Emulator, subjectToken: string, durationSeconds?: unknown): Promise<Reply> {
  const token = durationSeconds === undefined ? {} : { duration_seconds: durationSeconds };
  const body = JSON.stringify({ auth: { identity: { methods: ['token'], token } } });
  return send(emu.url, 'POST', IAM_PATHS.securityTokens, { ...JSON_HEADERS, 'X-Auth-Token': subjectToken }, body);
}

/** The whole chain: SDK → STS → IAM → temporary keys, as the emulator's credential shape. */
export async function federatedKeys(
  f: Federation,
  durationSeconds = 900,
): Promise<{ ak: string; sk: string; securityToken: string; expires_at: string }> {
  const exchanged = await exchangeIdToken(f.emu, await webIdentityToken(f.sts));
  const subject = String(exchanged.headers['x-subject-token']);
  const { credential } = (await temporaryKeys(f.emu, subject, durationSeconds)).json();
  return { ak: credential.access, sk: credential.secret, securityToken: credential.securitytoken, expires_at: credential.expires_at };
}

export { PROJECT };
