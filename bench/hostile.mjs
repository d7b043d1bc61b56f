// `node bench/hostile.mjs [--dist DIR] [--only 1,3] [--json]`: the attacks of issue 9 (bench/hostile/cases.mjs)
// against the built bundles, each in a fresh process with its own hostile server (test/support/hostile-server.ts).
// Prints, per case: report bytes, log bytes, longest log line, peak RSS growth (kernel maxRSS over the RSS
// after a warm-up invocation), time taken against the time the context gave (late = after the deadline),
// requests made, and the longest piece of a key or token found in the output (class 4).
// --dist points at another build (e.g. a checkout of an earlier commit) to measure "before".
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { importTypeScript, loadHarness } from '../scripts/lib/import-ts.mjs';
import { CASES, secretsEnv } from './hostile/cases.mjs';

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'boolean' },
    child: { type: 'string' },
    concurrent: { type: 'boolean' },
  },
});

if (values.child !== undefined) await child(Number(values.child), values.dist);
else await parent();

async function parent() {
  const h = await loadHarness();
  if (!values.dist) await h.ensureBuilt();
  const dist = resolve(values.dist ?? join(h.ROOT, 'dist'));
  const only = values.only ? new Set(values.only.split(',').map(Number)) : undefined;
  console.log(`hostile cases against ${dist}`);
  const results = [];
  for (const [index, c] of CASES.entries()) {
    if (only && !only.has(c.cls)) continue;
    const r = await new Promise((done, fail) => {
      const proc = fork(new URL(import.meta.url).pathname, ['--child', String(index), '--dist', dist], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      let answer;
      proc.on('message', (m) => (answer = m));
      proc.on('exit', (code) => (answer ? done(answer) : fail(new Error(`case ${index} exited ${code}`))));
    });
    results.push({ case: c.name, ...r });
    if (!values.json) print(c.name, r);
  }
  if (values.json) console.log(JSON.stringify(results, null, 2));
}

function print(name, r) {
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`\n${name}`);
  console.log(
    `  outcome ${r.outcome}${r.thrown ? ` (threw ${r.thrown})` : ''}; report ${kib(r.reportBytes)}; logs ${kib(r.logBytes)} in ${r.logLines} lines, longest ${kib(r.maxLineBytes)}`,
  );
  console.log(
    `  peak RSS growth ${r.rssGrowthMiB} MiB; took ${r.elapsedMs} ms of ${r.remainingMs} ms (${r.lateMs > 0 ? `${r.lateMs} ms LATE` : `${-r.lateMs} ms early`}); requests ${JSON.stringify(r.requests)}`,
  );
  console.log(`  ${r.summary}; longest key/token piece in the output: ${r.leakChars} chars`);
}

