// `npm start [-- --event events/<file>.json] [-- --platform functiongraph|lambda]`: the function's main
// job on one machine. Builds if needed, starts the IoTDA emulator in-process with the sample fleet, runs
// the real bundle's handler on a sample event with a platform-like context, prints the function's
// structured logs and a human-readable summary. Exits 0 whatever the outcome; 1 only if the demo could
// not run, 2 for a wrong argument. The logic is in the development harness (dev/).
import { parseArgs } from 'node:util';
import { loadHarness } from './lib/import-ts.mjs';

const h = await loadHarness();
const HELP = `usage: npm start [-- --event events/<file>.json] [--platform ${h.PLATFORMS.map((p) => p.name).join('|')}]
  Runs the built function against the embedded IoTDA emulator (sample fleet) and explains what happened.
  Default event: ${h.DEFAULT_EVENT}. Each event runs on the platform whose trigger sends it (SQS and EventBridge: lambda).`;

async function main() {
  const { values } = parseArgs({
    options: { event: { type: 'string', default: h.DEFAULT_EVENT }, platform: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return void console.log(HELP);
  const { path, event } = h.readEvent(values.event);
  const platform = h.choosePlatform(event, values.platform);
  await h.ensureBuilt((line) => console.log(line));

  const { emu, context } = await h.emulatorRun(platform);
  try {
    const groups = h.sampleFleet().groups;
    const before = new Map(emu.listBuses().map((b) => [b.bus_id, b.status]));
    console.log(
      `IoTDA emulator on ${emu.url}: ${emu.listBuses().length} soft buses in ${groups.length} device groups (emulator/fleets/sample.json),`,
    );
    console.log(`  strict like an instance endpoint: derived (V11-HMAC-SHA256) signatures, Instance-Id ${process.env.IOTDA_INSTANCE_ID}.`);
    console.log(`Event ${path}: ${h.describeEvent(event).text}`);
    const keys =
      platform.keysFrom === 'context'
        ? 'keys from the context (the agency: the demo temporary key and token)'
        : 'Huawei keys from HUAWEICLOUD_SDK_* (the demo permanent key)';
    console.log(`Running dist/${platform.name}/index.js handler with a ${platform.name} context; ${keys}.`);
    console.log('\n── function logs (JSON lines on stdout, as LTS / CloudWatch receive them) ──');
    const { answer, lines } = await h.runBundle(platform, event, context, 'stdout');
    console.log('\n── summary ──');
    console.log(h.summarize({ platform: platform.name, answer, lines, emu, before, groups }));
  } finally {
    await emu.close();
  }
}

main().catch((error) => {
  if (error instanceof h.UsageError) {
    console.error(`npm start: ${error.message}\n${HELP}`);
    process.exit(2);
  }
  console.error(`npm start: the demo could not run: ${error?.stack ?? error}`);
  process.exit(1);
});
