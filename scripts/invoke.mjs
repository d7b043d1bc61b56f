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
import { withCapturedLogs } from './lib/capture.mjs';
import {
  ensureBuilt,
  functionGraphContext,
  lambdaContext,
  platformFor,
  readEvent,
  runHandler,
  startDemoEmulator,
  UsageError,
  useEmulatorEnv,
} from './lib/local-run.mjs';

const HELP = `usage: npm run invoke -- --event <file> --target emulator|cloud [--platform functiongraph|lambda] [--timeout-ms N]
  emulator  the in-process IoTDA emulator with the sample fleet and the demo keys
  cloud     the real service: set IOTDA_REGION (or IOTDA_ENDPOINT for an instance endpoint, with IOTDA_REGION),
            HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK [HUAWEICLOUD_SDK_SECURITY_TOKEN] and HUAWEICLOUD_SDK_PROJECT_ID.
            Tip: try a {"kind":"resync",…,"dryRun":true} event first.
  The platform defaults to lambda for SQS and EventBridge events, functiongraph otherwise.`;

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
  if (!values.event) throw new UsageError('--event is required');
  if (values.target !== 'emulator' && values.target !== 'cloud') throw new UsageError('--target must be emulator or cloud');
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1000) throw new UsageError('--timeout-ms must be a whole number of ms, at least 1000');
  const { event } = readEvent(values.event);
  const platform = platformFor(event, values.platform);

  let emulator;
  let context;
  if (values.target === 'cloud') {
    const missing = missingCloudSettings(process.env);
    if (missing.length > 0) throw new UsageError(`--target cloud calls the real IoTDA API and needs: ${missing.join(', ')} (not set).`);
    // No agency here: a context without keys, so the function uses the HUAWEICLOUD_SDK_* variables.
    context = platform === 'lambda' ? lambdaContext({ timeoutMs }) : functionGraphContext({ timeoutMs });
  } else {
    const started = await startDemoEmulator();
    emulator = started.emu;
    useEmulatorEnv(started.emu, started.DEMO, platform);
    context =
      platform === 'lambda'
        ? lambdaContext({ timeoutMs })
        : functionGraphContext({ keys: started.DEMO.temporary, projectId: started.DEMO.projectId, timeoutMs });
  }
  try {
    await ensureBuilt();
    const { value: answer } = await withCapturedLogs(process.stderr.write.bind(process.stderr), () => runHandler(platform, event, context));
    if (answer.thrown) {
      process.stderr.write(`handler threw ${answer.thrown.name}: ${answer.thrown.message}\n`);
      if (answer.thrown.report === undefined) throw answer.thrown;
    }
    console.log(JSON.stringify(answer.thrown ? answer.thrown.report : answer.result, null, 2));
  } finally {
    await emulator?.close();
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`npm run invoke: ${error.message}\n${HELP}`);
    process.exit(2);
  }
  console.error(`npm run invoke: could not run: ${error?.stack ?? error}`);
  process.exit(1);
});
