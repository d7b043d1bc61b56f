import { InvalidIdError } from './errors';

/**
 * Soft bus IDs are documented as at most 36 characters of hex digits and `-`. Device group IDs are
 * allocated by the same platform in the same form; we apply the same rule to them (see docs/events.md, IDs).
 */
export const BUS_ID_PATTERN = /^[0-9a-fA-F-]{1,36}$/;
export const GROUP_ID_PATTERN = /^[0-9a-fA-F-]{1,36}$/;
/** Huawei Cloud project IDs are 32 hex digits; we accept letters, digits, `_` and `-` up to 64. */
export const PROJECT_ID_PATTERN = /^[0-9A-Za-z_-]{1,64}$/;
/** IoTDA instance IDs are UUIDs; the header value is checked so that no CR/LF can reach it. */
export const INSTANCE_ID_PATTERN = /^[0-9A-Za-z-]{1,64}$/;
/**
 * A page marker (IoTDA's `page.marker`, documented as 24 hex digits; CTS's `meta_data.marker`, the last
 * trace's ID) and a CTS trace ID: any short URL-safe token, nothing that could grow a URL or a memory.
 */
export const MARKER_PATTERN = /^[0-9A-Za-z_.-]{1,64}$/;

/**
 * Returns the ID unchanged when it matches the pattern; throws InvalidIdError otherwise.
 * Every ID is checked here right before it goes into a URL path or header.
 * @example assertId('bus ID', '8a1b…', BUS_ID_PATTERN)
 */
export function assertId(kind: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new InvalidIdError(kind, value);
  return value;
}

/**
 * The canonical form of a bus or group ID: hex digits compare whatever their case, so every ID is kept
 * in lower case (the form the platform allocates), read from an event or from a list answer alike.
 * @example normaliseId('A9F834FE') // 'a9f834fe'
 */
export function normaliseId(id: string): string {
  return id.toLowerCase();
}
