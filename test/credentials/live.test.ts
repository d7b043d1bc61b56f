import { describe, expect, it } from 'vitest';
import { type Credentials, LiveCredentials } from '../../src/credentials';
import { ApiError } from '../../src/errors';

const first: Credentials = { ak: 'AK1', sk: 'SK1', securityToken: 'T1', source: 'aws-federation' };
const second: Credentials = { ak: 'AK2', sk: 'SK2', securityToken: 'T2', source: 'aws-federation' };
const unauthorized = () => new ApiError('expired', { status: 401, kind: 'http' });

/** A service that accepts only `good` keys (401 otherwise), recording the keys and timeouts it was called with. */
function service(good: Credentials | undefined) {
  const seen: Array<{ ak: string; timeoutMs: number }> = [];
  const call = async (keys: Credentials, timeoutMs: number) => {
    seen.push({ ak: keys.ak, timeoutMs });
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (keys !== good) throw unauthorized();
    return keys.ak;
  };
  return { seen, call };
}

describe('LiveCredentials: temporary keys refused mid-run are renewed once', () => {
  it('renews once on a 401 and sends the call again with the new keys', async () => {
    // prepare
    let renewals = 0;
    const renew = async () => {
      renewals++;
      return second;
    };
    const keys = new LiveCredentials(first, { remainingMs: () => 10_000 }, renew);
    const api = service(second);
    // act
    const results = await Promise.all([1, 2, 3].map(() => keys.use(api.call, 500)));
    // assess: three refusals, one renewal, every call done with the new keys
    expect(results).toEqual(['AK2', 'AK2', 'AK2']);
    expect(renewals).toBe(1);
    expect(keys.current).toBe(second);
    expect(api.seen.filter((s) => s.ak === 'AK1')).toHaveLength(3);
  });

  it('does not renew twice: new keys refused again give the 401 back', async () => {
    // prepare
    let renewals = 0;
    const renew = async () => {
      renewals++;
      return second;
    };
    const keys = new LiveCredentials(first, undefined, renew);
    const api = service(undefined);
    // act
    const outcome = await keys.use(api.call, 500).catch((error: unknown) => error);
    const again = await keys.use(api.call, 500).catch((error: unknown) => error);
    // assess
    expect(outcome).toBeInstanceOf(ApiError);
    expect(again).toBeInstanceOf(ApiError);
    expect(renewals).toBe(1);
    expect(api.seen.map((s) => s.ak)).toEqual(['AK1', 'AK2', 'AK2']);
  });

  it('passes other errors through, and keys without a source to renew them', async () => {
    const throttled = new ApiError('slow down', { status: 429, kind: 'http' });
    const renewable = new LiveCredentials(first, undefined, async () => second);
    await expect(renewable.use(() => Promise.reject(throttled), 500)).rejects.toBe(throttled);
    expect(renewable.renewed).toBe(false);
    const fixed = new LiveCredentials(first);
    await expect(fixed.use(() => Promise.reject(unauthorized()), 500)).rejects.toThrow('expired');
  });

  it('throws the renewal’s own error (it names the failed step) instead of the 401', async () => {
    const keys = new LiveCredentials(first, undefined, async () => {
      throw new Error('aws-federation: sts step failed (sts-denied)');
    });
    await expect(keys.use(service(second).call, 500)).rejects.toThrow('sts-denied');
  });

  it('never sends again past the time left: the retry’s timeout is bounded, or the 401 stands', async () => {
    // prepare
    let left = 300;
    const keys = new LiveCredentials(first, { remainingMs: () => left }, async () => second);
    const api = service(second);
    // act
    await keys.use(api.call, 5_000);
    // assess
    expect(api.seen.map((s) => s.timeoutMs)).toEqual([5_000, 300]);
    // prepare: no time left
    left = 50;
    const late = new LiveCredentials(first, { remainingMs: () => left }, async () => second);
    // act / assess
    await expect(late.use(service(second).call, 5_000)).rejects.toThrow('expired');
  });
});
