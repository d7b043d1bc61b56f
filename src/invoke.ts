import { MAX_RECORD_LINES } from './bounds';
import { type Config, LogLevel, loadConfig } from './config';
import { type KeyRequest, liveCredentials, type RuntimeKeys, registerSecrets, resolveProjectId } from './credentials';
import { Deadline, withinBudget } from './engine/deadline';
import { instancePacer } from './engine/pacers';
import type { RateLimiter, RetryStrategy } from './engine/parts';
import { StandardRetryStrategy } from './engine/retry-strategy';
import { type CredentialFailure, CredentialsError, describeError, errorText, SoftbusSyncError } from './errors';
import { type ParsedEvent, parseEvent } from './events';
import { type LineWriter, Logger } from './logger';
import { buildPlan } from './plan';
import { buildReport, capReport, logSummary, type Report, retryAdvised, type SummaryMetrics } from './report';
import { doWork, summaryFields, type WorkDone } from './work';

export type { TimeBudget } from './engine/deadline';

export const SERVICE_NAME = 'softbus-sync';
/** How long past the deadline a key source may take to report its own timeout (a quarter of the reserve at most). */
const KEY_GRACE_MS = 25;

/** What a platform adapter hands the core (src/platforms/). */
export interface InvocationRuntime {
  /** The platform's name, in every log line. */
  platform: string;
  requestId: string;
  /** Time left before the platform ends the invocation, in ms. */
  remainingMs: () => number;
  /**
   * Keys the runtime provides (FunctionGraph agency, a secret store, a federation), with the project ID
   * when it knows it; else the environment's are used. Called only when there is work to do, with the
   * invocation's time budget (a TimeBudget: a source that waits must stop when it runs out — pass
   * `request.signal` on, or time out at `request.remainingMs()`; the core stops waiting then anyway),
   * the SecretList to register what it handles, and the retry policy of every other call.
   */
  loadKeys?: (request: KeyRequest) => Promise<RuntimeKeys | undefined> | RuntimeKeys | undefined;
  projectId?: string;
  env: Record<string, string | undefined>;
  /** Where log lines go (stdout by default). */
  write?: LineWriter;
  /** Members the platform adds to the summary line so that its log service makes metrics of it (Lambda: EMF). */
  summaryMetrics?: SummaryMetrics;
}

export interface InvocationResult {
  /** The report, scrubbed and under MAX_REPORT_BYTES (its lists cut when needed: `truncated`). */
  report: Report;
  /** Throw so that the platform retries the event (asynchronous triggers only). */
  retryAdvised: boolean;
  /** Every ref whose work failed, was deferred or was malformed, even when the report's list is cut (SQS batchItemFailures). */
  failedRefs: string[];
}

/** How the engine's swappable parts are made from the configuration (a benchmark passes a fixed-rate limiter). */
export interface PartFactories {
  rateLimiter(config: Config): RateLimiter;
  retryStrategy(config: Config): RetryStrategy;
}

/** The instance's adaptive pacer for the endpoint (shared by its invocations) and the standard retry policy. */
export const DEFAULT_PARTS: PartFactories = {
  rateLimiter: (config) => instancePacer(config),
  retryStrategy: (config) => new StandardRetryStrategy({ maxAttempts: config.maxAttempts }),
};

/**
 * The whole pipeline for one event: parse → plan → execute → report and log. Never throws: every
 * failure is in the report, and `retryAdvised` tells the adapter whether to throw for a retry.
 * @example const { report } = await runInvocation(event, { platform: 'local', requestId: 'r1', remainingMs: () => 60_000, env: process.env });
 */
