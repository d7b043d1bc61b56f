/**
 * The fleet (device groups and their soft buses) the emulator serves, loaded from JSON and validated
 * with zod so that a bad file fails with the offending field named.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { sha256Hex } from './canonical.js';
import sampleJson from './fleets/sample.json';
import { BusStatus, type Fleet } from './types.js';

/** IoTDA: at most 36 characters of hex digits and `-`. */
export const BUS_ID_PATTERN = /^[0-9a-fA-F-]{1,36}$/;
export const RECORD_ID_PATTERN = /^[0-9a-f]{24}$/;
/**
 * Group IDs the emulator takes: IoTDA allocates at most 36 hex digits and `-`; the emulator also takes
 * readable IDs (letters, digits, `_`) so that small test fleets stay legible.
 */
export const GROUP_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** IoTDA: at most 128 letters, digits, `_` and `-`. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
/** IoTDA's documented limits: 20,000 devices in a group, a device in at most 10 groups. */
export const MAX_DEVICES_PER_GROUP = 20_000;
export const MAX_GROUPS_PER_DEVICE = 10;

const GroupSchema = z.object({
  group_id: z.string().regex(GROUP_ID_PATTERN, 'group_id must be 1-64 letters, digits, _ or -'),
  name: z.string().min(1),
  app_id: z.string().min(1),
  devices: z
    .array(z.string().regex(DEVICE_ID_PATTERN, 'device IDs must be 1-128 letters, digits, _ or -'))
    .max(MAX_DEVICES_PER_GROUP)
    .refine((ids) => new Set(ids).size === ids.length, 'duplicate device ID in the group')
    .optional(),
});

const BusSchema = z.object({
  bus_id: z.string().regex(BUS_ID_PATTERN, 'bus_id must be 1-36 hex digits or -'),
  bus_name: z.string().min(1),
  group_id: z.string().min(1),
  status: z.enum(Object.values(BusStatus) as [BusStatus, ...BusStatus[]]),
  /** Optional: taken from the group; if given it must agree. */
  app_id: z.string().min(1).optional(),
  /** Optional: generated from the position in the file (later entries are newer, so listed first). */
  record_id: z.string().regex(RECORD_ID_PATTERN, 'record_id must be 24 lower-case hex digits').optional(),
});

const FleetFileSchema = z
  .object({ description: z.string().optional(), groups: z.array(GroupSchema), buses: z.array(BusSchema) })
  .superRefine((fleet, ctx) => {
    const groups = new Map<string, string>();
    fleet.groups.forEach((g, i) => {
      if (groups.has(g.group_id))
        ctx.addIssue({ code: 'custom', path: ['groups', i, 'group_id'], message: `duplicate group_id ${g.group_id}` });
      groups.set(g.group_id, g.app_id);
    });
    const groupsOfDevice = new Map<string, number>();
    for (const id of fleet.groups.flatMap((g) => g.devices ?? [])) groupsOfDevice.set(id, (groupsOfDevice.get(id) ?? 0) + 1);
    for (const [id, count] of groupsOfDevice) {
      if (count > MAX_GROUPS_PER_DEVICE)
        ctx.addIssue({
          code: 'custom',
          path: ['groups'],
          message: `device ${id} is in ${count} groups (at most ${MAX_GROUPS_PER_DEVICE})`,
        });
    }
    const seen = { ids: new Set<string>(), names: new Set<string>(), records: new Set<string>() };
    fleet.buses.forEach((b, i) => {
      const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: ['buses', i, field], message });
      const appId = groups.get(b.group_id);
      if (appId === undefined) issue('group_id', `unknown group ${b.group_id}`);
      if (b.app_id !== undefined && appId !== undefined && b.app_id !== appId)
        issue('app_id', `differs from the app_id of group ${b.group_id}`);
      if (seen.ids.has(b.bus_id.toLowerCase())) issue('bus_id', `duplicate bus_id ${b.bus_id}`);
      // bus_name is unique within a resource space.
      const nameKey = `${b.app_id ?? appId}/${b.bus_name}`;
      if (seen.names.has(nameKey)) issue('bus_name', `duplicate bus_name ${b.bus_name} in resource space ${b.app_id ?? appId}`);
      if (b.record_id !== undefined && seen.records.has(b.record_id)) issue('record_id', `duplicate record_id ${b.record_id}`);
      seen.ids.add(b.bus_id.toLowerCase());
      seen.names.add(nameKey);
      if (b.record_id !== undefined) seen.records.add(b.record_id);
    });
  });

/**
 * A record ID for the bus at `index`: an ObjectId-like 8-hex "time" that grows with the index, then
 * 16 hex from the bus ID (so it is distinct from the bus ID yet stable).
 * @example recordIdFor(0, 'ab12').length // 24
 */
export function recordIdFor(index: number, busId: string): string {
  return (0x65a00000 + index).toString(16).padStart(8, '0') + sha256Hex(busId).slice(0, 16);
}

/**
 * Validates fleet JSON (already parsed) and fills app_id and record_id. Throws an Error whose message lists
 * every bad field as `path: message`.
 * @example parseFleet({ groups: [{ group_id: 'g1', name: 'Hall', app_id: 'a1' }], buses: [] })
 */
export function parseFleet(data: unknown, source = 'fleet'): Fleet {
  const result = FleetFileSchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid ${source}: ${lines.join('; ')}`);
  }
  const appOf = new Map(result.data.groups.map((g) => [g.group_id, g.app_id]));
  return {
    groups: result.data.groups.map((g) => ({ ...g, ...(g.devices && { devices: [...g.devices] }) })),
    buses: result.data.buses.map((b, i) => ({
      bus_id: b.bus_id,
      bus_name: b.bus_name,
      group_id: b.group_id,
      app_id: b.app_id ?? appOf.get(b.group_id) ?? '',
      status: b.status,
      record_id: b.record_id ?? recordIdFor(i, b.bus_id),
    })),
  };
}

/**
 * Reads and validates a fleet JSON file.
 * @example loadFleet('emulator/fleets/sample.json').buses.length
 */
export function loadFleet(path: string): Fleet {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read fleet file ${path}: ${(error as Error).message}`);
  }
  return parseFleet(data, `fleet file ${path}`);
}

/** Path of the sample fleet, relative to the repository root. */
export const SAMPLE_FLEET_FILE = 'emulator/fleets/sample.json';

/**
 * The sample fleet (3 resource spaces, 8 groups, one with more than 50 buses). Imported rather than read
 * so that it also works from a bundle, wherever the bundle runs.
 * @example sampleFleet().groups.length // 8
 */
export function sampleFleet(): Fleet {
  return parseFleet(sampleJson, SAMPLE_FLEET_FILE);
}
