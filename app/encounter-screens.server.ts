// What the visit screens need beyond app/encounters.server.ts: the roles, the list's day filter, the form's
// intents (save, fill from the regimen, code) turned into Conform replies with each error on its field, the coded
// claim as the claim view shows it, and the CSV upload with its size and type checks.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { addDays, format, parseISO } from "date-fns";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { and, asc, eq, gte, lt, ne } from "drizzle-orm";
import * as s from "../db/schema";
import { DEFAULT_TIME_ZONE, localDate } from "~/authorizations/calendar";
import type { CodedClaim } from "~/coding";
import { isValidIsoDate } from "~/coding/time";
import { databaseHandle, tenantTransaction } from "~/db.server";
import { importVisitsCsv, type RowError } from "~/encounter-import.server";
import {
  codeStoredEncounter,
  EncounterError,
  encounterFingerprint,
  listEncounters,
  loadEncounterFormIn,
  prefillFromRegimen,
  saveEncounter,
  type CodedEncounter,
  type EncounterPage,
  type FieldIssue,
} from "~/encounters.server";
import { diagnosesText, EncounterFormSchema, type EncounterFormInput } from "~/forms/encounter";
import { sectionById } from "~/permissions";

/** Who documents and codes visits: the Visits section's roles (admins, coordinators, billers). */
export const encounterRoles = sectionById("encounters").roles;

// ---------------------------------------------------------------- the list

export function todayInOrganization(now = new Date()): string {
  return localDate(now, DEFAULT_TIME_ZONE);
}

/** The list's day from `?date=`: today when absent; a date that is not one is said so and today shown instead. */
export function parseListDate(searchParams: URLSearchParams, today: string): { date: string; error?: string } {
  const raw = searchParams.get("date")?.trim();
  if (!raw) return { date: today };
  if (isValidIsoDate(raw)) return { date: raw };
  return { date: today, error: `"${raw}" is not a date: expected YYYY-MM-DD. Showing today.` };
}

/** The day before or after a date of service (calendar days, no time zone involved). */
export function shiftDay(date: string, days: number): string {
  return format(addDays(parseISO(date), days), "yyyy-MM-dd");
}

/** "Okafor, Adaeze" → "A.O.": the list shows initials and the MRN, not the full name. */
export function initials(lastCommaFirst: string): string {
  const [last = "", first = ""] = lastCommaFirst.split(",").map((p) => p.trim());
  return [first, last].map((p) => (p ? `${p[0]!.toUpperCase()}.` : "")).join("");
}

export async function encounterListPage(organizationId: string, date: string) {
  const rows = await listEncounters(databaseHandle().db, { organizationId, dateOfService: date, limit: 500 });
  return rows.map(({ patientName, ...row }) => ({ ...row, patientInitials: initials(patientName) }));
}

// ---------------------------------------------------------------- the form

/** The fields the form shows; an error on any other path (a hidden id) is shown above the form instead. */
const VISIBLE_FIELD = /^(patientId|facilityId|renderingProviderId|dateOfService|diagnoses|weightKg|administrations(\[\d+\]\.\w+)?)$/;

/** A nurse reads "Choose the patient", not the id's format. */
const EMPTY_CHOICE: Record<string, string> = {
  patientId: "Choose the patient",
  facilityId: "Choose the facility",
  renderingProviderId: "Choose the rendering provider",
};

function replyWithIssues(submission: ReturnType<typeof parseForm>, issues: readonly FieldIssue[], message?: string): SubmissionResult<string[]> {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = message ? [message] : [];
  for (const issue of issues) {
    if (VISIBLE_FIELD.test(issue.field)) (fieldErrors[issue.field] ??= []).push(issue.message);
    // The booked visit is a hidden field the fill sets: the patient was changed after filling.
    else if (issue.field === "scheduledInfusionId") (fieldErrors.patientId ??= []).push("The booked infusion that was filled in is another patient's: fill from the regimen again for this patient.");
    else formErrors.push(`${issue.field}: ${issue.message}`);
  }
  return submission.reply({ fieldErrors, formErrors });
}

function parseForm(formData: FormData) {
  return parseWithZod(formData, { schema: EncounterFormSchema });
}

/** Conform's errors with the empty choices in plain words and hidden fields moved to the form's own errors. */
function invalidReply(submission: ReturnType<typeof parseForm>): SubmissionResult<string[]> {
  const issues: FieldIssue[] = [];
  const errors: Record<string, string[] | null> = submission.status === "success" ? {} : (submission.error ?? {});
  for (const [field, messages] of Object.entries(errors)) {
    for (const message of messages ?? []) issues.push({ field: field || "form", message: EMPTY_CHOICE[field] ?? message });
  }
  return replyWithIssues(submission, issues.filter((i) => i.field !== "form" && i.field !== ""), issues.find((i) => i.field === "form" || i.field === "")?.message);
}

export type EncounterIntent = "save" | "prefill" | "code";

