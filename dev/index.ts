/**
 * The development harness shared by scripts/, bench/ and test/: the platform list, building and loading
 * the bundles, platform-like contexts, the emulator set-up, output capture and the secret scan.
 * Scripts and benchmarks load it through scripts/lib/import-ts.mjs (Node 20 runs no TypeScript).
 */
export {
  DEMO,
  type Emulator,
  type EmulatorOptions,
  generateFleet,
  sampleFleet,
  startEmulator,
  startSecretsManagerStandIn,
  startStsStandIn,
} from '../emulator';
export { describeEvent } from '../src/events';
export { PLATFORMS, type Platform, type PlatformName, platformFor, platformNamed } from '../src/platforms';
export { BUILD_SOURCES, BUNDLE_OPTIONS, buildAll, bundleEntry, bundlePath, ensureBuilt, isDistStale, LAZY_CHUNKS } from './build';
export { type Answer, type Handler, invokeHandler, loadBundle, reportIn } from './bundles';
export { captureOutput, entriesOf } from './capture';
export { applyEnv, CREDENTIAL_VARS, DEMO_INSTANCE_ID, emulatorEnv, startDemoEmulator, startSampleEmulator } from './emulator';
export { extractZip, runLambdaTask, type TaskRun } from './lambda-task';
export { choosePlatform, DEFAULT_EVENT, emulatorRun, type LocalRun, readEvent, runBundle, UsageError } from './local-run';
export { packageAll, ZIP_FILES, zipFilesOf, zipPath } from './package';
export { ROOT } from './root';
export { runScenario, SCENARIOS } from './scenario';
export { DEMO_SECRETS, scanForSecrets } from './secret-scan';
export { summarize } from './summary';
