// Infusion visits on the server: save a documented encounter and its administrations, prefill one from the
// patient's regimen, code it with the coding engine into a stored draft claim with its findings (the release gate's
// input, handed over through the outbox), and acknowledge warnings. Every function runs under the tenant's RLS.
import { and, asc, desc, eq, inArray, isNull, lte, ne, or, gte, sql } from "drizzle-orm";
import type { Database, Transaction } from "../db/client";
import * as s from "../db/schema";
import { withTenant } from "../db/tenant";
import { DEFAULT_TIME_ZONE, instantAtLocal, localDate, localDateTime } from "~/authorizations/calendar";
import { chargeNotOnFileMessage, priceLines, type PricedLine } from "~/billing/charges";
import { loadChargeVersionsIn } from "~/billing/charges.server";
import { parseEncounter, RULES, type CodedClaim, type EncounterInput, type Finding } from "~/coding";
import { normalizeNdc } from "~/coding/ndc";
import { nextDay } from "~/coding/time";
import { EncounterFormSchema, diagnosesText, type EncounterForm, type EncounterFormInput } from "~/forms/encounter";
import { visitToEncounter, type VisitForm } from "~/forms/visit";
import { codeVisitIn, type ReferenceInForce } from "~/visit-coding.server";

/** A field that failed validation: the form path ("administrations[0].doseValue") and what was expected there. */
export interface FieldIssue {
  field: string;
  message: string;
}

export type EncounterErrorCode =
  | "invalid"
  | "not-found"
  | "claim-released"
  | "no-coverage"
  | "not-codable"
  | "finding-not-found"
  | "error-not-acknowledgeable"
  | "no-regimen";

/** A domain error: a stable code, a message a nurse or biller understands, and the fields at fault when there are. */
export class EncounterError extends Error {
  constructor(
    readonly code: EncounterErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "EncounterError";
  }
}

const PATH_KEY = (path: readonly PropertyKey[]) => path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");

/** Validates the form's values; a failure names every field at fault and what it expected. */
export function validateEncounterForm(input: unknown): EncounterForm {
  const result = EncounterFormSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ field: PATH_KEY(issue.path) || "form", message: issue.message }));
  throw new EncounterError("invalid", `The visit is not valid: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`, issues);
}

// ---------------------------------------------------------------- vocabulary between the form, the engine and the db

type DbRoute = (typeof s.route.enumValues)[number];
type FormRoute = EncounterForm["administrations"][number]["route"];
const toDbRoute = (route: FormRoute) => route.replace(/-/g, "_") as DbRoute;
const toFormRoute = (route: DbRoute) => route.replace(/_/g, "-") as FormRoute;

/** HOPD sites bill on the facility claim (UB-04 / 837I); offices and infusion centers on the professional one. */
export function settingForSite(site: s.SiteOfCareType): "professional" | "facility" {
  return site === "hopd_on_campus" || site === "hopd_off_campus" ? "facility" : "professional";
}

type PayerKind = VisitForm["payerKind"];
/** The engine's payer kinds: Medicare Advantage and managed Medicaid are billed under their plan's own policies. */
function engineLineOfBusiness(kind: (typeof s.payerKind.enumValues)[number], lineOfBusiness: (typeof s.lineOfBusiness.enumValues)[number]): PayerKind {
  if (lineOfBusiness === "medicare_part_b" || kind === "medicare") return "medicare";
  if (lineOfBusiness === "medicaid" || kind === "medicaid") return "medicaid";
  return "commercial";
}

const hhmm = (dateTime: string) => dateTime.slice(11, 16);

// ---------------------------------------------------------------- save

export interface SaveEncounterOptions {
  organizationId: string;
  /** Updates this encounter; omitted: creates one. */
  encounterId?: string;
  /** The infusion system's visit id (CSV import): an encounter with it is updated instead of duplicated. */
  externalVisitId?: string;
  input: unknown;
}

/** Creates or updates an encounter with its administrations. */
export async function saveEncounter(db: Database, options: SaveEncounterOptions): Promise<{ encounterId: string; created: boolean }> {
  const form = validateEncounterForm(options.input);
  return withTenant(db, options.organizationId, (tx) => saveEncounterIn(tx, options.organizationId, form, options));
}

