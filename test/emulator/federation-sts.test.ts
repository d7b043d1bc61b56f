/**
 * The STS stand-in as the real `@aws-sdk/client-sts` sees it: reached through `endpoint` or
 * `AWS_ENDPOINT_URL_STS`, every request's SigV4 signature verified, the token's claims, and each failure
 * surfacing as the SDK's own exception.
 */
import { GetWebIdentityTokenCommand, OutboundWebIdentityFederationDisabledException, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parseJws, STS_CLAIMS_NAMESPACE, StsErrorCode, type StsStandIn, startStsStandIn } from '../../emulator/index.js';
import { AUDIENCE, AWS_REGION, LAMBDA_ROLE, ROLE_ARN, stsClient } from './federation-fixture.js';

let sts: StsStandIn;
beforeAll(async () => {
  sts = await startStsStandIn({ region: AWS_REGION, credentials: [LAMBDA_ROLE], allowedAudiences: [AUDIENCE, 'second'] });
});
afterAll(async () => {
  await sts.close();
});
afterEach(() => {
  sts.clearFaults();
  sts.setFederationEnabled(true);
});

const ask = (client: STSClient, input: Partial<ConstructorParameters<typeof GetWebIdentityTokenCommand>[0]> = {}) =>
  client.send(new GetWebIdentityTokenCommand({ Audience: [AUDIENCE], SigningAlgorithm: 'RS256', ...input }));
