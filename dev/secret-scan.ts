import { DEMO } from '../emulator';

/** Every secret of the emulator's demo keys: none may appear in a log line, a report or an error. */
export const DEMO_SECRETS: readonly string[] = [
  DEMO.permanent.ak,
  DEMO.permanent.sk,
  DEMO.temporary.ak,
  DEMO.temporary.sk,
  DEMO.temporary.securityToken ?? '',
].filter(Boolean);

/** Signature material that must never be written out even if no known key is in it. */
const SIGNATURE_PATTERNS = [/SDK-HMAC-SHA256\s+Access=/i, /V11-HMAC-SHA256\s+Credential=/i, /Signature=[0-9a-f]{16,}/i];

/**
 * Throws when the text holds one of the secrets or signature material; `where` names the output.
 * @example scanForSecrets(lines.join('\n'), 'log output');
 */
export function scanForSecrets(text: string, where: string, secrets: readonly string[] = DEMO_SECRETS): void {
  for (const secret of secrets) {
    if (secret && text.includes(secret)) throw new Error(`${where}: a demo key or token appeared (${secret.slice(0, 6)}…)`);
  }
  for (const pattern of SIGNATURE_PATTERNS) {
    if (pattern.test(text)) throw new Error(`${where}: signature material appeared (${pattern.source})`);
  }
}
