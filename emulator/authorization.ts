/**
 * Parsing of the `Authorization` header of the two Huawei Cloud AK/SK signature kinds.
 * Parse errors name what is wrong but never repeat the header (it holds the signature).
 */

export const SignAlgorithm = { Basic: 'SDK-HMAC-SHA256', Derived: 'V11-HMAC-SHA256' } as const;

/** The service name of IoTDA in a derived credential scope. */
export const DERIVED_SERVICE = 'iotdm';

export interface ParsedAuthorization {
  kind: 'basic' | 'derived';
  ak: string;
  /** Derived only: `{YYYYMMDD}/{region}/{service}` as sent. */
  scope?: { date: string; region: string; service: string; text: string };
  signedHeaders: string[];
  signature: string;
}

/**
 * Parses `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex` or
 * `V11-HMAC-SHA256 Credential=AK/20240101/cn-north-4/iotdm, SignedHeaders=a;b, Signature=hex`.
 * @example parseAuthorization('SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=ab12').ak // 'AK1'
 * @returns the parsed header, or a string saying why it is unusable
 */
export function parseAuthorization(header: string): ParsedAuthorization | string {
  const space = header.indexOf(' ');
  const algorithm = space < 0 ? header : header.slice(0, space);
  if (algorithm !== SignAlgorithm.Basic && algorithm !== SignAlgorithm.Derived) return 'unsupported signing algorithm';
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const signedHeadersText = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!signedHeadersText) return 'Authorization header has no SignedHeaders';
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return 'Authorization header has no well-formed Signature';
  const signedHeaders = signedHeadersText.split(';');
  if (signedHeaders.some((name) => name === '' || name !== name.toLowerCase())) {
    return 'SignedHeaders must be lower-case names separated by ;';
  }
  if (algorithm === SignAlgorithm.Basic) {
    const ak = fields.get('Access');
    if (!ak) return 'Authorization header has no Access';
    return { kind: 'basic', ak, signedHeaders, signature };
  }
  const credential = fields.get('Credential');
  const pieces = credential?.split('/') ?? [];
  if (pieces.length !== 4 || pieces.some((piece) => piece === '')) {
    return 'Credential must be {AK}/{YYYYMMDD}/{region}/{service}';
  }
  const [ak = '', date = '', region = '', service = ''] = pieces;
  return { kind: 'derived', ak, scope: { date, region, service, text: `${date}/${region}/${service}` }, signedHeaders, signature };
}
