/**
 * The emulated IAM's memory: identity providers (with their parsed signing keys), the federated tokens it
 * has issued, and the temporary keys it has minted, which it adds to the emulator's live credential list
 * so that the IoTDA routes accept them (until they expire).
 */
import { type JsonWebKey, randomBytes, randomInt } from 'node:crypto';
import type { EmulatorCredential } from '../types.js';
import type { IamControl, IamOptions, IdentityProviderConfig, IssuedCredential } from './iam-types.js';
import { parseSigningKey } from './id-token.js';
import type { MappedIdentity } from './mapping.js';

export interface FederatedToken {
  idpId: string;
  identity: MappedIdentity;
  issuedAt: number;
  expiresAt: number;
  projectId?: string;
}

const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = `${UPPER_DIGITS}abcdefghijklmnopqrstuvwxyz`;
const randomText = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');

/**
 * IAM's time format: ISO 8601 with microseconds (`2020-01-08T03:50:07.574000Z`).
 * @example iamTimestamp(Date.UTC(2020, 0, 8, 3, 50, 7, 574)) // '2020-01-08T03:50:07.574000Z'
 */
export function iamTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000Z');
}

/**
 * @example const iam = new IamState(options.iam, liveCredentials, now); iam.provider('aws-lambda')
 */
export class IamState implements IamControl {
  private readonly providers = new Map<string, { config: IdentityProviderConfig; keys: JsonWebKey[] }>();
  private readonly tokens = new Map<string, FederatedToken>();
  private readonly minted: Array<{ issued: IssuedCredential; live: EmulatorCredential }> = [];
  readonly domain: { id: string; name: string };

  constructor(
    readonly options: IamOptions,
    private readonly live: EmulatorCredential[],
    readonly now: () => number,
  ) {
    for (const config of options.identityProviders) this.providers.set(config.id, { config, keys: parseSigningKey(config) });
    this.domain = options.domain ?? { id: 'emu0domain0id', name: 'emu-domain' };
  }

  provider(id: string): { config: IdentityProviderConfig; keys: JsonWebKey[] } | undefined {
    return this.providers.get(id);
  }

  /** Issues a federated token (the opaque `X-Subject-Token`). */
  issueToken(idpId: string, identity: MappedIdentity, projectId?: string): { token: string; record: FederatedToken } {
    const issuedAt = this.now();
    const record = { idpId, identity, issuedAt, expiresAt: issuedAt + (this.options.tokenLifetimeSeconds ?? 86_400) * 1000, projectId };
    const token = `MIIemu${randomBytes(900).toString('base64')}`;
    this.tokens.set(token, record);
    return { token, record };
  }

  /** The token's record while it is valid; undefined when unknown or expired. */
  lookupToken(token: string): FederatedToken | undefined {
    const record = this.tokens.get(token);
    return record && this.now() < record.expiresAt ? record : undefined;
  }

  /** Mints temporary keys for a federated token's user, valid `durationSeconds` from now. */
  mintCredentials(token: FederatedToken, durationSeconds: number): IssuedCredential {
    const groups = token.identity.groups;
    const authorized = this.options.authorizedGroups;
    const issued: IssuedCredential = {
      ak: randomText(UPPER_DIGITS, 20),
      sk: randomText(ALNUM, 40),
      securityToken: `gQemu${randomBytes(600).toString('base64url')}`,
      expiresAt: this.now() + durationSeconds * 1000,
      idpId: token.idpId,
      user: token.identity.user,
      groups,
    };
    const denied = authorized && !groups.some((g) => authorized.includes(g));
    const live: EmulatorCredential = {
      ak: issued.ak,
      sk: issued.sk,
      securityToken: issued.securityToken,
      expiresAt: issued.expiresAt,
      deniedReason: denied ? `the federated user '${issued.user}' is in no user group with IoTDA permissions` : undefined,
    };
    this.live.push(live);
    this.minted.push({ issued, live });
    return issued;
  }

  issued(): { subjectTokens: string[]; credentials: IssuedCredential[] } {
    return { subjectTokens: [...this.tokens.keys()], credentials: this.minted.map((m) => ({ ...m.issued })) };
  }

  expireTemporaryKeys(): void {
    const now = this.now();
    for (const m of this.minted) {
      m.live.expiresAt = Math.min(m.live.expiresAt ?? now, now);
      m.issued.expiresAt = m.live.expiresAt;
    }
  }
}
