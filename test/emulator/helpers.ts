/**
 * Test helpers: requests signed by the REAL sdk-core signers, sent with node:http exactly as signed.
 */
import { request as httpRequest } from 'node:http';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { DerivedAKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/DerivedAKSKSigner';
import { type Emulator, type EmulatorCredential, type EmulatorOptions, type Fleet, startEmulator } from '../../emulator/index.js';

export const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const REGION = 'cn-north-4';
export const PERMANENT: EmulatorCredential = { ak: 'EMUTESTAKPERMANENT01', sk: 'emu-test-secret-permanent-0001' };
export const TEMPORARY: EmulatorCredential = {
  ak: 'EMUTESTAKTEMPORARY01',
  sk: 'emu-test-secret-temporary-0001',
  securityToken: 'emu-test-token-0001',
};

export interface SignOptions {
  method?: string;
  /** Path after `/v5/iot/{project}`, or a full path (`/v5/…`, or CTS's `/v3/…`). */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  kind?: 'basic' | 'derived';
  credential?: EmulatorCredential;
  region?: string;
  project?: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the answer by the shape it asserts
  json: () => any;
}

/** Signs with sdk-core; returns the headers it says to send (Authorization, X-Sdk-Date, host, …). */
export function sign(baseUrl: string, o: SignOptions): Record<string, string> {
  const cred = o.credential ?? PERMANENT;
  const path = fullPath(o);
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (cred.securityToken) headers['X-Security-Token'] = cred.securityToken;
  const credential = {
    getAk: () => cred.ak,
    getSk: () => cred.sk,
    getRegionId: () => o.region ?? REGION,
    getDerivedAuthServiceName: () => 'iotdm',
  };
  const request = { method: o.method ?? 'GET', endpoint: `${baseUrl}${path}`, headers, queryParams: o.query ?? {}, data: undefined };
  const signer = o.kind === 'derived' ? DerivedAKSKSigner : AKSKSigner;
  return signer.sign(request, credential as never) as Record<string, string>;
}

/** Sends a raw request; resolves with the reply, rejects with the socket error (e.g. ECONNRESET). */
export function send(
  baseUrl: string,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${pathAndQuery}`, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function fullPath(o: SignOptions): string {
  return /^\/v\d\//.test(o.path) ? o.path : `/v5/iot/${o.project ?? PROJECT}${o.path}`;
}

/** Full path with the query encoded the ordinary way. */
export function pathWithQuery(o: SignOptions): string {
  const path = fullPath(o);
  const query = new URLSearchParams(o.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

/** Signs with sdk-core and sends as signed. */
export function call(emu: Emulator, o: SignOptions): Promise<Reply> {
  return send(emu.url, o.method ?? 'GET', pathWithQuery(o), sign(emu.url, o));
}

/** A small fleet: group g-a with 3 buses, g-b with 2, in resource spaces app1 / app2. */
export function smallFleet(): Fleet {
  const bus = (n: number, group: string, app: string, status: 'Synchronized' | 'ToBeSynchronized') => ({
    bus_id: `${n}`.padStart(32, 'b'),
    bus_name: `bus-${n}`,
    group_id: group,
    app_id: app,
    status,
    record_id: `${n}`.padStart(24, '0'),
  });
  return {
    groups: [
      { group_id: 'g-a', name: 'A', app_id: 'app1' },
      { group_id: 'g-b', name: 'B', app_id: 'app2' },
    ],
    buses: [
      bus(1, 'g-a', 'app1', 'Synchronized'),
      bus(2, 'g-a', 'app1', 'ToBeSynchronized'),
      bus(3, 'g-b', 'app2', 'ToBeSynchronized'),
      bus(4, 'g-a', 'app1', 'ToBeSynchronized'),
      bus(5, 'g-b', 'app2', 'Synchronized'),
    ],
  };
}

/** Starts an emulator with test defaults; override anything. */
export function start(overrides: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({ projectId: PROJECT, region: REGION, credentials: [PERMANENT, TEMPORARY], fleet: smallFleet(), ...overrides });
}

export const BUS1 = '1'.padStart(32, 'b');
export const BUS2 = '2'.padStart(32, 'b');
export const BUS3 = '3'.padStart(32, 'b');

/** A time as X-Sdk-Date wants it: `YYYYMMDDTHHMMSSZ`. */
export function sdkDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/** CTS Query Trace List, plain-signed like the function signs CTS; `trace_type=system` unless given. */
export function listTraces(emu: Emulator, query: Record<string, string> = {}, o: Partial<SignOptions> = {}): Promise<Reply> {
  return call(emu, { path: `/v3/${o.project ?? PROJECT}/traces`, query: { trace_type: 'system', ...query }, kind: 'basic', ...o });
}

/** IoTDA CreateOrDeleteDeviceInGroup. */
export function manageDevices(emu: Emulator, groupId: string, query: Record<string, string>, o: Partial<SignOptions> = {}): Promise<Reply> {
  return call(emu, { method: 'POST', path: `/device-group/${groupId}/action`, query, ...o });
}

/** Resolves after `ms` (for the settle phase of a sync, which is measured in real time). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
