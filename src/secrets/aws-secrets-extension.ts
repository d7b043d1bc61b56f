/**
 * Huawei keys for the Lambda build, read at run time from Secrets Manager through the AWS Parameters
 * and Secrets Lambda Extension (a layer answering on localhost). The keys thus never appear in the
 * function configuration or the CloudFormation template; the extension caches them per instance.
 *
 * The secret holds a JSON object with the SDK's variable names:
 * `{"HUAWEICLOUD_SDK_AK": "…", "HUAWEICLOUD_SDK_SK": "…", "HUAWEICLOUD_SDK_PROJECT_ID": "…"}`
 * (`HUAWEICLOUD_SDK_SECURITY_TOKEN` optional, for temporary keys).
 */
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
// under a second; waiting longer only eats the invocation's deadline.
const DEFAULT_TIMEOUT_MS = 3_000;

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
 * @returns the keys, or undefined when HUAWEICLOUD_SDK_SECRET_ID is unset (no request is made).
 * @throws SecretsExtensionError when the secret is configured but cannot be read.
 * @example const keys = await loadHuaweiKeysFromSecretsExtension(process.env);
 */
export async function loadHuaweiKeysFromSecretsExtension(
  env: NodeJS.ProcessEnv,
  fetchImpl: FetchLike = fetch,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
): Promise<HuaweiKeys | undefined> {
  const secretId = env[SECRET_ID_ENV]?.trim();
  if (!secretId) return undefined;
  const token = env.AWS_SESSION_TOKEN;
  if (!token) throw new SecretsExtensionError(secretId, 'AWS_SESSION_TOKEN is not set, so the extension cannot be asked');
  const port = extensionPort(secretId, env[EXTENSION_PORT_ENV]);
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;

  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: { 'X-Aws-Parameters-Secrets-Token': token },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new SecretsExtensionError(
      secretId,
      timedOut
        ? `the secrets extension did not answer within ${timeoutMs} ms`
        : `cannot reach the secrets extension on localhost:${port} (is the layer attached?)`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new SecretsExtensionError(
      secretId,
      `the secrets extension answered HTTP ${response.status}: check that the secret exists in this region and that the role may call secretsmanager:GetSecretValue on it`,
    );
  }
  return parseAnswer(secretId, await response.text());
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
