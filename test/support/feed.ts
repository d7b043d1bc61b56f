/**
 * Shared set-up of the change-feed suites: the sample fleet's groups by name, the timer or scheduled tick
 * of each platform with the ref it gets, and the environment that turns the feed on against the emulator.
 */
import { expect, vi } from 'vitest';
import type { Emulator } from '../../emulator';
import type { Platform } from './e2e';
import { SAMPLE_GROUP, SAMPLE_GROUP_2, sampleEvent } from './events';

/** The sample fleet's groups (emulator/fleets/sample.json): buses, of which not Synchronized. */
export const GROUP = {
  livingRoom: SAMPLE_GROUP_2, // 3 buses, 2 pending
  kidsRoom: '298246d5-df6d-899f-78ff-126d0e1257a5', // 2, none pending
  garage: '35dabb0d-e2b8-7a05-44c2-14778b43f687', // no bus
  robots: 'c4669c94-801c-22ab-83a2-fb39457765e5', // 4, 1 pending
  warehouse: SAMPLE_GROUP, // 53, 24 pending
  qualityLab: '561f18f6-1ebf-7f32-3163-828a9da7cdfe', // 2, 2 pending
  library: '75bc4778-a948-70b8-5d54-9a814dbbb58b', // 3, 2 pending
  lectureHall: 'd890a29f-708c-69ec-bced-7d690104cba0', // 1, 1 pending
} as const;

/** The platform's own periodic event: FunctionGraph's timer, Lambda's scheduled rule. */
export function tickOf(platform: Platform): Record<string, unknown> {
  return sampleEvent(platform === 'functiongraph' ? 'functiongraph-timer' : 'lambda-scheduled');
}

/** The ref of that tick in the report (`failedRefs`, `feeds[].ref`). */
export const TICK_REF: Record<Platform, string> = {
  functiongraph: 'timer:reconcile-every-15m',
  lambda: 'cdc73f9d-aea9-11e3-9d5a-835b769c0d9c',
};

/** Turns the change feed on against the emulator (call after e2e.setUp, which points CTS_ENDPOINT at it). */
export function feedOn(em: Emulator, extra: Record<string, string> = {}): void {
  expect(process.env.CTS_ENDPOINT).toBe(em.url);
  vi.stubEnv('SYNC_CHANGE_FEED', 'cts');
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
}

/** `minutes` ago on the emulator's clock (its default clock is this machine's). */
export const minutesAgo = (minutes: number) => Date.now() - minutes * 60_000;