/** Drops the claims an edit or a re-code makes stale; a released claim cannot be replaced. */
async function dropUnreleasedClaims(tx: Transaction, encounterId: string): Promise<string | undefined> {
  const existing = await tx.select({ id: s.claims.id, number: s.claims.claimNumber, status: s.claims.status }).from(s.claims).where(eq(s.claims.encounterId, encounterId));
  const released = existing.find((c) => c.status === "released");
  if (released)
    throw new EncounterError("claim-released", `Claim ${released.number} for this visit was already released to billing: it cannot be replaced. Void it in the billing system and document a corrected visit.`);
  if (existing.length === 0) return undefined;
  const ids = existing.map((c) => c.id);
  // The hand-off row of a claim that no longer exists would only make the gate look for it.
  await tx.delete(s.outbox).where(and(inArray(s.outbox.businessKey, ids.map((id) => `claim-coded:${id}`)), isNull(s.outbox.deliveredAt)));
  await tx.delete(s.claims).where(inArray(s.claims.id, ids));
  return existing[0]?.number;
}

/** saveEncounter inside an open tenant transaction (the CSV import saves a whole file in one). */
export async function saveEncounterIn(
  tx: Transaction,
  organizationId: string,
  form: EncounterForm,
  options: { encounterId?: string; externalVisitId?: string } = {},
): Promise<{ encounterId: string; created: boolean }> {
  const issues: FieldIssue[] = [];
  const [patient] = await tx.select({ id: s.patients.id }).from(s.patients).where(eq(s.patients.id, form.patientId));
  if (!patient) issues.push({ field: "patientId", message: "expected a patient of this organization" });
  const [facility] = await tx.select().from(s.facilities).where(eq(s.facilities.id, form.facilityId));
  if (!facility) issues.push({ field: "facilityId", message: "expected a facility of this organization" });
  const [provider] = await tx.select({ id: s.providers.id }).from(s.providers).where(eq(s.providers.id, form.renderingProviderId));
  if (!provider) issues.push({ field: "renderingProviderId", message: "expected a provider of this organization" });
  if (form.scheduledInfusionId) {
    const [infusion] = await tx
      .select({ id: s.scheduledInfusions.id })
      .from(s.scheduledInfusions)
      .where(and(eq(s.scheduledInfusions.id, form.scheduledInfusionId), eq(s.scheduledInfusions.patientId, form.patientId)));
    if (!infusion) issues.push({ field: "scheduledInfusionId", message: "expected a scheduled infusion of this patient" });
  }
  const codes = [...new Set(form.administrations.flatMap((a) => (a.hcpcs ? [a.hcpcs.toUpperCase()] : [])))];
  const drugRows = codes.length ? await tx.select({ id: s.drugs.id, hcpcs: s.drugs.hcpcs }).from(s.drugs).where(inArray(s.drugs.hcpcs, codes)) : [];
  const drugByCode = new Map(drugRows.map((d) => [d.hcpcs, d.id]));
  form.administrations.forEach((a, i) => {
    if (a.hcpcs && !drugByCode.has(a.hcpcs.toUpperCase())) issues.push({ field: `administrations[${i}].hcpcs`, message: `expected a HCPCS code in the drug catalog: ${a.hcpcs.toUpperCase()} is not in it` });
  });
  if (issues.length > 0 || !facility) throw new EncounterError("invalid", `The visit is not valid: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`, issues);

  let encounterId = options.encounterId;
  if (!encounterId && options.externalVisitId) {
    const [byVisit] = await tx.select({ id: s.encounters.id }).from(s.encounters).where(eq(s.encounters.externalVisitId, options.externalVisitId));
    encounterId = byVisit?.id;
  }
  const values = {
    patientId: form.patientId,
    facilityId: form.facilityId,
    renderingProviderId: form.renderingProviderId,
    scheduledInfusionId: form.scheduledInfusionId ?? null,
    setting: settingForSite(facility.siteOfCare),
    dateOfService: form.dateOfService,
    diagnoses: form.diagnoses,
    weightKg: form.weightKg ?? null,
    status: "documented" as const,
    updatedAt: new Date(),
  };
  let created = false;
  if (encounterId) {
    const [existing] = await tx.select({ id: s.encounters.id }).from(s.encounters).where(eq(s.encounters.id, encounterId)).for("update");
    if (!existing) throw new EncounterError("not-found", "That visit does not exist (or belongs to another organization).");
    await dropUnreleasedClaims(tx, encounterId);
    await tx
      .update(s.encounters)
      .set({ ...values, ...(options.externalVisitId ? { externalVisitId: options.externalVisitId } : {}) })
      .where(eq(s.encounters.id, encounterId));
    await tx.delete(s.administrations).where(eq(s.administrations.encounterId, encounterId));
  } else {
    const [row] = await tx
      .insert(s.encounters)
      .values({ organizationId, ...values, externalVisitId: options.externalVisitId ?? null })
      .returning({ id: s.encounters.id });
    encounterId = row!.id;
    created = true;
  }

  const timeZone = facility.timeZone || DEFAULT_TIME_ZONE;
  const at = (time: string, date: string) => instantAtLocal(`${date}T${time}`, timeZone);
  await tx.insert(s.administrations).values(
    form.administrations.map((a) => {
      const drugId = a.hcpcs ? (drugByCode.get(a.hcpcs.toUpperCase()) ?? null) : null;
      const unit = a.doseUnit ?? "mg";
      const ndc = a.ndc ? normalizeNdc(a.ndc) : undefined;
      return {
        organizationId,
        encounterId,
        externalId: a.id,
        kind: a.kind,
        route: toDbRoute(a.route),
        startedAt: a.start ? at(a.start, form.dateOfService) : null,
        // A stop before the start is after midnight (an observation stay): the next day.
        stoppedAt: a.stop ? at(a.stop, a.start && a.stop < a.start ? nextDay(form.dateOfService) : form.dateOfService) : null,
        isPrimary: a.primary ?? false,
        accessSite: a.accessSite || null,
        bag: a.bag || null,
        drugId,
        ndc11: ndc?.ok ? ndc.ndc11 : null,
        doseValue: drugId ? (a.doseValue ?? null) : null,
        doseUnit: drugId ? unit : null,
        vials: a.vialSize !== undefined ? [{ quantity: a.vialSize, unit, ...(a.vialCount !== undefined ? { count: a.vialCount } : {}) }] : [],
        wasteValue: a.wasteDocumented ?? null,
        wasteUnit: a.wasteDocumented !== undefined ? unit : null,
        singleDose: a.container === "single-dose" ? true : a.container === "multi-dose" ? false : null,
        acquired340B: a.acquired340B ?? false,
        supply: a.whiteBag ? ("white_bag" as const) : ("buy_and_bill" as const),
      };
    }),
  );
  return { encounterId, created };
}

