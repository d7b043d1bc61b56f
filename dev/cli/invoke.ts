import type { Emulator } from '../../emulator';
import { ensureBuilt } from '../build';
import { choosePlatform, emulatorRun, runBundle, UsageError } from '../local-run';
import { parseOptions, timeoutOption } from './args';
import { environmentNotice } from './environment';
import { readEventInput } from './event-input';
import { ExitCode, exitCodeOf, verdictOf } from './exit-codes';

/** The invoke command's options. */
export const INVOKE_OPTIONS = {
  event: { type: 'string', short: 'e' },
  data: { type: 'string', short: 'd' },
  target: { type: 'string', default: 'emulator' },
  platform: { type: 'string' },
  'exit-code': { type: 'boolean' },
  'timeout-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * What `--target cloud` needs from the environment; returns the names that are missing.
 * @example missingCloudSettings({ IOTDA_REGION: 'cn-north-4' }) // ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_PROJECT_ID']
 */
export function missingCloudSettings(env: Record<string, string | undefined>): string[] {
  const missing: string[] = [];
  if (!env.IOTDA_REGION?.trim() && !env.IOTDA_ENDPOINT?.trim()) missing.push('IOTDA_REGION (or IOTDA_ENDPOINT)');
  for (const name of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_PROJECT_ID']) if (!env[name]?.trim()) missing.push(name);
  return missing;
}

const say = (line: string) => void process.stderr.write(`${line}\n`);

/**
 * `softbus-sync invoke` (`npm run invoke`): runs the built bundle's handler once and prints its answer
 * (the report, or SQS batchItemFailures) as one JSON document on stdout; everything else (the function's
 * log lines, build notes) goes to stderr, so that stdout can be piped into a JSON parser.
 * Targets: `emulator` (default; the in-process emulator, sample fleet, demo keys) or `cloud` (the real
 * IoTDA API with the HUAWEICLOUD_SDK_* keys from the environment; the context carries no agency keys).
 * @example process.exitCode = await runInvoke(['-d', '{"kind":"resync","all":true,"dryRun":true}', '--exit-code'], showUsage);
 */
export async function runInvoke(args: string[], showUsage: () => void): Promise<ExitCode> {
  const values = parseOptions(args, INVOKE_OPTIONS);
  if (values.help) {
    showUsage();
    return ExitCode.Ok;
  }
  if (values.target !== 'emulator' && values.target !== 'cloud') throw new UsageError('--target must be emulator or cloud');
  const timeoutMs = timeoutOption(values['timeout-ms']);
  const { event } = readEventInput(values);
  const platform = choosePlatform(event, values.platform);

  let emu: Emulator | undefined;
  let context: unknown;
  if (values.target === 'cloud') {
    const missing = missingCloudSettings(process.env);
    if (missing.length > 0) throw new UsageError(`--target cloud calls the real IoTDA API and needs: ${missing.join(', ')} (not set).`);
    // No agency here: a context without keys, so the function uses the HUAWEICLOUD_SDK_* variables.
    context = platform.devContext({ remainingMs: timeoutMs });
  } else {
    const before = { ...process.env };
    ({ emu, context } = await emulatorRun(platform, { timeoutMs }));
    for (const line of environmentNotice(before, process.env)) say(line);
  }
  try {
    await ensureBuilt(say);
    const { answer, lines } = await runBundle(platform, event, context, 'stderr');
    if (answer.error) {
      say(`handler threw ${answer.error.name}: ${answer.error.message}`);
      // A throw without a report is not the function's retry signal: the run itself broke.
      if (answer.error.report === undefined) return ExitCode.Failed;
    }
    process.stdout.write(`${JSON.stringify(answer.error ? answer.error.report : answer.value, null, 2)}\n`);
    return exitCodeOf(verdictOf(lines), values['exit-code'] === true);
  } finally {
    await emu?.close();
  }
}
