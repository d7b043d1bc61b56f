/**
 * Compact JWS (JWT) signing and verification with node:crypto only, for the two algorithms AWS STS
 * `GetWebIdentityToken` offers: RS256 (RSA PKCS#1 v1.5 + SHA-256) and ES384 (ECDSA P-384 + SHA-384,
 * signature as the 96-byte r||s of RFC 7518, not DER). Parse errors name what is wrong, never the token.
 */
import { createPublicKey, type JsonWebKey, type KeyObject, sign, verify } from 'node:crypto';

export const JwsAlgorithm = { RS256: 'RS256', ES384: 'ES384' } as const;
export type JwsAlgorithm = (typeof JwsAlgorithm)[keyof typeof JwsAlgorithm];

/** A public JWK as published in a JWKS (`kty` RSA with n/e, or EC P-384 with x/y). */
export interface PublicJwk extends JsonWebKey {
  kid: string;
  alg: JwsAlgorithm;
  use: 'sig';
}

export interface Jwks {
  keys: PublicJwk[];
}

export interface ParsedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

const DIGEST: Record<JwsAlgorithm, string> = { RS256: 'sha256', ES384: 'sha384' };

/**
 * @example base64UrlJson({ alg: 'RS256' }) // 'eyJhbGciOiJSUzI1NiJ9'
 */
export function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function isAlgorithm(value: unknown): value is JwsAlgorithm {
  return value === JwsAlgorithm.RS256 || value === JwsAlgorithm.ES384;
}

/**
 * Signs `header.payload` with the private key; `header.alg` picks the algorithm.
 * @example signJws({ alg: 'RS256', kid: 'k1', typ: 'JWT' }, { sub: 'x' }, privateKey) // 'eyJ….eyJ….sig'
 */
export function signJws(header: { alg: JwsAlgorithm } & Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const signingInput = `${base64UrlJson(header)}.${base64UrlJson(payload)}`;
  const options = header.alg === JwsAlgorithm.ES384 ? { key, dsaEncoding: 'ieee-p1363' as const } : key;
  return `${signingInput}.${sign(DIGEST[header.alg], Buffer.from(signingInput, 'utf8'), options).toString('base64url')}`;
}

function decodeJson(part: string, what: string): Record<string, unknown> | string {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : `${what} is not a JSON object`;
  } catch {
    return `${what} is not base64url JSON`;
  }
}

/**
 * Splits and decodes a compact JWS without checking its signature.
 * @example parseJws(token).header.alg // 'RS256'
 * @returns the parts, or a string saying why the token is malformed
 */
export function parseJws(token: string): ParsedJws | string {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part)))
    return 'the token is not a compact JWS (three base64url parts)';
  const [head = '', body = '', sig = ''] = parts;
  const header = decodeJson(head, 'the JWS header');
  if (typeof header === 'string') return header;
  const payload = decodeJson(body, 'the JWT payload');
  if (typeof payload === 'string') return payload;
  return { header, payload, signingInput: `${head}.${body}`, signature: Buffer.from(sig, 'base64url') };
}

/**
 * Verifies the signature of a parsed JWS with one public JWK. `alg: none`, HMAC algorithms and a key of
 * the wrong type all fail (never throw).
 * @example verifyJws(parseJws(token) as ParsedJws, jwks.keys[0]) // true
 */
export function verifyJws(jws: ParsedJws, jwk: JsonWebKey): boolean {
  const alg = jws.header.alg;
  if (!isAlgorithm(alg)) return false;
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if ((alg === JwsAlgorithm.RS256 && jwk.kty !== 'RSA') || (alg === JwsAlgorithm.ES384 && (jwk.kty !== 'EC' || jwk.crv !== 'P-384')))
    return false;
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    const input = Buffer.from(jws.signingInput, 'utf8');
    return alg === JwsAlgorithm.ES384
      ? verify(DIGEST[alg], input, { key, dsaEncoding: 'ieee-p1363' }, jws.signature)
      : verify(DIGEST[alg], input, key, jws.signature);
  } catch {
    return false;
  }
}
