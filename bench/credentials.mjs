// `node bench/credentials.mjs`: what each Lambda key source costs (issue 13's runtime-SDK-or-bundled
// question, issue 12's Secrets Manager through the runtime's SDK). Everything runs as Lambda runs it:
// the upload zip extracted outside the repository, a fresh process per sample (dev/lambda-task-child.mjs),
// NODE_PATH pointing at an AWS SDK (this repository's node_modules stands in for /var/runtime/node_modules)
// or at nothing. Prints and writes bench/results.credentials.local.json. Options: --runs N (default 7).
//   1. sizes: the bundles and the lazily loaded STS chunk
//   2. module load, fresh `node -e "require(…)"` minus an empty one: the Lambda bundle; the runtime's
//      @aws-sdk/client-sts and client-secrets-manager; the bundled aws-sts.js
//   3. first and second invocation (one-bus resync) per key source, STS and IAM on local stand-ins
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadHarness } from '../scripts/lib/import-ts.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
const h = await loadHarness();
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const round = (x) => Math.round(x * 10) / 10;
const kib = (file) => round(statSync(file).size / 1024);

await h.packageAll(() => undefined);
const scratch = mkdtempSync(join(tmpdir(), 'softbus-bench-task-'));
const task = join(scratch, 'task');
h.extractZip(h.zipPath('lambda'), task);
// The same upload without aws-sts.js: the function then takes the runtime's SDK (the other option).
const taskWithoutChunk = join(scratch, 'task-without-chunk');
mkdirSync(taskWithoutChunk);
for (const file of ['index.js', 'index.js.map']) copyFileSync(join(task, file), join(taskWithoutChunk, file));
const SDK = join(h.ROOT, 'node_modules');
const results = { runs, node: process.version, date: new Date().toISOString() };

// 1. sizes
results.sizes = {
  functiongraphKiB: kib(h.bundlePath('functiongraph')),
  lambdaKiB: kib(h.bundlePath('lambda')),
  awsStsChunkKiB: kib(join(task, 'aws-sts.js')),
  lambdaZipKiB: kib(h.zipPath('lambda')),
};
console.log('1. sizes (KiB):', results.sizes);