async function child(index, dist) {
  const c = CASES[index];
  const h = await loadHarness();
  const hs = await importTypeScript(join(h.ROOT, 'test/support/hostile-server.ts'));
  const platform = h.platformNamed(c.platform);
  const handler = createRequire(import.meta.url)(join(dist, c.platform, 'index.js')).handler;
  // A real security token is hundreds of characters; this one starts with the AK (one secret holding another).
  const keys = c.tokenExtendsAk
    ? { ...h.DEMO.temporary, securityToken: `${h.DEMO.temporary.ak}-${'Tok3nBody'.repeat(20)}` }
    : h.DEMO.temporary;
  const server = await hs.startHostileServer({ tls: c.tls, answer: (req) => c.answer?.(req, hs, keys) });
  const env = { IOTDA_ENDPOINT: c.endpoint ?? server.url, IOTDA_REGION: h.DEMO.region, ...c.env };
  if (platform.keysFrom === 'environment')
    Object.assign(env, {
      HUAWEICLOUD_SDK_AK: keys.ak,
      HUAWEICLOUD_SDK_SK: keys.sk,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: keys.securityToken,
      HUAWEICLOUD_SDK_PROJECT_ID: h.DEMO.projectId,
    });
  if (c.secrets) Object.assign(env, secretsEnv(server.port));
  Object.assign(process.env, env);
  const contextOf = (remainingMs) => {
    const context = platform.devContext({ remainingMs, keys, projectId: h.DEMO.projectId, requestId: 'hostile' });
    if (c.throwingGetter)
      context.getSecurityAccessKey = () => {
        throw new Error(`cannot read key ${keys.ak}`);
      };
    return context;
  };
  // Warm-up: node:http, the signer and the JIT loaded, then the baseline RSS.
  const out = captureStdout();
  await handler({ kind: 'resync', busIds: ['00aa'], dryRun: true }, contextOf(5_000)).catch(() => undefined);
  out.reset();
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  let answer;
  let thrown;
  try {
    answer = await handler(c.event, contextOf(c.remainingMs));
  } catch (error) {
    thrown = error;
  }
  const elapsedMs = Date.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  out.restore();
  const report = thrown ? thrown.report : answer;
  const reportText = JSON.stringify(report ?? null);
  const all = `${out.text()}\n${reportText}\n${thrown?.message ?? ''}`;
  if (process.env.HOSTILE_DEBUG) process.stderr.write(`${out.text().slice(-3000)}\n`);
  const requests = {};
  for (const call of server.calls) requests[call.route] = (requests[call.route] ?? 0) + 1;
  await server.close();
  process.send({
    outcome: report?.outcome,
    thrown: thrown?.name,
    reportBytes: Buffer.byteLength(reportText),
    logBytes: out.bytes,
    logLines: out.lines,
    maxLineBytes: out.maxLine,
    rssGrowthMiB: Math.round(((peak - rssBefore) / 2 ** 20) * 10) / 10,
    elapsedMs,
    remainingMs: c.remainingMs,
    lateMs: elapsedMs - c.remainingMs,
    requests,
    summary: summaryOf(report),
    leakChars: Math.max(...[keys.ak, keys.sk, keys.securityToken].map((secret) => longestPiece(secret, all))),
  });
  process.exit(0);
}

function summaryOf(report) {
  if (!report) return 'no report';
  const n = (k) => (Array.isArray(report[k]) ? report[k].length : 0);
  const extra = ['warnings', 'truncated'].filter((k) => report[k]).map((k) => `${k} ${JSON.stringify(report[k]).slice(0, 100)}`);
  if (report.error) extra.push(`error ${JSON.stringify(report.error.message.slice(0, 160))}`);
  return [
    `synced ${n('synced')}`,
    `failed ${n('failed')}`,
    `failedGroups ${n('failedGroups')}`,
    `deferred ${n('deferred')}`,
    `issues ${report.error?.issues?.length ?? 0}`,
    ...extra,
  ].join(', ');
}

/** The longest piece (at least 8 characters) of `secret` that appears in `text`; 0 if none. */
function longestPiece(secret, text) {
  if (!secret) return 0;
  for (let length = secret.length; length >= 8; length--)
    for (let at = 0; at + length <= secret.length; at++) if (text.includes(secret.slice(at, at + length))) return length;
  return 0;
}

/** Counts what the function writes to stdout; keeps at most 4 MB of it for the leak search. */
function captureStdout() {
  const original = process.stdout.write;
  const kept = [];
  const state = { bytes: 0, lines: 0, maxLine: 0, keptBytes: 0 };
  process.stdout.write = (chunk, ...rest) => {
    const text = String(chunk);
    for (const line of text.split('\n')) if (line) state.maxLine = Math.max(state.maxLine, Buffer.byteLength(line));
    state.bytes += Buffer.byteLength(text);
    state.lines += text.split('\n').length - 1;
    if (state.keptBytes < 4 * 2 ** 20) {
      kept.push(text);
      state.keptBytes += text.length;
    }
    rest.find((r) => typeof r === 'function')?.();
    return true;
  };
  return {
    get bytes() {
      return state.bytes;
    },
    get lines() {
      return state.lines;
    },
    get maxLine() {
      return state.maxLine;
    },
    text: () => kept.join(''),
    reset() {
      Object.assign(state, { bytes: 0, lines: 0, maxLine: 0, keptBytes: 0 });
      kept.length = 0;
    },
    restore() {
      process.stdout.write = original;
    },
  };
}
