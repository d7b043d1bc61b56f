/**
 * The local OIDC issuer: its documents over HTTP, and tokens whose signatures an independent verifier
 * (WebCrypto, not the emulator's node:crypto code) accepts, or rejects when minted with a foreign key.
 */
import { webcrypto } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  DISCOVERY_PATH,
  type DiscoveryDocument,
  JWKS_PATH,
  type Jwks,
  OidcIssuer,
  parseJws,
  type StsStandIn,
  startStsStandIn,
} from '../../emulator/index.js';
import { AWS_REGION, LAMBDA_ROLE } from './federation-fixture.js';

const { subtle } = webcrypto;

/** Verifies a compact JWS with WebCrypto (ES384 signatures are raw r||s there, as in JWS). */
async function webCryptoVerifies(token: string, jwks: Jwks): Promise<boolean> {
  const [head = '', body = '', sig = ''] = token.split('.');
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) return false;
  const params = header.alg === 'ES384' ? { name: 'ECDSA', namedCurve: 'P-384' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const key = await subtle.importKey('jwk', jwk as webcrypto.JsonWebKey, params, false, ['verify']);
  const algorithm = header.alg === 'ES384' ? { name: 'ECDSA', hash: 'SHA-384' } : { name: 'RSASSA-PKCS1-v1_5' };
  return subtle.verify(algorithm, key, Buffer.from(sig, 'base64url'), Buffer.from(`${head}.${body}`));
}

let sts: StsStandIn;
beforeAll(async () => {
  sts = await startStsStandIn({ region: AWS_REGION, credentials: [LAMBDA_ROLE] });
});
afterAll(async () => {
  await sts.close();
});

describe('issuer documents', () => {
  test('discovery names the issuer and its JWKS URL, served by the stand-in', async () => {
    // act
    const discovery = (await (await fetch(`${sts.url}${DISCOVERY_PATH}`)).json()) as DiscoveryDocument;
    const jwks = (await (await fetch(discovery.jwks_uri)).json()) as Jwks;
    // assess
    expect(discovery.issuer).toBe(sts.url);
    expect(discovery.jwks_uri).toBe(`${sts.url}${JWKS_PATH}`);
    expect(discovery.id_token_signing_alg_values_supported).toEqual(['RS256', 'ES384']);
    expect(jwks.keys.map((k) => [k.kty, k.alg, k.use])).toEqual([
      ['RSA', 'RS256', 'sig'],
      ['EC', 'ES384', 'sig'],
    ]);
    expect(JSON.stringify(jwks)).not.toMatch(/"d"|"p"|"q"/);
  });

  test('an issuer URL can be set to look like AWS', async () => {
    const aws = await startStsStandIn({
      region: AWS_REGION,
      credentials: [LAMBDA_ROLE],
      issuerUrl: 'https://abc123.tokens.sts.global.api.aws',
    });
    const discovery = (await (await fetch(`${aws.url}${DISCOVERY_PATH}`)).json()) as DiscoveryDocument;
    await aws.close();
    expect(discovery.issuer).toBe('https://abc123.tokens.sts.global.api.aws');
  });
});

describe.each(['RS256', 'ES384'] as const)('%s tokens', (alg) => {
  test('carry the claims as given and verify against the JWKS', async () => {
    // prepare
    const claims = { iss: sts.issuer.url, sub: 'arn:aws:iam::1:role/r', aud: 'x', exp: 2_000_000_000 };
    // act
    const token = sts.issuer.mint(claims, { alg });
    // assess
    const parsed = parseJws(token);
    expect(typeof parsed === 'object' && parsed.payload).toEqual(claims);
    expect(typeof parsed === 'object' && parsed.header).toMatchObject({ alg, typ: 'JWT' });
    expect(await webCryptoVerifies(token, sts.issuer.jwks())).toBe(true);
  });

  test('signed with a foreign key do not verify, though they name a published kid', async () => {
    const token = sts.issuer.mint({ sub: 's' }, { alg, foreignKey: true });
    expect(await webCryptoVerifies(token, sts.issuer.jwks())).toBe(false);
  });

  test('from before a key rotation no longer verify against the new JWKS', async () => {
    const issuer = new OidcIssuer('https://issuer.invalid');
    const token = issuer.mint({ sub: 's' }, { alg });
    issuer.rotateKeys();
    expect(await webCryptoVerifies(token, issuer.jwks())).toBe(false);
  });
});
