/** Numbers in [0, 1), one a call. */
export type Random = () => number;

/**
 * mulberry32: a tiny, fast generator that a seed replays — the same demo data on every run, a
 * failing property-test case repeated. Test and demo data only, never anything secret.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
