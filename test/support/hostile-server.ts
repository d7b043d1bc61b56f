/**
 * A hostile stand-in for IoTDA (and for Lambda's secrets extension), on a real node:http(s) server on
 * 127.0.0.1: it accepts any signature and answers whatever the test scripts, including what the real
 * service never sends: pages of huge invalid IDs with a fresh marker and a huge count, 200 KB error codes,
 * answers that stall mid-body, a certificate no client trusts. It reads no body and checks nothing, so
 * that the only defence under test is the function's own.
 * @example
 * const server = await startHostileServer({ answer: (req) => (req.route === 'list' ? hugeInvalidPage(req.count) : undefined) });
 * vi.stubEnv('IOTDA_ENDPOINT', server.url);
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from '../../dev/root';

export type HostileRoute = 'list' | 'sync' | 'secrets' | 'other';

/** A request as the server saw it. */
export interface HostileRequest {
  route: HostileRoute;
  method: string;
  query: Record<string, string>;
  busId?: string;
  /** How many requests of this route came before this one (0 for the first). */
  count: number;
  time: number;
}

/** What to answer; anything left out takes the route's well-formed default. */
export interface HostileAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON. */
  body?: unknown;
  /** Send the headers and this many bytes of the body, then nothing more (the connection stays open). */
  stallAfterBytes?: number;
  /** Wait this long before answering at all. */
  delayMs?: number;
}

export interface HostileServerOptions {
  answer?: (request: HostileRequest) => HostileAnswer | undefined;
  /** Serve HTTPS with a certificate the client cannot trust: self-signed, or issued by an unknown CA. */
  tls?: 'self-signed' | 'unknown-ca';
}

export interface HostileServer {
  url: string;
  port: number;
  calls: HostileRequest[];
  close(): Promise<void>;
}

const DEFAULTS: Record<HostileRoute, HostileAnswer> = {
  list: { status: 200, body: { harmony_soft_buses: [], page: { count: 0 } } },
  sync: { status: 200, body: '' },
  secrets: { status: 404, body: { message: 'no such secret' } },
  other: { status: 404, body: { error_code: 'NOPE', error_msg: 'not a route' } },
};

const SYNC_PATH = /\/harmony-soft-bus\/([^/]+)\/sync$/;

function routeOf(path: string): { route: HostileRoute; busId?: string } {
  if (path.startsWith('/secretsmanager/get')) return { route: 'secrets' };
  const sync = SYNC_PATH.exec(path);
  if (sync) return { route: 'sync', busId: decodeURIComponent(sync[1] ?? '') };
  return { route: path.endsWith('/harmony-soft-bus') ? 'list' : 'other' };
}

/**
 * Starts the server on a free loopback port.
 * @example const server = await startHostileServer({ tls: 'self-signed' }); // https://127.0.0.1:<port>
 */
export async function startHostileServer(options: HostileServerOptions = {}): Promise<HostileServer> {
  const calls: HostileRequest[] = [];
  const counts = new Map<HostileRoute, number>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const { route, busId } = routeOf(url.pathname);
    const count = counts.get(route) ?? 0;
    counts.set(route, count + 1);
    const request: HostileRequest = {
      route,
      method: req.method ?? '',
      query: Object.fromEntries(url.searchParams),
      busId,
      count,
      time: Date.now(),
    };
    calls.push(request);
    req.resume();
    const answer = { ...DEFAULTS[route], ...options.answer?.(request) };
    const write = () => respond(res, answer);
    if (answer.delayMs) setTimeout(write, answer.delayMs);
    else write();
  };
  const server = options.tls
    ? https.createServer(
        {
          key: readFileSync(join(ROOT, 'test', 'support', 'tls', `${options.tls}.key`)),
          cert: readFileSync(join(ROOT, 'test', 'support', 'tls', `${options.tls}.crt`)),
        },
        handler,
      )
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(res: http.ServerResponse, answer: HostileAnswer): void {
  if (res.destroyed) return;
  const body = answer.body;
  const text = Buffer.from(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body ?? ''));
  res.writeHead(answer.status ?? 200, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': text.length,
    'X-Request-Id': `hostile-${Date.now()}`,
    ...answer.headers,
  });
  if (answer.stallAfterBytes === undefined) res.end(text);
  else res.write(text.subarray(0, answer.stallAfterBytes));
}

/** A full page (50) of invalid bus IDs of `size` characters (in group `groupId`), a fresh marker and a huge count. */
export function hugeInvalidPage(page: number, groupId?: string, size = 20_000): HostileAnswer {
  const buses = Array.from({ length: 50 }, (_, i) => ({
    bus_id: `${String(page).padStart(6, '0')}-${String(i).padStart(2, '0')}-${'z'.repeat(size)}`,
    group_id: groupId,
    status: 'ToBeSynchronized',
  }));
  return { body: { harmony_soft_buses: buses, page: { count: 1_000_000_000, marker: `m-${page}-${Date.now()}` } } };
}

/** A full page of valid bus IDs (`prefix` + index, hex), with a marker and a count. */
export function validPage(prefix: string, options: { groupId?: string; count?: number; marker?: string; size?: number } = {}) {
  const buses = Array.from({ length: options.size ?? 50 }, (_, i) => ({
    bus_id: `${prefix}${i.toString(16).padStart(4, '0')}`,
    ...(options.groupId === undefined ? {} : { group_id: options.groupId }),
    status: 'ToBeSynchronized',
  }));
  return { body: { harmony_soft_buses: buses, page: { count: options.count, marker: options.marker } } };
}
