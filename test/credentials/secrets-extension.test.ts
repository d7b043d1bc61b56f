import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKeysFromSecretsExtension } from '../../src/credentials/secrets-extension';
import { SecretReadError } from '../../src/errors';
import { keyRequest } from './support';

// A stand-in for the extension: a real HTTP server on localhost, answering like GetSecretValue.
const SESSION_TOKEN = 'session-token-do-not-leak';
const AK = 'AKFAKE0123456789';
const SK = 'sk-fake-secret-value-0123456789';
let server: Server | undefined;
const seen: Array<{ url: string; token: string | undefined }> = [];

async function startExtension(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<number> {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', token: req.headers['x-aws-parameters-secrets-token'] as string | undefined });
    answer(req, res);
  });
  await new Promise<void>((resolve) => server!.listen(0, 'localhost', resolve));
  return (server.address() as AddressInfo).port;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const SECRET = 'softbus-sync/huawei';
const envFor = (port: number): NodeJS.ProcessEnv => ({
  AWS_SESSION_TOKEN: SESSION_TOKEN,
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(port),
});
/** The loader as the Lambda source calls it, with `remainingMs` left. */
const load = (port: number, { secretId = SECRET, remainingMs = 20_000, fetchImpl = fetch } = {}) =>
  loadKeysFromSecretsExtension(secretId, envFor(port), keyRequest({ remainingMs }).request, fetchImpl);

async function failureOf(promise: Promise<unknown>): Promise<SecretReadError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SecretReadError);
  const failure = error as SecretReadError;
  // Whatever went wrong, the message names the secret and never a key or the session token.
  expect(failure.message).toContain('softbus-sync/huawei');
  for (const secret of [AK, SK, SESSION_TOKEN]) expect(failure.message).not.toContain(secret);
  return failure;
}

afterEach(async () => {
  seen.length = 0;
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe('loadKeysFromSecretsExtension', () => {
  it('asks the extension with the session token and returns the keys', async () => {
    // prepare
    const secret = { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: 'p1' };
    const port = await startExtension((_req, res) => json(res, 200, { Name: 'x', SecretString: JSON.stringify(secret) }));
    const arn = 'arn:aws:secretsmanager:eu-west-1:1:secret:a/b-Xy12Ab';
    // act
    const keys = await load(port, { secretId: arn });
    // assess
    expect(keys).toEqual({ ak: AK, sk: SK, projectId: 'p1', source: 'secrets-extension' });
    expect(seen).toEqual([{ url: `/secretsmanager/get?secretId=${encodeURIComponent(arn)}`, token: SESSION_TOKEN }]);
  });

  it('passes a security token on for temporary keys', async () => {
    // prepare
    const secret = { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: 'st' };
    const port = await startExtension((_req, res) => json(res, 200, { SecretString: JSON.stringify(secret) }));
    // act
    const keys = await load(port);
    // assess
    expect(keys).toEqual({ ak: AK, sk: SK, securityToken: 'st', source: 'secrets-extension' });
  });

  it('reports an HTTP error with its status and a hint', async () => {
    // prepare
    const port = await startExtension((_req, res) => json(res, 400, { message: `token ${SESSION_TOKEN} rejected` }));
    // act
    const failure = await failureOf(load(port));
    // assess
    expect(failure.message).toMatch(/HTTP 400.*secretsmanager:GetSecretValue/);
  });

  it('names the missing field but never echoes the secret value', async () => {
    // prepare
    const port = await startExtension((_req, res) => json(res, 200, { SecretString: JSON.stringify({ HUAWEICLOUD_SDK_AK: AK, sk: SK }) }));
    // act
    const failure = await failureOf(load(port));
    // assess
    expect(failure.message).toContain('invalid: HUAWEICLOUD_SDK_SK');
  });

  it('does not quote a secret that is not JSON (JSON.parse would)', async () => {
    // prepare
    const port = await startExtension((_req, res) => json(res, 200, { SecretString: `${AK}:${SK}` }));
    // act
    const failure = await failureOf(load(port));
    // assess
    expect(failure.message).toContain('must be a JSON object');
  });

  it('gives up within the time left when the extension hangs (less than its own 3 s)', async () => {
    // prepare
    const port = await startExtension(() => undefined);
    const started = Date.now();
    // act
    const failure = await failureOf(load(port, { remainingMs: 300 }));
    // assess
    expect(failure.message).toMatch(/did not answer within (2\d\d|300) ms \(the time the invocation had left\)/);
    expect(Date.now() - started).toBeLessThan(1_500);
    server?.closeAllConnections();
  });

  it('gives up within the time left when the answer stalls mid-body', async () => {
    // prepare: headers and half a body, then nothing
    const port = await startExtension((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"SecretString":');
    });
    const started = Date.now();
    // act
    const failure = await failureOf(load(port, { remainingMs: 400 }));
    // assess
    expect(failure.message).toContain('did not answer within');
    expect(Date.now() - started).toBeLessThan(1_500);
    server?.closeAllConnections();
  });

  it('takes a time left that is not a whole number of ms (half of an odd budget)', async () => {
    // prepare
    const port = await startExtension(() => undefined);
    const request = { ...keyRequest().request, remainingMs: () => 99.5 };
    // act
    const failure = await failureOf(loadKeysFromSecretsExtension(SECRET, envFor(port), request));
    // assess
    expect(failure.message).toContain('did not answer within 99 ms');
    server?.closeAllConnections();
  });

  it('never waits more than 3 s, whatever the time left', async () => {
    // prepare
    const port = await startExtension(() => undefined);
    // act
    const failure = await failureOf(load(port, { remainingMs: 600_000 }));
    // assess
    expect(failure.message).toContain('did not answer within 3000 ms');
    server?.closeAllConnections();
  });

  it('refuses an answer larger than any secret', async () => {
    // prepare
    const port = await startExtension((_req, res) => json(res, 200, { SecretString: 'x'.repeat(400_000) }));
    // act
    const failure = await failureOf(load(port));
    // assess
    expect(failure.message).toContain('more than 262144 bytes');
  });

  it('says the layer may be missing when nothing listens', async () => {
    // prepare: take a free port, then free it again
    const port = await startExtension(() => undefined);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    // act
    const failure = await failureOf(load(port));
    // assess
    expect(failure.message).toContain(`cannot reach the secrets extension on localhost:${port}`);
  });

  it('fails clearly without a session token, before any request', async () => {
    // prepare
    const noFetch = () => Promise.reject(new Error('must not be called'));
    // act
    const failure = await failureOf(loadKeysFromSecretsExtension(SECRET, {}, keyRequest().request, noFetch));
    // assess
    expect(failure.message).toContain('AWS_SESSION_TOKEN');
  });
});
