/**
 * Verification of a request's AK/SK signature (plain SDK-HMAC-SHA256 and derived V11-HMAC-SHA256),
 * with node:crypto only. Failure reasons are safe to send back: they never contain the SK, the
 * security token, the signature, or even the AK.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { DERIVED_SERVICE, type ParsedAuthorization, parseAuthorization, SignAlgorithm } from './authorization.js';
import { buildCanonicalRequest, type ReceivedRequest, sha256Hex } from './canonical.js';
import type { AcceptedSignatures, EmulatorCredential } from './types.js';

/** The gateway's accepted clock difference between X-Sdk-Date and its own clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export interface VerifyOptions {
  credentials: EmulatorCredential[];
  region: string;
  accepted: AcceptedSignatures;
  /** The verifier's current time, ms since the epoch. */
  now: number;
}

export type VerifyResult =
  | { ok: true; kind: 'basic' | 'derived'; credential: EmulatorCredential }
  | { ok: false; kind: 'basic' | 'derived' | 'none'; reason: string };

/**
 * Parses `YYYYMMDDTHHMMSSZ` (UTC) into ms since the epoch, or undefined.
 * @example parseSdkDate('20240102T030405Z') // Date.UTC(2024, 0, 2, 3, 4, 5)
 */
export function parseSdkDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls over (month 13, second 61): reject instead of guessing.
  return new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '') === text ? ms : undefined;
}

/**
 * The derived signing key: the lower-case hex STRING of HKDF-SHA256(ikm=SK, salt=AK, info=scope, 32 bytes).
 * @example derivedSigningKey('AK', 'SK', '20240102/cn-north-4/iotdm').length // 64
 */
export function derivedSigningKey(ak: string, sk: string, scope: string): string {
  return Buffer.from(hkdfSync('sha256', Buffer.from(sk, 'utf8'), Buffer.from(ak, 'utf8'), Buffer.from(scope, 'utf8'), 32)).toString('hex');
}

function hmacHex(key: string, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

function headerText(req: ReceivedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Checks everything except the HMAC itself; returns a reason on failure. */
function checkClaims(req: ReceivedRequest, auth: ParsedAuthorization, cred: EmulatorCredential, opts: VerifyOptions): string | undefined {
  if (!auth.signedHeaders.includes('host')) return 'host must be a signed header';
  const dateText = headerText(req, 'x-sdk-date');
  if (dateText === undefined) return 'missing X-Sdk-Date header';
  const date = parseSdkDate(dateText);
  if (date === undefined) return 'X-Sdk-Date must be YYYYMMDDTHHMMSSZ';
  if (Math.abs(opts.now - date) > MAX_CLOCK_SKEW_MS) return 'X-Sdk-Date is more than 15 minutes away from the server time';
  if (auth.scope) {
    if (auth.scope.date !== dateText.slice(0, 8)) return 'credential scope date does not match X-Sdk-Date';
    if (auth.scope.region !== opts.region) return 'credential scope region does not match this endpoint';
    if (auth.scope.service !== DERIVED_SERVICE) return `credential scope service must be ${DERIVED_SERVICE}`;
  }
  const token = headerText(req, 'x-security-token');
  if (cred.securityToken !== undefined) {
    if (token === undefined) return 'temporary access key requires X-Security-Token';
    if (!auth.signedHeaders.includes('x-security-token')) return 'X-Security-Token must be a signed header';
    if (token !== cred.securityToken) return 'X-Security-Token does not belong to this access key';
  } else if (token !== undefined) {
    return 'X-Security-Token sent with a permanent access key';
  }
  return undefined;
}

/** The payload hash the client must have used: the actual body's, unless it declared UNSIGNED-PAYLOAD. */
function payloadHash(req: ReceivedRequest): string | undefined {
  const declared = headerText(req, 'x-sdk-content-sha256');
  const actual = sha256Hex(req.body);
  if (declared === undefined) return actual;
  return declared === 'UNSIGNED-PAYLOAD' || declared === actual ? declared : undefined;
}

/**
 * Verifies the request's signature against the configured credentials.
 * @example verifyRequest(req, { credentials: [{ ak: 'AK', sk: 'SK' }], region: 'cn-north-4', accepted: 'any', now: Date.now() })
 */
export function verifyRequest(req: ReceivedRequest, opts: VerifyOptions): VerifyResult {
  const header = headerText(req, 'authorization');
  if (header === undefined) return { ok: false, kind: 'none', reason: 'missing Authorization header' };
  const auth = parseAuthorization(header);
  if (typeof auth === 'string') return { ok: false, kind: 'none', reason: auth };
  const fail = (reason: string): VerifyResult => ({ ok: false, kind: auth.kind, reason });
  if (opts.accepted === 'derived' && auth.kind === 'basic')
    return fail(`this endpoint requires derived signing (${SignAlgorithm.Derived})`);
  if (opts.accepted === 'basic' && auth.kind === 'derived') return fail(`this endpoint accepts only ${SignAlgorithm.Basic}`);
  const cred = opts.credentials.find((c) => c.ak === auth.ak);
  if (!cred) return fail('unknown access key');
  if (cred.expiresAt !== undefined && opts.now >= cred.expiresAt) return fail('the temporary access key has expired');
  const claimError = checkClaims(req, auth, cred, opts);
  if (claimError) return fail(claimError);
  const hash = payloadHash(req);
  if (hash === undefined) return fail('X-Sdk-Content-Sha256 does not match the body');
  let canonical: string;
  try {
    canonical = buildCanonicalRequest(req, auth.signedHeaders, hash);
  } catch (error) {
    return fail((error as Error).message);
  }
  const dateText = headerText(req, 'x-sdk-date') ?? '';
  const expected = auth.scope
    ? hmacHex(
        derivedSigningKey(cred.ak, cred.sk, auth.scope.text),
        [SignAlgorithm.Derived, dateText, auth.scope.text, sha256Hex(canonical)].join('\n'),
      )
    : hmacHex(cred.sk, [SignAlgorithm.Basic, dateText, sha256Hex(canonical)].join('\n'));
  const match = timingSafeEqual(Buffer.from(expected, 'utf8'), Buffer.from(auth.signature, 'utf8'));
  return match ? { ok: true, kind: auth.kind, credential: cred } : fail('signature does not match the request');
}
