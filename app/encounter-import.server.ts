// A day's visits from the infusion system as CSV: one row per administration, grouped into visits by visit_id.
// All or nothing: every row is checked first and the file is saved in one transaction, or nothing is and each bad
// row is reported by its row number, column and what was expected there. Re-importing a visit id updates that
// visit (or leaves it alone when nothing changed); it never makes a second one.
import { readCsvTable } from "./csv-table";
import { eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../db/client";
import * as s from "../db/schema";
import { withTenant } from "../db/tenant";
import { EncounterFormSchema, type EncounterFormInput } from "~/forms/encounter";
import { EncounterError, encounterFingerprint, loadEncounterFormIn, saveEncounterIn } from "./encounters.server";

/** The columns, in the order the docs and the template list them; `required` ones must be filled on every row. */
export const VISIT_CSV_COLUMNS = [
  { name: "visit_id", required: true, help: "the infusion system's visit id; rows with the same id are one visit" },
  { name: "mrn", required: true, help: "the patient's medical record number" },
  { name: "date_of_service", required: true, help: "YYYY-MM-DD" },
  { name: "facility_npi", required: true, help: "the 10-digit NPI of the facility" },
  { name: "rendering_npi", required: true, help: "the 10-digit NPI of the rendering provider" },
  { name: "diagnoses", required: true, help: "ICD-10-CM codes separated by spaces or semicolons (K50.90; K51.00)" },
  { name: "weight_kg", required: false, help: "the weight on the day, in kg" },
  { name: "administration_id", required: true, help: "unique inside the visit (a1, p1)" },
  { name: "kind", required: true, help: "therapeutic, chemotherapy or hydration" },
  { name: "route", required: true, help: "iv-infusion, iv-push, subcutaneous, intramuscular, subcutaneous-infusion or intra-arterial" },
  { name: "start", required: false, help: "HH:MM, the facility's local time" },
  { name: "stop", required: false, help: "HH:MM; a stop before the start is after midnight" },
  { name: "primary", required: false, help: "yes when this is the main reason for the visit" },
  { name: "hcpcs", required: false, help: "the drug's HCPCS code (J1745)" },
  { name: "ndc", required: false, help: "11 digits or hyphenated (57894-0030-01)" },
  { name: "dose", required: false, help: "the dose given, a number" },
  { name: "dose_unit", required: false, help: "mg, mcg, g, units or mL" },
  { name: "vial_size", required: false, help: "the size of one vial, in the dose unit" },
  { name: "vials_used", required: false, help: "how many vials were opened" },
  { name: "container", required: false, help: "single-dose, multi-dose, or empty for the drug catalog's" },
  { name: "waste", required: false, help: "the waste charted, in the dose unit" },
  { name: "acquired_340b", required: false, help: "yes when the drug was bought under 340B" },
  { name: "white_bag", required: false, help: "yes when the payer's specialty pharmacy supplied the drug" },
  { name: "access_site", required: false, help: "the IV site (left forearm)" },
  { name: "bag", required: false, help: "administrations sharing a bag are one infusion" },
] as const;

export type VisitCsvColumn = (typeof VISIT_CSV_COLUMNS)[number]["name"];
const COLUMN_NAMES: readonly string[] = VISIT_CSV_COLUMNS.map((c) => c.name);
const VISIT_COLUMNS = ["mrn", "date_of_service", "facility_npi", "rendering_npi", "diagnoses", "weight_kg"] as const satisfies readonly VisitCsvColumn[];

export interface RowError {
  /** The file's row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  column: VisitCsvColumn | "file";
  message: string;
}

export type ImportedVisit = { visitId: string; encounterId: string; outcome: "created" | "updated" | "unchanged" };
export type VisitImportResult = { ok: true; visits: ImportedVisit[]; created: number; updated: number; unchanged: number } | { ok: false; errors: RowError[] };

export function formatRowError(e: RowError): string {
  return e.column === "file" ? `row ${e.row}: ${e.message}` : `row ${e.row}, column ${e.column}: ${e.message}`;
}

/** Form field (in an administration) → the CSV column it came from. */
const FIELD_COLUMN: Record<string, VisitCsvColumn> = {
  id: "administration_id",
  kind: "kind",
  route: "route",
  start: "start",
  stop: "stop",
  primary: "primary",
  hcpcs: "hcpcs",
  ndc: "ndc",
  doseValue: "dose",
  doseUnit: "dose_unit",
  vialSize: "vial_size",
  vialCount: "vials_used",
  container: "container",
  wasteDocumented: "waste",
  acquired340B: "acquired_340b",
  whiteBag: "white_bag",
  accessSite: "access_site",
  bag: "bag",
  patientId: "mrn",
  facilityId: "facility_npi",
  renderingProviderId: "rendering_npi",
  dateOfService: "date_of_service",
  diagnoses: "diagnoses",
  weightKg: "weight_kg",
};

interface Row {
  row: number;
  cells: Partial<Record<VisitCsvColumn, string>>;
}

interface Visit {
  visitId: string;
  rows: Row[];
}

const YES = new Set(["yes", "y", "true", "1", "x"]);
const NO = new Set(["no", "n", "false", "0", ""]);

/** Reads the text into rows keyed by column, or says what is wrong with the header. */
function readRows(text: string): { rows: Row[]; errors: RowError[] } {
  return readCsvTable(text, VISIT_CSV_COLUMNS, "administration row");
}

/** One visit's rows as the documentation form's values, with lookups already resolved to ids. */
function visitForm(visit: Visit, ids: { patientId: string; facilityId: string; renderingProviderId: string }, errors: RowError[]): EncounterFormInput {
  const first = visit.rows[0]!;
  const number = (row: Row, column: VisitCsvColumn): number | undefined => {
    const raw = row.cells[column];
    if (!raw) return undefined;
    const value = Number(raw);
    if (Number.isFinite(value)) return value;
    errors.push({ row: row.row, column, message: `expected a number, got "${raw}"` });
    return undefined;
  };
  const flag = (row: Row, column: VisitCsvColumn): boolean | undefined => {
    const raw = (row.cells[column] ?? "").toLowerCase();
    if (YES.has(raw)) return true;
    if (NO.has(raw)) return raw === "" ? undefined : false;
    errors.push({ row: row.row, column, message: `expected yes or no, got "${row.cells[column]}"` });
    return undefined;
  };
  const text = (row: Row, column: VisitCsvColumn) => row.cells[column] || undefined;
  const weightKg = number(first, "weight_kg");
  return {
    ...ids,
    dateOfService: first.cells.date_of_service ?? "",
    diagnoses: first.cells.diagnoses ?? "",
    ...(weightKg !== undefined ? { weightKg } : {}),
    administrations: visit.rows.map((row) => {
      const values: Record<string, unknown> = {
        id: text(row, "administration_id"),
        kind: text(row, "kind")?.toLowerCase(),
        route: text(row, "route")?.toLowerCase().replace(/_/g, "-"),
        start: text(row, "start"),
        stop: text(row, "stop"),
        primary: flag(row, "primary"),
        hcpcs: text(row, "hcpcs")?.toUpperCase(),
        ndc: text(row, "ndc"),
        doseValue: number(row, "dose"),
        doseUnit: text(row, "dose_unit"),
        vialSize: number(row, "vial_size"),
        vialCount: number(row, "vials_used"),
        container: text(row, "container")?.toLowerCase() ?? "catalog",
        wasteDocumented: number(row, "waste"),
        acquired340B: flag(row, "acquired_340b"),
        whiteBag: flag(row, "white_bag"),
        accessSite: text(row, "access_site"),
        bag: text(row, "bag"),
      };
      return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as EncounterFormInput["administrations"][number];
    }),
  };
}

/** Where a form path ("administrations[1].doseValue", "diagnoses") points in the file. */
function locate(visit: Visit, field: string): { row: number; column: RowError["column"] } {
  const match = /^administrations\[(\d+)\]\.(\w+)/.exec(field);
  if (match) return { row: visit.rows[Number(match[1])]?.row ?? visit.rows[0]!.row, column: FIELD_COLUMN[match[2]!] ?? "file" };
  return { row: visit.rows[0]!.row, column: FIELD_COLUMN[field] ?? "file" };
}

class ImportRejected extends Error {
  constructor(readonly errors: RowError[]) {
    super("import rejected");
  }
}

/** Imports a day's visits; nothing is saved unless every row is good. */
export async function importVisitsCsv(db: Database, options: { organizationId: string; text: string }): Promise<VisitImportResult> {
  const { rows, errors } = readRows(options.text);
  if (errors.length > 0) return { ok: false, errors };
  const visits = new Map<string, Visit>();
  for (const row of rows) {
    const visitId = row.cells.visit_id ?? "";
    if (!visitId) {
      errors.push({ row: row.row, column: "visit_id", message: "expected the infusion system's visit id" });
      continue;
    }
    const visit = visits.get(visitId) ?? { visitId, rows: [] };
    const first = visit.rows[0];
    if (first) {
      for (const column of VISIT_COLUMNS)
        if ((row.cells[column] ?? "") !== (first.cells[column] ?? ""))
          errors.push({ row: row.row, column, message: `expected "${first.cells[column] ?? ""}" as on row ${first.row}: every row of visit ${visitId} must agree on the visit's ${column}` });
    }
    visit.rows.push(row);
    visits.set(visitId, visit);
  }

  try {
    return await withTenant(db, options.organizationId, async (tx) => {
      const lookups = await lookupIds(tx, [...visits.values()]);
      const prepared: { visit: Visit; form: ReturnType<typeof EncounterFormSchema.parse> }[] = [];
      for (const visit of visits.values()) {
        const first = visit.rows[0]!;
        const patientId = lookups.patients.get(first.cells.mrn ?? "");
        const facilityId = lookups.facilities.get(first.cells.facility_npi ?? "");
        const renderingProviderId = lookups.providers.get(first.cells.rendering_npi ?? "");
        if (!patientId) errors.push({ row: first.row, column: "mrn", message: `expected the MRN of a patient of this organization: no patient has MRN "${first.cells.mrn}"` });
        if (!facilityId) errors.push({ row: first.row, column: "facility_npi", message: `expected the NPI of one of this organization's facilities: none has "${first.cells.facility_npi}"` });
        if (!renderingProviderId) errors.push({ row: first.row, column: "rendering_npi", message: `expected the NPI of one of this organization's providers: none has "${first.cells.rendering_npi}"` });
        const rowErrors: RowError[] = [];
        const input = visitForm(visit, { patientId: patientId ?? "", facilityId: facilityId ?? "", renderingProviderId: renderingProviderId ?? "" }, rowErrors);
        errors.push(...rowErrors);
        const parsed = EncounterFormSchema.safeParse(input);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const field = issue.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("").replace(/^\./, "");
            // An id that did not resolve was reported above, by the column it came from.
            if (["patientId", "facilityId", "renderingProviderId"].includes(field)) continue;
            const at = locate(visit, field);
            // A cell already reported as unreadable is not reported again as missing.
            if (rowErrors.some((e) => e.row === at.row && e.column === at.column)) continue;
            errors.push({ ...at, message: issue.message });
          }
        } else if (rowErrors.length === 0 && patientId && facilityId && renderingProviderId) prepared.push({ visit, form: parsed.data });
      }
      if (errors.length > 0) throw new ImportRejected(errors);

      const out: ImportedVisit[] = [];
      for (const { visit, form } of prepared) {
        const [existing] = await tx.select({ id: s.encounters.id }).from(s.encounters).where(eq(s.encounters.externalVisitId, visit.visitId));
        if (existing) {
          const stored = await loadEncounterFormIn(tx, existing.id);
          if (stored && encounterFingerprint(EncounterFormSchema.parse(stored)) === encounterFingerprint(form)) {
            out.push({ visitId: visit.visitId, encounterId: existing.id, outcome: "unchanged" });
            continue;
          }
        }
        try {
          const saved = await saveEncounterIn(tx, options.organizationId, form, { externalVisitId: visit.visitId, ...(existing ? { encounterId: existing.id } : {}) });
          out.push({ visitId: visit.visitId, encounterId: saved.encounterId, outcome: saved.created ? "created" : "updated" });
        } catch (error) {
          if (!(error instanceof EncounterError)) throw error;
          if (error.issues.length === 0) errors.push({ row: visit.rows[0]!.row, column: "visit_id", message: error.message });
          for (const issue of error.issues) errors.push({ ...locate(visit, issue.field), message: issue.message });
        }
      }
      if (errors.length > 0) throw new ImportRejected(errors);
      return {
        ok: true as const,
        visits: out,
        created: out.filter((v) => v.outcome === "created").length,
        updated: out.filter((v) => v.outcome === "updated").length,
        unchanged: out.filter((v) => v.outcome === "unchanged").length,
      };
    });
  } catch (error) {
    if (error instanceof ImportRejected) return { ok: false, errors: error.errors.sort((a, b) => a.row - b.row) };
    throw error;
  }
}

