/**
 * The embedded IoTDA emulator: a strict test double of the HarmonyOS soft bus API (not part of the
 * function bundles). See emulator/README.md.
 */
export { startEmulator } from './server.js';
export { loadFleet, parseFleet, sampleFleet, SAMPLE_FLEET_FILE } from './fleet.js';
export { generateFleet, type GenerateFleetOptions } from './generate.js';
export { MAX_CLOCK_SKEW_MS } from './signature.js';
export { ErrorCode } from './errors.js';
export { DEMO } from './demo.js';
export { MALFORMED_BODY } from './pipeline.js';
export * from './types.js';
