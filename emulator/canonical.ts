/**
 * Canonical request of the Huawei Cloud API gateway signature, rebuilt from what the server actually
 * received (never from values the client claims). Mirrors the canonicalisation of the SDK signers
 * (huaweicloud-sdk-core auth/AKSKSigner.js), re-implemented here so that a mistake on either side shows.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Hash of an empty body: what the SDK sends when a request has no data. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Bytes left as is: RFC 3986 unreserved characters (the SDK's `noEscape` table). */
const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/**
 * Percent-encodes every byte of the UTF-8 form except the unreserved characters, upper-case hex.
 * @example signEncode('a b/ü') // 'a%20b%2F%C3%BC'
 */
export function signEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Each raw path segment encoded (so `%` of a pre-encoded segment becomes `%25`, as in the SDK), plus a trailing `/`.
 * @example canonicalUri('/v5/iot/p1/harmony-soft-bus') // '/v5/iot/p1/harmony-soft-bus/'
 */
export function canonicalUri(rawPath: string): string {
  const joined = rawPath.split('/').map(signEncode).join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/** Decodes one query component the way form encoders produce it (`+` is a space); keeps malformed input raw. */
function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Parses a raw query string into its keys and (possibly repeated) values.
 * @example parseQuery('limit=50&marker=ab') // Map { 'limit' => ['50'], 'marker' => ['ab'] }
 */
export function parseQuery(rawQuery: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1));
    params.set(key, [...(params.get(key) ?? []), value]);
  }
  return params;
}

/**
 * Keys sorted by UTF-16 code unit, `key=value` encoded, repeated keys with sorted values, joined by `&`.
 * @example canonicalQuery('marker=ff&limit=5') // 'limit=5&marker=ff'
 */
export function canonicalQuery(rawQuery: string): string {
  const params = parseQuery(rawQuery);
  const parts: string[] = [];
  for (const key of [...params.keys()].sort()) {
    for (const value of [...(params.get(key) ?? [])].sort()) parts.push(`${signEncode(key)}=${signEncode(value)}`);
  }
  return parts.join('&');
}

/** What the verifier needs of a received request. */
export interface ReceivedRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * `method \n uri \n query \n headers \n signedHeaders \n payloadHash`, with the canonical headers taken in
 * the order the client listed them. Throws a message naming a signed header that was not received.
 * @example buildCanonicalRequest(req, ['host', 'x-sdk-date'], sha256Hex(req.body))
 */
export function buildCanonicalRequest(req: ReceivedRequest, signedHeaders: string[], payloadHash: string): string {
  let headerLines = '';
  for (const name of signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) throw new Error(`signed header '${name}' is missing from the request`);
    headerLines += `${name}:${Array.isArray(value) ? value.join(',') : value}\n`;
  }
  return [req.method, canonicalUri(req.rawPath), canonicalQuery(req.rawQuery), headerLines, signedHeaders.join(';'), payloadHash].join(
    '\n',
  );
}
