/**
 * Validation of an OpenID Connect ID token against an identity provider's configuration, in the order a
 * relying party must apply it: structure, signature with the configured signing key, issuer, audience,
 * validity window. Reasons are safe to send back (they never contain the token).
 */
import type { JsonWebKey } from 'node:crypto';
import type { IdentityProviderConfig } from './iam-types.js';
import { type Jwks, parseJws, verifyJws } from './jws.js';

export type IdTokenResult = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Parses the console's `signing_key` (JWKS JSON text or object); throws naming the provider when unusable.
 * @example parseSigningKey({ id: 'aws', signingKey: '{"keys":[…]}' } as IdentityProviderConfig).length // 2
 */
export function parseSigningKey(idp: IdentityProviderConfig): JsonWebKey[] {
  let value: unknown = idp.signingKey;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new Error(`identity provider '${idp.id}': signingKey is not JSON`);
    }
  }
  const keys = (value as Partial<Jwks> | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`identity provider '${idp.id}': signingKey must be a JWKS with keys`);
  return keys as JsonWebKey[];
}

function audienceIncludes(aud: unknown, clientId: string): boolean {
  return aud === clientId || (Array.isArray(aud) && aud.includes(clientId));
}

/**
 * @example verifyIdToken(jwt, idp, parseSigningKey(idp), Date.now()) // { ok: true, claims: { sub: 'arn:aws:iam::…', … } }
 */
export function verifyIdToken(token: string, idp: IdentityProviderConfig, keys: JsonWebKey[], now: number): IdTokenResult {
  const jws = parseJws(token);
  if (typeof jws === 'string') return { ok: false, reason: `id_token is malformed: ${jws}` };
  const kid = jws.header.kid;
  const candidates = typeof kid === 'string' ? keys.filter((k) => (k as { kid?: unknown }).kid === kid) : keys;
  if (candidates.length === 0) return { ok: false, reason: 'id_token is signed with a key (kid) the identity provider does not have' };
  if (!candidates.some((key) => verifyJws(jws, key))) return { ok: false, reason: 'id_token signature verification failed' };
  const claims = jws.payload;
  if (claims.iss !== idp.issuer) return { ok: false, reason: 'id_token issuer (iss) does not match the identity provider URL' };
  if (!audienceIncludes(claims.aud, idp.clientId)) return { ok: false, reason: 'id_token audience (aud) does not include the client ID' };
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'id_token has no exp' };
  if (now >= claims.exp * 1000) return { ok: false, reason: 'id_token has expired' };
  if (typeof claims.nbf === 'number' && now < claims.nbf * 1000) return { ok: false, reason: 'id_token is not valid yet (nbf)' };
  if (typeof claims.sub !== 'string' || claims.sub === '') return { ok: false, reason: 'id_token has no sub' };
  return { ok: true, claims };
}
