// Coding throughput: 100k realistic encounters coded on one core, as a ratio to zod-validating the same input
// (issue 3: coding should cost no more than 3× validation). Reference data from the CMS sample files.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { EncounterSchema, codeEncounter, type Encounter } from "~/coding";
import { fixtureReference } from "../unit/coding/support";
import { generateEncounters } from "./encounters";
import { report, type Comparison, type Measurement } from "./harness";

const ENCOUNTERS = Number(process.env.BENCH_ENCOUNTERS ?? 100_000);

function summarize(name: string, times: number[]): Measurement {
  const sorted = [...times].sort((a, b) => a - b);
  return { name, runs: sorted.length, medianMs: sorted[Math.floor(sorted.length / 2)]!, p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! };
}

const perSecond = (m: Measurement) => Math.round(ENCOUNTERS / (m.medianMs / 1000));
const withRate = (m: Measurement, what: string): Measurement => ({ ...m, name: `${m.name} (${perSecond(m).toLocaleString("en-US")} ${what}/s)` });

export async function benchCoding(): Promise<Comparison[]> {
  const reference = fixtureReference();
  // JSON round trip: the input is what arrives over HTTP or from the CLI, not objects shared with the generator.
  const inputs = JSON.parse(JSON.stringify(generateEncounters(ENCOUNTERS))) as unknown[];
  const encounters: Encounter[] = [];
  let invalid = 0;
  for (const input of inputs) {
    const parsed = EncounterSchema.safeParse(input);
    if (parsed.success) encounters.push(parsed.data);
    else invalid++;
  }
  if (invalid > 0) throw new Error(`${invalid} generated encounters do not validate: the generator is wrong`);
  let lines = 0;
  let findings = 0;
  for (const encounter of encounters) {
    const claim = codeEncounter(encounter, reference);
    lines += claim.lines.length;
    findings += claim.findings.length;
  }
  console.info(`Coding mix: ${ENCOUNTERS.toLocaleString("en-US")} encounters, ${(lines / ENCOUNTERS).toFixed(1)} lines and ${(findings / ENCOUNTERS).toFixed(1)} findings per encounter`);

  // Interleaved in slices (10,000 by default): on a shared machine, load that comes and goes hits both sides
  // alike. Much finer slices (BENCH_SLICE=1000) switch between zod and the engine so often that the engine loses
  // about a third of its speed to cold caches; one slice of everything (BENCH_SLICE=100000) is plain sequential.
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const slice = Number(process.env.BENCH_SLICE ?? 10_000);
  const times = { validate: [] as number[], code: [] as number[], both: [] as number[] };
  for (let run = -1; run < runs; run++) {
    let validateMs = 0;
    let codeMs = 0;
    let bothMs = 0;
    for (let from = 0; from < ENCOUNTERS; from += slice) {
      const to = Math.min(ENCOUNTERS, from + slice);
      let t = performance.now();
      for (let i = from; i < to; i++) EncounterSchema.safeParse(inputs[i]);
      validateMs += performance.now() - t;
      t = performance.now();
      for (let i = from; i < to; i++) codeEncounter(encounters[i]!, reference);
      codeMs += performance.now() - t;
      t = performance.now();
      for (let i = from; i < to; i++) {
        const parsed = EncounterSchema.safeParse(inputs[i]);
        if (parsed.success) codeEncounter(parsed.data, reference);
      }
      bothMs += performance.now() - t;
    }
    if (run < 0) continue; // warm-up pass
    times.validate.push(validateMs);
    times.code.push(codeMs);
    times.both.push(bothMs);
  }
  const size = `${ENCOUNTERS / 1000}k`;
  const validate = summarize(`zod-validate ${size}`, times.validate);
  const code = summarize(`codeEncounter ${size}`, times.code);
  const both = summarize(`validate + code ${size}`, times.both);
  return [
    { benchmark: "coding vs validation (one core)", baseline: withRate(validate, "validated"), candidate: withRate(code, "coded"), target: 3 },
    { benchmark: "validate + code vs validation", baseline: withRate(validate, "validated"), candidate: withRate(both, "end to end") },
  ];
}

// `npm run bench:coding`: this benchmark alone (no database).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.info(report(await benchCoding()));
