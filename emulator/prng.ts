/**
 * mulberry32: a tiny deterministic PRNG, so that seeded fault runs and generated fleets repeat exactly.
 * @example const next = mulberry32(42); next() // always the same number in [0, 1)
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `digits` random lower-case hex digits from the generator.
 * @example randomHex(mulberry32(1), 32).length // 32
 */
export function randomHex(next: () => number, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += Math.floor(next() * 16).toString(16);
  return out;
}
