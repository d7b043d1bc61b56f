/**
 * From federated token to temporary keys, and those keys on the IoTDA routes of the same emulator
 * (signed by the real sdk-core signers with the security token): accepted while valid, refused once
 * expired, refused with 403 when the mapped group holds no IoTDA permission.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { IAM_PATHS, IamErrorCode, KEY_DURATION } from '../../emulator/index.js';
import { exchangeIdToken, type Federation, federatedKeys, startFederation, temporaryKeys, webIdentityToken } from './federation-fixture.js';
import { BUS2, call, PERMANENT, send } from './helpers.js';

let f: Federation;
beforeEach(async () => {
  f = await startFederation();
});
afterEach(async () => {
  await f.close();
});

async function subjectToken(): Promise<string> {
  return String((await exchangeIdToken(f.emu, await webIdentityToken(f.sts))).headers['x-subject-token']);
}

describe('temporary keys from a federated token', () => {
  test('are minted for the requested duration: 201 credential{access, secret, securitytoken, expires_at}', async () => {
    // prepare
    const token = await subjectToken();
    const before = Date.now();
    // act
    const reply = await temporaryKeys(f.emu, token, 3600);
    // assess
    expect(reply.status).toBe(201);
    const { credential } = reply.json();
    expect(credential.access).toMatch(/^[A-Z0-9]{20}$/);
    expect(credential.secret).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(credential.securitytoken.length).toBeGreaterThan(500);
    const expires = Date.parse(credential.expires_at.replace('000Z', 'Z'));
    expect(expires - before).toBeGreaterThanOrEqual(3_599_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect(f.emu.iam?.issued().credentials.map((c) => c.ak)).toEqual([credential.access]);
  });

  test('default to 900 s, accept the duration as a decimal string and the token in the body', async () => {
    const token = await subjectToken();
    const byDefault = (await temporaryKeys(f.emu, token)).json().credential;
    const body = JSON.stringify({ auth: { identity: { methods: ['token'], token: { id: token, duration_seconds: '1800' } } } });
    const inBody = (await send(f.emu.url, 'POST', IAM_PATHS.securityTokens, {}, body)).json().credential;
    expect(Date.parse(byDefault.expires_at.replace('000Z', 'Z')) - Date.now()).toBeGreaterThan((KEY_DURATION.default - 5) * 1000);
    expect(Date.parse(byDefault.expires_at.replace('000Z', 'Z')) - Date.now()).toBeLessThanOrEqual(KEY_DURATION.default * 1000);
    expect(Date.parse(inBody.expires_at.replace('000Z', 'Z')) - Date.now()).toBeGreaterThan(1790_000);
  });

  test.each([899, 86_401, 'abc', 1.5])('a duration of %s is 400 IAM.0007', async (duration) => {
    const reply = await temporaryKeys(f.emu, await subjectToken(), duration);
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({ error_code: IamErrorCode.BadParameter, error_msg: 'Request parameter duration_seconds is invalid.' });
  });

  test('an unknown federated token is 401', async () => {
    const reply = await temporaryKeys(f.emu, 'MIInot-a-token');
    expect(reply.status).toBe(401);
    expect(reply.json().error_code).toBe(IamErrorCode.AuthRequired);
  });

  test('a federated token past its lifetime is 401', async () => {
    const token = await subjectToken();
    f.emu.advanceClock(24 * 3600_000);
    expect((await temporaryKeys(f.emu, token)).status).toBe(401);
  });
});

describe('the IoTDA routes with federated keys', () => {
  test.each(['basic', 'derived'] as const)('accept them, signed with the security token (%s)', async (kind) => {
    // prepare
    const keys = await federatedKeys(f);
    // act
    const list = await call(f.emu, { path: '/harmony-soft-bus', kind, credential: keys });
    const sync = await call(f.emu, { method: 'POST', path: `/harmony-soft-bus/${BUS2}/sync`, kind, credential: keys });
    // assess
    expect(list.status).toBe(200);
    expect(sync.status).toBe(200);
    expect(f.emu.getBus(BUS2)?.status).toBe('Synchronized');
  });

  test('refuse them without the security token', async () => {
    const { securityToken: _, ...keys } = await federatedKeys(f);
    const reply = await call(f.emu, { path: '/harmony-soft-bus', credential: keys });
    expect(reply.status).toBe(401);
  });

  test('refuse them once their time has run out on the emulator clock', async () => {
    // prepare
    const keys = await federatedKeys(f, 900);
    expect((await call(f.emu, { path: '/harmony-soft-bus', credential: keys })).status).toBe(200);
    // act
    f.emu.advanceClock(900_000);
    const reply = await call(f.emu, { path: '/harmony-soft-bus', credential: keys });
    // assess
    expect(reply.status).toBe(401);
    expect(reply.json()).toEqual({ error_code: 'IOTDA.000002', error_msg: 'Authentication failed: the temporary access key has expired' });
  });

  test('refuse them after expireTemporaryKeys(); fresh keys from a new exchange work', async () => {
    const old = await federatedKeys(f);
    f.emu.iam?.expireTemporaryKeys();
    expect((await call(f.emu, { path: '/harmony-soft-bus', credential: old })).status).toBe(401);
    expect((await call(f.emu, { path: '/harmony-soft-bus', credential: await federatedKeys(f) })).status).toBe(200);
  });

  test('answer 403 when the mapped group holds no IoTDA permission', async () => {
    const g = await startFederation({ iam: { authorizedGroups: ['some-other-group'] } });
    try {
      const reply = await call(g.emu, { path: '/harmony-soft-bus', credential: await federatedKeys(g) });
      expect(reply.status).toBe(403);
      expect(reply.json().error_msg).toContain('no user group with IoTDA permissions');
    } finally {
      await g.close();
    }
  });

  test('a permanent key configured beside federation still works', async () => {
    const g = await startFederation({ emulator: { credentials: [PERMANENT] } });
    try {
      expect((await call(g.emu, { path: '/harmony-soft-bus' })).status).toBe(200);
    } finally {
      await g.close();
    }
  });
});

describe('records', () => {
  test('hold no JWT, federated token, key or security token', async () => {
    // prepare
    const keys = await federatedKeys(f);
    await call(f.emu, { path: '/harmony-soft-bus', credential: keys });
    // act
    const records = JSON.stringify([f.emu.calls, f.sts.calls]);
    // assess
    const issued = f.emu.iam?.issued();
    const secrets = [...f.sts.issuedTokens(), ...(issued?.subjectTokens ?? []), keys.sk, keys.securityToken];
    expect(secrets.length).toBe(4);
    for (const secret of secrets) expect(records).not.toContain(secret.slice(0, 24));
    expect(f.emu.calls.map((c) => c.route)).toEqual(['iam-id-token', 'iam-security-token', 'list']);
  });
});
