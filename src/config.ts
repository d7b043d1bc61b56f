import { MIN_DEADLINE_RESERVE_MS } from './bounds';
import { ConfigError } from './errors';
import { DEFAULT_LOOKBACK_MS, defaultCtsEndpoint, LookbackSchema } from './feed/settings';
import { INSTANCE_ID_PATTERN } from './ids';
import * as z from './zod';

/** Every configuration variable the function reads (deploy configs are checked against this list). */
export const CONFIG_ENV_NAMES = [
  'IOTDA_ENDPOINT',
  'IOTDA_REGION',
  'IOTDA_INSTANCE_ID',
  'IOTDA_AUTH',
  'SYNC_CONCURRENCY',
  'SYNC_MAX_RPS',
  'SYNC_MAX_ATTEMPTS',
  'SYNC_REQUEST_TIMEOUT_MS',
  'SYNC_DEADLINE_RESERVE_MS',
  'LOG_LEVEL',
  'SYNC_CHANGE_FEED',
  'SYNC_CHANGE_LOOKBACK',
  'CTS_ENDPOINT',
  'SYNC_VERIFY',
] as const;

/** Credential and project variables (the SDK convention), read where the runtime gives none. */
export const CREDENTIAL_ENV_NAMES = [
  'HUAWEICLOUD_SDK_AK',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'HUAWEICLOUD_SDK_PROJECT_ID',
] as const;

export const AuthMode = { Auto: 'auto', Derived: 'derived', Basic: 'basic' } as const;
export type AuthMode = (typeof AuthMode)[keyof typeof AuthMode];
export const LogLevel = { Debug: 'debug', Info: 'info', Warn: 'warn', Error: 'error' } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/**
 * Largest SYNC_CONCURRENCY: requests in flight a 256 MB function holds with room to spare (512 over TLS
 * peaked at 127 MiB RSS, 1,000 at 175 MiB: bench/README.md "capacity").
 */
export const MAX_CONCURRENCY = 512;
/** Default SYNC_CONCURRENCY: the bound under which Little's law sizes the requests in flight (93 MiB at 256). */
export const DEFAULT_CONCURRENCY = 256;

const REGION_PATTERN = /^[a-z]{2,}-[a-z]+-\d{1,2}$/;
// One message per setting, whatever is wrong with the value, saying the range: "must be a whole number from 1 to 512".
const integer = (min: number, max: number, fallback: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z._default(
    z.pipe(z.string().check(z.regex(/^\d+$/, message)), z.transform(Number)).check(z.minimum(min, message), z.maximum(max, message)),
    fallback,
  );
};
const decimal = (min: number, max: number, fallback: number) => {
  const message = `must be a number from ${min} to ${max}`;
  return z._default(
    z
      .pipe(z.string().check(z.regex(/^\d+(\.\d+)?$/, message)), z.transform(Number))
      .check(z.minimum(min, message), z.maximum(max, message)),
    fallback,
  );
};

const EnvSchema = z.object({
  IOTDA_ENDPOINT: z.optional(z.string()),
  IOTDA_REGION: z.optional(z.string().check(z.regex(REGION_PATTERN, 'must be a region ID such as cn-north-4'))),
  IOTDA_INSTANCE_ID: z.optional(z.string().check(z.regex(INSTANCE_ID_PATTERN, 'must be an IoTDA instance ID'))),
  IOTDA_AUTH: z._default(z.enum(['auto', 'derived', 'basic']), 'auto'),
  SYNC_CONCURRENCY: integer(1, MAX_CONCURRENCY, DEFAULT_CONCURRENCY),
  SYNC_MAX_RPS: decimal(0.1, 1000, 150),
  SYNC_MAX_ATTEMPTS: integer(1, 10, 4),
  SYNC_REQUEST_TIMEOUT_MS: integer(100, 60_000, 5_000),
  // A floor: with no reserve the report and the log lines come after the platform's deadline.
  SYNC_DEADLINE_RESERVE_MS: integer(MIN_DEADLINE_RESERVE_MS, 60_000, 1_500),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  SYNC_CHANGE_FEED: z._default(z.enum(['off', 'cts']), 'off'),
  SYNC_CHANGE_LOOKBACK: LookbackSchema,
  CTS_ENDPOINT: z.optional(z.string()),
  SYNC_VERIFY: z._default(z.enum(['true', 'false']), 'false'),
});

export interface Config {
  /** Base URL without a trailing slash, e.g. `https://iotda.cn-north-4.myhuaweicloud.com`. */
  endpoint: string;
  /** Region of the derived-signing scope; undefined only where plain signing is used. */
  region?: string;
  instanceId?: string;
  /** The signing chosen for this endpoint (IOTDA_AUTH=auto resolved). */
  signing: 'basic' | 'derived';
  concurrency: number;
  maxRps: number;
  maxAttempts: number;
  requestTimeoutMs: number;
  deadlineReserveMs: number;
  logLevel: LogLevel;
  /** The change feed on timer and scheduled runs (SYNC_CHANGE_FEED=cts), and how far back it looks. */
  changeFeed: 'off' | 'cts';
  lookbackMs: number;
  /** CTS base URL; undefined when neither CTS_ENDPOINT nor a region names one (then no feed can run). */
  ctsEndpoint?: string;
  /** Poll every synced bus until it is `Synchronized` (SYNC_VERIFY=true). */
  verify: boolean;
}