// 2. module load in a fresh process, minus an empty process (median of `runs`, interleaved)
function nodeMs(code, nodePath) {
  const started = process.hrtime.bigint();
  const env = { PATH: process.env.PATH, ...(nodePath ? { NODE_PATH: nodePath } : {}) };
  const run = spawnSync(process.execPath, ['-e', code], { cwd: task, env, stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`node -e ${code} failed`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const loads = {
  lambdaBundle: [`require(${JSON.stringify(join(task, 'index.js'))})`],
  runtimeClientSts: ["require('@aws-sdk/client-sts').GetWebIdentityTokenCommand", SDK],
  bundledAwsSts: [`require(${JSON.stringify(join(task, 'aws-sts.js'))}).GetWebIdentityTokenCommand`],
  runtimeClientSecretsManager: ["require('@aws-sdk/client-secrets-manager').GetSecretValueCommand", SDK],
};
const samples = Object.fromEntries(Object.keys(loads).map((name) => [name, []]));
const empty = [];
for (const [code, nodePath] of Object.values(loads)) nodeMs(code, nodePath); // warm the page cache
for (let i = 0; i < runs; i++) {
  empty.push(nodeMs('0'));
  for (const [name, [code, nodePath]] of Object.entries(loads)) samples[name].push(nodeMs(code, nodePath));
}
results.loadMs = { emptyProcess: round(median(empty)) };
for (const [name, xs] of Object.entries(samples)) results.loadMs[name] = round(median(xs) - median(empty));
console.log('2. module load, ms above an empty process (median):', results.loadMs);

// 3. invocations: stand-ins for STS, IAM and Secrets Manager, the real SDK clients
const role = {
  accessKeyId: 'ASIABENCHLAMBDA00001',
  secretAccessKey: 'bench/secret/lambda-role',
  sessionToken: 'bench-session-token',
  principalArn: 'arn:aws:iam::123456789012:role/softbus-sync-lambda',
};
const sts = await h.startStsStandIn({ region: 'eu-west-1', credentials: [role] });
const rule = {
  local: [{ user: { name: 'softbus-sync-lambda' } }, { group: { name: 'softbus-sync-federated' } }],
  remote: [{ type: 'sub', any_one_of: [role.principalArn] }],
};
const idp = {
  id: 'aws-softbus-sync',
  issuer: sts.issuer.url,
  clientId: 'softbus-sync',
  signingKey: JSON.stringify(sts.issuer.jwks()),
  rules: [rule],
};
const em = await h.startEmulator({
  projectId: h.DEMO.projectId,
  region: h.DEMO.region,
  credentials: [...h.DEMO.credentials],
  fleet: h.sampleFleet(),
  iam: { identityProviders: [idp] },
});
const secretValue = JSON.stringify({
  HUAWEICLOUD_SDK_AK: h.DEMO.permanent.ak,
  HUAWEICLOUD_SDK_SK: h.DEMO.permanent.sk,
  HUAWEICLOUD_SDK_PROJECT_ID: h.DEMO.projectId,
});
const sm = await h.startSecretsManagerStandIn({
  region: 'eu-west-1',
  credentials: [role],
  secrets: { 'softbus-sync/huawei': secretValue },
});
const base = {
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: role.accessKeyId,
  AWS_SECRET_ACCESS_KEY: role.secretAccessKey,
  AWS_SESSION_TOKEN: role.sessionToken,
  AWS_ENDPOINT_URL_STS: sts.url,
  AWS_ENDPOINT_URL_SECRETS_MANAGER: sm.url,
  IOTDA_ENDPOINT: em.url,
  IOTDA_REGION: h.DEMO.region,
  HUAWEICLOUD_SDK_PROJECT_ID: h.DEMO.projectId,
};
const federation = {
  HUAWEICLOUD_CREDENTIALS: 'aws-federation',
  HUAWEICLOUD_IDP_ID: 'aws-softbus-sync',
  HUAWEICLOUD_FEDERATION_AUDIENCE: 'softbus-sync',
  HUAWEICLOUD_IAM_ENDPOINT: em.url,
};
const variants = {
  'environment (AK/SK variables)': [
    { HUAWEICLOUD_CREDENTIALS: 'environment', HUAWEICLOUD_SDK_AK: h.DEMO.permanent.ak, HUAWEICLOUD_SDK_SK: h.DEMO.permanent.sk },
  ],
  'secrets-manager (runtime SDK)': [{ HUAWEICLOUD_SDK_SECRET_ID: 'softbus-sync/huawei' }, SDK],
  'aws-federation, bundled aws-sts.js': [federation, SDK],
  'aws-federation, runtime SDK (no aws-sts.js)': [federation, SDK, taskWithoutChunk],
};
const event = { kind: 'resync', busIds: [h.sampleFleet().buses[0].bus_id] };
results.invocations = {};
try {
  for (const [name, [extra, nodePath, folder = task]] of Object.entries(variants)) {
    const rows = [];
    for (let i = 0; i < runs; i++) {
      const run = await h.runLambdaTask({ task: folder, events: [event, event], env: { ...base, ...extra }, nodePath });
      const outcome = run.invocations[0]?.value?.outcome;
      if (outcome !== 'ok') throw new Error(`${name}: outcome ${outcome} ${JSON.stringify(run.invocations[0])}`);
      const issued = run.lines.map((l) => JSON.parse(l)).find((e) => e.message === 'federated keys issued');
      rows.push({
        load: run.loadMs,
        first: run.invocations[0].ms,
        second: run.invocations[1].ms,
        exchange: issued?.durationMs,
        sdk: issued?.stsSdk,
      });
    }
    const m = (key) => (rows[0][key] === undefined ? undefined : round(median(rows.map((r) => r[key]))));
    results.invocations[name] = {
      loadMs: m('load'),
      firstCallMs: m('first'),
      secondCallMs: m('second'),
      exchangeMs: m('exchange'),
      stsSdk: rows[0].sdk,
    };
  }
} finally {
  await Promise.all([sts.close(), em.close(), sm.close()]);
}
console.log('3. one-bus resync in a fresh process, ms (median; local stand-ins, so network time is near zero):');
console.table(results.invocations);
writeFileSync(join(h.ROOT, 'bench', 'results.credentials.local.json'), `${JSON.stringify(results, null, 2)}\n`);