const payloadOf = (token: string | undefined) => {
  const parsed = parseJws(token ?? '');
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('GetWebIdentityToken through the real SDK', () => {
  test('returns a JWT whose sub is the role ARN, with the requested lifetime', async () => {
    // act
    const out = await ask(stsClient(sts), { DurationSeconds: 600, SigningAlgorithm: 'ES384' });
    // assess
    const { header, payload } = payloadOf(out.WebIdentityToken);
    expect(header.alg).toBe('ES384');
    expect(payload).toMatchObject({ iss: sts.url, sub: ROLE_ARN, aud: AUDIENCE });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(600);
    expect(out.Expiration?.getTime()).toBe(Number(payload.exp) * 1000);
    expect(payload[STS_CLAIMS_NAMESPACE]).toEqual({ aws_account: '123456789012', source_region: AWS_REGION, principal_id: ROLE_ARN });
    expect(sts.calls.at(-1)).toMatchObject({ action: 'GetWebIdentityToken', status: 200, accessKeyId: LAMBDA_ROLE.accessKeyId });
    expect(sts.issuedTokens()).toContain(out.WebIdentityToken);
  });

  test('defaults to 300 s, and lists several audiences as an array', async () => {
    const out = await ask(stsClient(sts), { Audience: [AUDIENCE, 'second'] });
    const { payload } = payloadOf(out.WebIdentityToken);
    expect(payload.aud).toEqual([AUDIENCE, 'second']);
    expect(Number(payload.exp) - Number(payload.iat)).toBe(300);
  });

  test('is reached through AWS_ENDPOINT_URL_STS and the Lambda environment keys', async () => {
    // prepare
    const lambdaEnv: Record<string, string> = {
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_REGION,
      AWS_ACCESS_KEY_ID: LAMBDA_ROLE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LAMBDA_ROLE.secretAccessKey,
      AWS_SESSION_TOKEN: LAMBDA_ROLE.sessionToken ?? '',
    };
    const saved = Object.fromEntries(Object.keys(lambdaEnv).map((name) => [name, process.env[name]]));
    Object.assign(process.env, lambdaEnv);
    try {
      // act
      const out = await ask(new STSClient({}));
      // assess
      expect(payloadOf(out.WebIdentityToken).payload.sub).toBe(ROLE_ARN);
      expect(sts.calls.at(-1)?.headerNames).toContain('x-amz-security-token');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe('SigV4 verification', () => {
  test.each([
    ['a wrong secret key', { ...LAMBDA_ROLE, secretAccessKey: 'wrong' }, AWS_REGION, 'SignatureDoesNotMatch'],
    ['an unknown access key', { ...LAMBDA_ROLE, accessKeyId: 'ASIAUNKNOWN000000000' }, AWS_REGION, 'InvalidClientTokenId'],
    ['no session token for temporary keys', { ...LAMBDA_ROLE, sessionToken: undefined }, AWS_REGION, 'InvalidClientTokenId'],
    ['a scope in another region', LAMBDA_ROLE, 'us-east-1', 'SignatureDoesNotMatch'],
  ])('refuses %s', async (_, credential, region, code) => {
    const error = await ask(stsClient(sts, credential, region)).catch((e: Error) => e);
    expect(error).toMatchObject({ name: code });
    expect(String(error)).not.toContain(LAMBDA_ROLE.secretAccessKey);
  });

  test.each([
    [
      'the body',
      (r: { body: string }) => {
        r.body = r.body.replace(AUDIENCE, AUDIENCE.toUpperCase());
      },
    ],
    [
      'a signed header',
      (r: { headers: Record<string, string> }) => {
        r.headers['amz-sdk-request'] = 'attempt=9; max=9';
      },
    ],
  ])('refuses %s changed after signing', async (_, tamper) => {
    // prepare: a middleware after signing edits the request (same body length: Content-Length stays right)
    const client = stsClient(sts);
    client.middlewareStack.add(
      (next) => async (args) => {
        tamper(args.request as never);
        return next(args);
      },
      { step: 'deserialize', priority: 'low' },
    );
    // act / assess
    await expect(ask(client)).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
  });

  test('refuses a request dated more than 15 minutes from its clock', async () => {
    sts.advanceClock(16 * 60_000);
    try {
      await expect(ask(stsClient(sts))).rejects.toMatchObject({
        name: 'SignatureDoesNotMatch',
        message: expect.stringContaining('expired'),
      });
    } finally {
      sts.advanceClock(-16 * 60_000);
    }
  });
});

describe('failures', () => {
  test('feature disabled is the SDK exception class', async () => {
    sts.setFederationEnabled(false);
    const error = await ask(stsClient(sts)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundWebIdentityFederationDisabledException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  test('an audience the policy does not allow is AccessDenied', async () => {
    await expect(ask(stsClient(sts), { Audience: ['elsewhere'] })).rejects.toMatchObject({
      name: StsErrorCode.AccessDenied,
      $metadata: { httpStatusCode: 403 },
    });
  });

  test.each([
    ['a duration under 60 s', { DurationSeconds: 59 }],
    ['a duration over 3600 s', { DurationSeconds: 3601 }],
    ['an unknown algorithm', { SigningAlgorithm: 'HS256' }],
    ['eleven audiences', { Audience: Array.from({ length: 11 }, (_, i) => `a${i}`) }],
  ])('%s is a ValidationError', async (_, input) => {
    await expect(ask(stsClient(sts), input)).rejects.toMatchObject({ name: StsErrorCode.Validation, $metadata: { httpStatusCode: 400 } });
  });

  test('a scripted throttle is retried by the SDK once it allows retries', async () => {
    // prepare
    sts.addFault({ code: StsErrorCode.Throttling, times: 1 });
    const before = sts.calls.length;
    const client = new STSClient({
      region: AWS_REGION,
      endpoint: sts.url,
      credentials: LAMBDA_ROLE,
      maxAttempts: 2,
      retryStrategy: undefined,
    });
    // act
    const out = await ask(client);
    // assess
    expect(out.WebIdentityToken).toBeTruthy();
    expect(sts.calls.slice(before).map((c) => [c.status, c.errorCode])).toEqual([
      [400, 'Throttling'],
      [200, undefined],
    ]);
  });

  test('a scripted reset reaches the SDK as a network error', async () => {
    sts.addFault({ code: 'reset', reset: true, times: 1 });
    await expect(ask(stsClient(sts))).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
