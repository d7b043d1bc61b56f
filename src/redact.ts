/**
 * The one place where secrets are cut out of what leaves the function: log lines, the report, and the
 * service's error messages (which could echo a key). Two independent nets: registered secret values are
 * replaced wherever they hide, and values under secret-looking keys are masked whatever they hold.
 * It is also the one place where text is shortened, and always after the scrub (`clip`): shortening
 * first could leave a piece of a key that no scrub then recognises.
 */
import { MAX_FIELD_CHARS } from './bounds';
import { describeError } from './errors';

/** Keys whose values are never written out, whatever they hold. */
const SECRET_KEY = /authorization|token|secret|password|^sk$|^ak$|signature/i;
export const REDACTED = '[REDACTED]';
/** Shorter values are not treated as secrets: replacing them would shred ordinary text. */
const MIN_SECRET_LENGTH = 4;

/** How much of a value is written out: the longest string, and (optionally) the most items of an array. */
export interface Caps {
  maxString: number;
  maxItems?: number;
}
export const FIELD_CAPS: Caps = { maxString: MAX_FIELD_CHARS };

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

  /**
   * Scrubbed, then cut to `max` characters (saying how many were cut): the only way text is shortened.
   * @example secrets.clip(`${token}zz`, 20) // '[REDACTED]zz'
   */
  clip(text: string, max: number): string {
    const clean = this.scrub(text);
    if (clean.length <= max) return clean;
    // A copy, not a slice: V8's slice keeps the whole original alive (a 1 MB error body per failed bus).
    const head = Buffer.from(clean.slice(0, max), 'utf16le').toString('utf16le');
    return `${head}…[${clean.length - max} more chars]`;
  }

  /** A JSON line of `value`: every string scrubbed then capped, secret-looking keys masked, then scrubbed whole. */
  stringify(value: unknown, caps: Caps = FIELD_CAPS): string {
    return this.scrub(JSON.stringify(value, (key, item) => this.replace(key, item, caps)));
  }

  /** A deep copy of a JSON value, scrubbed, masked and capped: for what leaves the function other than log lines. */
  redact<T>(value: T, caps: Caps = FIELD_CAPS): T {
    return JSON.parse(this.stringify(value, caps)) as T;
  }

  private replace(key: string, value: unknown, caps: Caps): unknown {
    if (key && SECRET_KEY.test(key)) return REDACTED;
    if (typeof value === 'string') return this.clip(value, caps.maxString);
    // Our errors say what happened in our words; any other error's message may carry anything: its name only.
    if (value instanceof Error) return describeError(value);
    if (caps.maxItems !== undefined && Array.isArray(value) && value.length > caps.maxItems)
      return [...value.slice(0, caps.maxItems), `…[${value.length - caps.maxItems} more items]`];
    return value;
  }
}
