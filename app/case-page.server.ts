// The case page's reads (header, lines, timeline, documents, upcoming visits and their coverage, what the forms
// pick from) and its write paths: commands through the lifecycle engine, with the domain error handed back for
// the form to show. Everything is read in one tenant transaction, from the projection and the case's own events.
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import * as s from "../db/schema";
import type { Transaction } from "../db/client";
import {
  deadlines,
  domainError,
  ledgerBalance,
  localDate,
  nextAppealLevels,
  parseCommand,
  resolveRule,
  startOfLocalDay,
  type Actor,
  type AffectedItem,
  type CaseCommand,
  type CaseState,
  type CommandOf,
  type DomainError,
  type LedgerEntry,
} from "./authorizations";
import { caseScope } from "./authorizations/deadlines";
import { tenantTransaction } from "./db.server";
import { renewalRequest } from "./case-drafts";
import { caseDocuments, isPatientDocument, patientDocuments, removeDocument, storeDocument } from "./documents.server";
import { loadCaseState, loadPayerRules } from "./engine/case-store.server";
import { lifecycleEngine } from "./engine/index.server";
import type { CaseFormIntent } from "./components/case/case-command-forms";
import { documentKindWords, type UploadDocumentInput } from "./components/case/document-forms";
import { draftLetter, isLetterKind, type DraftedLetter, type LetterFacts, type LetterKind } from "./letters/draft";
import { renderLetterPdf } from "./letters/letter-pdf.server";
import { requireRole } from "./auth.server";
import { sectionById } from "./permissions";
import { assignableMembers } from "./queues.server";
import { upcomingInfusionCoverage, wouldNotBeDeducted, type UpcomingInfusionCoverage } from "./upcoming-coverage.server";

const c = s.authorizationCases;
const assignee = alias(s.users, "assignee");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How far ahead the page looks for booked visits the authorization may not cover. */
export const UPCOMING_DAYS = 180;

export function isCaseId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

async function header(tx: Transaction, caseId: string) {
  const [row] = await tx
    .select({
      id: c.id,
      caseNumber: c.caseNumber,
      status: c.status,
      certificationType: c.certificationType,
      urgency: c.urgency,
      unitType: c.unitType,
      requestedSiteOfCare: c.requestedSiteOfCare,
      authorizedSiteOfCare: c.authorizedSiteOfCare,
      siteOfCareException: c.siteOfCareException,
      authorizationNumber: c.authorizationNumber,
      payerReference: c.payerReference,
      requestedFrom: c.requestedFrom,
      requestedTo: c.requestedTo,
      effectiveFrom: c.effectiveFrom,
      effectiveTo: c.effectiveTo,
      requestedQuantity: c.requestedQuantity,
      authorizedQuantity: c.authorizedQuantity,
      usedQuantity: c.usedQuantity,
      nextDeadlineAt: c.nextDeadlineAt,
      nextDeadlineKind: c.nextDeadlineKind,
      nextDeadlineRule: c.nextDeadlineRule,
      decisionReason: c.decisionReason,
      assigneeId: c.assigneeId,
      assigneeName: assignee.name,
      patientId: c.patientId,
      regimenId: c.regimenId,
      patientFirstName: s.patients.firstName,
      patientLastName: s.patients.lastName,
      mrn: s.patients.mrn,
      birthDate: s.patients.birthDate,
      payerName: s.payers.name,
      planName: s.payerPlans.name,
      memberId: s.coverages.memberId,
      facilityName: s.facilities.name,
      facilityTimeZone: s.facilities.timeZone,
      providerFirstName: s.providers.firstName,
      providerLastName: s.providers.lastName,
      providerCredentials: s.providers.credentials,
      lastEventAt: c.lastEventAt,
    })
    .from(c)
    .innerJoin(s.patients, eq(s.patients.id, c.patientId))
    .innerJoin(s.payers, eq(s.payers.id, c.payerId))
    .innerJoin(s.payerPlans, eq(s.payerPlans.id, c.planId))
    .innerJoin(s.coverages, eq(s.coverages.id, c.coverageId))
    .innerJoin(s.facilities, eq(s.facilities.id, c.facilityId))
    .innerJoin(s.providers, eq(s.providers.id, c.orderingProviderId))
    .leftJoin(assignee, eq(assignee.id, c.assigneeId))
    .where(eq(c.id, caseId));
  return row;
}

