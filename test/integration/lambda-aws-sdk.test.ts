/**
 * The AWS SDK and the Lambda build: never in the bundles; the STS client bundled beside the function
 * (aws-sts.js) used, the runtime's own SDK only when the chunk is missing (and if it has the command).
 * Run as Lambda runs it: the upload zip extracted outside the repository, a fresh process, NODE_PATH
 * where the runtime keeps its SDK.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePath, extractZip, packageAll, ROOT, runLambdaTask, sampleFleet, startEmulator, zipPath } from '../../dev';
import {
  DEMO,
  type Emulator,
  type SecretsManagerStandIn,
  type StsStandIn,
  startSecretsManagerStandIn,
  startStsStandIn,
} from '../../emulator';
import { AUDIENCE, AWS_REGION, IDP_ID, identityProviderFor, LAMBDA_ROLE, OTHER_ROLE } from '../emulator/federation-fixture';
import { SAMPLE_BUS } from '../support/events';

const scratch = mkdtempSync(join(tmpdir(), 'softbus-lambda-task-'));
const task = join(scratch, 'task');
let sts: StsStandIn;
let em: Emulator;
let sm: SecretsManagerStandIn;
const SECRET = JSON.stringify({
  HUAWEICLOUD_SDK_AK: DEMO.permanent.ak,
  HUAWEICLOUD_SDK_SK: DEMO.permanent.sk,
  HUAWEICLOUD_SDK_PROJECT_ID: DEMO.projectId,
});

beforeAll(async () => {
  await packageAll(() => undefined);
  extractZip(zipPath('lambda'), task);
  sts = await startStsStandIn({ region: AWS_REGION, credentials: [LAMBDA_ROLE, OTHER_ROLE] });
  sm = await startSecretsManagerStandIn({ region: AWS_REGION, credentials: [LAMBDA_ROLE], secrets: { 'softbus-sync/huawei': SECRET } });
  em = await startEmulator({
    projectId: DEMO.projectId,
    region: DEMO.region,
    credentials: [DEMO.permanent],
    fleet: sampleFleet(),
    iam: { identityProviders: [identityProviderFor(sts)] },
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([sts?.close(), em?.close(), sm?.close()]);
  rmSync(scratch, { recursive: true, force: true });
});

/** The environment Lambda would give a keyless function: the role's keys, the settings, nothing else. */
const env = () => ({
  PATH: process.env.PATH,
  AWS_REGION,
  AWS_ACCESS_KEY_ID: LAMBDA_ROLE.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LAMBDA_ROLE.secretAccessKey,
  AWS_SESSION_TOKEN: LAMBDA_ROLE.sessionToken,
  AWS_ENDPOINT_URL_STS: sts.url,
  IOTDA_ENDPOINT: em.url,
  IOTDA_REGION: DEMO.region,
  HUAWEICLOUD_CREDENTIALS: 'aws-federation',
  HUAWEICLOUD_IDP_ID: IDP_ID,
  HUAWEICLOUD_FEDERATION_AUDIENCE: AUDIENCE,
  HUAWEICLOUD_IAM_ENDPOINT: em.url,
  HUAWEICLOUD_SDK_PROJECT_ID: DEMO.projectId,
});

/** A runtime folder whose @aws-sdk/client-sts predates GetWebIdentityToken (3.934.0 has no such command). */
function oldRuntime(): string {
  const dir = join(scratch, 'runtime-old', 'node_modules', '@aws-sdk', 'client-sts');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@aws-sdk/client-sts', version: '3.934.0', main: 'index.js' }));
  writeFileSync(
    join(dir, 'index.js'),
    'exports.STSClient = class STSClient {};\nexports.AssumeRoleCommand = class AssumeRoleCommand {};\n',
  );
  return join(scratch, 'runtime-old', 'node_modules');
}

/** The task folder without aws-sts.js (an upload of index.js alone). */
function taskWithoutChunk(): string {
  const dir = join(scratch, 'task-without-chunk');
  mkdirSync(dir, { recursive: true });
  for (const file of ['index.js', 'index.js.map']) copyFileSync(join(task, file), join(dir, file));
  return dir;
}

async function syncOneBus(options: { nodePath?: string; folder?: string } = {}) {
  const event = { kind: 'resync', busIds: [SAMPLE_BUS] };
  const run = await runLambdaTask({ task: options.folder ?? task, events: [event], env: env(), nodePath: options.nodePath });
  const entries = run.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const report = run.invocations[0]?.value as { outcome?: string; synced?: string[]; error?: { message: string; credentials?: unknown } };
  return { report, stsSdk: entries.find((e) => e.message === 'federated keys issued')?.stsSdk };
}

