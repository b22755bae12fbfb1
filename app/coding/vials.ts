// The least-waste vial combination: the smallest total content that covers the dose, choosing
// among the vial sizes available (CGS and Noridian: waste is billed from the vials actually needed).

export interface VialCombination {
  /** Vial size → number of vials, largest size first. */
  vials: { size: number; count: number }[];
  total: number;
}

const SCALE = 1000;
const MAX_STATES = 2_000_000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Sizes and dose must be in one unit. Among combinations with the least total, the one with the
 * fewest vials wins, then the one using larger vials (deterministic).
 */
export function leastWasteCombination(dose: number, sizes: readonly number[]): VialCombination | undefined {
  const scaled = [...new Set(sizes.map((s) => Math.round(s * SCALE)).filter((s) => s > 0))].sort((a, b) => b - a);
  if (scaled.length === 0 || !(dose > 0)) return undefined;
  const single = scaled.length === 1 ? scaled[0] : undefined;
  if (single !== undefined) {
    // One vial size: as many as cover the dose (what the search below finds, without its tables).
    const count = Math.ceil(Math.round(dose * SCALE) / single);
    return { vials: [{ size: single / SCALE, count }], total: (count * single) / SCALE };
  }
  const step = scaled.reduce(gcd);
  const units = scaled.map((s) => s / step);
  const target = Math.ceil(Math.round(dose * SCALE) / step);
  const limit = target + Math.max(...units);
  if (limit > MAX_STATES) return undefined;
  // fewest[n] = fewest vials reaching exactly n steps; via[n] = index of the last vial size added.
  const fewest = new Int32Array(limit + 1).fill(-1);
  const via = new Int8Array(limit + 1).fill(-1);
  fewest[0] = 0;
  for (let n = 1; n <= limit; n++) {
    for (let i = 0; i < units.length; i++) {
      const prev = n - (units[i] ?? 0);
      if (prev < 0) continue;
      const count = fewest[prev] ?? -1;
      if (count < 0) continue;
      const best = fewest[n] ?? -1;
      if (best < 0 || count + 1 < best) {
        fewest[n] = count + 1;
        via[n] = i;
      }
    }
  }
  for (let n = target; n <= limit; n++) {
    if ((fewest[n] ?? -1) < 0) continue;
    const counts = new Map<number, number>();
    for (let k = n; k > 0; ) {
      const i = via[k] ?? -1;
      const size = units[i] ?? 0;
      counts.set(i, (counts.get(i) ?? 0) + 1);
      k -= size;
    }
    const vials = [...counts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([i, count]) => ({ size: ((units[i] ?? 0) * step) / SCALE, count }));
    return { vials, total: (n * step) / SCALE };
  }
  return undefined;
}