/** The case's unit ledger projected over its booked doses: when the units (or visits) run out. */
export async function ledgerProjection(tx: Transaction, state: CaseState, today: string, booked: readonly UpcomingInfusionCoverage[]) {
  const auth = state.authorization;
  if (!auth) return undefined;
  const rows = await tx
    .select({
      kind: s.unitLedgerEntries.kind,
      units: s.unitLedgerEntries.units,
      visits: s.unitLedgerEntries.visits,
      sourceType: s.unitLedgerEntries.sourceType,
      sourceId: s.unitLedgerEntries.sourceId,
      occurredOn: s.unitLedgerEntries.occurredOn,
      lineNumber: s.authorizationLines.lineNumber,
    })
    .from(s.unitLedgerEntries)
    .leftJoin(s.authorizationLines, eq(s.authorizationLines.id, s.unitLedgerEntries.lineId))
    .where(eq(s.unitLedgerEntries.caseId, state.caseId));
  const entries: LedgerEntry[] = rows.map((r) => ({ ...r, lineNumber: r.lineNumber ?? 1 }));
  // Visits booked since the last ledger sync count as the scheduled entries the next sync will write.
  const inLedger = new Set(entries.filter((e) => e.kind === "scheduled").map((e) => e.sourceId));
  const unsynced = booked.filter(
    (v) => v.units !== undefined && !inLedger.has(v.infusionId) && v.date >= auth.effectiveFrom && v.date <= auth.effectiveTo && v.result.caseId === state.caseId && !v.result.failures.some(wouldNotBeDeducted),
  );
  for (const visit of unsynced) {
    entries.push({ kind: "scheduled", units: -visit.units!, visits: -1, sourceType: "scheduled_infusion", sourceId: visit.infusionId, occurredOn: visit.date, lineNumber: visit.result.lineNumber ?? 1 });
  }
  const balance = ledgerBalance({ unitType: state.unitType, lines: state.lines, effectiveTo: auth.effectiveTo }, entries, today);
  const visits = state.unitType === "visits";
  const sum = (pick: (l: (typeof balance.lines)[number]) => number) => Math.round(balance.lines.reduce((t, l) => t + pick(l), 0) * 100) / 100;
  return {
    unitType: state.unitType,
    authorized: sum((l) => (visits ? l.authorizedVisits : l.authorizedUnits)),
    used: sum((l) => (visits ? l.usedVisits : l.usedUnits)),
    remaining: sum((l) => (visits ? l.remainingVisits : l.remainingUnits)),
    booked: sum((l) => (visits ? l.scheduledVisits : l.scheduledUnits)),
    bookedDoses: balance.lines.reduce((t, l) => t + l.upcoming.length, 0),
    projectedExhaustionOn: balance.projectedExhaustionOn ?? null,
    firstUncoveredOn: balance.lines.map((l) => l.firstUncoveredOn).filter((d): d is string => d !== undefined).sort()[0] ?? null,
    exhaustsBeforeEnd: balance.exhaustsBeforeEnd,
    effectiveTo: auth.effectiveTo,
    syncedAt: state.usage?.syncedAt ?? null,
  };
}

/** Where the case stands on site of care: the exception, and when later doses must move (the payer's rule). */
async function siteOfCareStatus(tx: Transaction, state: CaseState, now: Date) {
  const rules = await loadPayerRules(tx, state.coverage.payerId);
  const transition = deadlines(state, rules, now).find((d) => d.kind === "site-of-care-transition");
  const raised = state.raised.includes("site-of-care-transition");
  const on = state.authorization?.effectiveFrom ?? state.requested.from;
  const rule = state.lines.map((l) => resolveRule(rules, "site-of-care", caseScope(state, on, l.hcpcs))).find((r) => r !== undefined);
  return {
    exception: state.siteOfCareException ?? null,
    transitionDueAt: transition?.at.toISOString() ?? null,
    transitionWords: transition?.description ?? null,
    transitionRaised: raised,
    payerCriteria: rule?.value.exceptionCriteria ?? [],
    policySource: rule?.source ?? null,
    rules,
  };
}

