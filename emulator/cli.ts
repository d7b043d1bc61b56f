/**
 * `npm run emulator` (node emulator/run.mjs): the emulator alone, for manual poking.
 * Prints where it listens and the keys it accepts, then one JSON line per request.
 *
 * Options: --port N (default: a free port), --host H, --fleet FILE (default: the sample fleet),
 * --accepted-signatures basic|derived|any (old name: --auth-mode), --instance-id ID, --latency-ms N,
 * --quota-rate N, --random-fault-rate R (with --seed N), --sync-settle-ms N (how long a synced bus stays
 * Synchronizing), --cts-delay-ms N (how long CTS takes to list a trace), --cts-denied-ak AK (repeatable: keys
 * without CTS rights).
 * @example node emulator/run.mjs --port 8080 --accepted-signatures derived
 */
import { parseArgs } from 'node:util';
import { DEMO } from './demo.js';
import { loadFleet, SAMPLE_FLEET_FILE, sampleFleet } from './fleet.js';
import type { EmulatorOptions } from './options.js';
import { startEmulator } from './server.js';
import { AcceptedSignatures } from './types.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    fleet: { type: 'string' },
    'accepted-signatures': { type: 'string' },
    /** The old name of --accepted-signatures, kept so that existing commands still work. */
    'auth-mode': { type: 'string' },
    'instance-id': { type: 'string' },
    'latency-ms': { type: 'string' },
    'quota-rate': { type: 'string' },
    'random-fault-rate': { type: 'string' },
    seed: { type: 'string', default: '1' },
    'sync-settle-ms': { type: 'string' },
    'cts-delay-ms': { type: 'string' },
    'cts-denied-ak': { type: 'string', multiple: true },
  },
});

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
}

async function main(): Promise<void> {
  const accepted = (values['accepted-signatures'] ?? values['auth-mode'] ?? 'any') as AcceptedSignatures;
  if (!Object.values(AcceptedSignatures).includes(accepted)) throw new Error('--accepted-signatures must be basic, derived or any');
  const rate = number('quota-rate', values['quota-rate']);
  const faultRate = number('random-fault-rate', values['random-fault-rate']);
  const options: EmulatorOptions = {
    projectId: DEMO.projectId,
    region: DEMO.region,
    credentials: [...DEMO.credentials],
    fleet: values.fleet ? loadFleet(values.fleet) : sampleFleet(),
    acceptedSignatures: accepted,
    instanceId: values['instance-id'],
    latencyMs: number('latency-ms', values['latency-ms']),
    quota: rate ? { ratePerSecond: rate } : undefined,
    randomFaults: faultRate ? { rate: faultRate, seed: number('seed', values.seed) ?? 1 } : undefined,
    syncSettleMs: number('sync-settle-ms', values['sync-settle-ms']),
    cts: { delayMs: number('cts-delay-ms', values['cts-delay-ms']), deniedAccessKeys: values['cts-denied-ak'] },
    host: values.host,
    port: number('port', values.port),
  };
  const emu = await startEmulator({ ...options, onCall: (call) => console.log(JSON.stringify(call)) });
  const lines = [
    `IoTDA emulator listening on ${emu.url}  (fleet: ${values.fleet ?? SAMPLE_FLEET_FILE}, ${emu.listBuses().length} buses)`,
    `  endpoint:   ${emu.url}/v5/iot/${DEMO.projectId}/harmony-soft-bus  (IoTDA)`,
    `              ${emu.url}/v3/${DEMO.projectId}/traces  (CTS, plain signature only)`,
    `  project ID: ${DEMO.projectId}`,
    `  region:     ${DEMO.region}   accepts: ${accepted} signatures${options.instanceId ? `   Instance-Id: ${options.instanceId}` : ''}`,
    ...DEMO.credentials.map((c) => `  accepts AK ${c.ak}  SK ${c.sk}${c.securityToken ? `  token ${c.securityToken}` : ''}`),
    `  env for a client: IOTDA_ENDPOINT=${emu.url} CTS_ENDPOINT=${emu.url} IOTDA_REGION=${DEMO.region} HUAWEICLOUD_SDK_PROJECT_ID=${DEMO.projectId} ` +
      `HUAWEICLOUD_SDK_AK=${DEMO.permanent.ak} HUAWEICLOUD_SDK_SK=${DEMO.permanent.sk}`,
    '  (fake test keys; one JSON line per request follows; Ctrl-C stops)',
  ];
  console.log(lines.join('\n'));
  const stop = () => void emu.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`emulator: ${(error as Error).message}`);
  process.exit(1);
});
