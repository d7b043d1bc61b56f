import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { DEMO, type Emulator } from '../emulator';
import { describeEvent } from '../src/events';
import { PLATFORMS, type Platform, platformFor, platformNamed } from '../src/platforms';
import { type Answer, invokeHandler, loadBundle } from './bundles';
import { captureOutput } from './capture';
import { applyEnv, emulatorEnv, startDemoEmulator } from './emulator';
import { ROOT } from './root';

/** The event `npm start` runs when none is given. */
export const DEFAULT_EVENT = 'events/functiongraph-cts-manage-devices.json';

/** A mistake of the person running the command (exit 2), as opposed to a failure of the run (exit 1). */
export class UsageError extends Error {}

/**
 * Reads an event file, relative to where the command was typed, else to the repository.
 * @example readEvent('events/manual-resync.json') // { path: 'events/manual-resync.json', event: { kind: 'resync', … } }
 */
export function readEvent(file: string): { path: string; event: unknown } {
  const candidates = isAbsolute(file) ? [file] : [resolve(process.env.INIT_CWD ?? process.cwd(), file), resolve(ROOT, file)];
  const path = candidates.find((p) => existsSync(p) && statSync(p).isFile());
  if (!path)
    throw new UsageError(`no such event file: ${file} (the samples are in events/: ${readdirSync(join(ROOT, 'events')).join(', ')})`);
  try {
    return { path: relative(ROOT, path).startsWith('..') ? path : relative(ROOT, path), event: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The platform to run an event on: the one named, else the one whose trigger sends this shape.
 * @example choosePlatform({ Records: [] }).name // 'lambda'
 */
export function choosePlatform(event: unknown, explicit?: string): Platform<unknown> {
  if (explicit) {
    const named = platformNamed(explicit);
    if (!named) throw new UsageError(`--platform must be ${PLATFORMS.map((p) => p.name).join(' or ')}`);
    return named as Platform<unknown>;
  }
  return platformFor(describeEvent(event).trigger) as Platform<unknown>;
}

/** A run of the real bundle: its answer and the log lines it wrote. */
export interface LocalRun {
  answer: Answer;
  lines: string[];
}

/**
 * Runs the built bundle of a platform on an event with a dev context, capturing its log lines and
 * passing them on to `forward` (the terminal's stdout or stderr).
 * @example const { answer, lines } = await runBundle(platform, event, context, 'stderr');
 */
export async function runBundle(
  platform: Platform<unknown>,
  event: unknown,
  context: unknown,
  forward: 'stdout' | 'stderr',
): Promise<LocalRun> {
  const handler = loadBundle(platform.name);
  const capture = captureOutput({ forward });
  try {
    return { answer: await invokeHandler(handler, event, context), lines: capture.lines };
  } finally {
    capture.restore();
  }
}

/**
 * Starts the demo emulator (instance endpoint, sample fleet), points this process's environment at it
 * for the platform, and returns it with a dev context holding the demo keys where the platform reads them.
 * @example const { emu, context } = await emulatorRun(platform, { timeoutMs: 60_000 });
 */
export async function emulatorRun(platform: Platform<unknown>, { timeoutMs = 60_000 } = {}): Promise<{ emu: Emulator; context: unknown }> {
  const emu = await startDemoEmulator();
  applyEnv(emulatorEnv(emu, platform, { instance: true }));
  const keys = platform.keysFrom === 'context' ? DEMO.temporary : undefined;
  return { emu, context: platform.devContext({ keys, projectId: DEMO.projectId, remainingMs: timeoutMs }) };
}