/** The cases a link on this case points at, with their numbers and whether they exist yet. */
async function linkedCases(tx: Transaction, state: CaseState) {
  const links = [
    ["predecessor", state.links.predecessorCaseId],
    ["renewal", state.links.successorCaseId],
    ["revised request", state.links.revisedCaseId],
    ["superseded by", state.links.supersededBy],
    ["duplicate of", state.links.duplicateOf],
  ].filter((l): l is [string, string] => l[1] !== undefined);
  if (links.length === 0) return [];
  const rows = await tx
    .select({ id: c.id, caseNumber: c.caseNumber, status: c.status, certificationType: c.certificationType })
    .from(c)
    .where(inArray(c.id, links.map(([, id]) => id)));
  return links.map(([relation, caseId]) => {
    const row = rows.find((r) => r.id === caseId);
    return { relation, caseId, caseNumber: row?.caseNumber ?? null, status: row?.status ?? null };
  });
}

/** Upcoming visits of the case's regimen and unreleased claims with its drugs: what a regimen change affects. */
async function affectedItems(tx: Transaction, state: CaseState, now: Date) {
  const today = localDate(now, state.facility.timeZone);
  const items: (AffectedItem & { label: string })[] = [];
  if (state.regimenId) {
    const visits = await tx
      .select({ id: s.scheduledInfusions.id, scheduledAt: s.scheduledInfusions.scheduledAt, facility: s.facilities.name, timeZone: s.facilities.timeZone })
      .from(s.scheduledInfusions)
      .innerJoin(s.facilities, eq(s.facilities.id, s.scheduledInfusions.facilityId))
      .where(and(eq(s.scheduledInfusions.regimenId, state.regimenId), eq(s.scheduledInfusions.status, "scheduled"), gte(s.scheduledInfusions.scheduledAt, startOfLocalDay(today, state.facility.timeZone))))
      .orderBy(asc(s.scheduledInfusions.scheduledAt));
    for (const v of visits) items.push({ kind: "scheduled_visit", id: v.id, on: localDate(v.scheduledAt, v.timeZone), label: `visit at ${v.facility}` });
  }
  const codes = state.lines.flatMap((l) => [l.hcpcs, ...l.mappedHcpcs]);
  const claims = await tx
    .select({ id: s.claims.id, claimNumber: s.claims.claimNumber, status: s.claims.status, on: s.claimLines.dateOfService })
    .from(s.claims)
    .innerJoin(s.claimLines, eq(s.claimLines.claimId, s.claims.id))
    .where(and(eq(s.claims.patientId, state.patient.patientId), inArray(s.claims.status, ["draft", "held", "ready"]), inArray(s.claimLines.code, codes)))
    .orderBy(asc(s.claimLines.dateOfService));
  for (const claim of claims) {
    if (items.some((i) => i.kind === "claim" && i.id === claim.id)) continue;
    items.push({ kind: "claim", id: claim.id, on: claim.on, label: `claim ${claim.claimNumber} (${claim.status})` });
  }
  return items;
}

export async function latestBody(tx: Transaction, patientId: string) {
  const [w] = await tx
    .select({ measuredOn: s.patientWeights.measuredOn, weightKg: s.patientWeights.weightKg, heightCm: s.patientWeights.heightCm })
    .from(s.patientWeights)
    .where(eq(s.patientWeights.patientId, patientId))
    .orderBy(desc(s.patientWeights.measuredOn))
    .limit(1);
  if (!w) return null;
  return { measuredOn: w.measuredOn, weightKg: w.weightKg, ...(w.heightCm ? { bsa: Math.round(Math.sqrt((w.heightCm * w.weightKg) / 3600) * 100) / 100 } : {}) };
}

