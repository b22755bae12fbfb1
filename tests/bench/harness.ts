// A tiny benchmark harness: warm up, time many runs, report the median, and compare against a baseline
// measured in the same run (absolute numbers on a shared 2-core machine mean little; ratios travel).
import { performance } from "node:perf_hooks";

export interface Measurement {
  name: string;
  medianMs: number;
  p95Ms: number;
  runs: number;
}

export async function measure(name: string, run: () => unknown, options: { runs?: number; warmup?: number } = {}): Promise<Measurement> {
  const runs = options.runs ?? 50;
  for (let i = 0; i < (options.warmup ?? 5); i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { name, runs, medianMs: times[Math.floor(runs / 2)]!, p95Ms: times[Math.min(runs - 1, Math.floor(runs * 0.95))]! };
}

/**
 * A baseline and a candidate measured turn about (baseline, candidate, baseline…), so on a machine shared with
 * other work both see the same load and their ratio holds even when the absolute times drift.
 */
export async function measurePair(
  baseline: { name: string; run: () => unknown },
  candidate: { name: string; run: () => unknown },
  options: { runs?: number; warmup?: number } = {},
): Promise<[Measurement, Measurement]> {
  const runs = options.runs ?? 50;
  for (let i = 0; i < (options.warmup ?? 1); i++) {
    await baseline.run();
    await candidate.run();
  }
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [which, subject] of [baseline, candidate].entries()) {
      const start = performance.now();
      await subject.run();
      times[which]!.push(performance.now() - start);
    }
  }
  const summary = (name: string, list: number[]): Measurement => {
    const sorted = [...list].sort((a, b) => a - b);
    return { name, runs, medianMs: sorted[Math.floor(runs / 2)]!, p95Ms: sorted[Math.min(runs - 1, Math.floor(runs * 0.95))]! };
  };
  return [summary(baseline.name, times[0]), summary(candidate.name, times[1])];
}

export interface Comparison {
  benchmark: string;
  baseline: Measurement;
  candidate: Measurement;
  target?: number;
}

export function report(comparisons: Comparison[]): string {
  const lines = ["benchmark | baseline (median ms) | candidate (median ms) | ratio | target", "---|---|---|---|---"];
  for (const c of comparisons) {
    const ratio = c.candidate.medianMs / c.baseline.medianMs;
    const verdict = c.target === undefined ? "" : ratio <= c.target ? ` ≤ ${c.target} ✓` : ` > ${c.target} ✗`;
    lines.push(
      `${c.benchmark} | ${c.baseline.name}: ${c.baseline.medianMs.toFixed(3)} | ${c.candidate.name}: ${c.candidate.medianMs.toFixed(3)} | ${ratio.toFixed(2)}× |${verdict}`,
    );
  }
  return lines.join("\n");
}
