/**
 * A local OIDC issuer standing in for an AWS account's outbound identity federation issuer: one RS256
 * and one ES384 signing key, the JWKS and discovery documents, and minting of JWTs with any claims
 * (including deliberately wrong ones, and tokens signed by a key that is not published).
 */
import { generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { type Jwks, JwsAlgorithm, type PublicJwk, signJws } from './jws.js';

interface KeyPair {
  kid: string;
  alg: JwsAlgorithm;
  privateKey: KeyObject;
  publicJwk: PublicJwk;
}

function newKeyPair(alg: JwsAlgorithm): KeyPair {
  const { privateKey, publicKey } =
    alg === JwsAlgorithm.RS256 ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const kid = `emu-${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  return { kid, alg, privateKey, publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

export interface MintOptions {
  /** Default RS256. */
  alg?: JwsAlgorithm;
  /** Sign with a freshly made key that is NOT in the JWKS (the header still names a published `kid`). */
  foreignKey?: boolean;
  /** Header fields to add or override (e.g. `{ kid: 'unknown' }`, `{ alg: 'none' }`). */
  header?: Record<string, unknown>;
}

/** The OIDC discovery document (the fields an OIDC relying party reads). */
export interface DiscoveryDocument {
  issuer: string;
  jwks_uri: string;
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: JwsAlgorithm[];
}

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * @example
 * const issuer = new OidcIssuer('https://abc.tokens.sts.global.api.aws');
 * const jwt = issuer.mint({ iss: issuer.url, sub: 'arn:aws:iam::123456789012:role/r', aud: 'client', exp: now + 300 });
 */
export class OidcIssuer {
  private keys: KeyPair[];

  /** `url` is the issuer identifier (the `iss` claim); the documents are served under it by the STS stand-in. */
  constructor(readonly url: string) {
    this.keys = [newKeyPair(JwsAlgorithm.RS256), newKeyPair(JwsAlgorithm.ES384)];
  }

  /** The public keys, as `/.well-known/jwks.json` serves them (what a Huawei IdP's signing key is set to). */
  jwks(): Jwks {
    return { keys: this.keys.map((k) => ({ ...k.publicJwk })) };
  }

  discovery(): DiscoveryDocument {
    return {
      issuer: this.url,
      jwks_uri: `${this.url.replace(/\/$/, '')}${JWKS_PATH}`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: [JwsAlgorithm.RS256, JwsAlgorithm.ES384],
    };
  }

  /** Signs `claims` as given (no claim is added or checked: tests choose wrong ones on purpose). */
  mint(claims: Record<string, unknown>, options: MintOptions = {}): string {
    const alg = options.alg ?? JwsAlgorithm.RS256;
    const pair = this.keys.find((k) => k.alg === alg);
    if (!pair) throw new Error(`OidcIssuer: no ${alg} key`);
    const key = options.foreignKey ? newKeyPair(alg).privateKey : pair.privateKey;
    return signJws({ alg, kid: pair.kid, typ: 'JWT', ...options.header } as { alg: JwsAlgorithm }, claims, key);
  }

  /** Replaces both signing keys (a key rotation): relying parties holding the old JWKS reject new tokens. */
  rotateKeys(): void {
    this.keys = [newKeyPair(JwsAlgorithm.RS256), newKeyPair(JwsAlgorithm.ES384)];
  }
}
