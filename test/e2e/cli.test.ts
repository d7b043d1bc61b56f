/**
 * `softbus-sync` (bin/softbus-sync.mjs) as a user runs it, in child processes: one JSON document on
 * stdout, logs on stderr, the exit codes, standard input and inline events, and usage errors as one line
 * plus the usage (exit 2) without a stack trace, also through the npm scripts that call the same code.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CommandOptions, ROOT, runCommand } from '../support/command';
import { scanForSecrets } from '../support/e2e';
import { SAMPLE_BUS, SAMPLE_GROUP } from '../support/events';

const BIN = join(ROOT, 'bin', 'softbus-sync.mjs');
/** A Node stack frame, as an uncaught error prints it. */
const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?/;

const cli = (args: string[], options?: CommandOptions) => runCommand([process.execPath, BIN, ...args], options);

const sqsBatch = (...bodies: string[]) =>
  JSON.stringify({ Records: bodies.map((body, i) => ({ messageId: `m${i + 1}`, body, eventSource: 'aws:sqs' })) });

describe('softbus-sync invoke', () => {
  it('reads the event from standard input (echo … | npx softbus-sync invoke -e -) and prints exactly one JSON document', async () => {
    // Prepare: the command of the README, through npx and a shell pipe
    const event = JSON.stringify({ kind: 'resync', groupIds: [SAMPLE_GROUP], dryRun: true });
    // Act
    const { code, stdout, stderr } = await runCommand([`echo '${event}' | npx --no-install softbus-sync invoke -e -`], { shell: true });
    // Assess: JSON.parse takes one document and nothing else
    expect(code, stderr).toBe(0);
    const answer = JSON.parse(stdout) as { outcome: string; dryRun: boolean; planned: string[] };
    expect(answer).toMatchObject({ outcome: 'ok', dryRun: true });
    expect(answer.planned.length).toBeGreaterThan(10);
    expect(stderr).toMatch(/"message":"invocation summary"/);
    scanForSecrets(stdout + stderr, 'softbus-sync output');
  });

  it('takes the event inline with -d, and an SQS batch gets the Lambda bundle and its batchItemFailures', async () => {
    const { code, stdout, stderr } = await cli(['invoke', '-d', sqsBatch(JSON.stringify({ kind: 'resync', busIds: [SAMPLE_BUS] }))]);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ batchItemFailures: [] });
    expect(stderr).toMatch(/"platform":"lambda"/);
  });

  it.each([
    ['ok', [JSON.stringify({ kind: 'resync', busIds: [SAMPLE_BUS] })], 0],
    ['partial', [JSON.stringify({ kind: 'resync', busIds: [SAMPLE_BUS] }), '{"kind":"resync","busIds":["not a bus"]}'], 3],
    ['rejected', ['{"kind":"resync","busIds":["not a bus"]}'], 1],
  ])('--exit-code: an outcome %s exits %i (the SQS answer carries no outcome: the summary line decides)', async (outcome, bodies, exit) => {
    // Act
    const strict = await cli(['invoke', '--exit-code', '-d', sqsBatch(...bodies)]);
    const lenient = await cli(['invoke', '-d', sqsBatch(...bodies)]);
    // Assess
    expect(strict.stderr).toContain(`"outcome":"${outcome}"`);
    expect(strict.code, strict.stderr).toBe(exit);
    expect(lenient.code).toBe(0);
  });

  it('exits 1 on a configuration error even without --exit-code, and the report has no empty issues list', async () => {
    const { code, stdout, stderr } = await cli(['invoke', '-d', JSON.stringify({ kind: 'resync', busIds: [SAMPLE_BUS] })], {
      env: { SYNC_CONCURRENCY: '0' },
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { outcome: string; error: Record<string, unknown> };
    expect(report.outcome).toBe('failed');
    expect(report.error.message).toBe('SYNC_CONCURRENCY: must be a whole number from 1 to 512');
    expect(report.error).not.toHaveProperty('issues');
    expect(stderr).toContain('Your settings that apply: SYNC_CONCURRENCY=0.');
  });

  it('names the variables of yours that the emulator run sets aside (names only)', async () => {
    const { code, stderr } = await cli(['invoke', '-d', '{"kind":"resync","all":true,"dryRun":true}'], {
      env: { IOTDA_REGION: 'ap-southeast-1', HUAWEICLOUD_SDK_SK: 'my-own-secret-key' },
    });
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/Set aside for this run .*: IOTDA_REGION, HUAWEICLOUD_SDK_SK\./);
    expect(stderr).not.toContain('my-own-secret-key');
  });

  it.each([
    [['invoke', '--bogus'], "Unknown option '--bogus'"],
    [['invoke', '-e', 'events/manual-resync.json', 'extra'], "Unexpected argument 'extra'"],
    [['invoke', '-e'], "Option '-e, --event <value>' argument missing"],
    [['invoke'], 'an event is required'],
    [['invoke', '-e', 'events/manual-resync.json', '-d', '{}'], 'not both'],
    [['invoke', '-d', '{"kind":'], '--data is not JSON'],
    [['invoke', '-e', '-'], 'standard input is empty'],
    [['invoke', '-d', '{}', '--target', 'moon'], '--target must be emulator or cloud'],
    [['invoke', '-d', '{}', '--platform', 'azure'], '--platform must be functiongraph or lambda'],
    [['invoke', '-d', '{}', '--timeout-ms', '5'], '--timeout-ms must be'],
  ])('%j exits 2 with one line and the usage, no stack trace', async (args, reason) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const [first = ''] = stderr.split('\n');
    expect(first.startsWith('softbus-sync invoke: ')).toBe(true);
    expect(first).toContain(reason);
    expect(stderr).toMatch(/\nusage: softbus-sync invoke \(-e FILE \| -d JSON\)/);
    expect(stderr).not.toMatch(STACK_FRAME);
  });
});

describe('softbus-sync', () => {
  it('--help prints the commands on stdout and exits 0; no command or an unknown one exits 2', async () => {
    const help = await cli(['--help']);
    const none = await cli([]);
    const unknown = await cli(['frobnicate']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/demo .*\n.*invoke .*\n.*emulator /);
    expect([none.code, unknown.code]).toEqual([2, 2]);
    expect(unknown.stderr.split('\n')[0]).toBe("softbus-sync: unknown command 'frobnicate'");
  });
});

describe('the npm scripts call the same code', () => {
  it.each([
    ['scripts/start.mjs', ['--evnt', 'x'], "npm start --: Unknown option '--evnt'"],
    ['scripts/start.mjs', ['events/manual-resync.json'], "npm start --: Unexpected argument 'events/manual-resync.json'"],
    ['scripts/invoke.mjs', ['--bogus'], "npm run --silent invoke --: Unknown option '--bogus'"],
    ['emulator/run.mjs', ['--bogus'], "emulator: Unknown option '--bogus'"],
    ['emulator/run.mjs', ['8080'], "emulator: Unexpected argument '8080'"],
  ])('%s %j exits 2 with one line and the usage, no stack trace', async (script, args, line) => {
    const { code, stderr } = await runCommand([process.execPath, script, ...args]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(line);
    expect(stderr).toMatch(/\nusage: /);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(stderr).not.toContain('ERR_PARSE_ARGS');
  });
});
