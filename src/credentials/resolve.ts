import { ConfigError, CredentialsError } from '../errors';
import { PROJECT_ID_PATTERN } from '../ids';

/** Where keys came from, for the logs: the FunctionGraph agency, the variables, a secret, or AWS federation. */
export type KeySourceName = 'agency' | 'environment' | 'secrets-manager' | 'secrets-extension' | 'aws-federation';

export interface Credentials {
  ak: string;
  sk: string;
  securityToken?: string;
  source: KeySourceName;
}

/** Keys a runtime hands over (FunctionGraph's agency keys, a secret, federation); empty strings mean "none". */
export interface RuntimeKeys {
  ak?: string;
  sk?: string;
  securityToken?: string;
  projectId?: string;
  /** Default `agency`. */
  source?: KeySourceName;
  /** Other secret values the loader handled (a JWT, an IAM token): scrubbed like the keys. */
  secrets?: readonly string[];
  /** New keys for temporary ones that a service refused as expired (federation); the caller refreshes once. */
  refresh?: () => Promise<RuntimeKeys>;
}

/**
 * Picks the credentials: the keys the runtime loaded (agency, secret, federation) when it has them, else the SDK's
 * environment variables. Throws CredentialsError (naming what to configure, never a value) otherwise.
 * @example resolveCredentials({ ak: ctx.getSecurityAccessKey(), sk: ctx.getSecuritySecretKey(), securityToken: ctx.getSecurityToken() }, process.env)
 */
export function resolveCredentials(runtime: RuntimeKeys | undefined, env: Record<string, string | undefined>): Credentials {
  if (runtime?.ak && runtime.sk) {
    return { ak: runtime.ak, sk: runtime.sk, securityToken: runtime.securityToken || undefined, source: runtime.source ?? 'agency' };
  }
  const ak = env.HUAWEICLOUD_SDK_AK?.trim();
  const sk = env.HUAWEICLOUD_SDK_SK?.trim();
  if (ak && sk) {
    return { ak, sk, securityToken: env.HUAWEICLOUD_SDK_SECURITY_TOKEN?.trim() || undefined, source: 'environment' };
  }
  if (ak || sk) {
    throw new CredentialsError(
      `${ak ? 'HUAWEICLOUD_SDK_SK' : 'HUAWEICLOUD_SDK_AK'} is missing: set both HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK`,
    );
  }
  throw new CredentialsError(
    'no credentials: on FunctionGraph give the function an agency with the IoTDA soft bus permissions; elsewhere set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys)',
  );
}

/**
 * The project ID: the runtime's (FunctionGraph context), else RUNTIME_PROJECT_ID, else HUAWEICLOUD_SDK_PROJECT_ID.
 * @example resolveProjectId(ctx.getProjectID(), process.env) // '0a1b…'
 */
export function resolveProjectId(fromRuntime: string | undefined, env: Record<string, string | undefined>): string {
  const candidates: Array<[string, string | undefined]> = [
    ["the runtime's project ID", fromRuntime],
    ['RUNTIME_PROJECT_ID', env.RUNTIME_PROJECT_ID],
    ['HUAWEICLOUD_SDK_PROJECT_ID', env.HUAWEICLOUD_SDK_PROJECT_ID],
  ];
  for (const [name, raw] of candidates) {
    const value = raw?.trim();
    if (!value) continue;
    if (!PROJECT_ID_PATTERN.test(value)) throw new ConfigError(`${name}: not a project ID`, name);
    return value;
  }
  throw new ConfigError('no project ID: set HUAWEICLOUD_SDK_PROJECT_ID (FunctionGraph provides it itself)', 'HUAWEICLOUD_SDK_PROJECT_ID');
}
