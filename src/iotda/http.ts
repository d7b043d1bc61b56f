import type http from 'node:http';
import { MAX_CONCURRENCY } from '../config';
import { ApiError } from '../errors';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** An error answer larger than the limit: `body` is its beginning only. */
  cut?: true;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Full URL, query included. */
  url: string;
  headers: Record<string, string>;
  /** A request body (JSON for Huawei IAM); IoTDA's calls send none. */
  body?: string;
  timeoutMs: number;
  /** Largest answer read (default 1 MB): a larger success fails as a `body` error, a larger error answer is cut. */
  maxBodyBytes?: number;
  /** The settings that choose this host (e.g. `IOTDA_REGION and IOTDA_ENDPOINT`), named when no retry can help. */
  settings?: string;
}

/** Answers bigger than this are not ours to read (a list page is ~10 KB). */
const MAX_BODY_BYTES = 1024 * 1024;

type Transport = { request: typeof http.request; agent: http.Agent };
// Module scope on purpose: a warm instance reuses its TLS connections across invocations. Loaded on
// the first request, not at start: node:http and node:https cost a fifth of a cold start, and an
// ignored or rejected event never needs them.
const transports = new Map<string, Promise<Transport>>();

function transportFor(protocol: string): Promise<Transport> {
  let transport = transports.get(protocol);
  if (!transport) {
    transport = (protocol === 'https:' ? import('node:https') : import('node:http')).then((mod) => ({
      request: mod.request,
      // The engine bounds the requests in flight (SYNC_CONCURRENCY); the agent must not queue below it.
      agent: new mod.Agent({ keepAlive: true, maxSockets: MAX_CONCURRENCY }),
    }));
    transports.set(protocol, transport);
  }
  return transport;
}

/**
 * One HTTP exchange with a hard timeout covering DNS, connect, TLS, send and the whole body. Network
 * failures and timeouts become ApiError (kind `network` / `timeout`) naming the host and carrying the
 * error code (`details.code`), never the request (its headers are signed and may hold the security token)
 * nor Node's message.
 * @example const res = await httpRequest({ method: 'GET', url, headers, timeoutMs: 5000 });
 */
export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(request.url);
  const host = url.host;
  const maxBodyBytes = request.maxBodyBytes ?? MAX_BODY_BYTES;
  const { request: send, agent } = await transportFor(url.protocol);
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (error: ApiError | undefined, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(response!);
    };
    const req = send(url, { method: request.method, headers: request.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          req.destroy();
          const status = res.statusCode ?? 0;
          // An error answer keeps its status (what decides a retry), its body cut; a success whose body is too large fails.
          if (status >= 200 && status < 300) finish(new ApiError(`answer of ${host} over ${maxBodyBytes} bytes`, { status, kind: 'body' }));
          else finish(undefined, { status, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), cut: true });
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (error: NodeJS.ErrnoException) => finish(networkError(error, host, request.settings)));
      res.on('aborted', () => finish(new ApiError(`${host} closed the connection mid-answer`, { kind: 'network' })));
    });
    const timer = setTimeout(() => {
      finish(new ApiError(`no answer from ${host} within ${request.timeoutMs} ms`, { kind: 'timeout' }));
      req.destroy();
    }, request.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish(networkError(error, host, request.settings)));
    req.end(request.body);
  });
}

/** Node's TLS codes for a certificate the client cannot accept: no retry changes them. */
export const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

function networkError(error: NodeJS.ErrnoException, host: string, settings: string | undefined): ApiError {
  // The code, never Node's message: it is all a caller needs, and it can quote what it was given.
  const code = typeof error.code === 'string' ? error.code.slice(0, 64) : 'unknown';
  const check = settings ? `: check ${settings}` : '';
  const message =
    code === 'ENOTFOUND'
      ? `cannot resolve ${host} (ENOTFOUND)${check}`
      : CERTIFICATE_ERRORS.has(code)
        ? `the TLS certificate of ${host} is not trusted (${code})${check}`
        : `network error ${code} talking to ${host}`;
  return new ApiError(message, { kind: 'network', code });
}