/**
 * The official SDKs' test for a public huaweicloud endpoint (BaseCredentials.DEFAULT_ENDPOINT_REG in
 * sdk-core, copied because importing it pulls in the SDK's HTTP client); a test keeps the two equal.
 */
export const PUBLIC_ENDPOINT_PATTERN =
  /^(?<firstDomainNameLetter>[a-z])(?<firstDomainName>[a-z0-9-]+)(?<middleDomainName>(?<middleDomainPattern>\.[a-z]{2,}-[a-z]+-\d{1,2})?)(?<lastDomainName>\.(?<myPrefix>my)?(?<cloudProvider>huaweicloud|myhwclouds)).(?<domainSuffix>(?<topLevelDomain>com|cn))$/;
const REGION_IN_HOST = /\.([a-z]{2,}-[a-z]+-\d{1,2})\.(?:my)?(?:huaweicloud|myhwclouds)\.(?:com|cn)$/;
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Reads and validates the configuration; the error names the variable at fault.
 * Empty variables count as unset (consoles often leave them empty).
 * @example const config = loadConfig(process.env); // throws ConfigError('IOTDA_REGION: …', 'IOTDA_REGION')
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present: Record<string, string | undefined> = Object.fromEntries(
    CONFIG_ENV_NAMES.map((name) => [name, env[name]?.trim() || undefined]),
  );
  // Enumerations are case-insensitive (LOG_LEVEL=INFO is what people write).
  for (const name of ['IOTDA_AUTH', 'LOG_LEVEL', 'SYNC_CHANGE_FEED', 'SYNC_VERIFY']) present[name] = present[name]?.toLowerCase();
  const parsed = z.safeParse(EnvSchema, present);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const variable = String(first?.path[0] ?? 'environment');
    const all = parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`).join('; ');
    throw new ConfigError(all, variable);
  }
  const vars = parsed.data;
  const endpoint = resolveEndpoint(vars.IOTDA_ENDPOINT, vars.IOTDA_REGION);
  const host = new URL(endpoint).hostname;
  const region = vars.IOTDA_REGION ?? REGION_IN_HOST.exec(host)?.[1];
  const signing = vars.IOTDA_AUTH === 'auto' ? (PUBLIC_ENDPOINT_PATTERN.test(host) ? 'basic' : 'derived') : vars.IOTDA_AUTH;
  if (signing === 'derived' && !region) {
    throw new ConfigError('IOTDA_REGION: required for derived signing (instance endpoints); e.g. cn-north-4', 'IOTDA_REGION');
  }
  const ctsEndpoint = vars.CTS_ENDPOINT ? serviceBaseUrl('CTS_ENDPOINT', vars.CTS_ENDPOINT) : region && defaultCtsEndpoint(region);
  if (vars.SYNC_CHANGE_FEED === 'cts' && !ctsEndpoint) {
    throw new ConfigError('CTS_ENDPOINT: required for SYNC_CHANGE_FEED=cts when no IOTDA_REGION names the region', 'CTS_ENDPOINT');
  }
  return {
    endpoint,
    region,
    instanceId: vars.IOTDA_INSTANCE_ID,
    signing,
    concurrency: vars.SYNC_CONCURRENCY,
    maxRps: vars.SYNC_MAX_RPS,
    maxAttempts: vars.SYNC_MAX_ATTEMPTS,
    requestTimeoutMs: vars.SYNC_REQUEST_TIMEOUT_MS,
    deadlineReserveMs: vars.SYNC_DEADLINE_RESERVE_MS,
    logLevel: vars.LOG_LEVEL,
    changeFeed: vars.SYNC_CHANGE_FEED,
    lookbackMs: vars.SYNC_CHANGE_LOOKBACK ?? DEFAULT_LOOKBACK_MS,
    ctsEndpoint,
    verify: vars.SYNC_VERIFY === 'true',
  };
}

function resolveEndpoint(raw: string | undefined, region: string | undefined): string {
  if (!raw) {
    if (!region) throw new ConfigError('IOTDA_REGION: set IOTDA_REGION (e.g. cn-north-4) or IOTDA_ENDPOINT', 'IOTDA_REGION');
    return `https://iotda.${region}.myhuaweicloud.com`;
  }
  return serviceBaseUrl('IOTDA_ENDPOINT', raw);
}

/**
 * A service's base URL from a setting: scheme, host and port only; `https://` except on loopback
 * addresses (the emulator). Errors name the variable.
 * @example serviceBaseUrl('HUAWEICLOUD_IAM_ENDPOINT', 'https://iam.cn-north-4.myhuaweicloud.com/') // 'https://iam.cn-north-4.myhuaweicloud.com'
 */
export function serviceBaseUrl(variable: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${variable}: not a URL`, variable);
  }
  const loopback = LOOPBACK_HOST.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError(`${variable}: must use https:// (http:// only for loopback addresses)`, variable);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new ConfigError(`${variable}: give only scheme, host and port (no path, query or user info)`, variable);
  }
  return `${url.protocol}//${url.host}`;
}
