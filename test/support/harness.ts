/**
 * Shared set-up of the integration suites: the development harness (dev/) with the demo keys and the
 * request IDs the suites assert.
 */
import { vi } from 'vitest';
import { captureOutput, DEMO, DEMO_SECRETS, type Emulator, entriesOf, loadBundle, scanForSecrets, startSampleEmulator } from '../../dev';
import { functionGraph } from '../../src/platforms/functiongraph';
import { lambda } from '../../src/platforms/lambda';
import type { Report } from '../../src/report';

export type { Handler } from '../../dev';
export { DEMO_SECRETS, loadBundle };

/** Starts the emulator on a free loopback port with the sample fleet and the demo keys. */
export const emulator = startSampleEmulator;

/** A FunctionGraph context with the agency's temporary keys (as the runtime gives them). */
export function functionGraphContext(overrides: { remainingMs?: number; keys?: { ak: string; sk: string; securityToken?: string } } = {}) {
  const keys = overrides.keys ?? DEMO.temporary;
  return functionGraph.devContext({
    requestId: 'fg-request-0001',
    remainingMs: overrides.remainingMs ?? 30_000,
    keys,
    projectId: DEMO.projectId,
  });
}

/** A Lambda context (only what the handler reads). */
export function lambdaContext(remainingMs = 30_000) {
  return lambda.devContext({ requestId: 'lambda-request-0001', remainingMs });
}

/** The emulator's permanent demo keys as a function without an agency (Lambda) reads them: from its environment, plain signing. */
export const DEMO_KEYS_ENV = {
  IOTDA_AUTH: 'basic',
  HUAWEICLOUD_SDK_AK: DEMO.permanent.ak,
  HUAWEICLOUD_SDK_SK: DEMO.permanent.sk,
  HUAWEICLOUD_SDK_PROJECT_ID: DEMO.projectId,
} as const;

/** Points the function at the emulator. */
export function stubFunctionEnv(em: Emulator, extra: Record<string, string> = {}): void {
  vi.stubEnv('IOTDA_ENDPOINT', em.url);
  vi.stubEnv('IOTDA_REGION', DEMO.region);
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
}

/** Captures what the function writes to stdout, parsed as JSON lines. */
export function captureLogs() {
  const capture = captureOutput();
  return { lines: capture.lines, entries: () => entriesOf(capture.lines), restore: () => capture.restore() };
}

export function assertNoSecrets(text: string): void {
  scanForSecrets(text, 'output');
}

export const asReport = (value: unknown) => value as Report;
