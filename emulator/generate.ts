/**
 * Synthetic fleets for big tests and benchmarks: deterministic for a seed.
 */
import { recordIdFor } from './fleet.js';
import { mulberry32, randomHex } from './prng.js';
import { type Bus, BusStatus, type Fleet, type Group } from './types.js';

export interface GenerateFleetOptions {
  groups: number;
  busesPerGroup: number;
  /** Share in [0, 1] of buses that are not `Synchronized` (split between ToBeSynchronized and Synchronizing). */
  pendingShare?: number;
  seed?: number;
  /** Number of resource spaces the groups are spread over; default 1. */
  appIds?: number;
}

/** A UUID-shaped ID (36 characters of hex and `-`), the form IoTDA uses for group IDs. */
function uuidLike(next: () => number): string {
  const hex = randomHex(next, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Builds `groups × busesPerGroup` buses with 32-hex bus IDs. Buses are interleaved across groups (as if
 * created over time), so a group's buses are spread through the record-ID order like in a real project.
 * @example generateFleet({ groups: 100, busesPerGroup: 100, pendingShare: 0.3, seed: 7 }).buses.length // 10000
 */
export function generateFleet(options: GenerateFleetOptions): Fleet {
  const { groups: groupCount, busesPerGroup, pendingShare = 0.5, seed = 1, appIds = 1 } = options;
  if (!Number.isInteger(groupCount) || groupCount < 0 || !Number.isInteger(busesPerGroup) || busesPerGroup < 0) {
    throw new Error('generateFleet: groups and busesPerGroup must be non-negative integers');
  }
  const next = mulberry32(seed);
  const apps = Array.from({ length: Math.max(1, appIds) }, () => randomHex(next, 32));
  const groups: Group[] = Array.from({ length: groupCount }, (_, i) => ({
    group_id: uuidLike(next),
    name: `group-${String(i + 1).padStart(4, '0')}`,
    app_id: apps[i % apps.length] ?? '',
  }));
  const buses: Bus[] = [];
  for (let n = 0; n < busesPerGroup; n++) {
    for (const [gi, group] of groups.entries()) {
      const roll = next();
      const status =
        roll >= pendingShare ? BusStatus.Synchronized : roll < pendingShare * 0.8 ? BusStatus.ToBeSynchronized : BusStatus.Synchronizing;
      const busId = randomHex(next, 32);
      buses.push({
        bus_id: busId,
        bus_name: `bus-${String(gi + 1).padStart(4, '0')}-${String(n + 1).padStart(4, '0')}`,
        group_id: group.group_id,
        app_id: group.app_id,
        status,
        record_id: recordIdFor(buses.length, busId),
      });
    }
  }
  return { groups, buses };
}
