import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../local-run';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's arguments strictly (no unknown option, no positional): Node's parse errors become
 * a UsageError of one line, so the user gets the reason and the usage, never a stack trace.
 * @example const values = parseOptions(['-e', '-'], { event: { type: 'string', short: 'e' } }); // { event: '-' }
 */
export function parseOptions<const O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // Node's message, first sentence only: "Unknown option '--bogus'", "Unexpected argument 'x'",
    // "Option '-e, --event <value>' argument missing" (the rest explains `--` to a programmer).
    throw new UsageError((error as Error).message.split('. ')[0] ?? 'wrong arguments');
  }
}

/** The time budget option: a whole number of ms, at least a second. @example timeoutOption('60000') // 60000 */
export function timeoutOption(text: string | undefined, fallback = 60_000): number {
  if (text === undefined) return fallback;
  const ms = Number(text);
  if (!/^\d+$/.test(text) || ms < 1000 || ms > 900_000)
    throw new UsageError('--timeout-ms must be a whole number of ms from 1000 to 900000');
  return ms;
}