/** The case as the page shows it; undefined when it is not a case of this organization. */
export function loadCasePage(organizationId: string, caseId: string, now: Date = new Date()) {
  return tenantTransaction(organizationId, async (tx) => {
    const head = await header(tx, caseId);
    if (!head) return undefined;
    const state = await loadCaseState(tx, caseId);
    if (!state) return undefined;
    const today = localDate(now, state.facility.timeZone);
    const l = s.authorizationLines;
    const rows = await tx
      .select({
        lineNumber: l.lineNumber,
        hcpcs: l.hcpcs,
        drugName: s.drugs.shortName,
        doseValue: l.doseValue,
        doseUnit: l.doseUnit,
        doseBasis: l.doseBasis,
        unitsPerDose: l.unitsPerDose,
        requestedUnits: l.requestedUnits,
        requestedVisits: l.requestedVisits,
        authorizedUnits: l.authorizedUnits,
        authorizedVisits: l.authorizedVisits,
      })
      .from(l)
      .leftJoin(s.drugs, eq(s.drugs.id, l.drugId))
      .where(eq(l.caseId, caseId))
      .orderBy(asc(l.lineNumber));
    const lines = rows.map((row) => {
      const line = state.lines.find((x) => x.lineNumber === row.lineNumber);
      return {
        ...row,
        route: line?.route ?? null,
        intervalDays: line?.intervalDays ?? null,
        administrations: line?.administrations ?? null,
        mappedHcpcs: line?.mappedHcpcs ?? [],
        referenceHcpcs: line?.referenceHcpcs ?? null,
      };
    });
    const e = s.authorizationEvents;
    const events = await tx
      .select({ sequence: e.sequence, type: e.type, payload: e.payload, channel: e.channel, proofReference: e.proofReference, occurredAt: e.occurredAt, actorName: s.users.name })
      .from(e)
      .leftJoin(s.users, eq(s.users.id, e.actorUserId))
      .where(eq(e.caseId, caseId))
      .orderBy(asc(e.sequence));
    const members = await assignableMembers(tx);
    const documents = await caseDocuments(tx, caseId, state.documents.map((d) => d.documentId));
    const attached = new Set(state.documents.map((d) => d.documentId));
    const patientFiles = await patientDocuments(tx, state.patient.patientId);
    const upcoming = await upcomingInfusionCoverage(tx, { organizationId, caseId, from: startOfLocalDay(today, state.facility.timeZone), days: UPCOMING_DAYS });
    const ledger = await ledgerProjection(tx, state, today, upcoming);
    const siteOfCare = await siteOfCareStatus(tx, state, now);
    const links = await linkedCases(tx, state);
    const otherCases = await tx
      .select({ id: c.id, caseNumber: c.caseNumber, status: c.status, certificationType: c.certificationType, requestedFrom: c.requestedFrom })
      .from(c)
      .where(and(eq(c.patientId, state.patient.patientId), ne(c.id, caseId)))
      .orderBy(desc(c.createdAt));
    const affected = await affectedItems(tx, state, now);
    const drugs = await tx
      .select({ hcpcs: s.drugs.hcpcs, shortName: s.drugs.shortName, brandName: s.drugs.brandName, referenceHcpcs: s.drugs.referenceHcpcs, billingUnitQuantity: s.drugs.billingUnitQuantity, billingUnit: s.drugs.billingUnit })
      .from(s.drugs)
      .orderBy(asc(s.drugs.shortName), asc(s.drugs.hcpcs));
    const body = await latestBody(tx, state.patient.patientId);
    const { rules: _rules, ...siteOfCareWords } = siteOfCare;
    return {
      header: head,
      lines,
      events: events.map((ev) => ({ ...ev, payload: ev.payload as Record<string, unknown> })),
      members,
      state,
      today,
      documents: documents.map((d) => ({ ...d, attached: attached.has(d.id) })),
      /** The patient's documents not on this case yet: what "attach a document" picks from. */
      attachable: patientFiles.filter((d) => d.caseId !== caseId && !attached.has(d.id)),
      ledger,
      siteOfCare: siteOfCareWords,
      links,
      upcoming,
      otherCases,
      affected,
      drugs,
      body,
      appealLevels: nextAppealLevels(state),
      holds: state.holds.filter((h) => !h.releasedAt),
    };
  });
}

export type CasePage = NonNullable<Awaited<ReturnType<typeof loadCasePage>>>;

