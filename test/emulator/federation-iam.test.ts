/**
 * Huawei IAM's ID-token exchange on the emulator: a token from the STS stand-in (real SDK) becomes a
 * federated token; every way the token or the configuration can be wrong gets IAM's error format, and
 * no answer ever echoes the token.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IAM_PATHS, IamErrorCode } from '../../emulator/index.js';
import {
  AUDIENCE,
  exchangeIdToken,
  FEDERATED_USER,
  type Federation,
  GROUP,
  IDP_ID,
  OTHER_ROLE_ARN,
  PROJECT,
  ROLE_ARN,
  startFederation,
  webIdentityToken,
} from './federation-fixture.js';
import { REGION, send } from './helpers.js';

let f: Federation;
beforeAll(async () => {
  f = await startFederation();
});
afterAll(async () => {
  await f.close();
});

/** Claims as STS would issue them for the Lambda role, valid for 5 minutes from the emulator's now. */
const goodClaims = (over: Record<string, unknown> = {}) => {
  const iat = Math.floor(Date.now() / 1000);
  return { iss: f.sts.issuer.url, sub: ROLE_ARN, aud: AUDIENCE, iat, exp: iat + 300, ...over };
};

describe('a token from the STS stand-in', () => {
  test.each(['RS256', 'ES384'] as const)(
    '(%s) is exchanged for a federated token: 201, X-Subject-Token, mapped user and group',
    async (alg) => {
      // act
      const reply = await exchangeIdToken(f.emu, await webIdentityToken(f.sts, alg));
      // assess
      expect(reply.status).toBe(201);
      expect(String(reply.headers['x-subject-token'])).toMatch(/^MII/);
      const { token } = reply.json();
      expect(token.methods).toEqual(['mapped']);
      expect(token.user['OS-FEDERATION']).toEqual({
        identity_provider: { id: IDP_ID },
        protocol: { id: 'oidc' },
        groups: [{ id: GROUP, name: GROUP }],
      });
      expect(token.user.name).toBe(FEDERATED_USER);
      expect(token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(token.project).toBeUndefined();
      expect(f.emu.calls.at(-1)).toMatchObject({ route: 'iam-id-token', status: 201, authMode: 'none' });
    },
  );

  test('with a project scope gives a token scoped to the project', async () => {
    const reply = await exchangeIdToken(f.emu, await webIdentityToken(f.sts), { scope: { project: { id: PROJECT } } });
    expect(reply.status).toBe(201);
    expect(reply.json().token.project).toMatchObject({ id: PROJECT, name: REGION });
  });

  test('with a scope naming another project is refused', async () => {
    const reply = await exchangeIdToken(f.emu, await webIdentityToken(f.sts), { scope: { project: { id: 'f'.repeat(32) } } });
    expect(reply.status).toBe(404);
    expect(reply.json().error_code).toBe(IamErrorCode.NotFound);
  });

  test('is accepted on the Keystone-style route too (Authorization: Bearer)', async () => {
    const jwt = await webIdentityToken(f.sts);
    const reply = await send(f.emu.url, 'POST', IAM_PATHS.oidcAuth.replace('{idp_id}', IDP_ID), { Authorization: `Bearer ${jwt}` });
    expect(reply.status).toBe(201);
    expect(reply.headers['x-subject-token']).toBeTruthy();
  });
});

describe('refused ID tokens: 401 IAM.0001 with the reason', () => {
  test.each([
    ['wrong audience', () => f.sts.issuer.mint(goodClaims({ aud: 'someone-else' })), 'audience'],
    ['audience list without the client ID', () => f.sts.issuer.mint(goodClaims({ aud: ['a', 'b'] })), 'audience'],
    ['expired', () => f.sts.issuer.mint(goodClaims({ exp: Math.floor(Date.now() / 1000) - 1 })), 'expired'],
    ['not valid yet', () => f.sts.issuer.mint(goodClaims({ nbf: Math.floor(Date.now() / 1000) + 600 })), 'not valid yet'],
    ['wrong issuer', () => f.sts.issuer.mint(goodClaims({ iss: 'https://other.example' })), 'issuer'],
    ['wrong sub (another role)', () => f.sts.issuer.mint(goodClaims({ sub: OTHER_ROLE_ARN })), 'conversion rule'],
    ['no sub', () => f.sts.issuer.mint(goodClaims({ sub: undefined })), 'no sub'],
    ['signed by a key not in the JWKS', () => f.sts.issuer.mint(goodClaims(), { foreignKey: true }), 'signature'],
    ['ES384-signed with a foreign key', () => f.sts.issuer.mint(goodClaims(), { alg: 'ES384', foreignKey: true }), 'signature'],
    ['naming an unknown kid', () => f.sts.issuer.mint(goodClaims(), { header: { kid: 'unknown' } }), 'kid'],
    ['alg none', () => f.sts.issuer.mint(goodClaims(), { header: { alg: 'none' } }), 'signature'],
    ['not a JWS', () => 'not-a-token', 'malformed'],
  ])('%s', async (_, make, reason) => {
    // prepare
    const jwt = make();
    // act
    const reply = await exchangeIdToken(f.emu, jwt);
    // assess
    expect(reply.status).toBe(401);
    expect(reply.json()).toEqual({ error_code: IamErrorCode.AuthRequired, error_msg: expect.stringContaining(reason) });
    expect(reply.headers['x-subject-token']).toBeUndefined();
    expect(reply.text).not.toContain(jwt.split('.')[1] ?? jwt);
  });

  test('a token minted before the issuer rotated its keys (the IdP still holds the old JWKS) is refused', async () => {
    const rotated = await startFederation();
    rotated.sts.issuer.rotateKeys();
    const reply = await exchangeIdToken(rotated.emu, await webIdentityToken(rotated.sts));
    await rotated.close();
    expect(reply.status).toBe(401);
    expect(reply.json().error_msg).toContain('kid');
  });
});

describe('refused requests', () => {
  test('an unknown identity provider is 404 IAM.0004', async () => {
    const reply = await exchangeIdToken(f.emu, await webIdentityToken(f.sts), { idpId: 'no-such-idp' });
    expect(reply.status).toBe(404);
    expect(reply.json()).toEqual({ error_code: IamErrorCode.NotFound, error_msg: 'Could not find identity provider: no-such-idp.' });
  });

  test('a missing X-Idp-Id is 400', async () => {
    const reply = await exchangeIdToken(f.emu, await webIdentityToken(f.sts), { idpId: '' });
    expect(reply.status).toBe(400);
  });

  test.each([
    ['not JSON', '{'],
    ['no id_token', '{"auth":{}}'],
  ])('a body that is %s is 400 IAM.0011', async (_, body) => {
    const reply = await send(f.emu.url, 'POST', IAM_PATHS.idToken, { 'X-Idp-Id': IDP_ID }, body);
    expect(reply.status).toBe(400);
    expect(reply.json().error_code).toBe(IamErrorCode.BadBody);
  });

  test('a rule mapping the ARN itself to the user name is refused (not a valid federated user name)', async () => {
    const g = await startFederation({ idp: { rules: [{ local: [{ user: { name: '{0}' } }], remote: [{ type: 'sub' }] }] } });
    const reply = await exchangeIdToken(g.emu, await webIdentityToken(g.sts));
    await g.close();
    expect(reply.status).toBe(401);
    expect(reply.json().error_msg).toContain('invalid federated user name');
  });

  test('a scripted fault on the route answers in IAM format', async () => {
    f.emu.addFault({ route: 'iam-id-token', status: 503, times: 1 });
    const reply = await exchangeIdToken(f.emu, await webIdentityToken(f.sts));
    expect(reply.status).toBe(503);
    expect(reply.json().error_code).toBe(IamErrorCode.Internal);
    expect((await exchangeIdToken(f.emu, await webIdentityToken(f.sts))).status).toBe(201);
  });
});
