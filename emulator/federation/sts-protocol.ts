/**
 * The AWS Query protocol as STS speaks it (what `@aws-sdk/client-sts` sends and parses): a form-encoded
 * POST (`Action`, `Version`, `Audience.member.N`, …) answered with XML, errors as `<ErrorResponse>`.
 */

export const STS_VERSION = '2011-06-15';
export const STS_XMLNS = `https://sts.amazonaws.com/doc/${STS_VERSION}/`;

/** Error codes of GetWebIdentityToken and of the query protocol that the stand-in can answer. */
export const StsErrorCode = {
  FeatureDisabled: 'OutboundWebIdentityFederationDisabledException',
  AccessDenied: 'AccessDenied',
  Throttling: 'Throttling',
  Validation: 'ValidationError',
  InvalidAction: 'InvalidAction',
  PayloadTooLarge: 'JWTPayloadSizeExceededException',
  SessionDurationEscalation: 'SessionDurationEscalationException',
  InternalFailure: 'InternalFailure',
} as const;
export type StsErrorCode = (typeof StsErrorCode)[keyof typeof StsErrorCode];

/**
 * Decodes a form body (`+` is a space) into a map; the first value of a repeated key counts.
 * @example parseForm('Action=GetWebIdentityToken&Audience.member.1=a%20b').get('Audience.member.1') // 'a b'
 */
export function parseForm(body: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(body)) if (!params.has(key)) params.set(key, value);
  return params;
}

/**
 * The values of a query-protocol list, `Name.member.1`, `Name.member.2`, … in order (stops at the first gap).
 * @example memberList(parseForm('A.member.1=x&A.member.2=y'), 'A') // ['x', 'y']
 */
export function memberList(params: Map<string, string>, name: string): string[] {
  const values: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i += 1) values.push(params.get(`${name}.member.${i}`) ?? '');
  return values;
}

/** Escapes text for an XML element. */
export function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}

/**
 * @example successXml('GetWebIdentityToken', { WebIdentityToken: 'eyJ…', Expiration: '2025-11-20T12:05:00Z' }, 'req-1')
 */
export function successXml(action: string, result: Record<string, string>, requestId: string): string {
  const fields = Object.entries(result)
    .map(([name, value]) => `    <${name}>${xmlEscape(value)}</${name}>`)
    .join('\n');
  return [
    `<${action}Response xmlns="${STS_XMLNS}">`,
    `  <${action}Result>`,
    fields,
    `  </${action}Result>`,
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>`,
    `</${action}Response>`,
  ].join('\n');
}

/**
 * @example errorXml('AccessDenied', 'not authorized', 'req-1') // '<ErrorResponse …><Error><Type>Sender</Type><Code>AccessDenied</Code>…'
 */
export function errorXml(code: string, message: string, requestId: string, type: 'Sender' | 'Receiver' = 'Sender'): string {
  return [
    `<ErrorResponse xmlns="${STS_XMLNS}">`,
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(code)}</Code>\n    <Message>${xmlEscape(message)}</Message>\n  </Error>`,
    `  <RequestId>${requestId}</RequestId>`,
    '</ErrorResponse>',
  ].join('\n');
}

/** ISO 8601 without milliseconds, as STS writes `Expiration`. */
export function stsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
