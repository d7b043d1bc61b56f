import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { DerivedAKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/DerivedAKSKSigner';
import { HKDF } from '@huaweicloud/huaweicloud-sdk-core/auth/HKDF';
import type { Credentials } from '../credentials';
import { SoftbusSyncError } from '../errors';

/** Service name of IoTDA's derived-signing scope (`{date}/{region}/iotdm`). */
const DERIVED_SERVICE = 'iotdm';

// sdk-core derives the derived-signing key anew for every request (three HMACs), though it changes
// once a day. Its own function, remembered for the last (AK, SK, scope): the same key, a third of the
// signing CPU saved. The key stays in this module's memory only, like the SK it comes from.
const deriveKey = HKDF.getDerKeySHA256.bind(HKDF);
let lastDerived: { ak: string; sk: string; info: string; key: string | null } | undefined;
HKDF.getDerKeySHA256 = (ak: string, sk: string, info: string) => {
  if (lastDerived?.ak !== ak || lastDerived.sk !== sk || lastDerived.info !== info) {
    lastDerived = { ak, sk, info, key: deriveKey(ak, sk, info) };
  }
  return lastDerived.key;
};

export interface UnsignedRequest {
  method: 'GET' | 'POST';
  /** Scheme, host, port and path; the query goes in `query`. */
  url: string;
  query: Record<string, string>;
  headers: Record<string, string>;
}

/**
 * Signs a request with sdk-core's own signers: `SDK-HMAC-SHA256` (plain) or `V11-HMAC-SHA256`
 * (derived, for instance endpoints). Returns every header to send, `Authorization` and `X-Sdk-Date`
 * included. The security token is added before signing, as sdk-core's credentials do, so it is signed.
 * @example signRequest({ method: 'POST', url: `${base}/v5/iot/${p}/harmony-soft-bus/${id}/sync`, query: {}, headers: {} }, creds, 'derived', 'cn-north-4')
 */
export function signRequest(
  request: UnsignedRequest,
  credentials: Credentials,
  signing: 'basic' | 'derived',
  region: string | undefined,
): Record<string, string> {
  const headers = { ...request.headers };
  if (credentials.securityToken) headers['X-Security-Token'] = credentials.securityToken;
  const signerRequest = {
    method: request.method,
    endpoint: request.url,
    queryParams: request.query,
    headers,
  };
  const signerCredential = {
    getAk: () => credentials.ak,
    getSk: () => credentials.sk,
    getRegionId: () => region,
    getDerivedAuthServiceName: () => DERIVED_SERVICE,
  };
  try {
    const signed =
      signing === 'derived'
        ? DerivedAKSKSigner.sign(signerRequest as never, signerCredential as never)
        : AKSKSigner.sign(signerRequest as never, signerCredential as never);
    return signed as Record<string, string>;
  } catch {
    // sdk-core's messages can carry the AK ("Failed to derive AK …"): keep only our own words.
    throw new SoftbusSyncError(`request signing failed (${signing})`);
  }
}
