import { DEMO, type Emulator, type EmulatorOptions, sampleFleet, startEmulator } from '../emulator';
import type { Platform } from '../src/platforms';

/** A made-up IoTDA instance: the demo behaves like a standard/enterprise instance endpoint. */
export const DEMO_INSTANCE_ID = '1a2b3c4d-0000-4000-8000-00000000d3e0';

/** Variables that would give the function other keys or another project than the emulator's. */
export const CREDENTIAL_VARS = [
  'HUAWEICLOUD_SDK_AK',
  'HUAWEICLOUD_SDK_SK',
  'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  'HUAWEICLOUD_SDK_PROJECT_ID',
  'HUAWEICLOUD_SDK_SECRET_ID',
  // A Lambda key source other than the variables (aws-federation, a secret) would not reach the emulator's keys.
  'HUAWEICLOUD_CREDENTIALS',
  'RUNTIME_PROJECT_ID',
] as const;

/**
 * Starts the emulator on a free loopback port with the sample fleet and the demo keys.
 * @example const emu = await startSampleEmulator({ latencyMs: 50 });
 */
export function startSampleEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({
    projectId: DEMO.projectId,
    region: DEMO.region,
    credentials: [...DEMO.credentials],
    fleet: sampleFleet(),
    ...options,
  });
}

/**
 * The demo's emulator: the sample fleet, strict like an instance endpoint (derived signatures only, an
 * Instance-Id checked).
 * @example const emu = await startDemoEmulator();
 */
export function startDemoEmulator(): Promise<Emulator> {
  return startSampleEmulator({ acceptedSignatures: 'derived', instanceId: DEMO_INSTANCE_ID });
}

/**
 * The environment that points a platform's function at the emulator (IoTDA and CTS): its URL and region (and, for the
 * demo's instance endpoint, the derived signing and Instance-Id); no foreign keys. A platform that reads
 * its keys from the environment gets `keys` (default: the demo's permanent key) and the project ID there;
 * one that reads them from the context gets them in its dev context instead.
 * @example Object.assign(process.env, emulatorEnv(emu, lambda, { instance: true }));
 */
export function emulatorEnv(
  emu: Emulator,
  platform: Pick<Platform, 'keysFrom'>,
  options: { instance?: boolean; keys?: { ak: string; sk: string; securityToken?: string } } = {},
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = Object.fromEntries(CREDENTIAL_VARS.map((name) => [name, undefined]));
  // CTS is served by the same emulator (its trace list takes plain signatures only, as the function sends).
  Object.assign(env, {
    IOTDA_ENDPOINT: emu.url,
    CTS_ENDPOINT: emu.url,
    IOTDA_REGION: DEMO.region,
    IOTDA_AUTH: undefined,
    IOTDA_INSTANCE_ID: undefined,
  });
  if (options.instance) Object.assign(env, { IOTDA_AUTH: 'derived', IOTDA_INSTANCE_ID: DEMO_INSTANCE_ID });
  if (platform.keysFrom === 'environment') {
    const keys = options.keys ?? DEMO.permanent;
    Object.assign(env, {
      HUAWEICLOUD_SDK_AK: keys.ak,
      HUAWEICLOUD_SDK_SK: keys.sk,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: keys.securityToken,
      HUAWEICLOUD_SDK_PROJECT_ID: DEMO.projectId,
    });
  }
  return env;
}

/** Applies an environment to this process (undefined deletes). @example applyEnv(emulatorEnv(emu, platform)) */
export function applyEnv(env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
