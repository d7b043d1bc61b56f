/**
 * Huawei Cloud IAM's two calls of the exchange (docs/federation.md §2), over the function's own HTTP
 * client: neither is signed — the first is authenticated by the JWT, the second by the federated
 * token in X-Auth-Token. Errors never carry a token: only the status and IAM's code and message,
 * scrubbed of every registered secret.
 */
import { ApiError } from '../../errors';
import { type HttpResponse, httpRequest } from '../../iotda/http';
import type { SecretList } from '../../redact';
import * as z from '../../zod';

export const IAM_ID_TOKEN_PATH = '/v3.0/OS-AUTH/id-token/tokens';
export const IAM_SECURITY_TOKENS_PATH = '/v3.0/OS-CREDENTIAL/securitytokens';

const nonEmpty = z.string().check(z.minLength(1));
const KeysAnswer = z.looseObject({
  credential: z.looseObject({ access: nonEmpty, secret: nonEmpty, securitytoken: nonEmpty, expires_at: z.string() }),
});
// IAM answers `{error_msg, error_code}`; Keystone-style routes `{error: {message, code}}`.
const ErrorAnswer = z.looseObject({
  error_msg: z.optional(z.string()),
  error_code: z.optional(z.string()),
  error: z.optional(z.looseObject({ message: z.optional(z.string()), code: z.optional(z.unknown()) })),
});

export interface TemporaryKeys {
  access: string;
  secret: string;
  securitytoken: string;
  /** As IAM wrote it, e.g. `2026-11-28T20:50:07.574000Z`. */
  expiresAt: string;
}

const jsonHeaders = (body: string) => ({
  'Content-Type': 'application/json;charset=utf8',
  'Content-Length': String(Buffer.byteLength(body)),
});

/**
 * CreateTokenWithIdToken: the JWT for an unscoped federated token (the `X-Subject-Token` header).
 * @example const token = await exchangeIdToken('https://iam.cn-north-4.myhuaweicloud.com', 'aws-softbus-sync', jwt, 5000, secrets);
 */
export async function exchangeIdToken(iam: string, idpId: string, jwt: string, timeoutMs: number, secrets: SecretList): Promise<string> {
  const body = JSON.stringify({ auth: { id_token: { id: jwt } } });
  const headers = { ...jsonHeaders(body), 'X-Idp-Id': idpId };
  const response = await httpRequest({ method: 'POST', url: `${iam}${IAM_ID_TOKEN_PATH}`, headers, body, timeoutMs });
  if (response.status !== 201 && response.status !== 200) throw iamError(response, secrets);
  const token = response.headers['x-subject-token'];
  if (typeof token !== 'string' || token === '') {
    throw new ApiError(`IAM answered HTTP ${response.status} without an X-Subject-Token`, { status: response.status, kind: 'body' });
  }
  secrets.add(token);
  return token;
}

/**
 * CreateTemporaryAccessKeyByToken: temporary AK, SK and security token for `durationSeconds`.
 * @example const keys = await temporaryKeysFor(iam, token, 3600, 5000, secrets);
 */
export async function temporaryKeysFor(
  iam: string,
  token: string,
  durationSeconds: number,
  timeoutMs: number,
  secrets: SecretList,
): Promise<TemporaryKeys> {
  const body = JSON.stringify({ auth: { identity: { methods: ['token'], token: { duration_seconds: durationSeconds } } } });
  const headers = { ...jsonHeaders(body), 'X-Auth-Token': token };
  const response = await httpRequest({ method: 'POST', url: `${iam}${IAM_SECURITY_TOKENS_PATH}`, headers, body, timeoutMs });
  if (response.status !== 201 && response.status !== 200) throw iamError(response, secrets);
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  const parsed = z.safeParse(KeysAnswer, json);
  if (!parsed.success) {
    throw new ApiError(`IAM answered HTTP ${response.status} without a complete credential`, { status: response.status, kind: 'body' });
  }
  const { access, secret, securitytoken, expires_at } = parsed.data.credential;
  // Registered at once: from here on they may appear in nothing that is written out.
  for (const value of [access, secret, securitytoken]) secrets.add(value);
  return { access, secret, securitytoken, expiresAt: expires_at };
}

/** The error of an IAM answer: status, IAM's code, and its message scrubbed before it is shortened. */
function iamError(response: HttpResponse, secrets: SecretList): ApiError {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    json = undefined;
  }
  const parsed = z.safeParse(ErrorAnswer, json);
  const rawCode = parsed.success ? (parsed.data.error_code ?? stringOf(parsed.data.error?.code)) : undefined;
  // Scrubbed, then shortened (src/redact.ts clip): the answer is a stranger's.
  const code = rawCode === undefined ? undefined : secrets.clip(rawCode, 64);
  const raw = parsed.success ? (parsed.data.error_msg ?? parsed.data.error?.message) : undefined;
  const message = raw ? secrets.clip(raw, 300) : undefined;
  return new ApiError(`IAM answered HTTP ${response.status}${code ? ` ${code}` : ''}${message ? `: ${message}` : ''}`, {
    status: response.status,
    errorCode: code,
    requestId: [response.headers['x-request-id']].flat()[0],
    retryAfter: [response.headers['retry-after']].flat()[0],
    kind: 'http',
  });
}

const stringOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);
