import { readFileSync } from 'node:fs';
import { readEvent, UsageError } from '../local-run';

/** Where the event came from, and the event. */
export interface EventInput {
  /** `stdin`, `--data`, or the file's path as shown to the user. */
  source: string;
  event: unknown;
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where} is not JSON: ${(error as Error).message}`);
  }
}

/**
 * The event of a command: `-e FILE` (a path; `-` reads standard input) or `-d JSON`, exactly one of them
 * (or `fallback`, a file, when neither is given and the command has a default).
 * @example readEventInput({ data: '{"kind":"resync","all":true}' }).event // { kind: 'resync', all: true }
 */
export function readEventInput(
  { event, data }: { event?: string; data?: string },
  { fallback, readStdin = () => readFileSync(0, 'utf8'), stdinIsTerminal = process.stdin.isTTY === true } = {} as {
    fallback?: string;
    readStdin?: () => string;
    stdinIsTerminal?: boolean;
  },
): EventInput {
  if (event !== undefined && data !== undefined) throw new UsageError('give the event once: -e FILE or -d JSON, not both');
  if (data !== undefined) return { source: '--data', event: parseJson(data, '--data') };
  if (event === '-') {
    // Waiting on a terminal for JSON nobody will type looks like a hang: say so instead.
    if (stdinIsTerminal)
      throw new UsageError(
        '-e - reads the event from standard input, but it is a terminal: pipe the event in (… | softbus-sync invoke -e -)',
      );
    const text = readStdin();
    if (!text.trim()) throw new UsageError('standard input is empty: expected the event as JSON');
    return { source: 'stdin', event: parseJson(text, 'standard input') };
  }
  const file = event ?? fallback;
  if (file === undefined) throw new UsageError('an event is required: -e FILE (- for standard input) or -d JSON');
  const { path, event: parsed } = readEvent(file);
  return { source: path, event: parsed };
}
