import { DEMO, type Emulator, sampleFleet } from '../emulator';
import { httpRequest } from '../src/iotda/http';
import { signRequest } from '../src/iotda/signer';
import type { Platform } from '../src/platforms';
import { invokeHandler, loadBundle } from './bundles';
import { captureOutput } from './capture';
import { applyEnv, DEMO_INSTANCE_ID, emulatorEnv, startSampleEmulator } from './emulator';
import { readEvent, UsageError } from './local-run';
import { summarize } from './summary';

/** The scenarios `npm start -- --scenario <name>` runs. */
export const SCENARIOS = ['change-feed'] as const;

/** The group a device joins in the scenario (sample fleet: 2 buses), and the device. */
const GROUP = { id: '298246d5-df6d-899f-78ff-126d0e1257a5', name: 'kids-room' };
const DEVICE = 'thermostat-42';
/** A synced bus stays Synchronizing this long on the emulator: verification sees it settle. */
const SETTLE_MS = 1500;

/**
 * The whole loop of issue 10 against the emulator: a device joins a device group (a signed
 * manage-devices call, which CTS records), then the platform's timer or scheduled tick runs the real
 * bundle with the change feed and verification on; the feed finds the change, the group's buses are
 * synced and verified. `print` gets every line (the function's JSON logs included).
 * @example await runScenario('change-feed', functionGraph, console.log);
 */
export async function runScenario(name: string, platform: Platform<unknown>, print: (line: string) => void): Promise<void> {
  if (name !== 'change-feed') throw new UsageError(`--scenario must be ${SCENARIOS.join(' or ')}`);
  // Every bus synchronized to begin with, so that what the tick does is the change's doing.
  const fleet = sampleFleet();
  for (const bus of fleet.buses) bus.status = 'Synchronized';
  const emu = await startSampleEmulator({ fleet, acceptedSignatures: 'derived', instanceId: DEMO_INSTANCE_ID, syncSettleMs: SETTLE_MS });
  try {
    applyEnv({ ...emulatorEnv(emu, platform, { instance: true }), SYNC_CHANGE_FEED: 'cts', SYNC_VERIFY: 'true' });
    const buses = emu.listBuses().filter((bus) => bus.group_id === GROUP.id);
    print(`IoTDA and CTS emulator on ${emu.url}: ${emu.listBuses().length} soft buses, every one Synchronized.`);
    print(`\n1. A device joins a group: POST …/device-group/${GROUP.id}/action?action_id=addDevice&device_id=${DEVICE}`);
    const status = await addDevice(emu);
    const [trace] = emu.traces();
    print(
      `   → ${status}; CTS recorded trace ${trace?.trace_name} ${trace?.trace_id} (resource ${String(trace?.resource_id)}, code ${trace?.code}).`,
    );
    print(
      `   ${GROUP.name}'s ${buses.length} soft buses: ${buses.map((bus) => `${bus.bus_id} ${emu.getBus(bus.bus_id)?.status}`).join(', ')}.`,
    );
    const tick = readEvent(platform.name === 'lambda' ? 'events/lambda-scheduled.json' : 'events/functiongraph-timer.json');
    print(`\n2. The ${platform.name} tick (${tick.path}) runs dist/${platform.name}/index.js with SYNC_CHANGE_FEED=cts, SYNC_VERIFY=true.`);
    print('   The feed resyncs every bus of a changed group whatever its status (whether IoTDA flips a bus after a');
    print('   membership change is undocumented; the emulator does, so the pending reconcile selects them too: synced once).');
    print('\n── function logs ──');
    const keys = platform.keysFrom === 'context' ? DEMO.temporary : undefined;
    const context = platform.devContext({ keys, projectId: DEMO.projectId, remainingMs: 60_000 });
    const before = new Map(emu.listBuses().map((bus) => [bus.bus_id, bus.status ?? '']));
    const capture = captureOutput({ forward: 'stdout' });
    const answer = await invokeHandler(loadBundle(platform.name), tick.event, context).finally(() => capture.restore());
    print('\n── summary ──');
    print(summarize({ platform: platform.name, answer, lines: capture.lines, emu, before, groups: fleet.groups }));
    print(`\n3. After the tick: ${buses.map((bus) => `${bus.bus_id} ${emu.getBus(bus.bus_id)?.status}`).join(', ')}.`);
  } finally {
    await emu.close();
  }
}

/** IoTDA's manage-devices call, signed as the SDK signs it for an instance endpoint (derived, Instance-Id). */
async function addDevice(emu: Emulator): Promise<number> {
  const url = `${emu.url}/v5/iot/${DEMO.projectId}/device-group/${GROUP.id}/action`;
  const query = { action_id: 'addDevice', device_id: DEVICE };
  const headers = { 'Content-Type': 'application/json', 'X-Project-Id': DEMO.projectId, 'Instance-Id': DEMO_INSTANCE_ID };
  const signed = signRequest({ method: 'POST', url, query, headers }, { ...DEMO.permanent, source: 'environment' }, 'derived', DEMO.region);
  const response = await httpRequest({ method: 'POST', url: `${url}?${new URLSearchParams(query)}`, headers: signed, timeoutMs: 5000 });
  return response.status;
}
