// `npm start [-- --event events/<file>.json] [-- --platform functiongraph|lambda]`: the function's main
// job on one machine. Builds if needed, starts the IoTDA emulator in-process with the sample fleet, runs
// the real bundle's handler on a sample event with a platform-like context, prints the function's
// structured logs and a human-readable summary. Exits 0 whatever the outcome; 1 only if the demo could
// not run, 2 for a wrong argument.
import { parseArgs } from 'node:util';
import { withCapturedLogs } from './lib/capture.mjs';
import {
  DEFAULT_EVENT,
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
import { describeEvent, summarize } from './lib/summary.mjs';

const HELP = `usage: npm start [-- --event events/<file>.json] [--platform functiongraph|lambda]
  Runs the built function against the embedded IoTDA emulator (sample fleet) and explains what happened.
  Default event: ${DEFAULT_EVENT}. Lambda events (SQS, EventBridge) run the Lambda bundle.`;

async function main() {
  const { values } = parseArgs({
    options: { event: { type: 'string', default: DEFAULT_EVENT }, platform: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(HELP);
  const { path, event } = readEvent(values.event);
  const platform = platformFor(event, values.platform);
  await ensureBuilt((line) => console.log(line));

  const { emu, DEMO, groups } = await startDemoEmulator();
  try {
    const before = new Map(emu.listBuses().map((b) => [b.bus_id, b.status]));
    useEmulatorEnv(emu, DEMO, platform);
    const context = platform === 'lambda' ? lambdaContext() : functionGraphContext({ keys: DEMO.temporary, projectId: DEMO.projectId });
    console.log(
      `IoTDA emulator on ${emu.url}: ${emu.listBuses().length} soft buses in ${groups.length} device groups (emulator/fleets/sample.json),`,
    );
    console.log(`  strict like an instance endpoint: derived (V11-HMAC-SHA256) signatures, Instance-Id ${process.env.IOTDA_INSTANCE_ID}.`);
    console.log(`Event ${path}: ${describeEvent(event)}`);
    console.log(
      platform === 'lambda'
        ? 'Running dist/lambda/index.js handler with a Lambda context; Huawei keys from HUAWEICLOUD_SDK_* (the demo permanent key).'
        : 'Running dist/functiongraph/index.js handler with a FunctionGraph context; keys from the agency (the demo temporary key and token).',
    );
    console.log('\n── function logs (JSON lines on stdout, as LTS / CloudWatch receive them) ──');
    const { value: answer, lines } = await withCapturedLogs(process.stdout.write, () => runHandler(platform, event, context));
    console.log('\n── summary ──');
    console.log(summarize({ platform, answer, lines, emu, before, groups }));
  } finally {
    await emu.close();
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`npm start: ${error.message}\n${HELP}`);
    process.exit(2);
  }
  console.error(`npm start: the demo could not run: ${error?.stack ?? error}`);
  process.exit(1);
});