// ---------------------------------------------------------------- read back

interface StoredVial {
  quantity: number;
  unit: (typeof s.billingUnit.enumValues)[number];
  count?: number;
}

/** A stored encounter as the form's values (times as the facility's wall clock). */
async function encounterForm(tx: Transaction, encounterId: string) {
  const [row] = await tx
    .select({ encounter: s.encounters, facility: s.facilities })
    .from(s.encounters)
    .innerJoin(s.facilities, eq(s.facilities.id, s.encounters.facilityId))
    .where(eq(s.encounters.id, encounterId));
  if (!row) return undefined;
  const rows = await tx
    .select({ administration: s.administrations, hcpcs: s.drugs.hcpcs, drugName: s.drugs.genericName })
    .from(s.administrations)
    .leftJoin(s.drugs, eq(s.drugs.id, s.administrations.drugId))
    .where(eq(s.administrations.encounterId, encounterId))
    .orderBy(asc(s.administrations.startedAt), asc(s.administrations.externalId));
  const timeZone = row.facility.timeZone || DEFAULT_TIME_ZONE;
  const administrations: EncounterForm["administrations"] = rows.map(({ administration: a, hcpcs, drugName }) => {
    const vial = (a.vials as StoredVial[])[0];
    return {
      id: a.externalId,
      kind: a.kind,
      route: toFormRoute(a.route),
      ...(a.startedAt ? { start: hhmm(localDateTime(a.startedAt, timeZone)) } : {}),
      ...(a.stoppedAt ? { stop: hhmm(localDateTime(a.stoppedAt, timeZone)) } : {}),
      primary: a.isPrimary,
      ...(hcpcs ? { hcpcs, drugName: drugName ?? undefined } : {}),
      ...(a.ndc11 ? { ndc: a.ndc11 } : {}),
      ...(a.doseValue !== null ? { doseValue: a.doseValue } : {}),
      ...(a.doseUnit ? { doseUnit: a.doseUnit } : {}),
      ...(vial ? { vialSize: vial.quantity, ...(vial.count !== undefined ? { vialCount: vial.count } : {}) } : {}),
      container: a.singleDose === true ? "single-dose" : a.singleDose === false ? "multi-dose" : "catalog",
      ...(a.wasteValue !== null ? { wasteDocumented: a.wasteValue } : {}),
      acquired340B: a.acquired340B,
      whiteBag: a.supply === "white_bag",
      ...(a.accessSite ? { accessSite: a.accessSite } : {}),
      ...(a.bag ? { bag: a.bag } : {}),
    };
  });
  const form: EncounterFormInput = {
    patientId: row.encounter.patientId,
    facilityId: row.encounter.facilityId,
    renderingProviderId: row.encounter.renderingProviderId,
    ...(row.encounter.scheduledInfusionId ? { scheduledInfusionId: row.encounter.scheduledInfusionId } : {}),
    dateOfService: row.encounter.dateOfService,
    diagnoses: diagnosesText(row.encounter.diagnoses),
    ...(row.encounter.weightKg !== null ? { weightKg: row.encounter.weightKg } : {}),
    administrations,
  };
  return { encounter: row.encounter, facility: row.facility, form, administrations, rows };
}