/** What a letter about this case is drafted from; undefined when it is not a case of this organization. */
export function loadLetterFacts(organizationId: string, caseId: string, kind: LetterKind, now: Date = new Date()) {
  return tenantTransaction(organizationId, async (tx): Promise<LetterFacts | undefined> => {
    const head = await header(tx, caseId);
    const state = head ? await loadCaseState(tx, caseId) : undefined;
    if (!head || !state) return undefined;
    const [facility] = await tx.select().from(s.facilities).where(eq(s.facilities.id, state.facility.facilityId));
    const [provider] = await tx.select({ npi: s.providers.npi }).from(s.providers).where(eq(s.providers.id, state.orderingProvider.providerId));
    const drugRows = await tx.select({ hcpcs: s.drugs.hcpcs, shortName: s.drugs.shortName, brandName: s.drugs.brandName }).from(s.drugs).where(inArray(s.drugs.hcpcs, state.lines.map((l) => l.hcpcs)));
    const documents = await caseDocuments(tx, caseId, state.documents.map((d) => d.documentId));
    const docName = new Map(documents.map((d) => [d.id, d.fileName]));
    const siteOfCare = await siteOfCareStatus(tx, state, now);
    const siteAppeal = [...state.appeals].reverse().find((a) => a.kind === "site_of_care" && a.siteOfCare);
    const pending = [...state.appeals].reverse().find((a) => !a.outcome);
    const p2p = state.peerToPeer?.stage === "upheld" ? state.peerToPeer.decidedAt : undefined;
    const tz = state.facility.timeZone;
    // The payer's own letters and our transmission receipts are not evidence to enclose.
    const notEnclosed = new Set(["payer-decision-letter", "payer-letter", "fax-receipt", "portal-screenshot", "appeal-letter"]);
    const references = state.payerReferences.map((r) => `${r.kind.replace(/-/g, " ")} ${r.value}`);
    const address = facility && [facility.addressLine, [facility.city, facility.state].filter(Boolean).join(", "), facility.postalCode].filter(Boolean).join(" · ");
    return {
      today: localDate(now, tz),
      facility: { name: head.facilityName, ...(address ? { address } : {}), npi: state.facility.npi },
      patient: { firstName: head.patientFirstName, lastName: head.patientLastName, birthDate: head.birthDate },
      coverage: { payerName: head.payerName, planName: head.planName, memberId: state.coverage.memberId },
      caseNumber: head.caseNumber,
      ...(state.authorization ? { authorizationNumber: state.authorization.authorizationNumber } : {}),
      references,
      orderingProvider: {
        name: `${head.providerFirstName} ${head.providerLastName}`,
        npi: provider?.npi ?? state.orderingProvider.npi,
        ...(head.providerCredentials ? { credentials: head.providerCredentials } : {}),
      },
      drugs: state.lines.map((line) => {
        const drug = drugRows.find((d) => d.hcpcs === line.hcpcs);
        const per = line.dose.basis === "per_kg" ? "/kg" : line.dose.basis === "per_m2" ? "/m²" : "";
        return {
          name: drug ? (drug.brandName ? `${drug.shortName} (${drug.brandName})` : drug.shortName) : line.hcpcs,
          hcpcs: line.hcpcs,
          dose: `${line.dose.value} ${line.dose.unit}${per}`,
          ...(line.route ? { route: line.route } : {}),
          ...(line.intervalDays !== undefined ? { intervalDays: line.intervalDays } : {}),
          administrations: line.administrations,
        };
      }),
      diagnoses: state.diagnoses,
      requested: state.requested,
      ...(state.decision?.outcome === "denied"
        ? { denial: { decidedOn: localDate(new Date(state.decision.decidedAt), tz), ...(state.decision.reason ? { reason: state.decision.reason } : {}), ...(state.decision.denialCategory ? { category: state.decision.denialCategory } : {}) } }
        : {}),
      ...(p2p ? { peerToPeerUpheldOn: localDate(new Date(p2p), tz) } : {}),
      appealLevel: pending?.level ?? nextAppealLevels(state)[0] ?? 1,
      ...(kind === "site-of-care"
        ? {
            siteOfCare: {
              requestedSite: siteAppeal?.siteOfCare?.requestedSite ?? state.requested.siteOfCare,
              checklist: (siteAppeal?.siteOfCare?.checklist ?? []).map((entry) => ({
                criterion: entry.criterion,
                met: entry.met,
                evidence: entry.evidence.map((ev) => ({ description: ev.description, ...(ev.documentId && docName.get(ev.documentId) ? { documentName: docName.get(ev.documentId)! } : {}) })),
              })),
              payerCriteria: siteOfCare.payerCriteria,
              ...(siteOfCare.policySource ? { policySource: siteOfCare.policySource } : {}),
            },
          }
        : {}),
      enclosures: documents
        .filter((d) => !notEnclosed.has(d.kind))
        .map((d) => ({ fileName: d.fileName, kind: documentKindWords(d.kind).toLowerCase(), date: localDate(d.createdAt, tz) })),
    };
  });
}

