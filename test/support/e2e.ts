/**
 * Shared set-up of the end-to-end suites (test/e2e): one emulator per test, the function's environment,
 * every platform's built bundle loaded the way the platform loads it, platform-like contexts, and an
 * automatic secret scan: after every test, everything written to stdout, stderr and the console, every
 * answer and every thrown error is searched for the demo keys and token (and for signature material).
 * A test that leaks fails, whatever it asserted itself.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import {
  type Answer,
  captureOutput,
  DEMO,
  DEMO_SECRETS,
  type Emulator,
  type EmulatorOptions,
  entriesOf,
  type Handler,
  invokeHandler,
  loadBundle,
  PLATFORMS as PLATFORM_LIST,
  type PlatformName,
  platformNamed,
  scanForSecrets,
  startSampleEmulator,
} from '../../dev';
import type { Report } from '../../src/report';

export type { Answer };
export { scanForSecrets };
export type Platform = PlatformName;
export const PLATFORMS: readonly Platform[] = PLATFORM_LIST.map((platform) => platform.name);

const handlers = new Map<Platform, Handler>();
function handlerOf(platform: Platform): Handler {
  let handler = handlers.get(platform);
  if (!handler) {
    handler = loadBundle(platform);
    handlers.set(platform, handler);
  }
  return handler;
}

export interface InvokeOptions {
  /** Time the context says is left (default 30 s). */
  remainingMs?: number;
  /** Keys from the environment: use the temporary key and token instead of the permanent key. */
  temporaryKeys?: boolean;
  /** Other keys than the demo's (in the context or the environment, where the platform reads them). */
  keys?: { ak: string; sk: string; securityToken?: string };
  /** Replace the context altogether. */
  context?: unknown;
  /** No AK/SK anywhere (a keyless source: HUAWEICLOUD_CREDENTIALS=aws-federation); the project ID stays. */
  noKeys?: boolean;
}

type Capture = ReturnType<typeof captureOutput>;
/** The change feed's and verification's settings: off unless a test sets them. */
const FEED_SETTINGS = ['SYNC_CHANGE_FEED', 'SYNC_CHANGE_LOOKBACK', 'CTS_ENDPOINT', 'SYNC_VERIFY'];
const CLEARED = [
  'HUAWEICLOUD_SDK_SECRET_ID',
  'HUAWEICLOUD_CREDENTIALS',
  'RUNTIME_PROJECT_ID',
  'IOTDA_AUTH',
  'IOTDA_INSTANCE_ID',
  'LOG_LEVEL',
  ...FEED_SETTINGS,
];
const SYNC_SETTINGS = ['SYNC_CONCURRENCY', 'SYNC_MAX_RPS', 'SYNC_MAX_ATTEMPTS', 'SYNC_REQUEST_TIMEOUT_MS', 'SYNC_DEADLINE_RESERVE_MS'];
const KEY_VARS = ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN', 'HUAWEICLOUD_SDK_PROJECT_ID'];

/**
 * Registers the hooks and returns the suite's tools. Call once at the top of a test file.
 * @example const e2e = useE2E(); … const em = await e2e.setUp(); const answer = await e2e.invoke('lambda', event);
 */