describe('the Lambda upload, run as the Lambda runtime runs it', () => {
  it('uses the bundled aws-sts.js, even where the runtime’s AWS SDK has the command (faster, and the version tested)', async () => {
    // act
    const { report, stsSdk } = await syncOneBus({ nodePath: join(ROOT, 'node_modules') });
    // assess
    expect(report).toMatchObject({ outcome: 'ok', synced: [SAMPLE_BUS] });
    expect(stsSdk).toBe('bundled');
  });

  it('uses the bundled aws-sts.js where there is no AWS SDK at all', async () => {
    const { report, stsSdk } = await syncOneBus();
    expect(report).toMatchObject({ outcome: 'ok', synced: [SAMPLE_BUS] });
    expect(stsSdk).toBe('bundled');
  });

  it('without aws-sts.js, falls back to the runtime’s AWS SDK found through NODE_PATH', async () => {
    const { report, stsSdk } = await syncOneBus({ nodePath: join(ROOT, 'node_modules'), folder: taskWithoutChunk() });
    expect(report).toMatchObject({ outcome: 'ok', synced: [SAMPLE_BUS] });
    expect(stsSdk).toBe('runtime');
  });

  it('without aws-sts.js and with a runtime SDK that predates the command, fails at the STS step and says why', async () => {
    const { report } = await syncOneBus({ nodePath: oldRuntime(), folder: taskWithoutChunk() });
    expect(report).toMatchObject({ outcome: 'failed', error: { credentials: { step: 'sts', reason: 'sts-failed', attempts: 0 } } });
    expect(report.error?.message).toContain('aws-sts.js is not beside the bundle');
  });
});

describe('the default key source: the secret read with the runtime’s AWS SDK', () => {
  const secretEnv = () => ({
    ...env(),
    HUAWEICLOUD_CREDENTIALS: 'auto',
    HUAWEICLOUD_SDK_SECRET_ID: 'softbus-sync/huawei',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url,
  });

  it('finds @aws-sdk/client-secrets-manager through NODE_PATH and syncs with the secret’s keys', async () => {
    // act
    const run = await runLambdaTask({
      task,
      events: [{ kind: 'resync', busIds: [SAMPLE_BUS] }],
      env: secretEnv(),
      nodePath: join(ROOT, 'node_modules'),
    });
    // assess
    expect(run.invocations[0]?.value).toMatchObject({ outcome: 'ok', synced: [SAMPLE_BUS] });
    expect(sm.calls.at(-1)).toMatchObject({ secretId: 'softbus-sync/huawei', status: 200, accessKeyId: LAMBDA_ROLE.accessKeyId });
  });

  it('says what is missing where no AWS SDK can be found (the zip does not carry it)', async () => {
    // act
    const run = await runLambdaTask({ task, events: [{ kind: 'resync', busIds: [SAMPLE_BUS] }], env: secretEnv() });
    // assess
    const report = run.invocations[0]?.value as { outcome?: string; error?: { message?: string } };
    expect(report.outcome).toBe('failed');
    expect(report.error?.message).toContain('@aws-sdk/client-secrets-manager) cannot be loaded');
  });
});

describe('the bundles', () => {
  const read = (platform: string, file = 'index.js') => readFileSync(join(bundlePath(platform), '..', file), 'utf8');

  it('hold no AWS SDK code: the SDK is required from the runtime, only where a source needs it', () => {
    for (const platform of ['functiongraph', 'lambda']) {
      const text = read(platform);
      // smithy's signer and client core, the SDK's user agent
      for (const marker of ['AWS4-HMAC-SHA256', 'aws-sdk-js', 'SmithyClient', 'x-amz-user-agent'])
        expect(text.includes(marker)).toBe(false);
    }
    const lambda = read('lambda');
    for (const external of ['require("@aws-sdk/client-secrets-manager")', 'require("@aws-sdk/client-sts")', 'require("./aws-sts.js")'])
      expect(lambda.includes(external)).toBe(true);
  });

  it('keep federation out of FunctionGraph: no STS, no chunk', () => {
    const functionGraph = read('functiongraph');
    for (const marker of ['GetWebIdentityToken', 'aws-sts.js', '@aws-sdk/', 'OS-CREDENTIAL'])
      expect(functionGraph.includes(marker)).toBe(false);
    expect(() => read('functiongraph', 'aws-sts.js')).toThrow();
  });

  it('put the STS client (and only it) in the Lambda chunk', () => {
    const chunk = read('lambda', 'aws-sts.js');
    // booleans, not the text: a failure must not print 180 KB of minified code
    expect(chunk.includes('GetWebIdentityTokenCommand')).toBe(true);
    for (const command of ['AssumeRoleCommand', 'AssumeRoleWithSAMLCommand', 'GetCallerIdentityCommand'])
      expect(chunk.includes(command)).toBe(false);
    expect(chunk.length).toBeLessThan(250 * 1024);
  });
});
