/**
 * Options and state handle of the emulated Huawei Cloud IAM federation calls (OpenID Connect ID token →
 * federated token → temporary AK/SK and security token). Imports nothing from the IoTDA side (no cycle).
 */
import type { JsonWebKey } from 'node:crypto';

/** One identity conversion rule, in the Keystone mapping format the IAM API and console use. */
export interface MappingRule {
  /** `{ user: { name } }` names the federated user (`{0}`, `{1}` … are replaced by the matching remote values); `{ group: { name } }` adds a group. */
  local: Array<{ user: { name: string } } | { group: { name: string } }>;
  /** All must hold. `type` is a top-level claim of the ID token; no condition = the claim must be present. */
  remote: Array<{ type: string; any_one_of?: string[]; not_any_of?: string[] }>;
}

/** An identity provider of protocol OIDC with programmatic access, as configured in the IAM console. */
export interface IdentityProviderConfig {
  /** What `X-Idp-Id` carries (on Huawei Cloud the name given when the provider was created). */
  id: string;
  /** `provider_url` (Identity Provider URL): must equal the token's `iss`. */
  issuer: string;
  /** `client_id`: must be the token's `aud` (or one of them). */
  clientId: string;
  /** `signing_key`: the issuer's JWKS, as the JSON text pasted in the console or as an object. */
  signingKey: string | { keys: JsonWebKey[] };
  rules: MappingRule[];
}

export interface IamOptions {
  identityProviders: IdentityProviderConfig[];
  /** The account the federated users belong to; default `{ id: 'emu0domain0id', name: 'emu-domain' }`. */
  domain?: { id: string; name: string };
  /**
   * User groups whose policies grant the IoTDA soft-bus actions. Default: every group. Temporary keys of a
   * federated user in none of them are minted, but IoTDA answers 403 with them (as a real policy gap would).
   */
  authorizedGroups?: string[];
  /** Lifetime of the federated token (`X-Subject-Token`); default 86,400 s. */
  tokenLifetimeSeconds?: number;
}

/** Temporary keys the emulated IAM has minted. */
export interface IssuedCredential {
  ak: string;
  sk: string;
  securityToken: string;
  /** ms since the epoch, emulator clock. */
  expiresAt: number;
  idpId: string;
  user: string;
  groups: string[];
}

/** What tests can read and do on the IAM side of a running emulator. */
export interface IamControl {
  /** Every federated token (`X-Subject-Token`) and temporary key minted so far: for secret scans. */
  issued(): { subjectTokens: string[]; credentials: IssuedCredential[] };
  /** Makes every temporary key minted so far expire now (IoTDA then answers 401), as if their time ran out. */
  expireTemporaryKeys(): void;
}