export function useE2E() {
  let em: Emulator | undefined;
  let capture: Capture | undefined;
  let answers: Answer[] = [];
  let extraSecrets: Array<() => readonly string[]> = [];

  beforeEach((context) => {
    const mine = captureOutput({ stderr: true, console: true });
    capture = mine;
    answers = [];
    // On failure, show what the function logged (it is swallowed otherwise).
    context.onTestFailed(() => {
      const lines = mine.lines;
      mine.restore();
      process.stderr.write(`--- captured output (${lines.length} lines, last 40) ---\n${lines.slice(-40).join('\n')}\n`);
    });
  });

  afterEach(async () => {
    capture?.restore();
    vi.unstubAllEnvs();
    // Secrets minted during the test (federated keys, tokens, JWTs) join the demo keys in the scan.
    const secrets = [...DEMO_SECRETS, ...extraSecrets.flatMap((list) => list())];
    extraSecrets = [];
    await em?.close();
    em = undefined;
    scanForSecrets((capture?.lines ?? []).join('\n'), 'log output', secrets);
    for (const answer of answers) {
      scanForSecrets(JSON.stringify(answer.value ?? null), 'handler answer', secrets);
      if (answer.error) {
        const { message, stack, report } = answer.error;
        scanForSecrets(`${message}\n${stack ?? ''}\n${JSON.stringify(report ?? null)}`, 'thrown error', secrets);
      }
    }
    capture = undefined;
  });

  return {
    /** Starts the emulator (sample fleet, demo keys) and points the function at it. */
    async setUp(options: Partial<EmulatorOptions> = {}, env: Record<string, string> = {}): Promise<Emulator> {
      em = await startSampleEmulator(options);
      vi.stubEnv('IOTDA_ENDPOINT', em.url);
      vi.stubEnv('IOTDA_REGION', DEMO.region);
      for (const name of [...CLEARED, ...SYNC_SETTINGS]) vi.stubEnv(name, undefined);
      // CTS too is the emulator: no test can reach the real service, feed on or off.
      vi.stubEnv('CTS_ENDPOINT', em.url);
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
      return em;
    },

    /** Points the function at another server than the emulator (test/support/hostile-server.ts), same clean environment. */
    pointAt(url: string, env: Record<string, string> = {}): void {
      vi.stubEnv('IOTDA_ENDPOINT', url);
      vi.stubEnv('IOTDA_REGION', DEMO.region);
      for (const name of [...CLEARED, ...SYNC_SETTINGS]) vi.stubEnv(name, undefined);
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    },

    /**
     * Runs a bundle's handler as its platform would: where the platform reads its keys from the
     * context (FunctionGraph's agency), the temporary keys go there and no key variable is set; where it
     * reads them from the environment (Lambda), the HUAWEICLOUD_SDK_* variables hold them.
     */
    async invoke(name: Platform, event: unknown, options: InvokeOptions = {}): Promise<Answer> {
      const platform = platformNamed(name);
      if (!platform) throw new Error(`no platform ${name}`);
      const fromEnv = platform.keysFrom === 'environment';
      const envKeys = options.keys ?? (options.temporaryKeys ? DEMO.temporary : DEMO.permanent);
      const values = options.noKeys
        ? [undefined, undefined, undefined, DEMO.projectId]
        : fromEnv
          ? [envKeys.ak, envKeys.sk, envKeys.securityToken, DEMO.projectId]
          : [];
      for (const [index, variable] of KEY_VARS.entries()) vi.stubEnv(variable, values[index]);
      const context =
        options.context ??
        platform.devContext({
          requestId: `${name === 'functiongraph' ? 'fg' : name}-request-0001`,
          remainingMs: options.remainingMs ?? 30_000,
          keys: fromEnv ? undefined : (options.keys ?? DEMO.temporary),
          projectId: DEMO.projectId,
        });
      const answer = await invokeHandler(handlerOf(name), event, context);
      answers.push(answer);
      return answer;
    },

    /** More secrets for this test's scan, read when the test ends (e.g. `() => emu.iam.issued()…`). */
    scanAlsoFor(secrets: () => readonly string[]): void {
      extraSecrets.push(secrets);
    },

    /** The function's log lines so far in this test, as written. */
    logLines(): readonly string[] {
      return capture?.lines ?? [];
    },

    /** The function's log lines so far in this test, parsed (non-JSON lines are skipped). */
    logEntries(): Array<Record<string, unknown>> {
      return entriesOf(capture?.lines ?? []);
    },
  };
}

/** The report in an answer: returned, or carried by the thrown retry error. Undefined for SQS on Lambda. */
export function reportOf(answer: Answer): Report | undefined {
  const value = answer.error ? answer.error.report : answer.value;
  return value && typeof value === 'object' && 'outcome' in value ? (value as Report) : undefined;
}

/** The report, failing when there is none. */
export function mustReport(answer: Answer): Report {
  const report = reportOf(answer);
  if (!report) throw new Error(`no report in the answer: ${answer.error ? `threw ${answer.error.message}` : JSON.stringify(answer.value)}`);
  return report;
}

/** SQS on Lambda: the item identifiers of `batchItemFailures`, sorted. */
export function batchItemFailures(answer: Answer): string[] {
  const value = answer.value as { batchItemFailures?: Array<{ itemIdentifier: string }> } | undefined;
  if (!value?.batchItemFailures)
    throw new Error(`not an SQS batch response: ${answer.error ? `threw ${answer.error.message}` : JSON.stringify(answer.value)}`);
  return value.batchItemFailures.map((f) => f.itemIdentifier).sort();
}

/** IDs of the fleet's buses that match, from the emulator's live table. */
export function busesOf(em: Emulator, filter: { groupId?: string; pendingOnly?: boolean } = {}): string[] {
  return em
    .listBuses()
    .filter((b) => (filter.groupId === undefined || b.group_id === filter.groupId) && (!filter.pendingOnly || b.status !== 'Synchronized'))
    .map((b) => b.bus_id)
    .sort();
}

export const sorted = (ids: Iterable<string>) => [...ids].sort();

/** An SQS record as Lambda delivers it. */
export function sqsRecord(messageId: string, body: unknown) {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1764317700000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1764317700010',
    },
    messageAttributes: {},
    md5OfBody: '00000000000000000000000000000000',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:softbus-sync',
    awsRegion: 'eu-west-1',
  };
}

/** A CTS trace of a device group change (as carried by the CTS trigger, CloudEvents data, SQS bodies). */
export function groupTrace(groupId: string, traceName = 'manageDevicesInGroup') {
  return {
    service_type: 'IoTDA',
    resource_type: 'device-group',
    resource_id: groupId,
    trace_name: traceName,
    trace_id: `trace-${traceName}-${groupId.slice(0, 8)}`,
  };
}

/** A CloudEvent as EventGrid delivers it. */
export function cloudEvent(id: string, data: unknown, source = 'HC.IoTDA') {
  return {
    id,
    specversion: '1.0',
    source,
    type: source === 'HC.IoTDA' ? 'IoTDA:CloudTrace:ApiCall' : 'com.example.softbus.resync',
    datacontenttype: 'application/json',
    data,
  };
}
