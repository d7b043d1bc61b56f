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
    // Walked, not through text: the strings that need no change are kept (jsonCopy, below). The second
    // net as for log lines: a registered secret anywhere in the whole text (in a key, say) sends the value
    // through text after all, where the whole text is scrubbed.
    const copy = jsonCopy(value, (key, item) => this.replace(key, item, caps));
    const text = copy === undefined ? undefined : JSON.stringify(copy.value);
    if (copy !== undefined && text !== undefined && this.scrub(text) === text) return copy.value as T;
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

/**
 * What `JSON.parse(JSON.stringify(value, replacer))` gives, made by walking the value instead of through
 * JSON text: strings the replacer returns unchanged are kept, not copied. The report of a large run lists
 * 10,000 bus IDs; through text, the copy made at the very end of the run doubled them (and the text
 * itself), which is what pushed V8 to grow its young generation there (bench/README.md, "Memory"). The
 * replacer gets each property's name, as JSON gives it, but '' for array items (no string made per item;
 * `replace` reads names only to mask secret-looking ones). Values the walk does not copy as JSON would
 * (boxed primitives, BigInt, cycles) give `undefined`: `redact` then goes through text.
 */
function jsonCopy(value: unknown, replacer: (key: string, value: unknown) => unknown): { value: unknown } | undefined {
  try {
    return { value: copyOf('', value, replacer, []) };
  } catch (caught) {
    if (caught === NOT_PLAIN) return undefined;
    throw caught;
  }
}

const NOT_PLAIN = Symbol('not plain JSON');

function copyOf(key: string, raw: unknown, replacer: (key: string, value: unknown) => unknown, ancestors: object[]): unknown {
  const json = hasToJSON(raw) ? raw.toJSON(key) : raw;
  const value = replacer(key, json);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0 and non-finite numbers as null.
      return Number.isFinite(value) ? value + 0 : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
    default:
      throw NOT_PLAIN; // bigint: JSON throws, and the text path says so
  }
  if (value === null) return null;
  if (value instanceof Number || value instanceof String || value instanceof Boolean || ancestors.includes(value)) throw NOT_PLAIN;
  ancestors.push(value);
  let out: unknown;
  if (Array.isArray(value)) {
    const items: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = copyOf('', value[i], replacer, ancestors) ?? null;
    out = items;
  } else {
    const fields: Record<string, unknown> = {};
    for (const name of Object.keys(value)) {
      const item = copyOf(name, (value as Record<string, unknown>)[name], replacer, ancestors);
      // A field named __proto__ stays a field, as JSON.parse makes it (an assignment would set the prototype).
      if (item === undefined) continue;
      if (name === '__proto__') Object.defineProperty(fields, name, { value: item, enumerable: true, writable: true, configurable: true });
      else fields[name] = item;
    }
    out = fields;
  }
  ancestors.pop();
  return out;
}

function hasToJSON(value: unknown): value is { toJSON(key: string): unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