export type EncounterActionResult =
  | { intent: "save"; reply: SubmissionResult<string[]>; saved: false }
  | { intent: "save"; reply: SubmissionResult<string[]>; saved: true; encounterId: string }
  | { intent: "prefill"; reply: SubmissionResult<string[]>; filled: false }
  | { intent: "prefill"; reply: SubmissionResult<string[]>; filled: true; values: EncounterFormInput; filledAt: string }
  | { intent: "code"; reply: SubmissionResult<string[]>; coded: false }
  | { intent: "code"; reply: SubmissionResult<string[]>; coded: true; encounterId: string; result: CodedEncounter };

const text = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/** Validates and saves the submitted visit; a bad field comes back on that field with nothing written. */
async function save(organizationId: string, encounterId: string | undefined, submission: ReturnType<typeof parseForm>) {
  if (submission.status !== "success") return { ok: false as const, reply: invalidReply(submission) };
  try {
    if (encounterId) {
      // An unchanged visit is not saved again: saving drops the draft claim the next coding replaces anyway.
      const stored = await tenantTransaction(organizationId, (tx) => loadEncounterFormIn(tx, encounterId));
      if (stored && encounterFingerprint(EncounterFormSchema.parse(stored)) === encounterFingerprint(submission.value)) return { ok: true as const, encounterId };
    }
    // saveEncounter validates its input itself: hand it the form's input shape back (diagnoses as text).
    const input: EncounterFormInput = { ...submission.value, diagnoses: diagnosesText(submission.value.diagnoses) };
    const saved = await saveEncounter(databaseHandle().db, { organizationId, ...(encounterId ? { encounterId } : {}), input });
    return { ok: true as const, encounterId: saved.encounterId };
  } catch (error) {
    if (!(error instanceof EncounterError)) throw error;
    if (error.code === "not-found") throw new Response(error.message, { status: 404, statusText: "Not Found" });
    return { ok: false as const, reply: replyWithIssues(submission, error.issues, error.issues.length === 0 ? error.message : undefined) };
  }
}

/** An error finding that is about one field of one administration, shown next to that field. */
const FINDING_FIELD: Partial<Record<string, string>> = {
  ADMIN_TIME_INVALID: "stop",
  DRUG_NDC_MISSING: "ndc",
  DRUG_NDC_INVALID: "ndc",
  DRUG_NDC_AMBIGUOUS: "ndc",
  DRUG_HCPCS_UNKNOWN: "hcpcs",
  DRUG_DOSE_UNCONVERTIBLE: "doseUnit",
  DRUG_NOC_INCOMPLETE: "drugName",
};

function findingIssues(claim: CodedClaim, values: { administrations: readonly { id: string }[] }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const finding of claim.findings) {
    if (finding.severity !== "error" || !finding.administration) continue;
    const index = values.administrations.findIndex((a) => a.id === finding.administration);
    if (index < 0) continue;
    const field = finding.rule === "ADMIN_TIME_MISSING" ? (/has no start\b/.test(finding.message) ? "start" : "stop") : FINDING_FIELD[finding.rule];
    if (field) issues.push({ field: `administrations[${index}].${field}`, message: finding.message });
  }
  return issues;
}

/** The patient's infusion booked on that day (in its facility's time zone), if any: filling from it also gives the booked start time. */
async function bookedInfusion(organizationId: string, patientId: string, dateOfService: string): Promise<string | undefined> {
  // A day wide on each side holds the local day in any time zone; the exact day is then checked in the facility's.
  const from = new Date(`${shiftDay(dateOfService, -1)}T00:00:00Z`);
  const to = new Date(`${shiftDay(dateOfService, 2)}T00:00:00Z`);
  const rows = await tenantTransaction(organizationId, (tx) =>
    tx
      .select({ id: s.scheduledInfusions.id, scheduledAt: s.scheduledInfusions.scheduledAt, timeZone: s.facilities.timeZone })
      .from(s.scheduledInfusions)
      .innerJoin(s.facilities, eq(s.facilities.id, s.scheduledInfusions.facilityId))
      .where(and(eq(s.scheduledInfusions.patientId, patientId), gte(s.scheduledInfusions.scheduledAt, from), lt(s.scheduledInfusions.scheduledAt, to), ne(s.scheduledInfusions.status, "cancelled")))
      .orderBy(asc(s.scheduledInfusions.scheduledAt)),
  );
  return rows.find((r) => localDate(r.scheduledAt, r.timeZone || DEFAULT_TIME_ZONE) === dateOfService)?.id;
}

/**
 * The documentation form's action: `save` stores the visit; `prefill` answers the regimen's values for the chosen
 * patient and day (nothing is stored until the user saves); `code` saves what was submitted and codes it, with the
 * errors of the coded claim that concern one field shown on that field.
 */
