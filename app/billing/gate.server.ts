// evaluateClaim: the release gate against the database, in one tenant transaction. Loads the claim and the
// patient's authorization cases, runs the pure gate, and then either releases the claim (the unit ledger deducts
// its lines, keyed by claim line, so a second release never deducts twice) or keeps its holds in step with what
// fails now (a hold that still fails keeps its age; one that passes closes; a new failure opens a hold).
import { and, desc, eq, inArray, isNull, lte, notInArray } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { paRequired, type CaseState, type PayerRuleSet } from "../authorizations";
import { loadCaseStates, loadPayerRules } from "../engine/case-store.server";
import { syncCaseLedger } from "../engine/ledger.server";
import { diffHolds, releaseGate, type GateClaim, type GateCredit, type GateHold, type GateLine } from "./gate";

export interface ClaimEvaluation {
  claimId: string;
  status: "released" | "held" | "unchanged";
  openHolds: { reason: string; field: string; message: string; fix: string; caseId: string | null; openedAt: string }[];
  releasedAt: string | null;
}

export interface EvaluateClaimInput {
  organizationId: string;
  claimId: string;
  actorUserId?: string | null;
  now?: Date;
}

export class ClaimNotFoundError extends Error {
  override name = "ClaimNotFoundError";
  readonly code = "CLAIM_NOT_FOUND";
}

/** CPT drug administration codes (hydration, therapeutic/diagnostic infusions and injections, chemotherapy). */
const ADMINISTRATION_CODE = /^96(3[6-7][0-9]|[45][0-9][0-9])$/;

export async function evaluateClaim(db: Database, input: EvaluateClaimInput): Promise<ClaimEvaluation> {
  return withTenant(db, input.organizationId, (tx) => evaluateClaimIn(tx, input));
}

type ClaimRow = typeof s.claims.$inferSelect;

/** Everything the pure gate needs about one claim, read in the caller's transaction. */
export async function loadGateClaim(tx: Transaction, claim: ClaimRow): Promise<{ gate: GateClaim; encounterAdministrationIds: string[]; aspByLine: Map<string, number> }> {
  const [context] = await tx
    .select({
      memberId: s.coverages.memberId,
      planId: s.coverages.planId,
      payerId: s.payerPlans.payerId,
      lineOfBusiness: s.payerPlans.lineOfBusiness,
      facilityNpi: s.facilities.npi,
      facilityTin: s.facilities.tin,
      siteOfCare: s.facilities.siteOfCare,
      placeOfService: s.facilities.placeOfService,
      renderingNpi: s.providers.npi,
      diagnoses: s.encounters.diagnoses,
      weightKg: s.encounters.weightKg,
    })
    .from(s.encounters)
    .innerJoin(s.coverages, eq(s.coverages.id, claim.coverageId))
    .innerJoin(s.payerPlans, eq(s.payerPlans.id, s.coverages.planId))
    .innerJoin(s.facilities, eq(s.facilities.id, s.encounters.facilityId))
    .innerJoin(s.providers, eq(s.providers.id, s.encounters.renderingProviderId))
    .where(eq(s.encounters.id, claim.encounterId));
  if (!context) throw new Error(`Claim ${claim.claimNumber}: its encounter, coverage, facility or provider is missing`);
  const lineRows = await tx.select().from(s.claimLines).where(eq(s.claimLines.claimId, claim.id)).orderBy(s.claimLines.lineNumber);
  const codes = [...new Set(lineRows.map((l) => l.code))];
  const drugRows = codes.length ? await tx.select({ hcpcs: s.drugs.hcpcs, referenceHcpcs: s.drugs.referenceHcpcs }).from(s.drugs).where(inArray(s.drugs.hcpcs, codes)) : [];
  const drugs = new Map(drugRows.map((d) => [d.hcpcs, d]));
  const findings = await tx.select().from(s.claimFindings).where(eq(s.claimFindings.claimId, claim.id));
  const administrations = await tx.select({ id: s.administrations.id }).from(s.administrations).where(eq(s.administrations.encounterId, claim.encounterId));
  const rules = await loadPayerRules(tx, context.payerId);

  const lines: GateLine[] = lineRows.map((l) => {
    const drug = drugs.get(l.code);
    const gated = drug ? needsAuthorization(rules, { payerId: context.payerId, planId: context.planId, lineOfBusiness: context.lineOfBusiness, on: l.dateOfService }, drug) : false;
    return {
      claimLineId: l.id,
      lineNumber: l.lineNumber,
      code: l.code,
      kind: gated ? "drug" : ADMINISTRATION_CODE.test(l.code) ? "administration" : "other",
      units: l.units,
      dateOfService: l.dateOfService,
      modifiers: l.modifiers,
      ...(l.ndc11 ? { ndc11: l.ndc11 } : {}),
      ...(drug?.referenceHcpcs ? { referenceHcpcs: drug.referenceHcpcs } : {}),
    };
  });
  const aspByLine = await dollarsAtRisk(tx, lines);
  const gate: GateClaim = {
    claimId: claim.id,
    patientId: claim.patientId,
    memberId: context.memberId,
    payerId: context.payerId,
    planId: context.planId,
    facilityNpi: context.facilityNpi,
    facilityTin: context.facilityTin,
    siteOfCare: context.siteOfCare,
    placeOfService: context.placeOfService,
    renderingNpi: context.renderingNpi,
    diagnoses: context.diagnoses,
    ...(context.weightKg !== null ? { weightKg: context.weightKg } : {}),
    lines,
    findings: findings.map((f) => ({
      findingId: f.id,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      ...(f.lineNumber !== null ? { lineNumber: f.lineNumber } : {}),
      acknowledged: f.acknowledgedAt !== null,
    })),
  };
  return { gate, encounterAdministrationIds: administrations.map((a) => a.id), aspByLine };
}

