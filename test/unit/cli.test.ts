/**
 * The CLI's parts without a child process: the event input (stdin, inline, file), the exit-code policy,
 * the notice of what a run against the emulator sets aside, and strict argument parsing.
 */
import { describe, expect, it } from 'vitest';
import { parseOptions, timeoutOption } from '../../dev/cli/args';
import { environmentNotice } from '../../dev/cli/environment';
import { readEventInput } from '../../dev/cli/event-input';
import { ExitCode, exitCodeOf, verdictOf } from '../../dev/cli/exit-codes';
import { UsageError } from '../../dev/local-run';

describe('readEventInput', () => {
  it('reads - from standard input, -d inline, a file from events/', () => {
    expect(readEventInput({ event: '-' }, { readStdin: () => '{"kind":"resync","all":true}\n', stdinIsTerminal: false })).toEqual({
      source: 'stdin',
      event: { kind: 'resync', all: true },
    });
    expect(readEventInput({ data: '{"scope":"pending"}' }).event).toEqual({ scope: 'pending' });
    expect(readEventInput({ event: 'events/manual-resync.json' })).toMatchObject({
      source: 'events/manual-resync.json',
      event: { kind: 'resync' },
    });
    expect(readEventInput({}, { fallback: 'events/functiongraph-timer.json' }).source).toBe('events/functiongraph-timer.json');
  });

  it.each([
    [{ event: '-' }, { stdinIsTerminal: true }, /standard input, but it is a terminal/],
    [{ event: '-' }, { readStdin: () => '  \n', stdinIsTerminal: false }, /standard input is empty/],
    [{ event: '-' }, { readStdin: () => '{"kind"', stdinIsTerminal: false }, /standard input is not JSON/],
    [{ event: 'a.json', data: '{}' }, {}, /not both/],
    [{}, {}, /an event is required/],
    [{ event: 'events/nope.json' }, {}, /no such event file: events\/nope\.json \(the samples are in events\/: .*manual-resync\.json/],
  ])('%j refuses with a UsageError', (input, io, message) => {
    // The terminal case must not read (it would wait for typing that never comes).
    const guarded = { readStdin: () => expect.unreachable('read a terminal'), ...io };
    expect(() => readEventInput(input, guarded)).toThrow(UsageError);
    expect(() => readEventInput(input, guarded)).toThrow(message);
  });
});

describe('the exit-code policy', () => {
  it.each([
    ['ok', false, false, ExitCode.Ok],
    ['failed', false, false, ExitCode.Ok],
    ['failed', true, false, ExitCode.Failed],
    ['partial', false, true, ExitCode.Partial],
    ['failed', false, true, ExitCode.Failed],
    ['rejected', false, true, ExitCode.Failed],
    ['ignored', false, true, ExitCode.Ok],
    ['ok', false, true, ExitCode.Ok],
  ])('outcome %s, failed before work %s, --exit-code %s → %i', (outcome, failedBeforeWork, strict, code) => {
    expect(exitCodeOf({ outcome, failedBeforeWork }, strict)).toBe(code);
  });

  it('reads the verdict from the log lines: the summary outcome, and whether the function failed before any work', () => {
    const lines = [
      'not json',
      '{"message":"invocation failed","error":{"name":"ConfigError"}}',
      '{"message":"invocation summary","outcome":"failed"}',
    ];
    expect(verdictOf(lines)).toEqual({ outcome: 'failed', failedBeforeWork: true });
    expect(verdictOf(['{"message":"invocation summary","outcome":"partial"}'])).toEqual({ outcome: 'partial', failedBeforeWork: false });
  });
});

describe('environmentNotice', () => {
  it('names the replaced variables (never their values) and shows the settings that still apply', () => {
    const before = { IOTDA_REGION: 'ap-southeast-1', HUAWEICLOUD_SDK_SK: 'secret', SYNC_MAX_RPS: '20', LOG_LEVEL: 'debug', PATH: '/bin' };
    const after = { IOTDA_REGION: 'cn-north-4', HUAWEICLOUD_SDK_SK: undefined, SYNC_MAX_RPS: '20', LOG_LEVEL: 'debug', PATH: '/bin' };
    const lines = environmentNotice(before, after);
    expect(lines[0]).toMatch(/: IOTDA_REGION, HUAWEICLOUD_SDK_SK\.$/);
    expect(lines[1]).toBe('Your settings that apply: SYNC_MAX_RPS=20, LOG_LEVEL=debug.');
    expect(lines.join('\n')).not.toContain('secret');
  });

  it('says nothing when the user had set nothing', () => {
    expect(environmentNotice({}, { IOTDA_REGION: 'cn-north-4' })).toEqual([]);
  });
});

describe('parseOptions', () => {
  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['positional'], "Unexpected argument 'positional'"],
    [['-e'], "Option '-e, --event <value>' argument missing"],
  ])('%j is a one-line UsageError', (args, message) => {
    const parse = () => parseOptions(args, { event: { type: 'string', short: 'e' } });
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(new UsageError(message));
  });

  it('bounds --timeout-ms', () => {
    expect(timeoutOption(undefined)).toBe(60_000);
    expect(timeoutOption('2000')).toBe(2000);
    for (const bad of ['999', '1e4', '-5', '900001']) expect(() => timeoutOption(bad)).toThrow(/1000 to 900000/);
  });
});