export async function encounterAction(organizationId: string, formData: FormData, encounterId?: string): Promise<EncounterActionResult> {
  const intent = text(formData, "intent");
  if (intent === "prefill") {
    const submission = parseForm(formData);
    const patientId = text(formData, "patientId");
    const dateOfService = text(formData, "dateOfService");
    if (!patientId) return { intent, filled: false, reply: submission.reply({ fieldErrors: { patientId: ["Choose the patient whose regimen fills the visit"] } }) };
    if (dateOfService && !isValidIsoDate(dateOfService)) return { intent, filled: false, reply: submission.reply({ fieldErrors: { dateOfService: ['expected a date "YYYY-MM-DD"'] } }) };
    try {
      const booked = dateOfService ? await bookedInfusion(organizationId, patientId, dateOfService) : undefined;
      const values = await prefillFromRegimen(databaseHandle().db, booked ? { organizationId, scheduledInfusionId: booked } : { organizationId, patientId, ...(dateOfService ? { dateOfService } : {}) });
      return { intent, filled: true, values, filledAt: new Date().toISOString(), reply: submission.reply({ resetForm: true }) };
    } catch (error) {
      if (!(error instanceof EncounterError)) throw error;
      return { intent, filled: false, reply: submission.reply({ fieldErrors: { patientId: [error.message] } }) };
    }
  }
  const submission = parseForm(formData);
  const saved = await save(organizationId, encounterId, submission);
  if (intent === "code") {
    if (!saved.ok) return { intent, coded: false, reply: saved.reply };
    try {
      const result = await codeStoredEncounter(databaseHandle().db, { organizationId, encounterId: saved.encounterId });
      const issues = submission.status === "success" ? findingIssues(result.claim, submission.value) : [];
      return { intent, coded: true, encounterId: saved.encounterId, result, reply: replyWithIssues(submission, issues) };
    } catch (error) {
      if (!(error instanceof EncounterError)) throw error;
      return { intent, coded: false, reply: replyWithIssues(submission, [], error.message) };
    }
  }
  if (!saved.ok) return { intent: "save", saved: false, reply: saved.reply };
  return { intent: "save", saved: true, encounterId: saved.encounterId, reply: submission.reply() };
}

/** A stored claim in the claim view's shape: the lines and findings as they were written when the visit was coded. */
export function storedClaim(page: EncounterPage): CodedClaim | undefined {
  if (!page.claim) return undefined;
  return {
    setting: page.claim.setting,
    dateOfService: page.lines[0]?.dateOfService ?? page.form.dateOfService,
    lines: page.lines.map((l) => ({
      code: l.code,
      units: l.units,
      modifiers: l.modifiers,
      dateOfService: l.dateOfService,
      ...(l.ndc11 && l.ndcQualifier && l.ndcQuantity !== null ? { ndc: { code: l.ndc11, qualifier: l.ndcQualifier as "UN", quantity: l.ndcQuantity } } : {}),
      ...(l.revenueCode ? { revenueCode: l.revenueCode } : {}),
      ...(l.note ? { note: l.note } : {}),
      administrations: l.administrationIds,
      label: "",
      explanation: "",
    })),
    findings: page.findings.map((f) => ({
      rule: f.rule as CodedClaim["findings"][number]["rule"],
      severity: f.severity,
      message: f.message,
      ...(f.lineNumber !== null ? { line: f.lineNumber } : {}),
      ...(f.administrationId ? { administration: f.administrationId } : {}),
      source: f.source,
    })),
  };
}

// ---------------------------------------------------------------- CSV upload

/** A day's visits is a few hundred rows; 2 MB is far more than that and keeps a wrong file from filling memory. */
export const MAX_VISITS_CSV_BYTES = 2 * 1024 * 1024;
const ACCEPTED_EXTENSIONS = [".csv", ".txt"];

export type VisitUploadOutcome =
  | { ok: true; fileName: string; created: number; updated: number; unchanged: number }
  | { ok: false; fileError?: string; fileName?: string; errors: RowError[] };

const tooLarge = `The file is larger than ${MAX_VISITS_CSV_BYTES / 1024 / 1024} MB: export one day's visits at a time.`;

/** The upload: one file, a .csv (or .txt) of text, then the all-or-nothing import. */
export async function handleVisitUpload(request: Request, organizationId: string): Promise<VisitUploadOutcome> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_VISITS_CSV_BYTES + 64 * 1024) return { ok: false, fileError: tooLarge, errors: [] };
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_VISITS_CSV_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, fileError: tooLarge, errors: [] };
    throw error;
  }
  const file = formData.get("file");
  if (!(file instanceof Blob) || file.size === 0) return { ok: false, fileError: "Choose the CSV file of the day's visits to upload.", errors: [] };
  const fileName = file instanceof File && file.name ? file.name : "visits.csv";
  if (!ACCEPTED_EXTENSIONS.some((ext) => fileName.toLowerCase().endsWith(ext)))
    return { ok: false, fileName, fileError: `"${fileName}" is not a .csv file: export the visits from the infusion system as CSV (comma-separated, one row per administration).`, errors: [] };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return { ok: false, fileName, fileError: "This is a ZIP archive or a spreadsheet (.xlsx): save it as CSV and upload the .csv.", errors: [] };
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, fileName, fileError: "This file is not text: upload the visits as a CSV file.", errors: [] };
  const result = await importVisitsCsv(databaseHandle().db, { organizationId, text: new TextDecoder("utf-8").decode(bytes) });
  if (!result.ok) return { ok: false, fileName, errors: result.errors };
  return { ok: true, fileName, created: result.created, updated: result.updated, unchanged: result.unchanged };
}
