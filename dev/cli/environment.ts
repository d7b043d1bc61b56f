import { CONFIG_ENV_NAMES } from '../../src/config';
import { CREDENTIAL_VARS } from '../emulator';

type Env = Record<string, string | undefined>;
/** The variables a local run may replace: the configuration and the keys. */
const WATCHED = [...CONFIG_ENV_NAMES, ...CREDENTIAL_VARS];

/**
 * The rule for runs against the emulator (`demo`, `invoke --target emulator`): the variables that say
 * WHERE the function goes and AS WHOM (endpoint, region, signing, instance, keys, project) are the
 * emulator's for the run; those that say HOW it works (SYNC_*, LOG_LEVEL) stay the user's. Nothing is
 * set aside silently: this names, from the environment before and after the run's set-up, the user's
 * variables that were replaced (names only: they may hold keys) and the settings of theirs that apply
 * (values shown: they are numbers and levels).
 * @example environmentNotice(before, process.env) // ['Set aside for this run (…): IOTDA_REGION, IOTDA_AUTH.']
 */
export function environmentNotice(before: Env, after: Env): string[] {
  const mine = (name: string) => Boolean(before[name]?.trim());
  const replaced = WATCHED.filter((name) => mine(name) && after[name] !== before[name]);
  const kept = CONFIG_ENV_NAMES.filter((name) => mine(name) && after[name] === before[name]);
  const lines: string[] = [];
  if (replaced.length > 0)
    lines.push(
      `Set aside for this run (the emulator decides where the function goes and as whom; your shell keeps them): ${replaced.join(', ')}.`,
    );
  if (kept.length > 0) lines.push(`Your settings that apply: ${kept.map((name) => `${name}=${before[name]}`).join(', ')}.`);
  return lines;
}
