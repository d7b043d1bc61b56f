/**
 * Huawei keys for the Lambda build, read at run time from Secrets Manager through the AWS Parameters
 * and Secrets Lambda Extension (a layer answering on localhost). The keys thus never appear in the
 * function configuration or the CloudFormation template; the extension caches them per instance.
 *
 * The secret holds a JSON object with the SDK's variable names:
 * `{"HUAWEICLOUD_SDK_AK": "…", "HUAWEICLOUD_SDK_SK": "…", "HUAWEICLOUD_SDK_PROJECT_ID": "…"}`
 * (`HUAWEICLOUD_SDK_SECURITY_TOKEN` optional, for temporary keys).
 */
import type { TimeBudget } from '../engine/deadline';
import { SecretsExtensionError } from '../errors';
import { parseJson } from '../json';
import * as z from '../zod';

export { SecretsExtensionError } from '../errors';

/** Names the secret (name or ARN); when unset the keys come from the environment as before. */
export const SECRET_ID_ENV = 'HUAWEICLOUD_SDK_SECRET_ID';
/** Set by AWS when the extension listens elsewhere than its default port 2773. */
export const EXTENSION_PORT_ENV = 'PARAMETERS_SECRETS_EXTENSION_HTTP_PORT';
/** Variables this module reads besides the AWS runtime's own (deploy configs are checked against it). */
export const SECRETS_EXTENSION_ENV_NAMES = [SECRET_ID_ENV, EXTENSION_PORT_ENV] as const;

const DEFAULT_PORT = 2773;
// Short: a healthy extension answers from its cache in milliseconds and from Secrets Manager in well
// under a second; waiting longer only eats the invocation's deadline. Never more than the time left.
const MAX_WAIT_MS = 3_000;
/** A Secrets Manager secret holds at most 64 KB; the extension's answer adds its metadata. */
const MAX_ANSWER_BYTES = 256 * 1024;

export interface HuaweiKeys {
  ak: string;
  sk: string;
  securityToken?: string;
  projectId?: string;
}

const nonEmpty = z.string().check(z.minLength(1));
const Answer = z.object({ SecretString: z.string() });
const SecretValue = z.object({
  HUAWEICLOUD_SDK_AK: nonEmpty,
  HUAWEICLOUD_SDK_SK: nonEmpty,
  HUAWEICLOUD_SDK_SECURITY_TOKEN: z.optional(z.string()),
  HUAWEICLOUD_SDK_PROJECT_ID: z.optional(z.string()),
});

type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

/**
 * @param budget the invocation's time left: the wait is the shorter of it and 3 s, answer body included.
 * @returns the keys, or undefined when HUAWEICLOUD_SDK_SECRET_ID is unset (no request is made).
 * @throws SecretsExtensionError when the secret is configured but cannot be read in time.
 * @example const keys = await loadHuaweiKeysFromSecretsExtension(process.env, deadline);
 */
export async function loadHuaweiKeysFromSecretsExtension(
  env: NodeJS.ProcessEnv,
  budget?: Pick<TimeBudget, 'remainingMs'>,
  fetchImpl: FetchLike = fetch,
): Promise<HuaweiKeys | undefined> {
  const secretId = env[SECRET_ID_ENV]?.trim();
  if (!secretId) return undefined;
  const token = env.AWS_SESSION_TOKEN;
  if (!token) throw new SecretsExtensionError(secretId, 'AWS_SESSION_TOKEN is not set, so the extension cannot be asked');
  const port = extensionPort(secretId, env[EXTENSION_PORT_ENV]);
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
  // Whole milliseconds: AbortSignal.timeout throws a RangeError on a fraction (half of an odd budget).
  const waitMs = Math.floor(Math.max(0, Math.min(MAX_WAIT_MS, budget?.remainingMs() ?? MAX_WAIT_MS)));
  // One signal for the whole exchange: an answer that stalls mid-body is cut off like one that never comes.
  const signal = AbortSignal.timeout(waitMs);

  let response: Response;
  let body: string;
  try {
    response = await fetchImpl(url, { headers: { 'X-Aws-Parameters-Secrets-Token': token }, signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new SecretsExtensionError(
        secretId,
        `the secrets extension answered HTTP ${response.status}: check that the secret exists in this region and that the role may call secretsmanager:GetSecretValue on it`,
      );
    }
    body = await readCapped(response, secretId);
  } catch (error) {
    if (error instanceof SecretsExtensionError) throw error;
    throw new SecretsExtensionError(
      secretId,
      signal.aborted
        ? `the secrets extension did not answer within ${waitMs} ms${waitMs < MAX_WAIT_MS ? ' (the time the invocation had left)' : ''}`
        : `cannot reach the secrets extension on localhost:${port} (is the layer attached?)`,
    );
  }
  return parseAnswer(secretId, body);
}

/** The answer's text, refusing one larger than any secret can be (the stream is cancelled, not drained). */
async function readCapped(response: Response, secretId: string): Promise<string> {
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
      throw new SecretsExtensionError(secretId, `the secrets extension answered more than ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function extensionPort(secretId: string, raw: string | undefined): number {
  if (!raw?.trim()) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new SecretsExtensionError(secretId, `${EXTENSION_PORT_ENV} must be a port number`);
  }
  return port;
}

// Parse errors are rewritten, not passed on: JSON.parse quotes the input, which is the secret.
function parseAnswer(secretId: string, body: string): HuaweiKeys {
  const answer = z.safeParse(Answer, parseJson(body));
  if (!answer.success) throw new SecretsExtensionError(secretId, 'the extension answer has no SecretString');
  const value = z.safeParse(SecretValue, parseJson(answer.data.SecretString));
  if (!value.success) {
    const fields = [...new Set(value.error.issues.map((issue) => String(issue.path[0] ?? '(value)')))];
    throw new SecretsExtensionError(
      secretId,
      `the secret value must be a JSON object with HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK; invalid: ${fields.join(', ')}`,
    );
  }
  const { HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID } = value.data;
  return {
    ak: HUAWEICLOUD_SDK_AK,
    sk: HUAWEICLOUD_SDK_SK,
    ...(HUAWEICLOUD_SDK_SECURITY_TOKEN ? { securityToken: HUAWEICLOUD_SDK_SECURITY_TOKEN } : {}),
    ...(HUAWEICLOUD_SDK_PROJECT_ID ? { projectId: HUAWEICLOUD_SDK_PROJECT_ID } : {}),
  };
}
