// "Code a visit" on the server: validate an encounter, code it against the CMS files in force on its date of
// service (read under the tenant's transaction: app_user may read the shared reference tables), and say which
// files were missing so a biller knows what the lines were not checked against.
import { codeEncounter, type CodedClaim, type Encounter } from "~/coding";
import { EDIT_TABLE_LABELS, REFERENCE_KIND_LABELS, quarterLabel } from "~/reference/reference-file";
import { listReferenceImports, loadReferenceSet, type ReferenceImportSummary } from "~/reference/store.server";
import type { Transaction } from "../db/client";
import { tenantTransaction } from "./db.server";

export interface ReferenceInForce {
  label: string;
  /** The quarter in force on the date of service, or null when none is loaded. */
  quarter: string | null;
  /** True when the file in force is from an earlier quarter than the date of service's (the current file is not loaded). */
  outdated: boolean;
}

/** First day of the calendar quarter of a date: CMS files are quarterly. */
function quarterStart(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  return `${isoDate.slice(0, 4)}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
}

export interface VisitCoding {
  claim: CodedClaim;
  reference: ReferenceInForce[];
}

/** For each file the engine reads on this claim: the quarter in force on the date of service, if any. */
export function referenceInForce(imports: readonly Pick<ReferenceImportSummary, "kind" | "table" | "effectiveFrom">[], encounter: Encounter): ReferenceInForce[] {
  const facility = encounter.setting === "facility";
  const wanted = [
    { kind: "asp", table: "" },
    { kind: "crosswalk", table: "" },
    { kind: "ptp", table: facility ? "hospital" : "practitioner" },
    { kind: "mue", table: facility ? "outpatient-hospital" : "practitioner" },
  ] as const;
  return wanted.map(({ kind, table }) => {
    const inForce = imports
      .filter((i) => i.kind === kind && i.table === table && i.effectiveFrom <= encounter.dateOfService)
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
      .at(-1);
    const tableLabel = table ? ` (${EDIT_TABLE_LABELS[table].toLowerCase()})` : "";
    return {
      label: `${REFERENCE_KIND_LABELS[kind]}${tableLabel}`,
      quarter: inForce ? quarterLabel(inForce.effectiveFrom) : null,
      outdated: inForce !== undefined && inForce.effectiveFrom < quarterStart(encounter.dateOfService),
    };
  });
}

/** Codes a validated encounter inside a tenant transaction already open (a stored visit is coded and saved in one). */
export async function codeVisitIn(tx: Transaction, encounter: Encounter): Promise<VisitCoding> {
  const reference = await loadReferenceSet(tx, { dateOfService: encounter.dateOfService });
  const imports = await listReferenceImports(tx);
  return { claim: codeEncounter(encounter, reference), reference: referenceInForce(imports, encounter) };
}

/** Codes a validated encounter for the organization's user. */
export function codeVisit(organizationId: string, encounter: Encounter): Promise<VisitCoding> {
  return tenantTransaction(organizationId, (tx) => codeVisitIn(tx, encounter));
}

/** What is loaded, for the page header: one short label per file and quarter. */
export function loadedReferenceFiles(organizationId: string): Promise<string[]> {
  return tenantTransaction(organizationId, async (tx) =>
    (await listReferenceImports(tx)).map((i) => `${REFERENCE_KIND_LABELS[i.kind]}${i.table ? ` (${i.table})` : ""} ${quarterLabel(i.effectiveFrom)}`),
  );
}
