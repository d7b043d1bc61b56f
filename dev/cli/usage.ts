import { PLATFORMS } from '../../src/platforms';
import { DEFAULT_EVENT } from '../local-run';

const platforms = PLATFORMS.map((p) => p.name).join('|');

/** What the user typed to reach a command: `softbus-sync invoke`, or the npm script that runs it. */
export type Prog = string;

/** The top-level usage. @example console.log(mainUsage()) */
export function mainUsage(): string {
  return `usage: softbus-sync <command> [options]      (from a clone: npx softbus-sync …)

commands:
  demo       the sample event against the embedded IoTDA emulator, explained (npm start)
  invoke     run the built function once on an event; its answer (JSON) on stdout, its logs on stderr
  emulator   the IoTDA emulator alone, for curl or your own client (npm run emulator)

softbus-sync <command> --help shows a command's options.`;
}

/** @example console.log(invokeUsage('softbus-sync invoke')) */
export function invokeUsage(prog: Prog): string {
  return `usage: ${prog} (-e FILE | -d JSON) [--target emulator|cloud] [--platform ${platforms}] [--exit-code] [--timeout-ms N]
  -e, --event FILE   the event, a JSON file (- reads it from standard input)
  -d, --data JSON    the event, inline
  --target T         emulator (default): the in-process IoTDA emulator, sample fleet, demo keys;
                     cloud: the real service, with IOTDA_REGION (or IOTDA_ENDPOINT, with IOTDA_INSTANCE_ID for an
                     instance), HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK [HUAWEICLOUD_SDK_SECURITY_TOKEN] and
                     HUAWEICLOUD_SDK_PROJECT_ID. Try a {"kind":"resync",…,"dryRun":true} event first.
  --platform P       the bundle to run (default: the platform whose trigger sends this event; SQS, EventBridge: lambda)
  --exit-code        exit 1 when the outcome is failed or rejected, 3 when it is partial
  --timeout-ms N     the time the context says is left, 1000–900000 (default 60000)
stdout: the answer (the report, or SQS batchItemFailures), one JSON document; stderr: everything else.
exit: 0 the function answered; 1 it could not run, or failed before any work (configuration, credentials);
      2 wrong arguments or missing settings; 3 partial (with --exit-code).
With the emulator, the emulator's endpoint, region, signing and keys replace yours for the run (named on
stderr); your SYNC_* and LOG_LEVEL apply.`;
}

/** @example console.log(demoUsage('npm start --')) */
export function demoUsage(prog: Prog): string {
  return `usage: ${prog} [-e FILE | -d JSON | --scenario change-feed] [--platform ${platforms}]
  Runs the built function against the embedded IoTDA emulator (sample fleet) and explains what happened.
  -e, --event FILE   the event (default ${DEFAULT_EVENT}; - reads standard input); samples in events/
  -d, --data JSON    the event, inline
  --scenario change-feed  the whole loop: a device joins a group, the timer's change feed finds it, its buses
                     are synced and verified (--platform lambda: the scheduled rule)
  --platform P       the bundle to run (default: the platform whose trigger sends this event; SQS, EventBridge: lambda)
exit: 0 whatever the outcome of the event; 1 the demo could not run, or the function failed before any work
      (e.g. a bad SYNC_* in your environment); 2 wrong arguments.
The emulator's endpoint, region, signing and keys replace yours for the run (named above the logs); your
SYNC_* and LOG_LEVEL apply.`;
}
