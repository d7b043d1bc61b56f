/**
 * A Secrets Manager stand-in for GetSecretValue, speaking the AWS JSON 1.1 protocol the real
 * `@aws-sdk/client-secrets-manager` sends (`POST /`, `X-Amz-Target: secretsmanager.GetSecretValue`),
 * verifying every request's SigV4 signature (service `secretsmanager`) with the STS stand-in's verifier.
 * Point the SDK at it with `AWS_ENDPOINT_URL_SECRETS_MANAGER` or the client's `endpoint`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AwsTestCredential, verifySigV4 } from './federation/sigv4.js';
import { readBody } from './http-io.js';

export interface SecretsManagerStandInOptions {
  /** The region of the SigV4 scope, and of the secrets' ARNs. */
  region: string;
  credentials: AwsTestCredential[];
  /** Secret name → SecretString. */
  secrets?: Record<string, string>;
  host?: string;
  port?: number;
}

/** A scripted failure of the next matching calls (after SigV4): an AWS error, a delay, or a body that stalls. */
export interface SecretsManagerFault {
  /** e.g. `ThrottlingException`, `AccessDeniedException`, `InternalServiceError`. */
  code?: string;
  /** Default 400 (500 for InternalServiceError). */
  status?: number;
  times?: number;
  delayMs?: number;
  /** Send the headers and part of the body, then nothing more. */
  stall?: boolean;
}

/** One handled request (no key, signature or secret value). */
export interface SecretsManagerCall {
  target: string;
  secretId?: string;
  status: number;
  errorCode?: string;
  accessKeyId?: string;
  time: number;
}

export interface SecretsManagerStandIn {
  url: string;
  calls: SecretsManagerCall[];
  setSecret(name: string, value: string): void;
  addFault(fault: SecretsManagerFault): void;
  close(): Promise<void>;
}

const ACCOUNT = '123456789012';
const TARGET = 'secretsmanager.GetSecretValue';

/**
 * @example
 * const sm = await startSecretsManagerStandIn({ region: 'eu-west-1', credentials: [role], secrets: { 'softbus-sync/huawei': JSON.stringify(keys) } });
 * process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = sm.url;
 */
export async function startSecretsManagerStandIn(options: SecretsManagerStandInOptions): Promise<SecretsManagerStandIn> {
  const secrets = new Map(Object.entries(options.secrets ?? {}));
  const faults: Array<SecretsManagerFault & { hits: number }> = [];
  const calls: SecretsManagerCall[] = [];
  const arnOf = (name: string) => `arn:aws:secretsmanager:${options.region}:${ACCOUNT}:secret:${name}-AbCdEf`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = (await readBody(req, 64 * 1024)) ?? Buffer.alloc(0);
    const target = String(req.headers['x-amz-target'] ?? '');
    const record: SecretsManagerCall = { target, status: 0, time: Date.now() };
    const answer = (status: number, json: unknown, code?: string) => {
      calls.push({ ...record, status, errorCode: code });
      const text = JSON.stringify(json);
      res.writeHead(status, {
        'Content-Type': 'application/x-amz-json-1.1',
        'Content-Length': Buffer.byteLength(text),
        'x-amzn-RequestId': randomUUID(),
      });
      res.end(text);
    };
    const error = (status: number, code: string, message: string) => answer(status, { __type: code, message }, code);
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const auth = verifySigV4(
      {
        method: req.method ?? 'GET',
        rawPath: q < 0 ? url : url.slice(0, q),
        rawQuery: q < 0 ? '' : url.slice(q + 1),
        headers: req.headers,
        body,
      },
      { credentials: options.credentials, region: options.region, service: 'secretsmanager', now: Date.now() },
    );
    if (!auth.ok)
      return error(
        auth.status === 403 ? 400 : auth.status,
        auth.code === 'SignatureDoesNotMatch' ? 'InvalidSignatureException' : 'UnrecognizedClientException',
        auth.message,
      );
    record.accessKeyId = auth.credential.accessKeyId;
    if (req.method !== 'POST' || target !== TARGET) return error(400, 'UnknownOperationException', `unknown operation ${target}`);
    let secretId: unknown;
    try {
      secretId = (JSON.parse(body.toString('utf8')) as { SecretId?: unknown }).SecretId;
    } catch {
      return error(400, 'SerializationException', 'the body is not JSON');
    }
    if (typeof secretId !== 'string' || secretId === '') return error(400, 'InvalidParameterException', 'SecretId is required');
    record.secretId = secretId;
    const fault = faults.find((f) => f.times === undefined || f.hits < f.times);
    if (fault) {
      fault.hits += 1;
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.stall) {
        calls.push({ ...record, status: 200, errorCode: 'stalled' });
        res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': 1000 });
        res.write('{"ARN":');
        return;
      }
      if (fault.code)
        return error(fault.status ?? (fault.code === 'InternalServiceError' ? 500 : 400), fault.code, `${fault.code} (scripted)`);
    }
    const name = [...secrets.keys()].find((n) => n === secretId || arnOf(n) === secretId);
    if (name === undefined) return error(400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    answer(200, {
      ARN: arnOf(name),
      Name: name,
      SecretString: secrets.get(name),
      VersionId: randomUUID(),
      VersionStages: ['AWSCURRENT'],
      CreatedDate: Math.floor(Date.now() / 1000),
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    calls,
    setSecret: (name, value) => void secrets.set(name, value),
    addFault: (fault) => void faults.push({ ...fault, hits: 0 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
