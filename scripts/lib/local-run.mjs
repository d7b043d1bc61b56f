// What `npm start` (scripts/start.mjs) and `npm run invoke` (scripts/invoke.mjs) share: build when
// stale, start the emulator in-process, set the function's environment, build a platform-like context,
// load the real bundle with require (as FunctionGraph and Lambda do) and run its handler.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from '../build.mjs';
import { importTypeScript } from './import-ts.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_EVENT = 'events/functiongraph-cts-manage-devices.json';
/** A made-up IoTDA instance: the demo behaves like a standard/enterprise instance endpoint. */
export const DEMO_INSTANCE_ID = '1a2b3c4d-0000-4000-8000-00000000d3e0';
const SOURCE_DIRS = ['src', 'functions'];
const SOURCE_FILES = ['scripts/build.mjs', 'package-lock.json'];

/** A mistake of the person running the command (exit 2), as opposed to a failure of the demo (exit 1). */
export class UsageError extends Error {}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/**
 * Builds both bundles when one is missing or older than the sources (src/, functions/, the build script).
 * @returns {Promise<boolean>} whether it built
 */
export async function ensureBuilt(say = (line) => console.error(line)) {
  const outputs = ['functiongraph', 'lambda'].map((p) => join(ROOT, 'dist', p, 'index.js'));
  const sources = Math.max(
    ...[...SOURCE_DIRS, ...SOURCE_FILES]
      .map((p) => join(ROOT, p))
      .filter(existsSync)
      .map(newestMtime),
  );
  const stale = outputs.some((file) => !existsSync(file) || statSync(file).mtimeMs < sources);
  if (!stale) return false;
  say('building the function bundles (dist/ is missing or older than the sources)…');
  await buildAll({ quiet: true });
  return true;
}

/** Reads an event file, relative to where the command was typed, else to the repository. */
export function readEvent(file) {
  const candidates = isAbsolute(file) ? [file] : [resolve(process.env.INIT_CWD ?? process.cwd(), file), resolve(ROOT, file)];
  const path = candidates.find((p) => existsSync(p) && statSync(p).isFile());
  if (!path)
    throw new UsageError(`no such event file: ${file} (the samples are in events/: ${readdirSync(join(ROOT, 'events')).join(', ')})`);
  try {
    return { path: relative(ROOT, path).startsWith('..') ? path : relative(ROOT, path), event: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${error.message}`);
  }
}

/** The platform whose trigger sends this shape: SQS and EventBridge envelopes are Lambda's, the rest FunctionGraph's. */
export function platformFor(event, explicit) {
  if (explicit) {
    if (explicit !== 'functiongraph' && explicit !== 'lambda') throw new UsageError('--platform must be functiongraph or lambda');
    return explicit;
  }
  const lambda = event !== null && typeof event === 'object' && ('Records' in event || ('detail-type' in event && 'source' in event));
  return lambda ? 'lambda' : 'functiongraph';
}

/** Loads the emulator library (TypeScript) once. */
let emulatorModule;
export async function loadEmulator() {
  emulatorModule ??= await importTypeScript(new URL('../../emulator/index.ts', import.meta.url));
  return emulatorModule;
}

/**
 * Starts the emulator on a free loopback port with the sample fleet, strict like an instance endpoint:
 * derived signatures only and an Instance-Id. Returns it with the demo keys and the fleet's groups.
 */
export async function startDemoEmulator() {
  const { startEmulator, sampleFleet, DEMO } = await loadEmulator();
  const fleet = sampleFleet();
  const emu = await startEmulator({
    projectId: DEMO.projectId,
    region: DEMO.region,
    credentials: [...DEMO.credentials],
    fleet,
    acceptedSignatures: 'derived',
    instanceId: DEMO_INSTANCE_ID,
  });
  return { emu, DEMO, groups: fleet.groups };
}

const CREDENTIAL_VARS = [
  'HUAWEICLOUD_SDK_AK',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'HUAWEICLOUD_SDK_PROJECT_ID',
  'HUAWEICLOUD_SDK_SECRET_ID',
  'RUNTIME_PROJECT_ID',
];

/**
 * Points the function (this process's environment: the handler runs in-process) at the emulator.
 * FunctionGraph gets its keys from the context (agency), so no key variables; Lambda gets the
 * permanent demo key from the HUAWEICLOUD_SDK_* variables, as from its secret store.
 */
export function useEmulatorEnv(emu, DEMO, platform) {
  for (const name of CREDENTIAL_VARS) delete process.env[name];
  Object.assign(process.env, {
    IOTDA_ENDPOINT: emu.url,
    IOTDA_REGION: DEMO.region,
    IOTDA_AUTH: 'derived',
    IOTDA_INSTANCE_ID: DEMO_INSTANCE_ID,
  });
  if (platform === 'lambda') {
    Object.assign(process.env, {
      HUAWEICLOUD_SDK_AK: DEMO.permanent.ak,
      HUAWEICLOUD_SDK_SK: DEMO.permanent.sk,
      HUAWEICLOUD_SDK_PROJECT_ID: DEMO.projectId,
    });
  }
}

const requestId = () => `local-${Date.now().toString(36)}`;

/**
 * A FunctionGraph-like context. `keys` are the agency's temporary keys; without them the getters
 * return empty strings, as the runtime does for a function without an agency.
 */
export function functionGraphContext({ keys, projectId, timeoutMs = 60_000 } = {}) {
  const endsAt = Date.now() + timeoutMs;
  return {
    getRequestID: requestId,
    getRemainingTimeInMilliSeconds: () => Math.max(0, endsAt - Date.now()),
    getSecurityAccessKey: () => keys?.ak ?? '',
    getSecuritySecretKey: () => keys?.sk ?? '',
    getSecurityToken: () => keys?.securityToken ?? '',
    getProjectID: () => projectId ?? '',
    getFunctionName: () => 'softbus-sync',
    getVersion: () => 'latest',
  };
}

/** A Lambda-like context (what the handler reads, plus the usual names). */
export function lambdaContext({ timeoutMs = 60_000 } = {}) {
  const endsAt = Date.now() + timeoutMs;
  return {
    awsRequestId: requestId(),
    functionName: 'softbus-sync',
    functionVersion: '$LATEST',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()),
  };
}

const require = createRequire(import.meta.url);

/**
 * Loads dist/<platform>/index.js with require, as the platform does, and runs its handler.
 * A thrown error is part of the answer (the platform would retry the event): it is returned too.
 * @returns {Promise<{ platform: string, result?: unknown, thrown?: Error & { report?: unknown } }>}
 */
export async function runHandler(platform, event, context) {
  const mod = require(join(ROOT, 'dist', platform, 'index.js'));
  if (typeof mod.handler !== 'function') throw new Error(`dist/${platform}/index.js exports no handler`);
  try {
    return { platform, result: await mod.handler(event, context) };
  } catch (thrown) {
    return { platform, thrown };
  }
}

/** The report inside an answer: the return value, or the thrown RetryableInvocationError's. */
export function reportOf(answer) {
  if (answer.thrown) return answer.thrown.report;
  const value = answer.result;
  return value && typeof value === 'object' && 'outcome' in value ? value : undefined;
}