/** A stored encounter's form values, inside an open tenant transaction. */
export async function loadEncounterFormIn(tx: Transaction, encounterId: string): Promise<EncounterFormInput | undefined> {
  return (await encounterForm(tx, encounterId))?.form;
}

/** What a save would store, as one string: two forms with the same fingerprint save the same visit. */
export function encounterFingerprint(form: EncounterForm): string {
  const ndc11 = (raw: string | undefined) => {
    const result = raw ? normalizeNdc(raw) : undefined;
    return result?.ok ? result.ndc11 : null;
  };
  const administrations = form.administrations
    .map((a) => {
      const hasDrug = Boolean(a.hcpcs);
      return [
        a.id,
        a.kind,
        a.route,
        a.start ?? null,
        a.stop ?? null,
        a.primary ?? false,
        a.hcpcs?.toUpperCase() ?? null,
        ndc11(a.ndc),
        hasDrug ? (a.doseValue ?? null) : null,
        hasDrug ? (a.doseUnit ?? "mg") : null,
        a.vialSize ?? null,
        a.vialSize !== undefined ? (a.vialCount ?? null) : null,
        a.wasteDocumented ?? null,
        a.container && a.container !== "catalog" ? a.container : null,
        a.acquired340B ?? false,
        a.whiteBag ?? false,
        a.accessSite || null,
        a.bag || null,
      ];
    })
    .sort((x, y) => String(x[0]).localeCompare(String(y[0])));
  return JSON.stringify([form.patientId, form.facilityId, form.renderingProviderId, form.scheduledInfusionId ?? null, form.dateOfService, form.diagnoses, form.weightKg ?? null, administrations]);
}

// ---------------------------------------------------------------- prefill from the regimen

export interface PrefillOptions {
  organizationId: string;
  /** The booked visit to document: its regimen, facility and day. */
  scheduledInfusionId?: string;
  /** Or the patient and one of their regimens, on a date of service. */
  patientId?: string;
  regimenId?: string;
  dateOfService?: string;
}

/**
 * The visit as the regimen orders it, in one call: the patient, the booked facility and day, the ordering provider,
 * the diagnoses, the latest weight, and one administration of the regimen drug with its dose (per kg or per m²
 * worked out from the weight), route, NDC and vials. The start is the booked time; the stop is left for the nurse:
 * a time that was not charted must never turn into billed infusion time.
 */
