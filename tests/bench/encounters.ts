// A deterministic, realistic mix of infusion visits for the coding benchmark: biologic infusions with
// premedication pushes, chemotherapy with hydration and pumps, injections, iron, NOC drugs, both settings,
// 340B and white-bag drugs. The same seed gives the same encounters on every run.
import type { EncounterInput } from "~/coding";
import { mulberry32 } from "../../db/demo/random";

type Administration = EncounterInput["administrations"][number];
type Drug = NonNullable<Administration["drug"]>;

interface DrugSpec {
  hcpcs: string;
  ndc?: string;
  /** Dose range in mg (or the unit given). */
  dose: [number, number];
  unit?: "mg" | "g" | "units" | "mL";
  vials?: number[];
  singleDose?: boolean;
  /** Infusion minutes range. */
  minutes: [number, number];
  name?: string;
}

const BIOLOGICS: DrugSpec[] = [
  { hcpcs: "J1745", ndc: "57894-0030-01", dose: [200, 900], vials: [100], singleDose: true, minutes: [120, 180] },
  { hcpcs: "J3380", ndc: "64764-0300-20", dose: [300, 300], vials: [300], singleDose: true, minutes: [30, 45] },
  { hcpcs: "J2323", dose: [300, 300], vials: [300], singleDose: true, minutes: [60, 75] },
  { hcpcs: "J0129", ndc: "00003-2187-10", dose: [500, 1000], vials: [250], singleDose: true, minutes: [30, 40] },
  { hcpcs: "J1569", dose: [20, 70], unit: "g", minutes: [150, 300] },
  { hcpcs: "Q5103", dose: [300, 800], vials: [100], singleDose: true, minutes: [120, 150] },
  { hcpcs: "J2350", dose: [300, 600], vials: [300], singleDose: true, minutes: [150, 240] },
];
const ONCOLOGY: DrugSpec[] = [
  { hcpcs: "J9271", ndc: "00006-3026-02", dose: [200, 400], vials: [100], singleDose: true, minutes: [30, 35] },
  { hcpcs: "J9299", dose: [240, 480], vials: [40, 100, 240], singleDose: true, minutes: [30, 60] },
  { hcpcs: "J9035", dose: [300, 1200], vials: [100, 400], singleDose: true, minutes: [30, 90] },
  { hcpcs: "J9312", ndc: "50242-0051-21", dose: [500, 1000], vials: [100, 500], singleDose: true, minutes: [180, 300] },
  { hcpcs: "J9045", ndc: "12345-0450-01", dose: [300, 800], singleDose: false, minutes: [30, 60] },
  { hcpcs: "J9267", dose: [150, 350], singleDose: false, minutes: [180, 190] },
  { hcpcs: "J0640", dose: [200, 800], minutes: [90, 120] },
];
const PREMEDS: DrugSpec[] = [
  { hcpcs: "J1200", dose: [25, 50], minutes: [2, 5] },
  { hcpcs: "J2405", ndc: "12345-0240-02", dose: [8, 16], minutes: [2, 5] },
  { hcpcs: "J1100", ndc: "12345-0100-25", dose: [4, 20], minutes: [2, 5] },
  { hcpcs: "J2930", dose: [40, 125], minutes: [3, 10] },
];
const INJECTIONS: DrugSpec[] = [
  { hcpcs: "J0897", dose: [60, 120], singleDose: true, vials: [60], minutes: [1, 1] },
  { hcpcs: "J9217", dose: [7.5, 45], minutes: [1, 1] },
  { hcpcs: "J2506", dose: [6, 6], minutes: [1, 1] },
];
const IRON: DrugSpec[] = [
  { hcpcs: "J1439", dose: [750, 750], vials: [750], singleDose: true, minutes: [15, 30] },
  { hcpcs: "J1756", dose: [100, 300], minutes: [15, 90] },
];

