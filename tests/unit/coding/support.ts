// Test factories for encounters and the reference built from the CMS sample files in db/reference-samples.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EncounterSchema, codeEncounter, type CodedClaim, type CodeOptions, type Encounter, type EncounterInput } from "~/coding";
import type { CodingReference } from "~/coding/reference";
import { createCodingReference, importAspCrosswalk, importAspPricing, importMue, importNcciPtp, type ImportOutcome, type ReferenceBundle } from "~/reference";

type AdministrationInput = EncounterInput["administrations"][number];
type DrugInput = NonNullable<AdministrationInput["drug"]>;

export const DOS = "2025-03-04";

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../db/reference-samples/${name}`, import.meta.url))));
}

function loaded<T>(outcome: ImportOutcome<T>): { effectiveFrom: string; rows: T[] } {
  if (!outcome.ok) throw new Error(`fixture import failed: ${outcome.error.message}`);
  return { effectiveFrom: outcome.effectiveFrom, rows: outcome.rows };
}

export function fixtureBundle(): ReferenceBundle {
  return {
    asp: [loaded(importAspPricing(fixtureBytes("asp-pricing-2024-10.csv"))), loaded(importAspPricing(fixtureBytes("asp-pricing-2025-01.csv")))],
    crosswalk: [loaded(importAspCrosswalk(fixtureBytes("asp-crosswalk-2025-01.csv")))],
    ptp: {
      practitioner: [loaded(importNcciPtp(fixtureBytes("ncci-ptp-practitioner-2025q1.txt"), { table: "practitioner", fileName: "ncci-ptp-practitioner-2025q1.txt" }))],
      hospital: [loaded(importNcciPtp(fixtureBytes("ncci-ptp-hospital-2025q1.txt"), { table: "hospital", fileName: "ncci-ptp-hospital-2025q1.txt" }))],
    },
    mue: {
      practitioner: [loaded(importMue(fixtureBytes("mue-practitioner-2025q1.csv"), { table: "practitioner" }))],
      "outpatient-hospital": [loaded(importMue(fixtureBytes("mue-outpatient-hospital-2025q1.csv"), { table: "outpatient-hospital" }))],
    },
  };
}

let cached: CodingReference | undefined;
export function fixtureReference(): CodingReference {
  cached ??= createCodingReference(fixtureBundle());
  return cached;
}

/** "09:00" plus minutes on the date of service, as a local date-time (crosses midnight correctly). */
export function at(time: string, plusMinutes = 0, date = DOS): string {
  const [h = 0, m = 0] = time.split(":").map(Number);
  const [y = 0, mo = 1, d = 1] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y, mo - 1, d, h, m + plusMinutes));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

export function makeDrug(hcpcs: string, dose: number, overrides: Partial<DrugInput> = {}): DrugInput {
  return { hcpcs, dose: { value: dose, unit: "mg" }, ndc: NDC[hcpcs], singleDose: false, ...overrides };
}

/** NDCs present in the sample crosswalk. */
export const NDC: Record<string, string> = {
  J1745: "57894-0030-01",
  J9271: "00006-3026-02",
  J9312: "50242-0051-21",
  J3380: "64764-0300-20",
  J0129: "00003-2187-10",
  J9045: "12345-0450-01",
  J1100: "12345-0100-25",
  J2405: "12345-0240-02",
};

export function infusion(id: string, kind: AdministrationInput["kind"], start: string, minutes: number, overrides: Partial<AdministrationInput> = {}): AdministrationInput {
  return { id, kind, route: "iv-infusion", start: at(start), stop: at(start, minutes), ...overrides };
}

export function push(id: string, kind: AdministrationInput["kind"], start: string, drug: DrugInput, overrides: Partial<AdministrationInput> = {}): AdministrationInput {
  return { id, kind, route: "iv-push", start: at(start), stop: at(start, 2), drug, ...overrides };
}

export function makeEncounter(overrides: Partial<EncounterInput> = {}): Encounter {
  return EncounterSchema.parse({
    setting: "professional",
    dateOfService: DOS,
    payer: { kind: "medicare" },
    administrations: [],
    ...overrides,
  });
}

export function code(overrides: Partial<EncounterInput>, options?: CodeOptions): CodedClaim {
  return codeEncounter(makeEncounter(overrides), fixtureReference(), options);
}

/** Lines as "code×units[MOD,MOD]" strings, the shape billers read. */
export function summary(claim: CodedClaim, kind: "administration" | "drug" | "all" = "all"): string[] {
  return claim.lines
    .filter((l) => kind === "all" || (kind === "drug") === !/^(9\d{4}|C8957)$/.test(l.code))
    .map((l) => `${l.code}×${l.units}${l.modifiers.length > 0 ? `[${l.modifiers.join(",")}]` : ""}`);
}

export function rules(claim: CodedClaim): string[] {
  return claim.findings.map((f) => f.rule);
}