/** Sends one command through the lifecycle engine; the refusal is a domain value, never a throw. */
export async function sendCaseCommand(organizationId: string, actor: Actor | undefined, command: CaseCommand | Record<string, unknown>): Promise<{ ok: true; caseId: string } | { ok: false; error: DomainError }> {
  const outcome = await lifecycleEngine().execute({ organizationId, command, ...(actor ? { actor } : {}) });
  return outcome.ok ? { ok: true, caseId: outcome.caseId } : { ok: false, error: outcome.error };
}

/**
 * A regimen change as the engine needs it: the drug's catalog facts (id, reference product for a biosimilar), the
 * upcoming visits and unreleased claims it affects, and a fresh id for the revised request it may draft.
 */
export function completeRegimenChange(organizationId: string, caseId: string, command: CommandOf<"record-regimen-change">, now: Date = new Date()) {
  return tenantTransaction(organizationId, async (tx) => {
    const state = await loadCaseState(tx, caseId);
    if (!state) return undefined;
    const [drug] = await tx.select({ id: s.drugs.id, referenceHcpcs: s.drugs.referenceHcpcs }).from(s.drugs).where(eq(s.drugs.hcpcs, command.newRegimen.hcpcs));
    const affected = (await affectedItems(tx, state, now)).map(({ kind, id, on }) => ({ kind, id, on }));
    const { drugId: _drugId, referenceHcpcs: _referenceHcpcs, ...typed } = command.newRegimen;
    return {
      ...command,
      newRegimen: { ...typed, ...(drug ? { drugId: drug.id } : {}), ...(drug?.referenceHcpcs ? { referenceHcpcs: drug.referenceHcpcs } : {}) },
      revisedCaseId: randomUUID(),
      affected,
    };
  });
}

export type CaseWriteResult = { ok: true; caseId?: string; message?: string } | { ok: false; error: DomainError };

/**
 * Starts the renewal: this case records its successor first (so a second renewal is refused before anything is
 * opened), then the renewal request is opened as its own case, drafted from this one.
 */
export async function startCaseRenewal(
  organizationId: string,
  actor: Actor,
  caseId: string,
  form: { requestedFrom: string; requestedTo: string; lines: { lineNumber: number; administrations: number }[] },
): Promise<CaseWriteResult> {
  const drafted = await tenantTransaction(organizationId, async (tx) => {
    const state = await loadCaseState(tx, caseId);
    if (!state) return undefined;
    const body = await latestBody(tx, state.patient.patientId);
    const patient = body ? { patientId: state.patient.patientId, weightKg: body.weightKg, weighedOn: body.measuredOn, ...(body.bsa ? { bsaM2: body.bsa } : {}) } : state.patient;
    return renewalRequest(state, { successorCaseId: randomUUID(), ...form, patient });
  });
  if (!drafted) return { ok: false, error: domainError("CASE_NOT_FOUND", "That case does not exist in this organization.") };
  const parsed = parseCommand(drafted);
  if (!parsed.ok) return parsed;
  const linked = await sendCaseCommand(organizationId, actor, { type: "start-renewal", caseId, successorCaseId: parsed.command.caseId });
  if (!linked.ok) return linked;
  const opened = await sendCaseCommand(organizationId, actor, parsed.command);
  if (!opened.ok) return opened;
  return { ok: true, caseId: opened.caseId };
}

/** Stores an upload and attaches it through the engine; when the engine refuses, the stored file is taken back. */
export async function uploadCaseDocument(
  organizationId: string,
  actor: Actor,
  caseId: string,
  upload: { document: File; kind: string; requestedByPayer: boolean },
): Promise<CaseWriteResult> {
  const bytes = new Uint8Array(await upload.document.arrayBuffer());
  const stored = await tenantTransaction(organizationId, async (tx) => {
    const [row] = await tx.select({ patientId: c.patientId }).from(c).where(eq(c.id, caseId));
    if (!row) return { ok: false as const, error: domainError("CASE_NOT_FOUND", "That case does not exist in this organization.") };
    const result = await storeDocument(tx, { organizationId, patientId: row.patientId, caseId, kind: upload.kind, fileName: upload.document.name, bytes, requestedByPayer: upload.requestedByPayer, uploadedById: actor.userId });
    return result.ok ? result : { ok: false as const, error: domainError("INVALID_COMMAND", result.message, { field: "document" }) };
  });
  if (!stored.ok) return stored;
  const attached = await sendCaseCommand(organizationId, actor, { type: "attach-document", caseId, documentId: stored.documentId, kind: upload.kind, requestedByPayer: upload.requestedByPayer });
  if (!attached.ok) {
    await tenantTransaction(organizationId, (tx) => removeDocument(tx, stored.documentId));
    return attached;
  }
  return { ok: true, message: `${stored.fileName} uploaded and attached.` };
}

