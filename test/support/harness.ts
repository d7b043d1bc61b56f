import { createRequire } from 'node:module';
import { join } from 'node:path';
import { vi } from 'vitest';
import { DEMO, type Emulator, type EmulatorOptions, sampleFleet, startEmulator } from '../../emulator';
import type { Report } from '../../src/types';

const requireBundle = createRequire(import.meta.url);

export type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * Loads a built bundle the way the platform does (CommonJS `require` of dist/<platform>/index.js)
 * and returns its exported handler. `npm test` builds the bundles before the suites run.
 */
export function loadBundle(platform: 'functiongraph' | 'lambda'): Handler {
  const mod = requireBundle(join(__dirname, '..', '..', 'dist', platform, 'index.js')) as { handler?: Handler };
  if (typeof mod.handler !== 'function') throw new Error(`dist/${platform}/index.js exports no handler`);
  return mod.handler;
}

/** Starts the emulator on a free loopback port with the sample fleet and the demo keys. */
export function emulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return startEmulator({
    projectId: DEMO.projectId,
    region: DEMO.region,
    credentials: [...DEMO.credentials],
    fleet: sampleFleet(),
    ...options,
  });
}

/** A FunctionGraph context with the agency's temporary keys (as the runtime gives them). */
export function functionGraphContext(overrides: { remainingMs?: number; keys?: { ak: string; sk: string; securityToken: string } } = {}) {
  const keys = overrides.keys ?? { ak: DEMO.temporary.ak, sk: DEMO.temporary.sk, securityToken: DEMO.temporary.securityToken ?? '' };
  const endsAt = Date.now() + (overrides.remainingMs ?? 30_000);
  return {
    getRequestID: () => 'fg-request-0001',
    getRemainingTimeInMilliSeconds: () => Math.max(0, endsAt - Date.now()),
    getSecurityAccessKey: () => keys.ak,
    getSecuritySecretKey: () => keys.sk,
    getSecurityToken: () => keys.securityToken,
    getProjectID: () => DEMO.projectId,
  };
}

/** A Lambda context (only what the handler reads). */
export function lambdaContext(remainingMs = 30_000) {
  const endsAt = Date.now() + remainingMs;
  return { awsRequestId: 'lambda-request-0001', getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()) };
}

/** Points the function at the emulator. */
export function stubFunctionEnv(em: Emulator, extra: Record<string, string> = {}): void {
  vi.stubEnv('IOTDA_ENDPOINT', em.url);
  vi.stubEnv('IOTDA_REGION', DEMO.region);
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
}

/** Captures what the function writes to stdout, parsed as JSON lines. */
export function captureLogs() {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  return {
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => spy.mockRestore(),
  };
}

/** Every secret of the demo keys: none may appear in a log line, a report or an error. */
export const DEMO_SECRETS = [
  DEMO.permanent.ak,
  DEMO.permanent.sk,
  DEMO.temporary.ak,
  DEMO.temporary.sk,
  DEMO.temporary.securityToken ?? '',
];

export function assertNoSecrets(text: string): void {
  for (const secret of DEMO_SECRETS) {
    if (secret && text.includes(secret)) throw new Error('a secret appeared in the output');
  }
}

export const asReport = (value: unknown) => value as Report;
