import type { Trigger } from '../events';
import { functionGraph } from './functiongraph';
import { lambda } from './lambda';

export type { DevContextOptions, Platform } from './platform';

/**
 * Every platform the function is built for; the first is the primary one (local runs default to it).
 * A new platform is one file in this folder, one line here, one entry in functions/ and its deploy config.
 */
export const PLATFORMS = [functionGraph, lambda] as const;
export type PlatformName = (typeof PLATFORMS)[number]['name'];

/**
 * The platform of that name.
 * @example platformNamed('lambda')?.entry // 'functions/lambda.ts'
 */
export function platformNamed(name: string): (typeof PLATFORMS)[number] | undefined {
  return PLATFORMS.find((platform) => platform.name === name);
}

/**
 * The platform that delivers events of this trigger, else the primary one.
 * @example platformFor('sqs').name // 'lambda'
 */
export function platformFor(trigger: Trigger): (typeof PLATFORMS)[number] {
  return PLATFORMS.find((platform) => platform.triggers.includes(trigger)) ?? PLATFORMS[0];
}
