/**
 * The one place where secrets are cut out of what leaves the function: log lines, the report, and the
 * service's error messages (which could echo a key). Two independent nets: registered secret values are
 * replaced wherever they hide, and values under secret-looking keys are masked whatever they hold.
 */

/** Keys whose values are never written out, whatever they hold. */
const SECRET_KEY = /authorization|security[-_]?token|secret|password|^sk$|^ak$|signature/i;
export const REDACTED = '[REDACTED]';
/** Shorter values are not treated as secrets: replacing them would shred ordinary text. */
const MIN_SECRET_LENGTH = 4;

/**
 * Secret values (keys, tokens) and their JSON-escaped forms, replaced longest first so that a secret
 * containing another (an AK that prefixes the token) leaves no tail behind.
 * @example
 * const secrets = new SecretList([ak, sk]);
 * secrets.scrub(`bad key ${ak}`); // 'bad key [REDACTED]'
 */
export class SecretList {
  private readonly values: string[] = [];

  constructor(values: Iterable<string | undefined> = []) {
    for (const value of values) this.add(value);
  }

  /** Registers a value that must never be written out, and its JSON-escaped form. */
  add(value: string | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH) return;
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) if (!this.values.includes(form)) this.values.push(form);
    this.values.sort((a, b) => b.length - a.length);
  }

  /** The text with every registered secret replaced. */
  scrub(text: string): string {
    let out = text;
    // `includes` first: a text almost never holds a secret, and a search allocates nothing.
    for (const secret of this.values) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** A JSON line of `value`, scrubbed and with secret-looking keys masked. */
  stringify(value: unknown): string {
    return this.scrub(JSON.stringify(value, maskSecrets));
  }

  /** A deep copy of a JSON value, scrubbed and masked: for what leaves the function other than log lines. */
  redact<T>(value: T): T {
    return JSON.parse(this.stringify(value)) as T;
  }
}

/** JSON.stringify replacer: secret-looking keys masked, errors reduced to name and message. */
function maskSecrets(key: string, value: unknown): unknown {
  if (key && SECRET_KEY.test(key)) return REDACTED;
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
