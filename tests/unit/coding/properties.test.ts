// Property tests (fast-check) over generated encounters: the invariants a biller relies on, checked against
// an independent model (brute-force vial totals, plain arithmetic), not against the engine's own helpers.
// A failure prints the seed and the shrunk encounter; re-run it with FC_SEED=<seed>.
import fc from "fast-check";
import type { ClaimLine, CodedClaim, EncounterInput } from "~/coding";
import { addOnBases } from "~/coding/codes";
import { NDC, at, code } from "./support";

type AdministrationInput = EncounterInput["administrations"][number];

/** Single-dose drugs of the sample reference files: billing unit (mg) and vial sizes (mg), as the crosswalk also says. */
const DRUGS = [
  { hcpcs: "J1745", unitMg: 10, vials: [100] },
  { hcpcs: "J9312", unitMg: 10, vials: [100, 500] },
  { hcpcs: "J9271", unitMg: 1, vials: [100] },
  { hcpcs: "J3380", unitMg: 1, vials: [300] },
  { hcpcs: "J0129", unitMg: 10, vials: [250] },
] as const;
const drugOf = (hcpcs: string) => DRUGS.find((d) => d.hcpcs === hcpcs);

const runs = { numRuns: Number(process.env.FC_RUNS ?? 300), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) };

const drugArb = fc.record({
  drug: fc.constantFrom(...DRUGS),
  doseMg: fc.integer({ min: 1, max: 1500 }),
  /** Some doses written in grams: unit conversion must not change a unit. */
  inGrams: fc.boolean(),
  /** Chart vials, or none (then the crosswalk's package sizes, the same ones). */
  chartVials: fc.boolean(),
  wasteDocumentedMg: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined, freq: 4 }),
  acquired340B: fc.boolean(),
  whiteBag: fc.option(fc.constant(true), { nil: false, freq: 8 }),
});

const administrationArb = fc.record({
  kind: fc.constantFrom("therapeutic", "chemotherapy", "hydration"),
  route: fc.constantFrom("iv-infusion", "iv-infusion", "iv-infusion", "iv-push", "subcutaneous", "intramuscular"),
  startOffset: fc.integer({ min: 0, max: 600 }),
  minutes: fc.integer({ min: 1, max: 480 }),
  primary: fc.boolean(),
  bag: fc.option(fc.constantFrom("bag-1", "bag-2"), { nil: undefined, freq: 3 }),
  accessSite: fc.option(fc.constantFrom("left forearm", "right forearm"), { nil: undefined, freq: 3 }),
  drug: drugArb,
});

type AdministrationSpec = typeof administrationArb extends fc.Arbitrary<infer T> ? T : never;

function toAdministration(spec: AdministrationSpec, index: number, multiDoseCode: string | undefined): AdministrationInput {
  const start = at("07:00", spec.startOffset);
  const minutes = spec.route === "iv-push" ? Math.min(spec.minutes, 10) : spec.minutes;
  const base = { id: `a${index}`, kind: spec.kind, start, stop: at("07:00", spec.startOffset + minutes), primary: spec.primary } as const;
  const placement = { ...(spec.bag ? { bag: spec.bag } : {}), ...(spec.accessSite ? { accessSite: spec.accessSite } : {}) };
  // Hydration is fluid through a line: no drug line of its own.
  if (spec.kind === "hydration") return { ...base, route: "iv-infusion", ...placement };
  const d = spec.drug;
  const dose = d.inGrams ? { value: d.doseMg / 1000, unit: "g" as const } : { value: d.doseMg, unit: "mg" as const };
  return {
    ...base,
    route: spec.route,
    ...(spec.route === "iv-infusion" ? placement : {}),
    drug: {
      hcpcs: d.drug.hcpcs,
      ndc: NDC[d.drug.hcpcs],
      dose,
      vials: d.chartVials ? d.drug.vials.map((quantity) => ({ quantity, unit: "mg" as const })) : [],
      singleDose: d.drug.hcpcs !== multiDoseCode,
      acquired340B: d.acquired340B,
      supply: d.whiteBag ? "white-bag" : "buy-and-bill",
      ...(d.wasteDocumentedMg !== undefined ? { wasteDocumented: { value: d.wasteDocumentedMg, unit: "mg" as const } } : {}),
    },
  };
}

const encounterArb = fc
  .record({
    setting: fc.constantFrom("professional", "facility"),
    payer: fc.constantFrom("medicare", "medicaid", "commercial"),
    program340B: fc.boolean(),
    /** One NDC is one container type: at most one drug of the visit comes in multi-dose vials. */
    multiDoseCode: fc.option(fc.constantFrom(...DRUGS.map((d) => d.hcpcs)), { nil: undefined, freq: 3 }),
    administrations: fc.array(administrationArb, { minLength: 1, maxLength: 6 }),
  })
  .map(
    (spec): Partial<EncounterInput> => ({
      setting: spec.setting,
      payer: { kind: spec.payer },
      facility: { program340B: spec.program340B },
      administrations: spec.administrations.map((a, i) => toAdministration(a, i, spec.multiDoseCode)),
    }),
  );