export async function runInvocation(
  event: unknown,
  runtime: InvocationRuntime,
  parts: PartFactories = DEFAULT_PARTS,
): Promise<InvocationResult> {
  const startedAt = Date.now();
  const parsed = parseSafely(event);
  const base = { service: SERVICE_NAME, requestId: runtime.requestId, trigger: parsed.trigger, platform: runtime.platform };
  const log = new Logger(base, logLevelOf(runtime.env), runtime.write);
  // Registered before anything is logged: whatever line might carry a key, it is scrubbed.
  for (const name of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN']) log.secrets.add(runtime.env[name]);
  logRecords(log, parsed);
  const items = parsed.records.flatMap((r) => (r.kind === 'work' ? [r.item] : []));
  const plan = items.length > 0 ? buildPlan(items) : undefined;
  let work: WorkDone | undefined;
  let error: string | undefined;
  let credentialFailure: CredentialFailure | undefined;
  if (plan) {
    try {
      const config = loadConfig(runtime.env);
      const deadline = Deadline.fromRemaining(runtime.remainingMs(), config.deadlineReserveMs);
      const strategy = parts.retryStrategy(config);
      const request: KeyRequest = {
        endsAt: deadline.endsAt,
        signal: deadline.signal,
        remainingMs: () => deadline.remainingMs(),
        secrets: log.secrets,
        strategy,
        requestTimeoutMs: config.requestTimeoutMs,
        log,
      };
      // A key source that heeds the budget names its own timeout (which secret, which step): it gets a few ms
      // of the reserve to say so before the core stops waiting.
      const grace = Math.min(KEY_GRACE_MS, Math.max(0, runtime.remainingMs() - deadline.remainingMs()) / 4);
      const keys = runtime.loadKeys ? await withinBudget(runtime.loadKeys(request), deadline, 'loading the keys', grace) : undefined;
      registerSecrets(keys, request);
      const credentials = liveCredentials(keys, runtime.env, request);
      const projectId = resolveProjectId(keys?.projectId ?? runtime.projectId, runtime.env);
      work = await doWork({
        items,
        trigger: parsed.trigger,
        config,
        credentials,
        projectId,
        limiter: parts.rateLimiter(config),
        strategy,
        deadline,
        log,
      });
    } catch (caught) {
      // Configuration and credential errors are expected; anything else is a bug, named as such. A foreign
      // error's message is never written (it may quote a key not yet registered): its name and frames only.
      const ours = caught instanceof SoftbusSyncError;
      error = ours ? errorText(caught) : `internal error: ${describeError(caught).name}`;
      credentialFailure = caught instanceof CredentialsError ? caught.failure : undefined;
      log.error(ours ? 'invocation failed' : 'internal error', { error: describeError(caught), credentials: credentialFailure });
    }
  }
  const durationMs = Date.now() - startedAt;
  const whole = log.secrets.redact(
    buildReport({
      trigger: parsed.trigger,
      requestId: runtime.requestId,
      records: parsed.records,
      plan: work?.plan ?? plan,
      execution: work?.execution,
      feeds: work?.feeds,
      verification: work?.verification,
      error,
      credentials: credentialFailure,
      durationMs,
    }),
  );
  // The report leaves under MAX_REPORT_BYTES; the summary line, the retry decision and SQS's answer use the whole lists.
  const report = capReport(whole);
  const extra = { ...summaryFields(work), ...(report.truncated ? { reportTruncated: true } : {}) };
  logSummary(log, whole, work?.execution.counters, runtime.summaryMetrics, extra);
  return { report, retryAdvised: retryAdvised(whole, error !== undefined), failedRefs: whole.failedRefs };
}

/** One line per ignored or rejected record, up to MAX_RECORD_LINES; one more counts the rest. */
function logRecords(log: Logger, parsed: ParsedEvent): void {
  let logged = 0;
  let unlogged = 0;
  for (const record of parsed.records) {
    if (record.kind === 'work') continue;
    if (logged++ >= MAX_RECORD_LINES) unlogged++;
    else if (record.kind === 'ignored') log.info('event ignored', { ref: record.ref, reason: record.reason });
    else log.warn('event rejected', { ref: record.ref, issues: record.issues });
  }
  if (unlogged > 0) log.warn('more records ignored or rejected', { count: unlogged, note: 'not logged one by one; the report lists them' });
}

/** parseEvent never throws by design; should a bug make it, the event is rejected, not the invocation lost. */
function parseSafely(event: unknown): ParsedEvent {
  try {
    return parseEvent(event);
  } catch (caught) {
    const name = caught instanceof Error ? caught.name : 'unknown';
    return {
      trigger: 'unknown',
      records: [{ kind: 'rejected', ref: 'event', issues: [{ path: '', message: `unreadable event (${name})` }] }],
    };
  }
}

/** LOG_LEVEL before the full configuration is read (which may fail, and that must be logged). */
function logLevelOf(env: Record<string, string | undefined>): LogLevel {
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  return (Object.values(LogLevel) as string[]).includes(level ?? '') ? (level as LogLevel) : LogLevel.Info;
}
