import type { TimeBudget } from '../engine/deadline';
import { ApiError } from '../errors';
import type { KeyRequest } from './request';
import { type Credentials, type RuntimeKeys, resolveCredentials } from './resolve';

/** Below this much time left, a refused request is not sent again (it could not finish). */
const MIN_RETRY_MS = 200;

/**
 * The invocation's credentials, which may change once: when a service refuses temporary keys (401,
 * e.g. federated keys that expired mid-run) and their source can make new ones, the keys are renewed
 * once per invocation (concurrent refusals share the renewal) and each refused request is sent once
 * more with the new keys. Keys without a source to renew them pass every error through.
 * @example
 * const keys = new LiveCredentials(credentials, budget, renew);
 * await keys.use((current, timeoutMs) => send(sign(request, current), timeoutMs), 5000);
 */
export class LiveCredentials {
  private renewal: Promise<Credentials> | undefined;

  constructor(
    private keys: Credentials,
    private readonly budget?: Pick<TimeBudget, 'remainingMs'>,
    private readonly renew?: () => Promise<Credentials>,
  ) {}

  /** The keys to sign with now. */
  get current(): Credentials {
    return this.keys;
  }

  /** Whether the keys were renewed during this invocation. */
  get renewed(): boolean {
    return this.renewal !== undefined;
  }

  /**
   * Runs `call` with the current keys and a timeout of at most `timeoutMs`; after a 401, once with
   * renewed keys (never past the deadline). A failed renewal is thrown instead of the 401: it names why.
   */
  async use<T>(call: (keys: Credentials, timeoutMs: number) => Promise<T>, timeoutMs: number): Promise<T> {
    const used = this.keys;
    try {
      return await call(used, timeoutMs);
    } catch (error) {
      if (!(error instanceof ApiError) || error.details.status !== 401) throw error;
      const fresh = await this.renewedSince(used);
      const left = Math.min(timeoutMs, this.budget?.remainingMs() ?? timeoutMs);
      if (!fresh || left < MIN_RETRY_MS) throw error;
      return call(fresh, left);
    }
  }

  private async renewedSince(used: Credentials): Promise<Credentials | undefined> {
    if (this.keys !== used) return this.keys;
    if (!this.renew) return undefined;
    if (!this.renewal) {
      this.renewal = this.renew().then((keys) => {
        this.keys = keys;
        return keys;
      });
    }
    const keys = await this.renewal;
    return keys === used ? undefined : keys;
  }
}

/**
 * The invocation's credentials from what the runtime loaded (else the environment), renewable when
 * the loader can renew them; the keys in use, and every renewed secret, are registered before they are used.
 * @example const credentials = liveCredentials(keys, runtime.env, request);
 */
export function liveCredentials(
  keys: RuntimeKeys | undefined,
  env: Record<string, string | undefined>,
  request: KeyRequest,
): LiveCredentials {
  const credentials = resolveCredentials(keys, env);
  // As signed: the variables are trimmed, so a key pasted with a newline differs from the value registered raw.
  registerSecrets(credentials, request);
  const refresh = keys?.refresh;
  if (!refresh) return new LiveCredentials(credentials, request);
  return new LiveCredentials(credentials, request, async () => {
    const next = await refresh();
    registerSecrets(next, request);
    return resolveCredentials(next, {});
  });
}

/**
 * Registers the keys, token and other secrets a loader returned with the invocation's SecretList.
 * @example registerSecrets(keys, request);
 */
export function registerSecrets(keys: RuntimeKeys | undefined, request: Pick<KeyRequest, 'secrets'>): void {
  for (const secret of [keys?.ak, keys?.sk, keys?.securityToken, ...(keys?.secrets ?? [])]) request.secrets.add(secret);
}
