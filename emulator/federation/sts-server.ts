/**
 * The STS stand-in: a node:http server that answers GetWebIdentityToken in the AWS Query protocol the
 * real `@aws-sdk/client-sts` speaks (point the SDK at it with `AWS_ENDPOINT_URL_STS` or the client's
 * `endpoint`), verifies every request's SigV4 signature, and serves its issuer's OIDC documents.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http-io.js';
import { DISCOVERY_PATH, JWKS_PATH, OidcIssuer } from './issuer.js';
import { verifySigV4 } from './sigv4.js';
import { defaultStatus, getWebIdentityToken, newRequestId } from './sts-operation.js';
import { errorXml, parseForm, STS_VERSION, StsErrorCode } from './sts-protocol.js';
import type { StsCallRecord, StsFault, StsStandIn, StsStandInOptions } from './sts-types.js';

const MAX_BODY_BYTES = 64 * 1024;

function answer(res: ServerResponse, status: number, contentType: string, text: string, requestId: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': requestId });
  res.end(text);
}

/**
 * @example
 * const sts = await startStsStandIn({ region: 'us-east-1', credentials: [{ accessKeyId, secretAccessKey, principalArn }] });
 * const client = new STSClient({ region: 'us-east-1', endpoint: sts.url, credentials: { accessKeyId, secretAccessKey } });
 */
export async function startStsStandIn(options: StsStandInOptions): Promise<StsStandIn> {
  let skew = options.clockSkewMs ?? 0;
  let federationEnabled = options.federationEnabled ?? true;
  const faults: Array<StsFault & { seen: number; hits: number }> = [];
  const calls: StsCallRecord[] = [];
  const tokens: string[] = [];
  let issuer: OidcIssuer | undefined;
  let issuerUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const requestId = newRequestId();
    if (req.method === 'GET' && (rawPath === DISCOVERY_PATH || rawPath === JWKS_PATH)) {
      const doc = rawPath === JWKS_PATH ? issuer?.jwks() : issuer?.discovery();
      return answer(res, 200, 'application/json', JSON.stringify(doc), requestId);
    }
    // An oversized body reads as empty: the form then lacks its Action and is refused.
    const body = (await readBody(req, MAX_BODY_BYTES)) ?? Buffer.alloc(0);
    const record: StsCallRecord = { action: '', status: 0, headerNames: Object.keys(req.headers).sort(), time: Date.now() };
    const finish = (status: number, code: string | undefined, text: string, contentType = 'text/xml') => {
      calls.push({ ...record, status, errorCode: code });
      answer(res, status, contentType, text, requestId);
    };
    const params = parseForm(body.toString('utf8'));
    record.action = params.get('Action') ?? '';
    const auth = verifySigV4(
      { method: req.method ?? 'GET', rawPath, rawQuery: q < 0 ? '' : url.slice(q + 1), headers: req.headers, body },
      { credentials: options.credentials, region: options.region, service: 'sts', now: Date.now() + skew },
    );
    if (!auth.ok) return finish(auth.status, auth.code, errorXml(auth.code, auth.message, requestId));
    record.accessKeyId = auth.credential.accessKeyId;
    if (req.method !== 'POST' || rawPath !== '/' || record.action !== 'GetWebIdentityToken' || params.get('Version') !== STS_VERSION) {
      return finish(
        400,
        StsErrorCode.InvalidAction,
        errorXml(StsErrorCode.InvalidAction, `The action ${record.action} is not valid for this endpoint.`, requestId),
      );
    }
    const fault = faults.find((f) => (f.times === undefined || f.hits < f.times) && f.seen++ >= (f.skip ?? 0));
    if (fault) {
      fault.hits += 1;
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault.reset) {
        calls.push({ ...record, status: 0, errorCode: 'reset' });
        req.socket.resetAndDestroy();
        return;
      }
      const status = fault.status ?? defaultStatus(fault.code);
      const message = fault.message ?? (fault.code === StsErrorCode.Throttling ? 'Rate exceeded' : `${fault.code} (scripted)`);
      return finish(status, fault.code, errorXml(fault.code, message, requestId, status >= 500 ? 'Receiver' : 'Sender'));
    }
    const result = getWebIdentityToken(params, auth.credential, {
      issuer: issuer as OidcIssuer,
      issuerUrl,
      region: options.region,
      federationEnabled,
      allowedAudiences: options.allowedAudiences,
      now: Date.now() + skew,
      requestId,
    });
    Object.assign(record, {
      audience: result.audience,
      signingAlgorithm: result.signingAlgorithm,
      durationSeconds: result.durationSeconds,
    });
    if (result.token) tokens.push(result.token);
    if (result.error) return finish(result.status, result.error.code, errorXml(result.error.code, result.error.message, requestId));
    finish(200, undefined, result.xml ?? '');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        answer(res, 500, 'text/xml', errorXml(StsErrorCode.InternalFailure, String(error), 'stand-in-error', 'Receiver'), 'x');
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  issuerUrl = options.issuerUrl ?? base;
  issuer = new OidcIssuer(issuerUrl);
  return {
    url: base,
    issuer,
    calls,
    issuedTokens: () => [...tokens],
    addFault: (fault) => faults.push({ ...fault, seen: 0, hits: 0 }),
    clearFaults: () => void faults.splice(0),
    setFederationEnabled: (enabled) => {
      federationEnabled = enabled;
    },
    advanceClock: (ms) => {
      skew += ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