export function prefillFromRegimen(db: Database, options: PrefillOptions): Promise<EncounterFormInput> {
  return withTenant(db, options.organizationId, async (tx) => {
    let infusion: typeof s.scheduledInfusions.$inferSelect | undefined;
    if (options.scheduledInfusionId) {
      [infusion] = await tx.select().from(s.scheduledInfusions).where(eq(s.scheduledInfusions.id, options.scheduledInfusionId));
      if (!infusion) throw new EncounterError("no-regimen", "That scheduled infusion does not exist.");
    }
    const regimenId = infusion?.regimenId ?? options.regimenId;
    let regimen: typeof s.regimens.$inferSelect | undefined;
    if (regimenId) [regimen] = await tx.select().from(s.regimens).where(eq(s.regimens.id, regimenId));
    else if (options.patientId)
      [regimen] = await tx
        .select()
        .from(s.regimens)
        .where(and(eq(s.regimens.patientId, options.patientId), eq(s.regimens.status, "active")))
        .orderBy(desc(s.regimens.startDate))
        .limit(1);
    if (!regimen) throw new EncounterError("no-regimen", "The patient has no active regimen to fill the visit from.");
    const facilityId = infusion?.facilityId ?? regimen.facilityId;
    const [facility] = await tx.select().from(s.facilities).where(eq(s.facilities.id, facilityId));
    const timeZone = facility?.timeZone || DEFAULT_TIME_ZONE;
    const dateOfService = infusion ? localDate(infusion.scheduledAt, timeZone) : (options.dateOfService ?? localDate(new Date(), timeZone));
    const [drug] = await tx.select().from(s.drugs).where(eq(s.drugs.id, regimen.drugId));
    const packages = drug ? await tx.select().from(s.ndcPackages).where(eq(s.ndcPackages.drugId, drug.id)).orderBy(desc(s.ndcPackages.singleDose), asc(s.ndcPackages.vialQuantity)) : [];
    const [weight] = await tx
      .select()
      .from(s.patientWeights)
      .where(and(eq(s.patientWeights.patientId, regimen.patientId), lte(s.patientWeights.measuredOn, dateOfService)))
      .orderBy(desc(s.patientWeights.measuredOn))
      .limit(1);
    const kg = weight?.weightKg;
    // Mosteller body surface area, when the height is charted with the weight.
    const bsa = kg && weight?.heightCm ? Math.sqrt((weight.heightCm * kg) / 3600) : undefined;
    const dose =
      regimen.doseBasis === "fixed" ? regimen.doseValue : regimen.doseBasis === "per_kg" ? (kg ? regimen.doseValue * kg : undefined) : bsa ? regimen.doseValue * bsa : undefined;
    const pack = packages.find((p) => p.vialUnit === regimen.doseUnit) ?? packages[0];
    const start = infusion ? hhmm(localDateTime(infusion.scheduledAt, timeZone)) : undefined;
    const route = toFormRoute(regimen.route);
    return {
      patientId: regimen.patientId,
      facilityId,
      renderingProviderId: regimen.orderingProviderId,
      ...(infusion ? { scheduledInfusionId: infusion.id } : {}),
      dateOfService,
      diagnoses: diagnosesText(regimen.diagnoses),
      ...(kg !== undefined ? { weightKg: kg } : {}),
      administrations: [
        {
          id: "a1",
          kind: drug?.complexAdministration ? "chemotherapy" : "therapeutic",
          route,
          ...(start ? { start } : {}),
          primary: true,
          ...(drug ? { hcpcs: drug.hcpcs, drugName: drug.genericName } : {}),
          ...(pack ? { ndc: pack.ndc11 } : {}),
          // Rounded to what a pharmacy prepares (0.1 unit); the nurse corrects it to the dose actually given.
          ...(dose !== undefined ? { doseValue: Math.round(dose * 10) / 10 } : {}),
          doseUnit: regimen.doseUnit,
          ...(pack && pack.vialUnit === regimen.doseUnit
            ? { vialSize: pack.vialQuantity, ...(dose !== undefined ? { vialCount: Math.ceil(dose / pack.vialQuantity - 1e-9) } : {}), container: pack.singleDose ? "single-dose" : "multi-dose" }
            : { container: "catalog" }),
        },
      ],
    };
  });
}

// ---------------------------------------------------------------- coding

export interface CodedEncounter {
  claimId: string;
  claimNumber: string;
  claim: CodedClaim;
  reference: ReferenceInForce[];
  /** The draft claim this one replaced, when the visit had been coded before. */
  replacedClaimNumber?: string;
}

/** The engine's input for a stored encounter: the visit form's conversion, plus what only a stored visit knows. */
function engineInput(stored: NonNullable<Awaited<ReturnType<typeof encounterForm>>>, payerKind: PayerKind): EncounterInput {
  const visit: VisitForm = {
    setting: stored.encounter.setting,
    dateOfService: stored.encounter.dateOfService,
    payerKind,
    program340B: stored.facility.program340B,
    administrations: stored.administrations,
  };
  const input = visitToEncounter(visit);
  input.facility = { program340B: stored.facility.program340B, offCampus: stored.facility.siteOfCare === "hopd_off_campus" };
  input.administrations = input.administrations.map((a, i) => {
    const form = stored.administrations[i]!;
    const vials = form.vialCount !== undefined && a.drug?.vials?.[0] ? [{ ...a.drug.vials[0], count: form.vialCount }] : a.drug?.vials;
    return {
      ...a,
      ...(form.accessSite ? { accessSite: form.accessSite } : {}),
      ...(form.bag ? { bag: form.bag } : {}),
      ...(a.drug ? { drug: { ...a.drug, ...(form.drugName ? { name: form.drugName } : {}), ...(vials ? { vials } : {}) } } : {}),
    };
  });
  return input;
}

async function nextClaimNumber(tx: Transaction, organizationId: string): Promise<string> {
  // Serialise numbering inside the organization: two visits coded at once must not take the same number.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`claim-number:${organizationId}`}))`);
  const [row] = await tx
    .select({ last: sql<number | null>`max(nullif(regexp_replace(${s.claims.claimNumber}, '[^0-9]', '', 'g'), '')::bigint)`.mapWith(Number) })
    .from(s.claims)
    .where(sql`${s.claims.claimNumber} ~ '^CLM-[0-9]+$'`);
  return `CLM-${String((row?.last ?? 0) + 1).padStart(6, "0")}`;
}

