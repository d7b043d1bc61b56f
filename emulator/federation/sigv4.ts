/**
 * Verification of AWS Signature Version 4 (`AWS4-HMAC-SHA256` in the Authorization header), rebuilt from
 * what the server received, with node:crypto only. Failure messages follow AWS's wording where it is
 * known and never contain the secret key, the session token or the signature.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A test principal's keys. `principalArn` is what STS puts in `sub` (a role ARN for a Lambda role). */
export interface AwsTestCredential {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set the keys are temporary (like a Lambda role's): `X-Amz-Security-Token` must carry it, signed. */
  sessionToken?: string;
  principalArn: string;
}

export interface SigV4Request {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SigV4Result = { ok: true; credential: AwsTestCredential } | { ok: false; status: number; code: string; message: string };

/** AWS refuses a request whose X-Amz-Date is more than 15 minutes from its clock. */
export const SIGV4_MAX_SKEW_MS = 15 * 60 * 1000;

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** RFC 3986 percent-encoding of everything but unreserved characters, as AWS canonicalises. */
function awsEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(awsEncode(awsEncode(decode(segment))));
  }
  return `/${segments.join('/')}${segments.length > 0 && rawPath.endsWith('/') ? '/' : ''}`;
}

function canonicalQuery(rawQuery: string): string {
  const pairs = rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return [awsEncode(decode(eq < 0 ? pair : pair.slice(0, eq))), awsEncode(decode(eq < 0 ? '' : pair.slice(eq + 1)))] as const;
    });
  pairs.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();

/** `YYYYMMDDTHHMMSSZ` → ms since the epoch, or undefined. */
function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : undefined;
}

/**
 * Verifies the request's SigV4 signature for `service` in `region` against the known credentials.
 * @example verifySigV4(req, { credentials: [cred], region: 'us-east-1', service: 'sts', now: Date.now() })
 */
export function verifySigV4(
  req: SigV4Request,
  opts: { credentials: AwsTestCredential[]; region: string; service: string; now: number },
): SigV4Result {
  const fail = (status: number, code: string, message: string): SigV4Result => ({ ok: false, status, code, message });
  const authorization = headerValue(req.headers, 'authorization');
  if (authorization === undefined) return fail(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const m = AUTH_PATTERN.exec(authorization);
  if (!m) return fail(400, 'IncompleteSignature', 'Authorization header is not a well-formed AWS4-HMAC-SHA256 signature');
  const [, accessKeyId = '', scopeDate = '', region = '', service = '', signedText = '', signature = ''] = m;
  const credential = opts.credentials.find((c) => c.accessKeyId === accessKeyId);
  if (!credential) return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  const signed = signedText.split(';');
  if (!signed.includes('host')) return fail(403, 'SignatureDoesNotMatch', "'Host' must be a signed header");
  const amzDate = headerValue(req.headers, 'x-amz-date');
  const time = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || time === undefined || !signed.includes('x-amz-date'))
    return fail(400, 'IncompleteSignature', 'X-Amz-Date must be present, signed and YYYYMMDDTHHMMSSZ');
  if (Math.abs(opts.now - time) > SIGV4_MAX_SKEW_MS)
    return fail(403, 'SignatureDoesNotMatch', 'Signature expired: the request time is more than 15 minutes from the server time');
  if (scopeDate !== amzDate.slice(0, 8)) return fail(403, 'SignatureDoesNotMatch', 'Credential scope date does not match X-Amz-Date');
  if (region !== opts.region) return fail(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${region}'.`);
  if (service !== opts.service)
    return fail(403, 'SignatureDoesNotMatch', `Credential should be scoped to correct service: '${opts.service}'.`);
  const token = headerValue(req.headers, 'x-amz-security-token');
  if ((credential.sessionToken ?? undefined) !== token || (token !== undefined && !signed.includes('x-amz-security-token')))
    return fail(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  let headerLines = '';
  for (const name of signed) {
    const value = headerValue(req.headers, name);
    if (value === undefined) return fail(403, 'SignatureDoesNotMatch', `signed header '${name}' is missing from the request`);
    headerLines += `${name}:${value}\n`;
  }
  // The body's own hash, always: a declared X-Amz-Content-Sha256 must agree with it (the SDK sends one).
  const payloadHash = sha256Hex(req.body);
  const declared = headerValue(req.headers, 'x-amz-content-sha256');
  if (declared !== undefined && declared !== payloadHash)
    return fail(403, 'SignatureDoesNotMatch', 'The body does not match its X-Amz-Content-Sha256 header.');
  const canonical = [req.method, canonicalPath(req.rawPath), canonicalQuery(req.rawQuery), headerLines, signedText, payloadHash].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  let key: Buffer = hmac(`AWS4${credential.secretAccessKey}`, scopeDate);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
    ? { ok: true, credential }
    : fail(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
}
