/**
 * Huawei keys from Secrets Manager through the AWS Parameters and Secrets Lambda Extension (a layer
 * answering on localhost, which caches the secret per instance). Chosen with
 * HUAWEICLOUD_CREDENTIALS=secrets-extension; the default reads the secret with the SDK instead
 * (secrets-manager.ts), which needs no layer. The secret's JSON form is in secret-value.ts.
 */
import { SecretReadError } from '../errors';
import { parseJson } from '../json';
import * as z from '../zod';
import { attemptSignal, type KeyRequest, requestTimeout } from './request';
import type { RuntimeKeys } from './resolve';
import { keysOfSecret } from './secret-value';

/** Set by AWS when the extension listens elsewhere than its default port 2773. */
export const EXTENSION_PORT_ENV = 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT';

const DEFAULT_PORT = 2773;
// Short: a healthy extension answers from its cache in milliseconds and from Secrets Manager in well
// under a second; waiting longer only eats the invocation's deadline. Never more than the time left.
const MAX_TIMEOUT_MS = 3_000;
/** A Secrets Manager secret holds at most 64 KB; the extension's answer adds its metadata. */
const MAX_ANSWER_BYTES = 256 * 1024;

const Answer = z.object({ SecretString: z.string() });

type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

/**
 * Reads the secret from the extension, within min(3 s, the time left).
 * @throws SecretReadError naming the secret and the cause (never a key, the session token or the body).
 * @example const keys = await loadKeysFromSecretsExtension('softbus-sync/huawei', process.env, request);
 */
export async function loadKeysFromSecretsExtension(
  secretId: string,
  env: Record<string, string | undefined>,
  request: Pick<KeyRequest, 'remainingMs' | 'signal'>,
  fetchImpl: FetchLike = fetch,
): Promise<RuntimeKeys> {
  const fail = (reason: string) => new SecretReadError(secretId, 'secrets-extension', reason);
  const token = env.AWS_SESSION_TOKEN;
  if (!token) throw fail('AWS_SESSION_TOKEN is not set, so the extension cannot be asked');
  const port = extensionPort(env[EXTENSION_PORT_ENV], fail);
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
  const timeoutMs = requestTimeout(request, MAX_TIMEOUT_MS);
  // One signal for the whole exchange, body included: a stalled body is a timeout like a silent server.
  const attempt = attemptSignal(request, timeoutMs);
  const { signal } = attempt;
  let status = 0;
  let body: string;
  try {
    const response = await fetchImpl(url, { headers: { 'X-Aws-Parameters-Secrets-Token': token }, signal });
    status = response.status;
    if (!response.ok) await response.body?.cancel().catch(() => undefined);
    body = response.ok ? await readCapped(response, fail) : '';
  } catch (error) {
    if (error instanceof SecretReadError) throw error;
    if (signal.aborted) {
      const short = timeoutMs < MAX_TIMEOUT_MS ? ' (the time the invocation had left)' : '';
      throw fail(`the secrets extension did not answer within ${timeoutMs} ms${short}`);
    }
    throw fail(`cannot reach the secrets extension on localhost:${port} (is the layer attached?)`);
  } finally {
    attempt.done();
  }
  if (status < 200 || status > 299) {
    throw fail(
      `the secrets extension answered HTTP ${status}: check that the secret exists in this region and that the role may call secretsmanager:GetSecretValue on it`,
    );
  }
  const answer = z.safeParse(Answer, parseJson(body));
  if (!answer.success) throw fail('the extension answer has no SecretString');
  return keysOfSecret(secretId, 'secrets-extension', answer.data.SecretString);
}

/** The answer's text, refusing one larger than any secret can be (the stream is cancelled, not drained). */
async function readCapped(response: Response, fail: (reason: string) => Error): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw fail(`the secrets extension answered more than ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function extensionPort(raw: string | undefined, fail: (reason: string) => Error): number {
  if (!raw?.trim()) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw fail(`${EXTENSION_PORT_ENV} must be a port number`);
  return port;
}