export function generateEncounters(count: number, seed = 20_250_304): EncounterInput[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.round(random() * (hi - lo));
  const chance = (p: number) => random() < p;
  const pad = (n: number) => String(n).padStart(2, "0");

  const encounters: EncounterInput[] = [];
  for (let n = 0; n < count; n++) {
    const day = 1 + (n % 28);
    const month = 1 + (Math.floor(n / 28) % 3);
    const dateOfService = `2025-${pad(month)}-${pad(day)}`;
    const at = (minute: number) => {
      const t = new Date(Date.UTC(2025, month - 1, day, 0, minute));
      return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
    };
    const facility = chance(0.4);
    const administrations: Administration[] = [];
    let clock = between(8 * 60, 14 * 60);
    const drug = (spec: DrugSpec, acquired340B: boolean): Drug => {
      const dose = spec.unit === "g" ? between(spec.dose[0], spec.dose[1]) : Math.round(spec.dose[0] + random() * (spec.dose[1] - spec.dose[0]));
      const d: Drug = { hcpcs: spec.hcpcs, dose: { value: dose, unit: spec.unit ?? "mg" }, acquired340B };
      if (spec.ndc) d.ndc = spec.ndc;
      if (spec.vials) d.vials = spec.vials.map((quantity) => ({ quantity, unit: spec.unit ?? "mg" }));
      if (spec.singleDose !== undefined) d.singleDose = spec.singleDose;
      if (spec.name) d.name = spec.name;
      if (chance(0.05)) d.supply = "white-bag";
      if (spec.singleDose && chance(0.1)) d.wasteDocumented = { value: between(1, 50), unit: spec.unit ?? "mg" };
      return d;
    };
    const add = (a: Omit<Administration, "id">) => administrations.push({ ...a, id: `a${administrations.length + 1}` });
    const program340B = facility && chance(0.3);
    const mix = random();

    if (mix < 0.75) {
      const oncology = mix >= 0.45;
      for (let i = 0, premeds = between(0, 3); i < premeds; i++) {
        const spec = pick(PREMEDS);
        add({ kind: "therapeutic", route: "iv-push", start: at(clock), stop: at(clock + between(spec.minutes[0], spec.minutes[1])), drug: drug(spec, false) });
        clock += between(5, 15);
      }
      if (chance(0.3)) {
        const minutes = between(20, 120);
        add({ kind: "hydration", route: "iv-infusion", start: at(clock), stop: at(clock + minutes), ...(chance(0.1) ? { kvo: true } : {}) });
        clock += minutes;
      }
      for (let i = 0, main = oncology ? between(1, 3) : 1; i < main; i++) {
        const spec = oncology ? pick(ONCOLOGY) : pick(BIOLOGICS);
        const minutes = between(spec.minutes[0], spec.minutes[1]);
        const overlaps = i > 0 && chance(0.15);
        const start = overlaps ? clock - between(10, 30) : clock;
        const chemo = oncology && spec.hcpcs !== "J0640";
        add({ kind: chemo ? "chemotherapy" : "therapeutic", route: "iv-infusion", start: at(start), stop: at(start + minutes), primary: i === 0 && chance(0.9), drug: drug(spec, program340B && chance(0.7)), ...(facility && chance(0.05) ? { accessSite: "right arm" } : {}) });
        clock = start + minutes;
      }
      if (oncology && chance(0.15)) {
        add({ kind: "chemotherapy", route: "iv-infusion", pump: true, start: at(clock), stop: at(clock + 46 * 60), drug: drug({ hcpcs: "J9190", dose: [2000, 4000], minutes: [0, 0] }, false) });
      } else if (chance(0.4)) {
        const minutes = between(15, 90);
        add({ kind: "hydration", route: "iv-infusion", start: at(clock), stop: at(clock + minutes) });
      }
    } else if (mix < 0.87) {
      const spec = pick(INJECTIONS);
      add({ kind: spec.hcpcs === "J9217" ? "chemotherapy" : "therapeutic", route: chance(0.5) ? "subcutaneous" : "intramuscular", start: at(clock), stop: at(clock + 1), primary: true, drug: drug(spec, false) });
    } else if (mix < 0.95) {
      const spec = pick(IRON);
      add({ kind: "therapeutic", route: "iv-infusion", start: at(clock), stop: at(clock + between(spec.minutes[0], spec.minutes[1])), primary: true, drug: drug(spec, program340B) });
    } else {
      add({ kind: "therapeutic", route: "iv-infusion", start: at(clock), stop: at(clock + between(30, 120)), primary: true, drug: drug({ hcpcs: pick(["J3490", "J3590"]), dose: [50, 500], minutes: [0, 0], name: "Newdrug-xyz", ndc: "12345-0999-01" }, false) });
    }
    if (chance(0.02)) delete administrations[0]?.stop;

    encounters.push({
      setting: facility ? "facility" : "professional",
      dateOfService,
      payer: { kind: pick(["medicare", "medicare", "medicaid", "commercial"] as const) },
      facility: { program340B, offCampus: facility && chance(0.2), type: program340B && chance(0.2) ? "critical-access" : "standard" },
      administrations,
    });
  }
  return encounters;
}
