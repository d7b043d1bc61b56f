/**
 * Shared set-up of the end-to-end suites (test/e2e): one emulator per test, the function's environment,
 * both built bundles loaded the way the platforms load them, platform-like contexts, and an automatic
 * secret scan: after every test, everything written to stdout, stderr and the console, every answer and
 * every thrown error is searched for the demo keys and token (and for signature material). A test that
 * leaks fails, whatever it asserted itself.
 */
import { afterEach, beforeEach, vi } from 'vitest';
import { DEMO, type Emulator, type EmulatorOptions } from '../../emulator';
import type { Report } from '../../src/types';
import { DEMO_SECRETS, emulator, functionGraphContext, type Handler, lambdaContext, loadBundle } from './harness';

export type Platform = 'functiongraph' | 'lambda';
export const PLATFORMS: readonly Platform[] = ['functiongraph', 'lambda'];

/** The handler's answer: what it returned, or what it threw (platforms retry the event on a throw). */
export interface Answer {
  value?: unknown;
  error?: Error & { report?: unknown };
  /** Wall time of the call, ms. */
  elapsedMs: number;
}

/** Signature material that must never be logged even if no known key is in it. */
const SIGNATURE_PATTERNS = [/SDK-HMAC-SHA256\s+Access=/i, /V11-HMAC-SHA256\s+Credential=/i, /Signature=[0-9a-f]{16,}/i];

/** Throws when the text holds a demo key, the token or signature material (exported for its own test). */
export function scanForSecrets(text: string, where: string): void {
  for (const secret of DEMO_SECRETS) {
    if (secret && text.includes(secret)) throw new Error(`${where}: a demo key or token appeared (${secret.slice(0, 6)}…)`);
  }
  for (const pattern of SIGNATURE_PATTERNS) {
    if (pattern.test(text)) throw new Error(`${where}: signature material appeared (${pattern.source})`);
  }
}

const handlers = new Map<Platform, Handler>();
function handlerOf(platform: Platform): Handler {
  let handler = handlers.get(platform);
  if (!handler) {
    handler = loadBundle(platform);
    handlers.set(platform, handler);
  }
  return handler;
}

interface Capture {
  lines: string[];
  restore(): void;
}

/** Swallows and records stdout, stderr and console output (the function logs JSON lines to stdout). */
function captureOutput(): Capture {
  const lines: string[] = [];
  const record = (chunk: unknown) => {
    lines.push(
      ...String(chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : chunk)
        .split('\n')
        .filter(Boolean),
    );
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(record),
    vi.spyOn(process.stderr, 'write').mockImplementation(record),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
      vi
        .spyOn(console, name)
        .mockImplementation(
          (...args: unknown[]) => void record(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')),
        ),
    ),
  ];
  return {
    lines,
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

export interface InvokeOptions {
  /** Time the context says is left (default 30 s). */
  remainingMs?: number;
  /** Lambda: use the temporary key and token from the environment instead of the permanent key. */
  temporaryKeys?: boolean;
  /** Other keys than the demo's (FunctionGraph: in the agency context; Lambda: in the environment). */
  keys?: { ak: string; sk: string; securityToken?: string };
  /** Replace the context altogether. */
  context?: unknown;
}

/**
 * Registers the hooks and returns the suite's tools. Call once at the top of a test file.
 * @example const e2e = useE2E(); … const em = await e2e.setUp(); const answer = await e2e.invoke('lambda', event);
 */
export function useE2E() {
  let em: Emulator | undefined;
  let capture: Capture | undefined;
  let answers: Answer[] = [];

  beforeEach((context) => {
    const mine = captureOutput();
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
    await em?.close();
    em = undefined;
    scanForSecrets((capture?.lines ?? []).join('\n'), 'log output');
    for (const answer of answers) {
      scanForSecrets(JSON.stringify(answer.value ?? null), 'handler answer');
      if (answer.error)
        scanForSecrets(
          `${answer.error.message}\n${answer.error.stack ?? ''}\n${JSON.stringify(answer.error.report ?? null)}`,
          'thrown error',
        );
    }
    capture = undefined;
  });

  return {
    /** Starts the emulator (sample fleet, demo keys) and points the function at it. */
    async setUp(options: Partial<EmulatorOptions> = {}, env: Record<string, string> = {}): Promise<Emulator> {
      em = await emulator(options);
      vi.stubEnv('IOTDA_ENDPOINT', em.url);
      vi.stubEnv('IOTDA_REGION', DEMO.region);
      for (const name of ['HUAWEICLOUD_SDK_SECRET_ID', 'RUNTIME_PROJECT_ID', 'IOTDA_AUTH', 'IOTDA_INSTANCE_ID', 'LOG_LEVEL'])
        vi.stubEnv(name, undefined);
      for (const name of ['SYNC_CONCURRENCY', 'SYNC_MAX_RPS', 'SYNC_MAX_ATTEMPTS', 'SYNC_REQUEST_TIMEOUT_MS', 'SYNC_DEADLINE_RESERVE_MS'])
        vi.stubEnv(name, undefined);
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
      return em;
    },

    /**
     * Runs a bundle's handler as its platform would: FunctionGraph with the agency's temporary keys in
     * the context (no key variables); Lambda with the HUAWEICLOUD_SDK_* variables.
     */
    async invoke(platform: Platform, event: unknown, options: InvokeOptions = {}): Promise<Answer> {
      const remainingMs = options.remainingMs ?? 30_000;
      if (platform === 'lambda') {
        const key = options.keys ?? (options.temporaryKeys ? DEMO.temporary : DEMO.permanent);
        vi.stubEnv('HUAWEICLOUD_SDK_AK', key.ak);
        vi.stubEnv('HUAWEICLOUD_SDK_SK', key.sk);
        vi.stubEnv('HUAWEICLOUD_SDK_SECURITY_TOKEN', key.securityToken);
        vi.stubEnv('HUAWEICLOUD_SDK_PROJECT_ID', DEMO.projectId);
      } else {
        for (const name of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN', 'HUAWEICLOUD_SDK_PROJECT_ID'])
          vi.stubEnv(name, undefined);
      }
      const agencyKeys = options.keys && { ak: options.keys.ak, sk: options.keys.sk, securityToken: options.keys.securityToken ?? '' };
      const context =
        options.context ?? (platform === 'lambda' ? lambdaContext(remainingMs) : functionGraphContext({ remainingMs, keys: agencyKeys }));
      const started = Date.now();
      const answer: Answer = await handlerOf(platform)(event, context).then(
        (value) => ({ value, elapsedMs: Date.now() - started }),
        (error: Error & { report?: unknown }) => ({ error, elapsedMs: Date.now() - started }),
      );
      answers.push(answer);
      return answer;
    },

    /** The function's log lines so far in this test, parsed (non-JSON lines are skipped). */
    logEntries(): Array<Record<string, unknown>> {
      return (capture?.lines ?? []).flatMap((line) => {
        try {
          const value = JSON.parse(line) as unknown;
          return value && typeof value === 'object' ? [value as Record<string, unknown>] : [];
        } catch {
          return [];
        }
      });
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