/**
 * Codes a stored encounter into its draft claim, in one transaction: the claim (professional or facility by the
 * facility's site of care) against the patient's primary coverage in force on the date of service, its lines and
 * findings, the encounter marked coded, and the outbox row that asks the release gate to evaluate it. Coding again
 * replaces the unreleased claim; a released one is never replaced.
 */
export function codeStoredEncounter(db: Database, options: { organizationId: string; encounterId: string }): Promise<CodedEncounter> {
  return withTenant(db, options.organizationId, (tx) => codeStoredEncounterIn(tx, options.organizationId, options.encounterId));
}

export async function codeStoredEncounterIn(tx: Transaction, organizationId: string, encounterId: string): Promise<CodedEncounter> {
  const [locked] = await tx.select({ id: s.encounters.id }).from(s.encounters).where(eq(s.encounters.id, encounterId)).for("update");
  if (!locked) throw new EncounterError("not-found", "That visit does not exist (or belongs to another organization).");
  const stored = await encounterForm(tx, encounterId);
  if (!stored) throw new EncounterError("not-found", "That visit does not exist (or belongs to another organization).");
  const dos = stored.encounter.dateOfService;
  const [coverage] = await tx
    .select({ id: s.coverages.id, payerKind: s.payers.kind, lineOfBusiness: s.payerPlans.lineOfBusiness })
    .from(s.coverages)
    .innerJoin(s.payerPlans, eq(s.payerPlans.id, s.coverages.planId))
    .innerJoin(s.payers, eq(s.payers.id, s.payerPlans.payerId))
    .where(
      and(
        eq(s.coverages.patientId, stored.encounter.patientId),
        eq(s.coverages.priority, "primary"),
        lte(s.coverages.effectiveFrom, dos),
        or(isNull(s.coverages.effectiveTo), gte(s.coverages.effectiveTo, dos)),
      ),
    )
    .orderBy(desc(s.coverages.effectiveFrom))
    .limit(1);
  if (!coverage) throw new EncounterError("no-coverage", `The patient has no primary coverage in force on ${dos}: add the coverage on the patient, then code the visit.`);

  const parsed = parseEncounter(engineInput(stored, engineLineOfBusiness(coverage.payerKind, coverage.lineOfBusiness)));
  if (!parsed.success) {
    throw new EncounterError(
      "not-codable",
      `The visit cannot be coded yet: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
      parsed.errors.map((e) => ({ field: e.path, message: e.message })),
    );
  }
  const coded = await codeVisitIn(tx, parsed.encounter);
  const charges = await priceClaimLinesIn(tx, coded.claim);
  const coding = { ...coded, claim: { ...coded.claim, findings: [...coded.claim.findings, ...charges.findings] } };
  const replacedClaimNumber = await dropUnreleasedClaims(tx, encounterId);
  const claimNumber = replacedClaimNumber ?? (await nextClaimNumber(tx, organizationId));
  const [claim] = await tx
    .insert(s.claims)
    .values({ organizationId, claimNumber, encounterId, patientId: stored.encounter.patientId, coverageId: coverage.id, setting: coding.claim.setting, status: "draft", totalChargeCents: charges.totalCents })
    .returning({ id: s.claims.id });
  const claimId = claim!.id;
  if (coding.claim.lines.length > 0)
    await tx.insert(s.claimLines).values(
      coding.claim.lines.map((line, i) => ({
        organizationId,
        claimId,
        lineNumber: i + 1,
        code: line.code,
        modifiers: line.modifiers,
        units: line.units,
        dateOfService: line.dateOfService,
        ndc11: line.ndc?.code ?? null,
        ndcQualifier: line.ndc?.qualifier ?? null,
        ndcQuantity: line.ndc?.quantity ?? null,
        revenueCode: line.revenueCode ?? null,
        note: line.note ?? null,
        chargeCents: charges.lines[i]!.chargeCents,
        administrationIds: line.administrations,
      })),
    );
  if (coding.claim.findings.length > 0)
    await tx.insert(s.claimFindings).values(
      coding.claim.findings.map((f) => ({
        organizationId,
        claimId,
        lineNumber: f.line ?? null,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        administrationId: f.administration ?? null,
        source: f.source,
      })),
    );
  await tx.update(s.encounters).set({ status: "coded", updatedAt: new Date() }).where(eq(s.encounters.id, encounterId));
  await tx
    .insert(s.outbox)
    .values({ organizationId, topic: "claim-reevaluation", businessKey: `claim-coded:${claimId}`, payload: { claimId } })
    .onConflictDoNothing({ target: [s.outbox.organizationId, s.outbox.businessKey] });
  return { claimId, claimNumber, claim: coding.claim, reference: coding.reference, ...(replacedClaimNumber ? { replacedClaimNumber } : {}) };
}

/**
 * Prices the coded lines from the charge master (units × the unit charge in force on each line's date of service):
 * a code with no charge on file is billed at 0 with an info finding, which tells the biller but does not hold the claim.
 */
async function priceClaimLinesIn(tx: Transaction, claim: CodedClaim): Promise<{ lines: PricedLine[]; totalCents: number; findings: Finding[] }> {
  const lastDay = claim.lines.reduce((max, l) => (l.dateOfService > max ? l.dateOfService : max), claim.dateOfService);
  const versions = await loadChargeVersionsIn(tx, claim.lines.map((l) => l.code), lastDay);
  const priced = priceLines(claim.lines, versions);
  const findings: Finding[] = [];
  priced.lines.forEach((p, i) => {
    const line = claim.lines[i]!;
    if (!p.onFile) findings.push({ rule: "CHARGE_NOT_ON_FILE", severity: RULES.CHARGE_NOT_ON_FILE.severity, message: chargeNotOnFileMessage(line.code, line.dateOfService), line: i + 1, source: RULES.CHARGE_NOT_ON_FILE.source });
  });
  return { ...priced, findings };
}

// ---------------------------------------------------------------- findings

function isCheckViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: unknown }).code === "23514") return true;
  return false;
}

/** A reviewer accepts a warning (or an info) on a claim; an error can only be fixed, never acknowledged. */
export function acknowledgeFinding(db: Database, options: { organizationId: string; findingId: string; userId: string }): Promise<{ findingId: string; acknowledgedAt: Date }> {
  return withTenant(db, options.organizationId, async (tx) => {
    const [finding] = await tx.select({ id: s.claimFindings.id, severity: s.claimFindings.severity, acknowledgedAt: s.claimFindings.acknowledgedAt }).from(s.claimFindings).where(eq(s.claimFindings.id, options.findingId));
    if (!finding) throw new EncounterError("finding-not-found", "That finding does not exist (or the claim was coded again since).");
    if (finding.acknowledgedAt) return { findingId: finding.id, acknowledgedAt: finding.acknowledgedAt };
    const acknowledgedAt = new Date();
    try {
      // The severity is not checked here on purpose: the claim_findings_errors_not_acknowledged check is the rule.
      await tx.transaction((sp) => sp.update(s.claimFindings).set({ acknowledgedAt, acknowledgedById: options.userId }).where(eq(s.claimFindings.id, finding.id)));
    } catch (error) {
      if (isCheckViolation(error)) throw new EncounterError("error-not-acknowledgeable", "Errors cannot be acknowledged: fix the documentation and code the visit again.");
      throw error;
    }
    await tx.insert(s.auditLog).values({ organizationId: options.organizationId, actorUserId: options.userId, action: "claim-finding.acknowledged", entityType: "claim_finding", entityId: finding.id });
    return { findingId: finding.id, acknowledgedAt };
  });
}

// ---------------------------------------------------------------- screens

export interface EncounterListRow {
  id: string;
  dateOfService: string;
  patientName: string;
  mrn: string;
  facilityName: string;
  setting: "professional" | "facility";
  status: (typeof s.encounterStatus.enumValues)[number];
  externalVisitId: string | null;
  claimNumber: string | null;
  claimStatus: (typeof s.claimStatus.enumValues)[number] | null;
  errors: number;
  openWarnings: number;
}

/** Documented and coded visits, newest date of service first; only one day's when `dateOfService` is given. */
export function listEncounters(db: Database, options: { organizationId: string; dateOfService?: string; limit?: number }): Promise<EncounterListRow[]> {
  return withTenant(db, options.organizationId, async (tx) => {
    const rows = await tx
      .select({
        id: s.encounters.id,
        dateOfService: s.encounters.dateOfService,
        firstName: s.patients.firstName,
        lastName: s.patients.lastName,
        mrn: s.patients.mrn,
        facilityName: s.facilities.name,
        setting: s.encounters.setting,
        status: s.encounters.status,
        externalVisitId: s.encounters.externalVisitId,
        claimNumber: s.claims.claimNumber,
        claimStatus: s.claims.status,
        errors: sql<number>`(select count(*) from ${s.claimFindings} f where f.claim_id = ${s.claims.id} and f.severity = 'error')`.mapWith(Number),
        openWarnings: sql<number>`(select count(*) from ${s.claimFindings} f where f.claim_id = ${s.claims.id} and f.severity = 'warning' and f.acknowledged_at is null)`.mapWith(Number),
      })
      .from(s.encounters)
      .innerJoin(s.patients, eq(s.patients.id, s.encounters.patientId))
      .innerJoin(s.facilities, eq(s.facilities.id, s.encounters.facilityId))
      .leftJoin(s.claims, and(eq(s.claims.encounterId, s.encounters.id), ne(s.claims.status, "void")))
      .where(options.dateOfService ? eq(s.encounters.dateOfService, options.dateOfService) : undefined)
      .orderBy(desc(s.encounters.dateOfService), desc(s.encounters.updatedAt))
      .limit(options.limit ?? 200);
    return rows.map(({ firstName, lastName, ...r }) => ({ ...r, patientName: `${lastName}, ${firstName}`, claimNumber: r.claimNumber ?? null, claimStatus: r.claimStatus ?? null }));
  });
}

/** One visit for its screen: the form's values, and the coded claim's lines and findings when it has one. */
export function loadEncounter(db: Database, options: { organizationId: string; encounterId: string }) {
  return withTenant(db, options.organizationId, async (tx) => {
    const stored = await encounterForm(tx, options.encounterId);
    if (!stored) return undefined;
    const [patient] = await tx.select().from(s.patients).where(eq(s.patients.id, stored.encounter.patientId));
    const [claim] = await tx
      .select()
      .from(s.claims)
      .where(and(eq(s.claims.encounterId, options.encounterId), ne(s.claims.status, "void")))
      .orderBy(desc(s.claims.createdAt))
      .limit(1);
    const lines = claim ? await tx.select().from(s.claimLines).where(eq(s.claimLines.claimId, claim.id)).orderBy(asc(s.claimLines.lineNumber)) : [];
    const findings = claim
      ? await tx
          .select({ finding: s.claimFindings, acknowledgedBy: s.users.name })
          .from(s.claimFindings)
          .leftJoin(s.users, eq(s.users.id, s.claimFindings.acknowledgedById))
          .where(eq(s.claimFindings.claimId, claim.id))
          .orderBy(sql`case ${s.claimFindings.severity} when 'error' then 0 when 'warning' then 1 else 2 end`, asc(s.claimFindings.lineNumber))
      : [];
    return {
      encounter: { id: stored.encounter.id, status: stored.encounter.status, setting: stored.encounter.setting, externalVisitId: stored.encounter.externalVisitId, updatedAt: stored.encounter.updatedAt },
      patient: patient ? { id: patient.id, name: `${patient.lastName}, ${patient.firstName}`, mrn: patient.mrn } : undefined,
      facility: { id: stored.facility.id, name: stored.facility.name, timeZone: stored.facility.timeZone },
      form: stored.form,
      claim: claim ? { id: claim.id, claimNumber: claim.claimNumber, status: claim.status, setting: claim.setting } : undefined,
      lines,
      findings: findings.map(({ finding, acknowledgedBy }) => ({ ...finding, acknowledgedBy })),
    };
  });
}

export type EncounterPage = NonNullable<Awaited<ReturnType<typeof loadEncounter>>>;

/** The choices the documentation form offers: patients, facilities, providers and the patients' booked visits. */
export function encounterFormOptions(db: Database, options: { organizationId: string }) {
  return withTenant(db, options.organizationId, async (tx) => {
    const patients = await tx
      .select({ id: s.patients.id, firstName: s.patients.firstName, lastName: s.patients.lastName, mrn: s.patients.mrn })
      .from(s.patients)
      .orderBy(asc(s.patients.lastName), asc(s.patients.firstName))
      .limit(500);
    const facilities = await tx.select({ id: s.facilities.id, name: s.facilities.name, siteOfCare: s.facilities.siteOfCare }).from(s.facilities).orderBy(asc(s.facilities.name));
    const providers = await tx.select({ id: s.providers.id, firstName: s.providers.firstName, lastName: s.providers.lastName }).from(s.providers).orderBy(asc(s.providers.lastName));
    return {
      patients: patients.map((p) => ({ id: p.id, label: `${p.lastName}, ${p.firstName} (${p.mrn})` })),
      facilities: facilities.map((f) => ({ id: f.id, label: f.name, setting: settingForSite(f.siteOfCare) })),
      providers: providers.map((p) => ({ id: p.id, label: `${p.firstName} ${p.lastName}` })),
    };
  });
}
