/**
 * The newcomer's commands as child processes: `npm start` (scripts/start.mjs) and `npm run invoke`
 * (scripts/invoke.mjs), and the secret scan the e2e suites rely on. Their output is scanned for keys too.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, type Emulator } from '../../emulator';
import { type CommandOptions, ROOT, runCommand } from '../support/command';
import { scanForSecrets } from '../support/e2e';
import { SAMPLE_BUS } from '../support/events';
import { emulator } from '../support/harness';

let em: Emulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

/** Runs a script with Node (see runCommand). */
const run = (script: string, args: string[], env: CommandOptions['env'] = {}) =>
  runCommand([process.execPath, join(ROOT, script), ...args], { env });

describe('npm start', () => {
  it('runs the FunctionGraph bundle on the CTS sample against the emulator: JSON logs, then a summary; exit 0', async () => {
    const { code, stdout, stderr } = await run('scripts/start.mjs', []);
    expect(code, stderr).toBe(0);
    const logLines = stdout.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(50);
    expect(logLines.map((l) => JSON.parse(l) as { platform?: string }).every((e) => e.platform === 'functiongraph')).toBe(true);
    expect(stdout).toMatch(/── summary ──/);
    expect(stdout).toMatch(/outcome: +ok/);
    expect(stdout).toMatch(/synced: +53/);
    expect(stdout).toMatch(/warehouse-a-sensors/);
    scanForSecrets(stdout + stderr, 'npm start output');
  });

  it('runs a Lambda sample (SQS) with the Lambda bundle and says what SQS would do', async () => {
    const { code, stdout } = await run('scripts/start.mjs', ['--event', 'events/lambda-sqs-batch.json']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/dist\/lambda\/index\.js/);
    expect(stdout).toMatch(/batchItemFailures \[\]/);
    scanForSecrets(stdout, 'npm start output');
  });

  it("shows the change-feed loop: a device joins a group, the timer's feed finds it, its buses are synced and verified", async () => {
    const { code, stdout, stderr } = await run('scripts/start.mjs', ['--scenario', 'change-feed']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/1\. A device joins a group: .*\n +→ 200; CTS recorded trace manageDevicesInGroup/);
    expect(stdout).toMatch(/change feed: 1 trace\(s\) read in 1 page\(s\)/);
    expect(stdout).toMatch(/resynced: +298246d5-df6d-899f-78ff-126d0e1257a5 \(kids-room\)/);
    expect(stdout).toMatch(/verified: +2 confirmed Synchronized, 0 unconfirmed/);
    expect(stdout).toMatch(/3\. After the tick: \w+ Synchronized, \w+ Synchronized\./);
    scanForSecrets(stdout + stderr, 'npm start output');
  });

  it('refuses an unknown event file with exit 2 and lists the samples', async () => {
    const { code, stderr } = await run('scripts/start.mjs', ['--event', 'events/nope.json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no such event file.*functiongraph-timer\.json/s);
  });
});

describe('npm run invoke', () => {
  it('--target emulator prints the report JSON on stdout (logs on stderr)', async () => {
    const { code, stdout, stderr } = await run('scripts/invoke.mjs', ['--event', 'events/manual-resync.json', '--target', 'emulator']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: 'ok', trigger: 'manual' });
    expect(stderr).toMatch(/"message":"invocation summary"/);
    scanForSecrets(stdout + stderr, 'invoke output');
  });

  it('--target cloud refuses clearly, with exit 2, when the settings are missing', async () => {
    const { code, stdout, stderr } = await run('scripts/invoke.mjs', ['--event', 'events/manual-resync.json', '--target', 'cloud']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/needs: IOTDA_REGION \(or IOTDA_ENDPOINT\), HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID/);
  });

  it.each(['functiongraph', 'lambda'])(
    '--target cloud --platform %s signs with the HUAWEICLOUD_SDK_* keys (no agency in the context)',
    async (platform) => {
      // Prepare: "the cloud" is an emulator that knows only the permanent key.
      em = await emulator({ credentials: [DEMO.permanent], acceptedSignatures: 'derived' });
      const env = {
        IOTDA_ENDPOINT: em.url,
        IOTDA_REGION: DEMO.region,
        HUAWEICLOUD_SDK_AK: DEMO.permanent.ak,
        HUAWEICLOUD_SDK_SK: DEMO.permanent.sk,
        HUAWEICLOUD_SDK_PROJECT_ID: DEMO.projectId,
      };
      // Act
      const { code, stdout, stderr } = await run(
        'scripts/invoke.mjs',
        ['--event', 'events/manual-resync.json', '--target', 'cloud', '--platform', platform],
        env,
      );
      // Assess
      expect(code, stderr).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ outcome: 'ok', synced: expect.arrayContaining([SAMPLE_BUS]) });
      expect(em.calls.every((c) => c.status === 200 && c.authMode === 'derived' && !c.headerNames.includes('x-security-token'))).toBe(true);
      scanForSecrets(stdout + stderr, 'invoke output');
    },
  );
});

describe('the secret scan of the e2e suites', () => {
  it.each([
    ['the temporary token', `{"msg":"x","token":"${DEMO.temporary.securityToken ?? ''}"}`],
    ['the permanent SK', `error with ${DEMO.permanent.sk} inside`],
    ['a derived Authorization header', 'V11-HMAC-SHA256 Credential=SOMEAK/20260101/cn-north-4/iotdm, SignedHeaders=host, Signature=abc'],
    ['a plain Authorization header', 'SDK-HMAC-SHA256 Access=SOMEAK, SignedHeaders=host, Signature=0123456789abcdef0123'],
  ])('catches %s', (_name, line) => {
    expect(() => scanForSecrets(line, 'test')).toThrow();
  });

  it('lets a clean line through', () => {
    expect(() => scanForSecrets('{"message":"bus synced","busId":"a9f8","credentials":"[REDACTED]"}', 'test')).not.toThrow();
  });
});
