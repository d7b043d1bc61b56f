import type { GetWebIdentityTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { CredentialsError } from '../../errors';

/** The STS client and command, and where they came from (for the logs and the measurements). */
export interface StsSdk {
  STSClient: typeof STSClient;
  GetWebIdentityTokenCommand: typeof GetWebIdentityTokenCommand;
  /** `runtime`: the AWS SDK the Lambda runtime ships; `bundled`: the function's own copy (aws-sts.js). */
  origin: 'runtime' | 'bundled';
}

let loading: Promise<StsSdk> | undefined;

/**
 * The STS client, loaded on first use only: the runtime's `@aws-sdk/client-sts` when it has
 * GetWebIdentityTokenCommand (3.936.0 and later; the runtime's version is not documented, so it is
 * checked here), else the copy bundled beside the function.
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
    // `require`, not `import()`: only CommonJS resolution follows NODE_PATH, where Lambda puts its SDK
    // (/var/runtime/node_modules). Left external by the build (dev/build.ts).
    const runtime = require('@aws-sdk/client-sts') as Partial<typeof import('@aws-sdk/client-sts')>;
    if (typeof runtime.GetWebIdentityTokenCommand === 'function' && typeof runtime.STSClient === 'function') {
      return { STSClient: runtime.STSClient, GetWebIdentityTokenCommand: runtime.GetWebIdentityTokenCommand, origin: 'runtime' };
    }
  } catch {
    // Not there (outside Lambda, or a runtime without the SDK): the bundled copy serves.
  }
  try {
    // Beside the bundle as aws-sts.js (a CommonJS module: its exports may come as `default`).
    const chunk = (await import('./sts-bundled')) as typeof import('./sts-bundled') & { default?: typeof import('./sts-bundled') };
    const bundled = typeof chunk.STSClient === 'function' ? chunk : (chunk.default ?? chunk);
    return { STSClient: bundled.STSClient, GetWebIdentityTokenCommand: bundled.GetWebIdentityTokenCommand, origin: 'bundled' };
  } catch {
    throw new CredentialsError(
      'the STS client cannot be loaded: neither the runtime’s AWS SDK nor the bundled aws-sts.js has GetWebIdentityToken',
    );
  }
}
