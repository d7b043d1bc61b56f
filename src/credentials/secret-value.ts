import { SecretReadError } from '../errors';
import { parseJson } from '../json';
import * as z from '../zod';
import type { RuntimeKeys } from './resolve';

/** Names the secret (name or ARN) holding the Huawei keys. */
export const SECRET_ID_ENV = 'HUAWEICLOUD_SDK_SECRET_ID';

const nonEmpty = z.string().check(z.minLength(1));
const SecretValue = z.object({
  HUAWEICLOUD_SDK_AK: nonEmpty,
  HUAWEICLOUD_SDK_SK: nonEmpty,
  HUAWEICLOUD_SDK_SECURITY_TOKEN: z.optional(z.string()),
  HUAWEICLOUD_SDK_PROJECT_ID: z.optional(z.string()),
});

/**
 * The keys in a secret's value: a JSON object with the SDK's variable names
 * `{"HUAWEICLOUD_SDK_AK": "…", "HUAWEICLOUD_SDK_SK": "…", "HUAWEICLOUD_SDK_PROJECT_ID": "…"}`
 * (`HUAWEICLOUD_SDK_SECURITY_TOKEN` optional). Errors name the missing fields, never quote the value
 * (JSON.parse's own messages would).
 * @example keysOfSecret('softbus-sync/huawei', 'secrets-manager', answer.SecretString) // { ak, sk, projectId, source: 'secrets-manager' }
 */
export function keysOfSecret(secretId: string, via: 'secrets-manager' | 'secrets-extension', secretString: string): RuntimeKeys {
  const value = z.safeParse(SecretValue, parseJson(secretString));
  if (!value.success) {
    const fields = [...new Set(value.error.issues.map((issue) => String(issue.path[0] ?? '(value)')))];
    throw new SecretReadError(
      secretId,
      via,
      `the secret value must be a JSON object with HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK; invalid: ${fields.join(', ')}`,
    );
  }
  const { HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN, HUAWEICLOUD_SDK_PROJECT_ID } = value.data;
  return {
    ak: HUAWEICLOUD_SDK_AK,
    sk: HUAWEICLOUD_SDK_SK,
    ...(HUAWEICLOUD_SDK_SECURITY_TOKEN ? { securityToken: HUAWEICLOUD_SDK_SECURITY_TOKEN } : {}),
    ...(HUAWEICLOUD_SDK_PROJECT_ID ? { projectId: HUAWEICLOUD_SDK_PROJECT_ID } : {}),
    source: via,
  };
}