/**
 * Whether a catalog drug's line needs an authorization behind it: the payer's prior-authorization list in force on
 * the date of service decides (saline and premedications are billed but not on it); a biosimilar is on it when its
 * reference product is. With no list on file every catalog drug is gated, the safe side.
 */
function needsAuthorization(
  rules: PayerRuleSet,
  scope: { payerId: string; planId: string; lineOfBusiness: (typeof s.payerPlans.$inferSelect)["lineOfBusiness"]; on: string },
  drug: { hcpcs: string; referenceHcpcs: string | null },
): boolean {
  const verdict = paRequired(rules, { ...scope, hcpcs: drug.hcpcs });
  if (verdict === undefined || verdict.required) return true;
  return drug.referenceHcpcs ? (paRequired(rules, { ...scope, hcpcs: drug.referenceHcpcs })?.required ?? true) : false;
}

/** ASP payment limit (the quarter in force on the date of service) × units, in cents, per drug line. */
async function dollarsAtRisk(tx: Transaction, lines: readonly GateLine[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const line of lines) {
    if (line.kind !== "drug") continue;
    const [price] = await tx
      .select({ paymentLimit: s.aspPrices.paymentLimit })
      .from(s.aspPrices)
      .where(and(eq(s.aspPrices.hcpcs, line.code), lte(s.aspPrices.effectiveFrom, line.dateOfService)))
      .orderBy(desc(s.aspPrices.effectiveFrom))
      .limit(1);
    out.set(line.claimLineId, price ? Math.round(price.paymentLimit * line.units * 100) : 0);
  }
  return out;
}

/** The patient's authorization cases that could cover a claim (all but voided and duplicates), as the decider sees them. */
export async function loadCandidateCases(tx: Transaction, patientId: string): Promise<CaseState[]> {
  const rows = await tx
    .select({ id: s.authorizationCases.id })
    .from(s.authorizationCases)
    .where(and(eq(s.authorizationCases.patientId, patientId), notInArray(s.authorizationCases.status, ["voided", "duplicate"])));
  return loadCaseStates(tx, rows.map((r) => r.id));
}

/**
 * Units the cases already count for this claim's own administrations (the ledger deducts a documented
 * administration before it is billed): given back before the check so the claim is not charged twice. Only entries
 * the case's last ledger sync could have seen count.
 */
async function ownAdministrationCredits(tx: Transaction, cases: readonly CaseState[], administrationIds: readonly string[]): Promise<GateCredit[]> {
  if (cases.length === 0 || administrationIds.length === 0) return [];
  const entries = await tx
    .select({ caseId: s.unitLedgerEntries.caseId, kind: s.unitLedgerEntries.kind, units: s.unitLedgerEntries.units, visits: s.unitLedgerEntries.visits, sourceId: s.unitLedgerEntries.sourceId, createdAt: s.unitLedgerEntries.createdAt, lineNumber: s.authorizationLines.lineNumber })
    .from(s.unitLedgerEntries)
    .leftJoin(s.authorizationLines, eq(s.authorizationLines.id, s.unitLedgerEntries.lineId))
    .where(and(inArray(s.unitLedgerEntries.caseId, cases.map((c) => c.caseId)), eq(s.unitLedgerEntries.sourceType, "administration"), inArray(s.unitLedgerEntries.sourceId, [...administrationIds])));
  const credits: GateCredit[] = [];
  for (const c of cases) {
    const syncedAt = c.usage?.syncedAt;
    if (!syncedAt) continue;
    const mine = entries.filter((e) => e.caseId === c.caseId && e.createdAt.toISOString() <= syncedAt);
    for (const e of mine) credits.push({ caseId: c.caseId, lineNumber: e.lineNumber ?? 1, units: -e.units, visits: -e.visits });
  }
  return credits;
}

