/**
 * The emulator alone, for manual poking: `npm run emulator`, `npx softbus-sync emulator` (both call
 * runEmulatorCli). Prints where it listens and the keys it accepts, then one JSON line per request.
 * A wrong argument prints one line and the usage, and the function answers 2 (never a stack trace).
 * @example await runEmulatorCli(['--port', '8080', '--accepted-signatures', 'none']); // curl away
 */
import { parseArgs } from 'node:util';
import { DEMO } from './demo.js';
import { loadFleet, SAMPLE_FLEET_FILE, sampleFleet } from './fleet.js';
import type { EmulatorOptions } from './options.js';
import { startEmulator } from './server.js';
import { AcceptedSignatures } from './types.js';

const USAGE = `usage: {prog} [--port N] [--host H] [--fleet FILE] [--accepted-signatures basic|derived|any|none] [--unsigned]
       [--instance-id ID] [--latency-ms N] [--quota-rate N [--quota-immediate]] [--random-fault-rate R [--seed N]] [--sync-settle-ms N]
       [--cts-delay-ms N] [--cts-denied-ak AK ...]
  --accepted-signatures  which signatures the IoTDA routes accept (default any); none (or --unsigned) also
                         takes requests without Authorization, as the first demo key: for curl (emulator/README.md)
  --auth-mode            the old name of --accepted-signatures`;

const OPTIONS = {
  port: { type: 'string', default: '0' },
  host: { type: 'string', default: '127.0.0.1' },
  fleet: { type: 'string' },
  'accepted-signatures': { type: 'string' },
  'auth-mode': { type: 'string' },
  unsigned: { type: 'boolean' },
  'instance-id': { type: 'string' },
  'latency-ms': { type: 'string' },
  'quota-rate': { type: 'string' },
  'quota-immediate': { type: 'boolean' },
  'random-fault-rate': { type: 'string' },
  seed: { type: 'string', default: '1' },
  'sync-settle-ms': { type: 'string' },
  'cts-delay-ms': { type: 'string' },
  'cts-denied-ak': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A mistake in the command line: one line and the usage, exit 2. */
class EmulatorUsageError extends Error {}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new EmulatorUsageError(`--${name} must be a non-negative number`);
  return value;
}

function optionsFrom(args: string[]): { options: EmulatorOptions; fleetFile: string } | 'help' {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    // Node's own message, first sentence only (the rest explains `--` to a programmer).
    throw new EmulatorUsageError((error as Error).message.split('. ')[0] ?? 'wrong arguments');
  }
  if (values.help) return 'help';
  const named = values['accepted-signatures'] ?? values['auth-mode'] ?? (values.unsigned ? AcceptedSignatures.None : 'any');
  if (values.unsigned && named !== AcceptedSignatures.None) throw new EmulatorUsageError('--unsigned means --accepted-signatures none');
  const accepted = named as AcceptedSignatures;
  if (!Object.values(AcceptedSignatures).includes(accepted))
    throw new EmulatorUsageError(`--accepted-signatures must be ${Object.values(AcceptedSignatures).join(', ')}`);
  const rate = number('quota-rate', values['quota-rate']);
  const faultRate = number('random-fault-rate', values['random-fault-rate']);
  let fleet: EmulatorOptions['fleet'];
  try {
    fleet = values.fleet ? loadFleet(values.fleet) : sampleFleet();
  } catch (error) {
    throw new EmulatorUsageError(`--fleet ${values.fleet}: ${(error as Error).message.split('\n')[0]}`);
  }
  const options: EmulatorOptions = {
    projectId: DEMO.projectId,
    region: DEMO.region,
    credentials: [...DEMO.credentials],
    fleet,
    acceptedSignatures: accepted,
    instanceId: values['instance-id'],
    latencyMs: number('latency-ms', values['latency-ms']),
    quota: rate ? { ratePerSecond: rate, immediate: values['quota-immediate'] === true } : undefined,
    randomFaults: faultRate ? { rate: faultRate, seed: number('seed', values.seed) ?? 1 } : undefined,
    syncSettleMs: number('sync-settle-ms', values['sync-settle-ms']),
    cts: { delayMs: number('cts-delay-ms', values['cts-delay-ms']), deniedAccessKeys: values['cts-denied-ak'] },
    host: values.host,
    port: number('port', values.port),
  };
  return { options, fleetFile: values.fleet ?? SAMPLE_FLEET_FILE };
}

function banner(url: string, buses: number, fleetFile: string, options: EmulatorOptions): string {
  const accepted = options.acceptedSignatures ?? 'any';
  const unsigned = accepted === AcceptedSignatures.None;
  const base = `${url}/v5/iot/${DEMO.projectId}`;
  return [
    `IoTDA emulator listening on ${url}  (fleet: ${fleetFile}, ${buses} buses)`,
    `  endpoint:   ${base}/harmony-soft-bus  (IoTDA)`,
    `              ${url}/v3/${DEMO.projectId}/traces  (CTS, plain signature only)`,
    `  project ID: ${DEMO.projectId}`,
    `  region:     ${DEMO.region}   accepts: ${unsigned ? 'unsigned requests and any' : accepted} signatures${options.instanceId ? `   Instance-Id: ${options.instanceId}` : ''}`,
    ...DEMO.credentials.map((c) => `  accepts AK ${c.ak}  SK ${c.sk}${c.securityToken ? `  token ${c.securityToken}` : ''}`),
    `  env for a client: IOTDA_ENDPOINT=${url} CTS_ENDPOINT=${url} IOTDA_REGION=${DEMO.region} HUAWEICLOUD_SDK_PROJECT_ID=${DEMO.projectId} ` +
      `HUAWEICLOUD_SDK_AK=${DEMO.permanent.ak} HUAWEICLOUD_SDK_SK=${DEMO.permanent.sk}`,
    ...(unsigned
      ? [
          `  try:        curl -s '${base}/harmony-soft-bus?limit=5'`,
          `              curl -s -X POST '${base}/harmony-soft-bus/<bus_id>/sync'`,
        ]
      : []),
    '  (fake test keys; one JSON line per request follows; Ctrl-C stops)',
  ].join('\n');
}

/**
 * Starts the stand-alone emulator from command-line arguments. Resolves with an exit code when it will
 * not run (2: wrong arguments; 1: it could not start), or undefined once it listens (it runs until
 * SIGINT/SIGTERM).
 * @example process.exitCode = (await runEmulatorCli(process.argv.slice(2), 'npm run emulator --')) ?? 0;
 */
export async function runEmulatorCli(args: string[], prog = 'npm run emulator --'): Promise<number | undefined> {
  const usage = USAGE.replace('{prog}', prog);
  let parsed: ReturnType<typeof optionsFrom>;
  try {
    parsed = optionsFrom(args);
  } catch (error) {
    if (!(error instanceof EmulatorUsageError)) throw error;
    process.stderr.write(`emulator: ${error.message}\n${usage}\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const { options, fleetFile } = parsed;
  try {
    const emu = await startEmulator({ ...options, onCall: (call) => console.log(JSON.stringify(call)) });
    console.log(banner(emu.url, emu.listBuses().length, fleetFile, options));
    const stop = () => void emu.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return undefined;
  } catch (error) {
    process.stderr.write(`emulator: could not start: ${(error as Error).message}\n`);
    return 1;
  }
}