async function lookupIds(tx: Transaction, visits: readonly Visit[]) {
  const firsts = visits.map((v) => v.rows[0]!.cells);
  const mrns = [...new Set(firsts.map((c) => c.mrn ?? "").filter(Boolean))];
  const npis = [...new Set(firsts.flatMap((c) => [c.facility_npi ?? "", c.rendering_npi ?? ""]).filter(Boolean))];
  const patients = mrns.length ? await tx.select({ id: s.patients.id, mrn: s.patients.mrn }).from(s.patients).where(inArray(s.patients.mrn, mrns)) : [];
  const facilities = npis.length ? await tx.select({ id: s.facilities.id, npi: s.facilities.npi }).from(s.facilities).where(inArray(s.facilities.npi, npis)) : [];
  const providers = npis.length ? await tx.select({ id: s.providers.id, npi: s.providers.npi }).from(s.providers).where(inArray(s.providers.npi, npis)) : [];
  return {
    patients: new Map(patients.map((p) => [p.mrn, p.id])),
    facilities: new Map(facilities.map((f) => [f.npi, f.id])),
    providers: new Map(providers.map((p) => [p.npi, p.id])),
  };
}

/**
 * A template a person can fill in: the header row only (docs/encounters.md explains each column). No example row: a
 * template uploaded unchanged is refused ("expected at least one administration row") instead of importing a
 * made-up visit.
 */
export function visitCsvTemplate(): string {
  return `${COLUMN_NAMES.join(",")}\n`;
}