/** Brute force over every count of the largest size: the least vial content covering the dose (mg). */
function leastVialTotal(doseMg: number, sizes: readonly number[]): number {
  const sorted = [...sizes].sort((x, y) => y - x);
  const large = sorted[0] ?? 0;
  const small = sorted[sorted.length - 1] ?? large;
  let best = Infinity;
  for (let k = 0; k <= Math.ceil(doseMg / large); k++) best = Math.min(best, k * large + Math.ceil(Math.max(0, doseMg - k * large) / small) * small);
  return best;
}

interface DrugGroupModel {
  doseMg: number;
  documentedWasteMg: number | undefined;
  singleDose: boolean;
  unitMg: number;
  vials: readonly number[];
}

/** What the documentation says about the administrations a drug line comes from (one line per drug and NDC). */
function groupModel(input: Partial<EncounterInput>, line: ClaimLine): DrugGroupModel | undefined {
  const drug = drugOf(line.code);
  const members = (input.administrations ?? []).filter((a) => line.administrations.includes(a.id));
  if (!drug || members.length === 0) return undefined;
  const mg = (q: { value: number; unit: string }) => (q.unit === "g" ? q.value * 1000 : q.value);
  const documented = members.filter((a) => a.drug?.wasteDocumented);
  return {
    doseMg: members.reduce((sum, a) => sum + (a.drug ? mg(a.drug.dose) : 0), 0),
    documentedWasteMg: documented.length > 0 ? documented.reduce((sum, a) => sum + mg(a.drug!.wasteDocumented!), 0) : undefined,
    singleDose: members[0]?.drug?.singleDose !== false,
    unitMg: drug.unitMg,
    vials: drug.vials,
  };
}

const isDrugLine = (line: ClaimLine) => drugOf(line.code) !== undefined;
const administeredLines = (claim: CodedClaim) => claim.lines.filter((l) => isDrugLine(l) && !l.modifiers.includes("JW"));

describe("coding properties (fast-check)", () => {
  it("administered + waste units equal the vial total whenever waste is billed; JZ exactly when nothing is left", () => {
    fc.assert(
      fc.property(encounterArb, (input) => {
        const claim = code(input);
        for (const administered of administeredLines(claim)) {
          const model = groupModel(input, administered);
          if (!model) continue;
          const waste = claim.lines.find((l) => l.code === administered.code && l.modifiers.includes("JW") && l.administrations.join() === administered.administrations.join());
          if (!model.singleDose) {
            expect(waste).toBeUndefined();
            expect(administered.modifiers).not.toContain("JZ");
            continue;
          }
          const totalMg = model.documentedWasteMg !== undefined ? model.doseMg + model.documentedWasteMg : leastVialTotal(model.doseMg, model.vials);
          const vialUnits = Math.floor(totalMg / model.unitMg + 1e-9);
          if (waste) expect(administered.units + waste.units).toBe(vialUnits);
          else {
            expect(vialUnits).toBeLessThanOrEqual(administered.units);
            expect(administered.modifiers).toContain("JZ");
          }
        }
      }),
      runs,
    );
  });

  it("units never under-bill the dose (and never bill a whole unit more than it needs)", () => {
    fc.assert(
      fc.property(encounterArb, (input) => {
        for (const line of administeredLines(code(input))) {
          const model = groupModel(input, line);
          if (!model) continue;
          expect(line.units * model.unitMg).toBeGreaterThanOrEqual(model.doseMg - 1e-9);
          expect(line.units).toBe(Math.max(1, Math.ceil(model.doseMg / model.unitMg - 1e-9)));
        }
      }),
      runs,
    );
  });

  it("no line has both JW and JZ, no drug has JW on one line and JZ on another, and no JW line stands alone", () => {
    fc.assert(
      fc.property(encounterArb, (input) => {
        const claim = code(input);
        for (const line of claim.lines) expect(line.modifiers.includes("JW") && line.modifiers.includes("JZ")).toBe(false);
        for (const jw of claim.lines.filter((l) => l.modifiers.includes("JW"))) {
          const siblings = claim.lines.filter((l) => l.code === jw.code && l.administrations.join() === jw.administrations.join() && l !== jw);
          expect(siblings.length).toBe(1);
          expect(siblings[0]?.modifiers).not.toContain("JZ");
        }
      }),
      runs,
    );
  });

  it("every add-on has its base on the claim", () => {
    fc.assert(
      fc.property(encounterArb, (input) => {
        const claim = code(input);
        const codes = new Set(claim.lines.map((l) => l.code));
        for (const line of claim.lines) {
          const bases = addOnBases(line.code);
          if (bases) expect(bases.some((b) => codes.has(b)), `${line.code} without ${bases.join("/")} in ${[...codes].join(", ")}`).toBe(true);
        }
        expect(claim.findings.filter((f) => f.rule === "ADMIN_ADDON_WITHOUT_BASE")).toEqual([]);
      }),
      runs,
    );
  });

  it("the claim does not depend on the order administrations are entered in", () => {
    const withPermutation = encounterArb.chain((input) => {
      const list = input.administrations ?? [];
      return fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }).map((shuffled) => ({ input, shuffled }));
    });
    fc.assert(
      fc.property(withPermutation, ({ input, shuffled }) => {
        expect(code({ ...input, administrations: shuffled })).toEqual(code(input));
      }),
      runs,
    );
  });
});
