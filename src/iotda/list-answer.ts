import { INVALID_SAMPLE_CHARS, MAX_INVALID_SAMPLES } from '../bounds';
import { ApiError } from '../errors';
import { BUS_ID_PATTERN, GROUP_ID_PATTERN, MARKER_PATTERN, normaliseId } from '../ids';
import { parseJson } from '../json';
import type { SecretList } from '../redact';
import type { SoftBus } from '../types';
import * as z from '../zod';

const ListAnswerSchema = z.looseObject({
  // Required: an answer without the list ({} from a misbehaving proxy) must not pass as an empty group.
  harmony_soft_buses: z.array(z.unknown()),
  page: z.optional(z.looseObject({ count: z.optional(z.unknown()), marker: z.optional(z.unknown()) })),
});

/** One page of ListHarmonySoftBus, validated: only entries with a valid bus ID are buses. */
export interface SoftBusPage {
  /** Entries with a valid bus ID, IDs in lower case. */
  buses: SoftBus[];
  /** Entries without one: counted, a few quoted (scrubbed, then shortened), never queued. */
  invalid?: { count: number; samples: string[] };
  /** `page.marker` when it is a usable marker. */
  marker?: string;
  /** `page.count` when it is a whole number ≥ 0. */
  count?: number;
}

/**
 * A list answer's body to a page. Every field the engine reads is checked here: bus IDs against the
 * documented pattern (in lower case, so that IDs compare whatever their case), group IDs likewise
 * (kept only when valid), the marker and the count; anything else is ignored. Throws ApiError (`body`)
 * when the answer is not a list at all.
 * @example parseListAnswer('{"harmony_soft_buses":[{"bus_id":"AB12"}]}', 200, undefined, secrets).buses // [{ bus_id: 'ab12' }]
 */
export function parseListAnswer(body: string, status: number, requestId: string | undefined, secrets: SecretList): SoftBusPage {
  const json = parseJson(body);
  const parsed = z.safeParse(ListAnswerSchema, json);
  if (!parsed.success) {
    const what = json === undefined ? 'is not JSON' : 'has an unexpected shape';
    throw new ApiError(`list answer ${what} (HTTP ${status})`, { kind: 'body', requestId });
  }
  const invalid = { count: 0, samples: [] as string[] };
  const page: SoftBusPage = { buses: [], invalid };
  for (const entry of parsed.data.harmony_soft_buses) {
    const bus = parseSoftBus(entry);
    if (bus) {
      page.buses.push(bus);
      continue;
    }
    invalid.count++;
    if (invalid.samples.length < MAX_INVALID_SAMPLES) invalid.samples.push(describeInvalid(entry, secrets));
  }
  const { marker, count } = parsed.data.page ?? {};
  if (typeof marker === 'string' && MARKER_PATTERN.test(marker)) page.marker = marker;
  if (typeof count === 'number' && Number.isSafeInteger(count) && count >= 0) page.count = count;
  return page;
}

/**
 * One soft bus as IoTDA describes it (a list entry, ShowHarmonySoftBus's answer), validated: undefined
 * when its bus ID is not of the documented form; IDs in lower case, an invalid group ID left out.
 * @example parseSoftBus({ bus_id: 'AB12', status: 'Synchronized' }) // { bus_id: 'ab12', status: 'Synchronized' }
 */
export function parseSoftBus(entry: unknown): SoftBus | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { bus_id: busId, group_id: groupId, status } = entry as Record<string, unknown>;
  if (typeof busId !== 'string' || !BUS_ID_PATTERN.test(busId)) return undefined;
  const bus: SoftBus = { bus_id: normaliseId(busId) };
  if (typeof groupId === 'string' && GROUP_ID_PATTERN.test(groupId)) bus.group_id = normaliseId(groupId);
  // Only `Synchronized` matters (pending selections skip it); anything else is some other status.
  if (typeof status === 'string') bus.status = status === 'Synchronized' ? status : 'other';
  return bus;
}

/** A short quote of an invalid entry for the report: scrubbed first, then shortened. */
function describeInvalid(entry: unknown, secrets: SecretList): string {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `an entry that is not an object (${typeof entry})`;
  const busId = (entry as Record<string, unknown>).bus_id;
  if (typeof busId !== 'string') return busId === undefined ? 'an entry without bus_id' : `bus_id of type ${typeof busId}`;
  return `bus_id ${JSON.stringify(secrets.clip(busId, INVALID_SAMPLE_CHARS))}`;
}
