import { sampleFleet } from '../../emulator';
import { describeEvent } from '../../src/events';
import { ensureBuilt } from '../build';
import { choosePlatform, DEFAULT_EVENT, emulatorRun, runBundle } from '../local-run';
import { runScenario } from '../scenario';
import { summarize } from '../summary';
import { parseOptions } from './args';
import { environmentNotice } from './environment';
import { readEventInput } from './event-input';
import { type ExitCode, exitCodeOf, verdictOf } from './exit-codes';

/** The demo's options. */
export const DEMO_OPTIONS = {
  event: { type: 'string', short: 'e' },
  data: { type: 'string', short: 'd' },
  platform: { type: 'string' },
  scenario: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `softbus-sync demo` (`npm start`): the function's main job on one machine. Builds if needed, starts
 * the IoTDA emulator in-process with the sample fleet, runs the real bundle's handler on an event with a
 * platform-like context, prints the function's JSON log lines (stdout, as LTS / CloudWatch receive them)
 * and a summary. Answers 0 whatever the outcome of the event; 1 when the demo could not run or the
 * function failed before any work (e.g. a bad SYNC_* in your environment); 2 for a wrong argument.
 * @example process.exitCode = await runDemo(['-e', 'events/lambda-sqs-batch.json'], (usage) => console.log(usage));
 */
export async function runDemo(args: string[], showUsage: () => void): Promise<ExitCode> {
  const values = parseOptions(args, DEMO_OPTIONS);
  if (values.help) {
    showUsage();
    return 0;
  }
  if (values.scenario) {
    // A story of several steps rather than one event (dev/scenario.ts): the change-feed loop.
    const platform = choosePlatform({ trigger_type: 'TIMER' }, values.platform);
    await ensureBuilt((line) => console.log(line));
    await runScenario(values.scenario, platform, (line) => console.log(line));
    return 0;
  }
  const { source, event } = readEventInput(values, { fallback: DEFAULT_EVENT });
  const platform = choosePlatform(event, values.platform);
  await ensureBuilt((line) => console.log(line));
  const before = { ...process.env };
  const { emu, context } = await emulatorRun(platform);
  try {
    const groups = sampleFleet().groups;
    const statuses = new Map(emu.listBuses().map((b) => [b.bus_id, b.status]));
    console.log(
      `IoTDA emulator on ${emu.url}: ${emu.listBuses().length} soft buses in ${groups.length} device groups (emulator/fleets/sample.json),`,
    );
    console.log(`  strict like an instance endpoint: derived (V11-HMAC-SHA256) signatures, Instance-Id ${process.env.IOTDA_INSTANCE_ID}.`);
    for (const line of environmentNotice(before, process.env)) console.log(line);
    console.log(`Event ${source}: ${describeEvent(event).text}`);
    const keys =
      platform.keysFrom === 'context'
        ? 'keys from the context (the agency: the demo temporary key and token)'
        : 'Huawei keys from HUAWEICLOUD_SDK_* (the demo permanent key)';
    console.log(`Running dist/${platform.name}/index.js handler with a ${platform.name} context; ${keys}.`);
    console.log('\n── function logs (JSON lines on stdout, as LTS / CloudWatch receive them) ──');
    const { answer, lines } = await runBundle(platform, event, context, 'stdout');
    console.log('\n── summary ──');
    console.log(summarize({ platform: platform.name, answer, lines, emu, before: statuses, groups }));
    return exitCodeOf(verdictOf(lines), false);
  } finally {
    await emu.close();
  }
}
