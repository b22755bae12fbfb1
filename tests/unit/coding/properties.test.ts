// Property tests over generated encounters (a seeded generator: the same cases on every run).
// fast-check is not installed; this keeps the same properties with a small deterministic PRNG.
import type { CodedClaim, EncounterInput } from "~/coding";
import { addOnBases } from "~/coding/codes";
import { code, infusion, makeDrug, push } from "./support";

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DRUGS = [
  { hcpcs: "J1745", unit: 10, vials: [100] },
  { hcpcs: "J9312", unit: 10, vials: [100, 500] },
  { hcpcs: "J9271", unit: 1, vials: [100] },
  { hcpcs: "J3380", unit: 1, vials: [300] },
  { hcpcs: "J0129", unit: 10, vials: [250] },
];

type AdministrationInput = EncounterInput["administrations"][number];

function randomEncounter(random: () => number): Partial<EncounterInput> {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const count = 1 + Math.floor(random() * 5);
  const administrations: AdministrationInput[] = [];
  for (let i = 0; i < count; i++) {
    const d = pick(DRUGS);
    const dose = Math.round(5 + random() * 1200);
    const drug = makeDrug(d.hcpcs, dose, { singleDose: true, vials: d.vials.map((quantity) => ({ quantity, unit: "mg" as const })) });
    const start = `${String(8 + Math.floor(random() * 6)).padStart(2, "0")}:${String(Math.floor(random() * 60)).padStart(2, "0")}`;
    const kind = pick(["therapeutic", "chemotherapy", "hydration"] as const);
    const id = `a${i}`;
    if (kind === "hydration") administrations.push(infusion(id, "hydration", start, 10 + Math.floor(random() * 200)));
    else if (random() < 0.3) administrations.push(push(id, kind, start, drug));
    else administrations.push(infusion(id, kind, start, 5 + Math.floor(random() * 300), { drug, primary: i === 0 }));
  }
  return { setting: pick(["professional", "facility"] as const), administrations };
}

const CASES = 400;
const cases: { input: Partial<EncounterInput>; claim: CodedClaim }[] = [];
const random = prng(20250304);
for (let i = 0; i < CASES; i++) {
  const input = randomEncounter(random);
  cases.push({ input, claim: code(input) });
}

describe(`properties over ${CASES} generated encounters`, () => {
  /** Brute force: the least vial total covering the dose (at most two sizes here). */
  function leastVialTotal(dose: number, sizes: readonly number[]): number {
    const [large = 0, small = large] = [...sizes].sort((x, y) => y - x);
    let best = Infinity;
    for (let k = 0; k <= Math.ceil(dose / large); k++) best = Math.min(best, k * large + Math.ceil(Math.max(0, dose - k * large) / small) * small);
    return best;
  }

  it("administered + waste units equal the least-waste vial total; JZ exactly when nothing is left", () => {
    let withWaste = 0;
    for (const { claim } of cases) {
      for (const administered of claim.lines.filter((l) => !l.modifiers.includes("JW") && l.ndc)) {
        const drug = DRUGS.find((d) => d.hcpcs === administered.code);
        if (!drug || !administered.ndc) continue;
        const totalUnits = Math.floor(leastVialTotal(administered.ndc.quantity, drug.vials) / drug.unit);
        const waste = claim.lines.find((l) => l.code === administered.code && l.modifiers.includes("JW"));
        if (totalUnits > administered.units) {
          withWaste++;
          expect(waste?.units).toBe(totalUnits - administered.units);
          expect(administered.modifiers).not.toContain("JZ");
        } else {
          expect(waste).toBeUndefined();
          expect(administered.modifiers).toContain("JZ");
        }
      }
    }
    expect(withWaste).toBeGreaterThan(50);
  });

  it("units never under-bill the dose", () => {
    for (const { claim } of cases) {
      for (const line of claim.lines.filter((l) => !l.modifiers.includes("JW") && l.ndc)) {
        const drug = DRUGS.find((d) => d.hcpcs === line.code);
        if (!drug || !line.ndc) continue;
        expect(line.units * drug.unit).toBeGreaterThanOrEqual(line.ndc.quantity);
        expect((line.units - 1) * drug.unit).toBeLessThan(line.ndc.quantity);
      }
    }
  });

  it("no drug has both JW and JZ, and no JW line stands without its administered line", () => {
    for (const { claim } of cases) {
      for (const code of new Set(claim.lines.map((l) => l.code))) {
        const lines = claim.lines.filter((l) => l.code === code);
        const jw = lines.some((l) => l.modifiers.includes("JW"));
        const jz = lines.some((l) => l.modifiers.includes("JZ"));
        expect(jw && jz).toBe(false);
        if (jw) expect(lines.some((l) => !l.modifiers.includes("JW"))).toBe(true);
      }
    }
  });

  it("every add-on has its base", () => {
    for (const { claim } of cases) {
      const codes = new Set(claim.lines.map((l) => l.code));
      for (const line of claim.lines) {
        const bases = addOnBases(line.code);
        if (bases) expect(bases.some((b) => codes.has(b)), `${line.code} in ${[...codes].join(",")}`).toBe(true);
      }
      expect(claim.findings.some((f) => f.rule === "ADMIN_ADDON_WITHOUT_BASE")).toBe(false);
    }
  });

  it("output is independent of input order", () => {
    const shuffle = prng(7);
    for (const { input, claim } of cases) {
      const administrations = [...(input.administrations ?? [])].sort(() => shuffle() - 0.5).reverse();
      expect(code({ ...input, administrations })).toEqual(claim);
    }
  });

  it("the same input always gives the same claim", () => {
    for (const { input, claim } of cases.slice(0, 50)) expect(code(input)).toEqual(claim);
  });
});
