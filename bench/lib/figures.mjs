// Figures computed from what the emulator recorded and what the function logged.
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Accepted answers (HTTP 200, any route) whose request arrived in (from, to], per second of that span. */
function acceptedPerSecond(calls, from, to) {
  let n = 0;
  for (const c of calls) if (c.status === 200 && c.time > from && c.time <= to) n++;
  return (n * 1000) / (to - from);
}

/**
 * Each `rate cut` the pacer logged, against the rate the emulator really accepted over the second before
 * it (requests that arrived in that second and were answered 200). The goal: no cut takes the rate below
 * 0.5 × that. Returns the number of cuts, the lowest ratio and the cut that made it.
 */
export function cutsAgainstAccepted(cuts, calls) {
  if (cuts.length === 0) return { count: 0 };
  const t0 = Math.min(...calls.map((c) => c.time));
  const rows = cuts.map((cut) => {
    const acceptedRps = acceptedPerSecond(calls, cut.at - 1000, cut.at);
    return {
      atS: round((cut.at - t0) / 1000, 3),
      fromRps: round(cut.fromRps, 1),
      toRps: round(cut.toRps, 1),
      estimateRps: round(cut.acceptedRps, 1),
      acceptedLastSecondRps: round(acceptedRps, 1),
      ratio: acceptedRps > 0 ? round(cut.toRps / acceptedRps, 3) : null,
    };
  });
  const rated = rows.filter((r) => r.ratio !== null);
  const worst = rated.reduce((a, b) => (b.ratio < a.ratio ? b : a), rated[0]);
  return { count: rows.length, minRatio: worst?.ratio ?? null, worst, first: rows.slice(0, 6) };
}

/**
 * The send rate of one invocation as the emulator saw it: sync requests (each start, throttled or not)
 * per second between the first and the last, for the invocation that ran in [from, to].
 */
export function sendRate(calls, from, to) {
  const times = calls.filter((c) => c.route === 'sync' && c.time >= from && c.time <= to).map((c) => c.time);
  if (times.length < 2) return null;
  return ((times.length - 1) * 1000) / (Math.max(...times) - Math.min(...times));
}
