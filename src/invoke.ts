import { type Config, LogLevel, loadConfig } from './config';
import { type RuntimeKeys, resolveCredentials, resolveProjectId } from './credentials';
import { SoftbusSyncError } from './errors';
import { type ParsedEvent, parseEvent } from './events/parse';
import { IotdaClient } from './iotda/client';
import { type LineWriter, Logger } from './logger';
import { buildPlan } from './plan';
import { buildReport, logSummary, retryAdvised } from './report';
import { Deadline } from './sync/deadline';
import { Pacer } from './sync/pacer';
import { type Execution, executePlan } from './sync/run';
import { type Report, Trigger } from './types';

export const SERVICE_NAME = 'softbus-sync';

/** What a platform adapter hands the core. */
export interface InvocationRuntime {
  platform: 'functiongraph' | 'lambda' | 'local';
  requestId: string;
  /** Time left before the platform ends the invocation, in ms. */
  remainingMs: () => number;
  /**
   * Keys the runtime provides (FunctionGraph agency, a secret store), with the project ID when it
   * knows it; else the environment's are used. Called only when there is work to do.
   */
  loadKeys?: () => Promise<RuntimeKeys | undefined> | RuntimeKeys | undefined;
  projectId?: string;
  env: Record<string, string | undefined>;
  /** Where log lines go (stdout by default). */
  write?: LineWriter;
}

export interface InvocationResult {
  report: Report;
  /** Throw so that the platform retries the event (asynchronous triggers only). */
  retryAdvised: boolean;
}

/**
 * The whole pipeline for one event: parse → plan → sync → report and log. Never throws: every
 * failure is in the report, and `retryAdvised` tells the adapter whether to throw for a retry.
 * @example const { report } = await runInvocation(event, { platform: 'local', requestId: 'r1', remainingMs: () => 60_000, env: process.env });
 */
export async function runInvocation(event: unknown, runtime: InvocationRuntime): Promise<InvocationResult> {
  const startedAt = Date.now();
  const parsed = parseSafely(event);
  const log = new Logger(
    { service: SERVICE_NAME, requestId: runtime.requestId, trigger: parsed.trigger, platform: runtime.platform },
    logLevelOf(runtime.env),
    runtime.write,
  );
  // Registered before anything is logged: whatever line might carry a key, it is scrubbed.
  for (const name of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_SECURITY_TOKEN']) log.addSecret(runtime.env[name]);
  for (const record of parsed.records) {
    if (record.kind === 'ignored') log.info('event ignored', { ref: record.ref, reason: record.reason });
    if (record.kind === 'rejected') log.warn('event rejected', { ref: record.ref, issues: record.issues });
  }
  const items = parsed.records.flatMap((r) => (r.kind === 'work' ? [r.item] : []));
  const plan = items.length > 0 ? buildPlan(items) : undefined;
  let execution: Execution | undefined;
  let error: string | undefined;
  if (plan) {
    try {
      const config = loadConfig(runtime.env);
      const keys = await runtime.loadKeys?.();
      for (const secret of [keys?.ak, keys?.sk, keys?.securityToken]) log.addSecret(secret);
      const credentials = resolveCredentials(keys, runtime.env);
      const projectId = resolveProjectId(keys?.projectId ?? runtime.projectId, runtime.env);
      log.debug('work planned', {
        buses: plan.buses.size,
        groups: [...plan.groups.keys()],
        everything: plan.everything.length > 0,
        credentials: credentials.source,
        signing: config.signing,
      });
      execution = await executePlan(plan, {
        client: new IotdaClient(config, credentials, projectId),
        ...pacing(config, runtime.remainingMs()),
        log,
      });
    } catch (caught) {
      // Configuration and credential errors are expected; anything else is a bug, named as such.
      error = caught instanceof SoftbusSyncError ? caught.message : `internal error: ${caught instanceof Error ? caught.name : 'unknown'}`;
      log.error(caught instanceof SoftbusSyncError ? 'invocation failed' : 'internal error', { error: caught });
    }
  }
  const report = log.redact(
    buildReport({
      trigger: parsed.trigger,
      requestId: runtime.requestId,
      records: parsed.records,
      plan,
      execution,
      error,
      durationMs: Date.now() - startedAt,
    }),
  );
  logSummary(log, report, execution);
  return { report, retryAdvised: retryAdvised(report, error !== undefined) };
}

/** parseEvent never throws by design; should a bug make it, the event is rejected, not the invocation lost. */
function parseSafely(event: unknown): ParsedEvent {
  try {
    return parseEvent(event);
  } catch (caught) {
    const name = caught instanceof Error ? caught.name : 'unknown';
    return {
      trigger: Trigger.Unknown,
      records: [{ kind: 'rejected', ref: 'event', issues: [{ path: '', message: `unreadable event (${name})` }] }],
    };
  }
}

function pacing(config: Config, remainingMs: number) {
  return {
    pacer: new Pacer({ maxRps: config.maxRps }),
    deadline: Deadline.fromRemaining(remainingMs, config.deadlineReserveMs),
    maxAttempts: config.maxAttempts,
    requestTimeoutMs: config.requestTimeoutMs,
    concurrency: config.concurrency,
  };
}

/** LOG_LEVEL before the full configuration is read (which may fail, and that must be logged). */
function logLevelOf(env: Record<string, string | undefined>): LogLevel {
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  return (Object.values(LogLevel) as string[]).includes(level ?? '') ? (level as LogLevel) : LogLevel.Info;
}
