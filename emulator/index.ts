/**
 * The embedded IoTDA emulator: a strict test double of the HarmonyOS soft bus API (not part of the
 * function bundles). See emulator/README.md.
 */

export { DEMO } from './demo.js';
export { ErrorCode } from './errors.js';
export * from './federation/index.js';
export { loadFleet, parseFleet, SAMPLE_FLEET_FILE, sampleFleet } from './fleet.js';
export { type GenerateFleetOptions, generateFleet } from './generate.js';
export * from './options.js';
export { MALFORMED_BODY } from './pipeline.js';
export * from './secrets-manager.js';
export { startEmulator } from './server.js';
export { MAX_CLOCK_SKEW_MS } from './signature.js';
export * from './trace-types.js';
export * from './types.js';
