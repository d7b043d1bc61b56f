import type { GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { CredentialsError } from '../../errors';

/** The STS client and command, and where they came from (for the logs and the measurements). */
export interface StsSdk {
  STSClient: typeof STSClient;
  GetWebIdentityTokenCommand: typeof GetWebIdentityTokenCommand;
  /** `bundled`: the function's own copy (aws-sts.js beside the bundle); `runtime`: the Lambda runtime's AWS SDK. */
  origin: 'bundled' | 'runtime';
}

let loading: Promise<StsSdk> | undefined;

/**
 * The STS client, loaded on first use only. The copy bundled beside the function (aws-sts.js) first:
 * it is the version tested here, and measured faster to load than the runtime's client
 * (bench/credentials.mjs: 24 ms against 43 ms in a fresh process, first federated call 56 ms against
 * 78 ms). The runtime's `@aws-sdk/client-sts` serves when the chunk is missing (an upload of index.js
 * alone), if it has GetWebIdentityTokenCommand (3.936.0 and later; the runtime's version is not
 * documented, so it is checked).
 * @example const { STSClient, GetWebIdentityTokenCommand, origin } = await loadStsSdk();
 */
export function loadStsSdk(): Promise<StsSdk> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<StsSdk> {
  try {
    // The build makes this `require('./aws-sts.js')` (dev/build.ts LAZY_CHUNKS); a CommonJS module may
    // also come as `default` when loaded as ES.
    const chunk = (await import('./sts-bundled')) as typeof import('./sts-bundled') & { default?: typeof import('./sts-bundled') };
    const bundled = typeof chunk.STSClient === 'function' ? chunk : (chunk.default ?? chunk);
    return { STSClient: bundled.STSClient, GetWebIdentityTokenCommand: bundled.GetWebIdentityTokenCommand, origin: 'bundled' };
  } catch {
    // No chunk beside the bundle: the runtime's SDK may do.
  }
  try {
    // `require`, not `import()`: only CommonJS resolution follows NODE_PATH, where Lambda puts its SDK
    // (/var/runtime/node_modules). Left external by the build.
    const runtime = require('@aws-sdk/client-sts') as Partial<typeof import('@aws-sdk/client-sts')>;
    if (typeof runtime.GetWebIdentityTokenCommand === 'function' && typeof runtime.STSClient === 'function') {
      return { STSClient: runtime.STSClient, GetWebIdentityTokenCommand: runtime.GetWebIdentityTokenCommand, origin: 'runtime' };
    }
  } catch {
    // Not there either: said below.
  }
  throw new CredentialsError(
    'no STS client with GetWebIdentityToken: aws-sts.js is not beside the bundle (upload the whole zip) and the runtime’s AWS SDK predates the command (3.936.0)',
  );
}
