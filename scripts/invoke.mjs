// `npm run invoke -- --event <file> --target emulator|cloud [--platform functiongraph|lambda]`
// Runs the built bundle's handler once and prints its answer (the report, or SQS batchItemFailures)
// as JSON on stdout; the function's own log lines go to stderr so that stdout can be piped.
//   emulator: as `npm start`, against the in-process emulator with the demo keys.
//   cloud:    against the real IoTDA API: IOTDA_REGION and/or IOTDA_ENDPOINT, HUAWEICLOUD_SDK_AK,
//             HUAWEICLOUD_SDK_SK (HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys) and
//             HUAWEICLOUD_SDK_PROJECT_ID from the environment. The context carries no agency keys.
// Exit codes: 0 the handler ran (whatever its outcome; a thrown retry error is printed with its
// report), 1 the invocation could not be run, 2 wrong arguments or missing cloud configuration.
import { parseArgs } from 'node:util';
import { loadHarness } from './lib/import-ts.mjs';

const h = await loadHarness();
const HELP = `usage: npm run invoke -- --event <file> --target emulator|cloud [--platform ${h.PLATFORMS.map((p) => p.name).join('|')}] [--timeout-ms N]
  emulator  the in-process IoTDA emulator with the sample fleet and the demo keys
  cloud     the real service: set IOTDA_REGION (or IOTDA_ENDPOINT for an instance endpoint, with IOTDA_REGION),
            HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK [HUAWEICLOUD_SDK_SECURITY_TOKEN] and HUAWEICLOUD_SDK_PROJECT_ID.
            Tip: try a {"kind":"resync",…,"dryRun":true} event first.
  Each event runs on the platform whose trigger sends it (SQS and EventBridge: lambda), unless --platform says otherwise.`;

/** What the cloud target needs from the environment; returns the names that are missing. */
function missingCloudSettings(env) {
  const missing = [];
  if (!env.IOTDA_REGION?.trim() && !env.IOTDA_ENDPOINT?.trim()) missing.push('IOTDA_REGION (or IOTDA_ENDPOINT)');
  for (const name of ['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HUAWEICLOUD_SDK_PROJECT_ID']) if (!env[name]?.trim()) missing.push(name);
  return missing;
}

async function main() {
  const { values } = parseArgs({
    options: {
      event: { type: 'string' },
      target: { type: 'string' },
      platform: { type: 'string' },
      'timeout-ms': { type: 'string', default: '60000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(HELP);
  if (!values.event) throw new h.UsageError('--event is required');
  if (values.target !== 'emulator' && values.target !== 'cloud') throw new h.UsageError('--target must be emulator or cloud');
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000) throw new h.UsageError('--timeout-ms must be a whole number of ms, at least 1000');
  const { event } = h.readEvent(values.event);
  const platform = h.choosePlatform(event, values.platform);

  let emu;
  let context;
  if (values.target === 'cloud') {
    const missing = missingCloudSettings(process.env);
    if (missing.length > 0) throw new h.UsageError(`--target cloud calls the real IoTDA API and needs: ${missing.join(', ')} (not set).`);
    // No agency here: a context without keys, so the function uses the HUAWEICLOUD_SDK_* variables.
    context = platform.devContext({ remainingMs: timeoutMs });
  } else {
    ({ emu, context } = await h.emulatorRun(platform, { timeoutMs }));
  }
  try {
    await h.ensureBuilt();
    const { answer } = await h.runBundle(platform, event, context, 'stderr');
    if (answer.error) {
      process.stderr.write(`handler threw ${answer.error.name}: ${answer.error.message}\n`);
      if (answer.error.report === undefined) throw answer.error;
    }
    console.log(JSON.stringify(answer.error ? answer.error.report : answer.value, null, 2));
  } finally {
    await emu?.close();
  }
}

main().catch((error) => {
  if (error instanceof h.UsageError) {
    console.error(`npm run invoke: ${error.message}\n${HELP}`);
    process.exit(2);
  }
  console.error(`npm run invoke: could not run: ${error?.stack ?? error}`);
  process.exit(1);
});