const openHoldsOf = (tx: Transaction, claimId: string) =>
  tx
    .select()
    .from(s.claimHolds)
    .where(and(eq(s.claimHolds.claimId, claimId), isNull(s.claimHolds.releasedAt)))
    .orderBy(s.claimHolds.openedAt);

function atRiskOf(hold: GateHold, aspByLine: Map<string, number>): number {
  if (hold.claimLineId && aspByLine.has(hold.claimLineId)) return aspByLine.get(hold.claimLineId) ?? 0;
  return [...aspByLine.values()].reduce((sum, cents) => sum + cents, 0);
}

const evaluation = (claimId: string, status: ClaimEvaluation["status"], holds: (typeof s.claimHolds.$inferSelect)[], releasedAt: Date | null): ClaimEvaluation => ({
  claimId,
  status,
  openHolds: holds.map((h) => ({ reason: h.reason, field: h.field, message: h.message, fix: h.fix, caseId: h.caseId, openedAt: h.openedAt.toISOString() })),
  releasedAt: releasedAt?.toISOString() ?? null,
});

/** The gate in the caller's tenant transaction; the claim row is locked so two evaluations of one claim take turns. */
export async function evaluateClaimIn(tx: Transaction, input: EvaluateClaimInput): Promise<ClaimEvaluation> {
  const now = input.now ?? new Date();
  const [claim] = await tx.select().from(s.claims).where(eq(s.claims.id, input.claimId)).for("update");
  if (!claim) throw new ClaimNotFoundError(`Claim ${input.claimId} does not exist in this organization.`);
  if (claim.status === "released" || claim.status === "void") return evaluation(claim.id, "unchanged", await openHoldsOf(tx, claim.id), claim.releasedAt);

  const { gate, encounterAdministrationIds, aspByLine } = await loadGateClaim(tx, claim);
  const cases = await loadCandidateCases(tx, claim.patientId);
  const credits = await ownAdministrationCredits(tx, cases, encounterAdministrationIds);
  const result = releaseGate(gate, cases, now, credits);
  const open = await openHoldsOf(tx, claim.id);
  const { toOpen, toClose } = diffHolds(open, result.holds);

  if (toClose.length > 0) {
    await tx
      .update(s.claimHolds)
      .set({ releasedAt: now })
      .where(
        inArray(
          s.claimHolds.id,
          toClose.map((h) => h.id),
        ),
      );
  }
  if (toOpen.length > 0) {
    await tx.insert(s.claimHolds).values(
      toOpen.map((h) => ({
        organizationId: input.organizationId,
        claimId: claim.id,
        claimLineId: h.claimLineId,
        reason: h.reason,
        field: h.field,
        message: h.message,
        fix: h.fix,
        caseId: h.caseId,
        openedAt: now,
        atRiskCents: atRiskOf(h, aspByLine),
      })),
    );
  }

  if (result.pass) {
    await tx.update(s.claims).set({ status: "released", releasedAt: now, updatedAt: now }).where(eq(s.claims.id, claim.id));
    for (const line of result.lines) {
      if (line.caseId) await tx.update(s.claimLines).set({ caseId: line.caseId }).where(eq(s.claimLines.id, line.claimLineId));
    }
    // The ledger takes the billed lines from released claims, keyed by claim line: re-running it deducts nothing new.
    for (const caseId of new Set(result.lines.flatMap((l) => (l.caseId ? [l.caseId] : [])))) {
      await syncCaseLedger(tx, { organizationId: input.organizationId, caseId, now });
    }
    await tx.insert(s.auditLog).values({
      organizationId: input.organizationId,
      actorUserId: input.actorUserId ?? null,
      action: "claim.released",
      entityType: "claim",
      entityId: claim.id,
      detail: { claimNumber: claim.claimNumber, by: input.actorUserId ? "gate (requested)" : "gate (automatic)", holdsClosed: toClose.length },
      occurredAt: now,
    });
    return evaluation(claim.id, "released", [], now);
  }

  const statusChanged = claim.status !== "held";
  if (statusChanged) await tx.update(s.claims).set({ status: "held", updatedAt: now }).where(eq(s.claims.id, claim.id));
  const holds = await openHoldsOf(tx, claim.id);
  return evaluation(claim.id, statusChanged || toOpen.length > 0 || toClose.length > 0 ? "held" : "unchanged", holds, null);
}
