import type http from 'node:http';
import { ApiError } from '../errors';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Full URL, query included. */
  url: string;
  headers: Record<string, string>;
  /** A request body (JSON for Huawei IAM); IoTDA's calls send none. */
  body?: string;
  timeoutMs: number;
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
      agent: new mod.Agent({ keepAlive: true, maxSockets: 64 }),
    }));
    transports.set(protocol, transport);
  }
  return transport;
}

/**
 * One HTTP exchange with a hard timeout covering connect, send and the whole body. Network failures
 * and timeouts become ApiError (kind `network` / `timeout`) carrying only the error code, never the
 * request (its headers are signed and may hold the security token).
 * @example const res = await httpRequest({ method: 'GET', url, headers, timeoutMs: 5000 });
 */
export async function httpRequest(request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(request.url);
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
        if (size > MAX_BODY_BYTES) {
          req.destroy();
          finish(new ApiError(`response body over ${MAX_BODY_BYTES} bytes`, { status: res.statusCode, kind: 'body' }));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (error: NodeJS.ErrnoException) => finish(networkError(error)));
      res.on('aborted', () => finish(new ApiError('connection closed mid-answer', { kind: 'network' })));
    });
    const timer = setTimeout(() => {
      finish(new ApiError(`no answer within ${request.timeoutMs} ms`, { kind: 'timeout' }));
      req.destroy();
    }, request.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish(networkError(error)));
    req.end(request.body);
  });
}

function networkError(error: NodeJS.ErrnoException): ApiError {
  // Only the code: Node's messages are safe today, but the code is all a caller needs.
  return new ApiError(`network error ${error.code ?? 'unknown'}`, { kind: 'network' });
}
