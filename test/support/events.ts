import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Loads a sample event of events/ (the README's examples, one per trigger). */
export function sampleEvent(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'events', `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export const SAMPLE_GROUP = 'a9866526-a8a1-9971-8c46-5fabfc2797f0';
export const SAMPLE_GROUP_2 = 'a6d47a5b-9e24-f668-564d-60abb0864889';
export const SAMPLE_BUS = 'a9f834fe02829321dbbda1e816a0b55d';
