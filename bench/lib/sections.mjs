// The throughput sections of `npm run bench`: each runs its scenario, prints its figures next to their
// goals, and returns what goes into the results file.
import { fanoutRun } from '../scenarios/fanout.mjs';
import { sharedQuota } from '../scenarios/shared.mjs';
import { warmSequence } from '../scenarios/warm.mjs';
import { median, round } from './figures.mjs';

export const mark = (ok) => (ok ? 'MET ' : 'MISS');
export const line = (...parts) => console.log(parts.join('  '));
const pct = (share) => `${(share * 100).toFixed(1)}%`;

/** The variants of a fan-out scenario: the adaptive defaults (the goal, `runs` times), then baselines once. */
export function fanoutVariants(bundles, { sequential = false, ceiling400 = false } = {}) {
  return [
    { name: 'adaptive (defaults)', bundle: bundles.functiongraph, env: {}, goal: true },
    ...(ceiling400 ? [{ name: 'adaptive, SYNC_MAX_RPS=400', bundle: bundles.functiongraph, env: { SYNC_MAX_RPS: '400' } }] : []),
    {
      name: 'baseline: fixed concurrency 16, no pacing',
      bundle: bundles.fixed,
      env: { SYNC_MAX_RPS: '1000', SYNC_CONCURRENCY: '16' },
    },
    ...(sequential
      ? [{ name: 'baseline: sequential (concurrency 1)', bundle: bundles.fixed, env: { SYNC_MAX_RPS: '1000', SYNC_CONCURRENCY: '1' } }]
      : []),
  ];
}

/**
 * Runs each variant of one scenario (`runs` times for the goal row, once for the others); medians. The
 * goal: ratio ≤ `maxRatio`, ≤ 10% throttled, every bus synced; `cutFloor` adds: no rate cut below that
 * share of the rate accepted over the second before it.
 */
export async function fanoutSection(emu, sc, variants, { runs, maxRatio = 1.25, cutFloor }) {
  const n = sc.n;
  line(
    `   N=${n} G=${sc.g} L=${sc.latencyMs} ms Q=${sc.q}/s${sc.immediate429 ? ', 429 at once' : ''}: N/Q = ${round(n / sc.q)} s; goal ≤ ${maxRatio}× = ${round((maxRatio * n) / sc.q)} s, ≤ 10% throttled, all synced${cutFloor ? `, no cut below ${cutFloor}× the rate accepted over the previous second` : ''}`,
  );
  const out = [];
  let met = true;
  for (const v of variants) {
    const rows = [];
    for (let i = 0; i < (v.goal ? runs : 1); i++) rows.push(await fanoutRun(emu, sc, v));
    const minCut = Math.min(...rows.map((x) => x.cuts.minRatio ?? Infinity));
    const r = {
      ...rows[0],
      wallS: round(median(rows.map((x) => x.wallS))),
      ratio: round(median(rows.map((x) => x.ratio))),
      throttledShare: round(median(rows.map((x) => x.throttledShare)), 3),
      cpuMs: round(median(rows.map((x) => x.cpuMs)), 0),
      allSynced: rows.every((x) => x.allSynced),
      lowestCutRatio: Number.isFinite(minCut) ? minCut : null,
      runs: rows.map((x) => ({ wallS: x.wallS, ratio: x.ratio, throttledShare: x.throttledShare, allSynced: x.allSynced, cuts: x.cuts })),
    };
    const ok = r.ratio <= maxRatio && r.throttledShare <= 0.1 && r.allSynced && (!cutFloor || !(minCut < cutFloor));
    if (v.goal) met &&= ok;
    line(
      `   ${v.goal ? mark(ok) : '    '} ${v.name.padEnd(44)}`,
      `${r.wallS} s = ${r.ratio}× N/Q`,
      `throttled ${pct(r.throttledShare)} (${r.throttled}/${r.calls})`,
      `synced ${r.syncOk}/${r.n}${r.allSynced ? '' : ' NOT all'}`,
      `in flight ≤ ${r.maxInFlight}`,
      `cuts ${rows.map((x) => x.cuts.count).join('/')}${r.lowestCutRatio !== null ? `, lowest ${r.lowestCutRatio}× accepted` : ''}`,
      v.goal && runs > 1 ? `(median of ${runs}: ${rows.map((x) => x.ratio).join(', ')})` : '',
    );
    out.push({ scenario: sc, ...r });
  }
  return { rows: out, met };
}

/** 20 + 10 back-to-back invocations in one warm process, the quota rising between them. */
export async function warmSection(emu, bundle) {
  const r = await warmSequence(emu, bundle);
  const met = r.low.throttledShare <= 0.1 && r.allSynced && r.invocationsToFollow !== null && r.invocationsToFollow <= 6;
  line(
    `   ${mark(met)} ${r.low.invocations} × ${r.busesPerJob} buses at Q=${r.low.quota}/s: throttled ${pct(r.low.throttledShare)} (${r.low.throttled}/${r.low.calls}; goal ≤ 10%)`,
    `then Q=${r.high.quota}/s: send rate ≥ 0.8×Q from invocation ${r.invocationsToFollow ?? 'never'} (goal: within a few; ≤ 6 counted as a few), throttled ${pct(r.high.throttledShare)}`,
  );
  line(`        send rate per invocation (/s): ${r.rows.map((x) => x.sendRps).join(' ')}`);
  line(`        429s per invocation:           ${r.rows.map((x) => x.throttled).join(' ')}`);
  return { result: r, met };
}

/** Several instances (processes) against one quota, `runs` times; medians. */
export async function sharedSection(emu, bundles, { runs, instances = 4, perInstance = 250, q = 80, baselines = true }) {
  const n = instances * perInstance;
  line(
    `   ${instances} instances × ${perInstance} buses, one quota Q=${q}/s, L=50 ms: goal total ≤ 1.25 × ${round(n / q)} s, ≤ 10% throttled, all synced, slowest ≤ 1.2× fastest`,
  );
  const out = [];
  let met = true;
  for (const v of [
    { name: 'adaptive (defaults)', bundle: bundles.functiongraph, env: {}, goal: true },
    { name: 'baseline: fixed concurrency 16, no pacing', bundle: bundles.fixed, env: { SYNC_MAX_RPS: '1000', SYNC_CONCURRENCY: '16' } },
  ].filter((v) => v.goal || baselines)) {
    const rows = [];
    for (let i = 0; i < (v.goal ? runs : 1); i++) rows.push(await sharedQuota(emu, v.bundle, { instances, perInstance, q, env: v.env }));
    const r = {
      variant: v.name,
      ...rows[0],
      totalS: round(median(rows.map((x) => x.totalS))),
      ratio: round(median(rows.map((x) => x.ratio))),
      throttledShare: round(median(rows.map((x) => x.throttledShare)), 3),
      spread: round(median(rows.map((x) => x.spread))),
      allSynced: rows.every((x) => x.allSynced),
      runs: rows,
    };
    const ok = r.ratio <= 1.25 && r.throttledShare <= 0.1 && r.allSynced && r.spread <= 1.2;
    if (v.goal) met &&= ok;
    line(
      `   ${v.goal ? mark(ok) : '    '} ${v.name.padEnd(44)}`,
      `total ${r.totalS} s = ${r.ratio}× N/Q`,
      `throttled ${pct(r.throttledShare)}`,
      `walls ${rows.map((x) => x.wallsS.join('/')).join(' | ')} s (slowest/fastest ${r.spread})`,
      r.allSynced ? 'all synced once' : 'NOT all synced',
    );
    out.push(r);
  }
  return { rows: out, met };
}