/** An attach form may only pick a document from this patient's file. */
export function documentOfCasePatient(organizationId: string, caseId: string, documentId: string) {
  return tenantTransaction(organizationId, async (tx) => {
    const [row] = await tx.select({ patientId: c.patientId }).from(c).where(eq(c.id, caseId));
    return row ? isPatientDocument(tx, documentId, row.patientId) : false;
  });
}

/** Saves a letter as a PDF document on the case (kind appeal-letter) and attaches it, like an upload. */
export async function saveLetterDocument(organizationId: string, actor: Actor, caseId: string, letter: { fileName: string; pdf: Uint8Array }): Promise<CaseWriteResult> {
  const file = new File([letter.pdf as Uint8Array<ArrayBuffer>], letter.fileName, { type: "application/pdf" });
  return uploadCaseDocument(organizationId, actor, caseId, { document: file, kind: "appeal-letter", requestedByPayer: false });
}

/** Does what a case-page form asks, once its fields passed the form's schema: a command, or the few that expand. */
export async function performCaseForm(intent: CaseFormIntent, value: unknown, { organizationId, caseId, actor }: { organizationId: string; caseId: string; actor: Actor }): Promise<CaseWriteResult> {
  switch (intent) {
    case "start-renewal": {
      const result = await startCaseRenewal(organizationId, actor, caseId, value as Parameters<typeof startCaseRenewal>[3]);
      return result.ok ? { ...result, message: "Renewal request opened as a draft." } : result;
    }
    case "upload-document":
      return uploadCaseDocument(organizationId, actor, caseId, value as UploadDocumentInput);
    case "sync-ledger": {
      const synced = await lifecycleEngine().syncLedger(organizationId, caseId);
      return { ok: true, message: `Units recounted from ${synced.entriesWritten} ledger entries.${synced.problems.length ? ` Not counted: ${synced.problems.join("; ")}.` : ""}` };
    }
    case "record-regimen-change": {
      const command = await completeRegimenChange(organizationId, caseId, value as CommandOf<"record-regimen-change">);
      if (!command) return { ok: false, error: domainError("CASE_NOT_FOUND", "That case does not exist in this organization.") };
      return sendCaseCommand(organizationId, actor, command);
    }
    case "attach-document": {
      const { documentId } = value as { documentId: string };
      if (!(await documentOfCasePatient(organizationId, caseId, documentId))) {
        return { ok: false, error: domainError("INVALID_COMMAND", "That document is not in this patient's file.", { field: "documentId", issues: [{ path: "documentId", message: "Choose a document from this patient's file." }] }) };
      }
      return sendCaseCommand(organizationId, actor, value as Record<string, unknown>);
    }
    default:
      return sendCaseCommand(organizationId, actor, value as Record<string, unknown>);
  }
}

/** Staff and clinicians (the ordering provider signs these letters) draft, edit and save them. */
const LETTER_ROLES = sectionById("queues").roles;

/** The signed-in user's letter of `kind` on the case, drafted from the case; 404 when there is no such letter. */
export async function draftedLetter(request: Request, params: { caseId?: string; kind?: string }) {
  const user = await requireRole(request, LETTER_ROLES);
  if (!isCaseId(params.caseId) || !isLetterKind(params.kind)) throw new Response("There is no letter at this address.", { status: 404 });
  const facts = await loadLetterFacts(user.organizationId, params.caseId, params.kind);
  if (!facts) throw new Response("That case is not on file in this organization.", { status: 404 });
  return { user, caseId: params.caseId, kind: params.kind, facts, letter: draftLetter(params.kind, facts) };
}

/** The edited letter as a PDF: its title in the metadata, the case number (never the patient's name) at the foot. */
export function letterPdf(text: string, facts: LetterFacts, letter: DraftedLetter, now: Date = new Date()) {
  return renderLetterPdf(text, { title: letter.title, footer: `${facts.caseNumber} · ${letter.kind === "site-of-care" ? "site-of-care letter" : "medical-necessity appeal"}`, author: facts.facility.name, now });
}
