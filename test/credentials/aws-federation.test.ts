/**
 * The aws-federation source against the stand-ins: the real @aws-sdk/client-sts (SigV4-verified STS
 * stand-in, reached through AWS_ENDPOINT_URL_STS) and Huawei IAM on the emulator. Every step's failure
 * is named, transient failures are retried, the keys are kept per instance and renewed on demand.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OidcIssuer, StsErrorCode } from '../../emulator';
import { type FederationError, loadFederatedKeys } from '../../src/credentials/aws-federation';
import {
  AUDIENCE,
  type Federation,
  type FederationSetup,
  IDP_ID,
  OTHER_ROLE,
  ROLE_ARN,
  startFederation,
} from '../emulator/federation-fixture';
import { keyRequest, lambdaEnv, rejectionOf } from './support';

let f: Federation | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await f?.close();
  f = undefined;
});

async function setUp(setup: FederationSetup = {}) {
  f = await startFederation(setup);
  vi.stubEnv('AWS_ENDPOINT_URL_STS', f.sts.url);
  const env = lambdaEnv({
    AWS_ENDPOINT_URL_STS: f.sts.url,
    HUAWEICLOUD_CREDENTIALS: 'aws-federation',
    HUAWEICLOUD_IDP_ID: IDP_ID,
    HUAWEICLOUD_FEDERATION_AUDIENCE: AUDIENCE,
    HUAWEICLOUD_IAM_ENDPOINT: f.emu.url,
    IOTDA_REGION: 'cn-north-4',
  });
  return { f, env };
}

const iamCalls = (fed: Federation) => fed.emu.calls.filter((c) => c.route.startsWith('iam-')).map((c) => `${c.route} ${c.status}`);
const failureOf = async (promise: Promise<unknown>) => (await rejectionOf(promise)) as FederationError;

describe('aws-federation: the exchange', () => {
  it('turns the role into temporary keys: STS (RS256, the audience), ID token, security token', async () => {
    // prepare
    const { f, env } = await setUp();
    const { request, lines } = keyRequest();
    // act
    const keys = await loadFederatedKeys(env, request);
    // assess: the keys are the ones IAM minted, for the default hour
    const [issued] = f.emu.iam?.issued().credentials ?? [];
    expect(keys).toMatchObject({ ak: issued?.ak, sk: issued?.sk, securityToken: issued?.securityToken, source: 'aws-federation' });
    expect(f.sts.calls).toEqual([
      expect.objectContaining({ status: 200, audience: [AUDIENCE], signingAlgorithm: 'RS256', durationSeconds: 300 }),
    ]);
    expect(iamCalls(f)).toEqual(['iam-id-token 201', 'iam-security-token 201']);
    expect((issued?.expiresAt ?? 0) - Date.now()).toBeGreaterThan(3_500_000);
    // every secret of the chain is registered for scrubbing
    const jwt = f.sts.issuedTokens()[0] ?? '';
    const all = [jwt, ...(f.emu.iam?.issued().subjectTokens ?? []), issued?.ak, issued?.sk, issued?.securityToken].join(' ');
    expect(request.secrets.scrub(all)).toBe(Array(5).fill('[REDACTED]').join(' '));
    expect(lines.join('\n')).toContain('"stsSdk":"bundled"');
  });

  it('keeps the keys per instance: a second invocation makes no call; refresh() runs the exchange again', async () => {
    // prepare
    const { f, env } = await setUp();
    const first = await loadFederatedKeys(env, keyRequest().request);
    // act
    const second = await loadFederatedKeys(env, keyRequest().request);
    const renewed = await second.refresh?.();
    // assess
    expect(second.ak).toBe(first.ak);
    expect(renewed?.ak).not.toBe(first.ak);
    expect(f.sts.calls).toHaveLength(2);
    expect(f.emu.iam?.issued().credentials).toHaveLength(2);
  });

  it('renews kept keys that would expire before this invocation could end', async () => {
    // prepare: keys for 900 s; an invocation with 15 min left needs them for longer
    const { f, env } = await setUp();
    const short = { ...env, HUAWEICLOUD_FEDERATION_DURATION: '900' };
    await loadFederatedKeys(short, keyRequest().request);
    // act
    await loadFederatedKeys(short, keyRequest({ remainingMs: 15 * 60_000 }).request);
    // assess
    expect(f.emu.iam?.issued().credentials).toHaveLength(2);
  });

  it('retries transient failures of every step (STS Throttling, IAM 503) and succeeds', async () => {
    // prepare
    const { f, env } = await setUp();
    f.sts.addFault({ code: StsErrorCode.Throttling, times: 1 });
    f.emu.addFault({ route: 'iam-id-token', status: 503, times: 1 });
    f.emu.addFault({ route: 'iam-security-token', status: 502, times: 1 });
    // act
    const keys = await loadFederatedKeys(env, keyRequest().request);
    // assess
    expect(keys.ak).toBeTruthy();
    expect(f.sts.calls.map((c) => c.status)).toEqual([400, 200]);
    expect(iamCalls(f)).toEqual(['iam-id-token 503', 'iam-id-token 201', 'iam-security-token 502', 'iam-security-token 201']);
  });
});

describe('aws-federation: each step that fails is named', () => {
  const cases: Array<{
    name: string;
    reason: string;
    step: string;
    arrange: (fed: Federation, env: Record<string, string | undefined>) => Record<string, string | undefined> | undefined;
    setup?: FederationSetup;
    attempts: number;
  }> = [
    {
      name: 'no role keys',
      reason: 'sts-credentials-missing',
      step: 'sts',
      arrange: (_, e) => ({ ...e, AWS_ACCESS_KEY_ID: '' }),
      attempts: 0,
    },
    {
      name: 'STS denies',
      reason: 'sts-denied',
      step: 'sts',
      arrange: (fed) => void fed.sts.addFault({ code: StsErrorCode.AccessDenied }),
      attempts: 1,
    },
    {
      name: 'the role’s keys are refused',
      reason: 'sts-denied',
      step: 'sts',
      arrange: (_, e) => ({ ...e, AWS_SECRET_ACCESS_KEY: 'wrong-secret' }),
      attempts: 1,
    },
    {
      name: 'federation off',
      reason: 'federation-disabled',
      step: 'sts',
      arrange: (fed) => void fed.sts.setFederationEnabled(false),
      attempts: 1,
    },
    {
      name: 'STS throttles',
      reason: 'sts-failed',
      step: 'sts',
      arrange: (fed) => void fed.sts.addFault({ code: StsErrorCode.Throttling }),
      attempts: 3,
    },
    {
      name: 'unknown IdP',
      reason: 'idp-unknown',
      step: 'id-token',
      arrange: (_, e) => ({ ...e, HUAWEICLOUD_IDP_ID: 'no-such-idp' }),
      attempts: 1,
    },
    {
      name: 'wrong audience',
      reason: 'jwt-rejected',
      step: 'id-token',
      arrange: () => undefined,
      setup: { idp: { clientId: 'another-audience' } },
      attempts: 1,
    },
    {
      name: 'JWKS not the issuer’s',
      reason: 'jwt-rejected',
      step: 'id-token',
      arrange: () => undefined,
      setup: { idp: { signingKey: JSON.stringify(new OidcIssuer('https://someone-else.example').jwks()) } },
      attempts: 1,
    },
    {
      name: 'mapping admits another role',
      reason: 'mapping-rejected',
      step: 'id-token',
      arrange: () => undefined,
      setup: { idp: { rules: [{ local: [{ user: { name: 'x' } }], remote: [{ type: 'sub', any_one_of: [OTHER_ROLE.principalArn] }] }] } },
      attempts: 1,
    },
    {
      name: 'IAM down',
      reason: 'id-token-failed',
      step: 'id-token',
      arrange: (fed) => void fed.emu.addFault({ route: 'iam-id-token', status: 503 }),
      attempts: 3,
    },
    {
      name: 'token refused',
      reason: 'temporary-keys-rejected',
      step: 'temporary-keys',
      arrange: (fed) => void fed.emu.addFault({ route: 'iam-security-token', status: 401 }),
      attempts: 1,
    },
    {
      name: 'key call down',
      reason: 'temporary-keys-failed',
      step: 'temporary-keys',
      arrange: (fed) => void fed.emu.addFault({ route: 'iam-security-token', status: 500 }),
      attempts: 3,
    },
  ];

  it.each(cases)('$name → $reason', async (c) => {
    // prepare
    const { f, env } = await setUp(c.setup);
    const arranged = c.arrange(f, env) ?? env;
    const { request } = keyRequest();
    // act
    const error = await failureOf(loadFederatedKeys(arranged, request));
    // assess
    expect(error.failure).toMatchObject({ source: 'aws-federation', step: c.step, reason: c.reason, attempts: c.attempts });
    expect(error.message).toContain(`${c.step} step failed (${c.reason})`);
    expect(f.emu.iam?.issued().credentials).toHaveLength(0);
    expect(f.emu.calls.filter((call) => !call.route.startsWith('iam-'))).toHaveLength(0);
    for (const token of [...f.sts.issuedTokens(), ...(f.emu.iam?.issued().subjectTokens ?? [])]) expect(error.message).not.toContain(token);
  });

  it('stops at the deadline: a silent STS does not hold the invocation past its time', async () => {
    // prepare
    const { f, env } = await setUp();
    f.sts.addFault({ code: StsErrorCode.Throttling, delayMs: 5_000 });
    const started = Date.now();
    // act
    const error = await failureOf(loadFederatedKeys(env, keyRequest({ remainingMs: 600 }).request));
    // assess
    expect(error.failure).toMatchObject({ step: 'sts', reason: 'sts-failed', retryable: true });
    expect(error.message).toMatch(/no answer in time|deadline/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('refuses bad settings before any call, naming the variable', async () => {
    const { f, env } = await setUp();
    for (const [name, value] of [
      ['HUAWEICLOUD_IDP_ID', ''],
      ['HUAWEICLOUD_FEDERATION_AUDIENCE', ''],
      ['HUAWEICLOUD_FEDERATION_DURATION', '600'],
      ['HUAWEICLOUD_IAM_ENDPOINT', 'http://iam.example.com'],
      ['AWS_REGION', ''],
    ]) {
      const error = await rejectionOf(loadFederatedKeys({ ...env, [name as string]: value }, keyRequest().request));
      expect(error.message).toContain(name);
    }
    expect(f.sts.calls).toHaveLength(0);
    expect(ROLE_ARN).toContain(':role/');
  });
});
