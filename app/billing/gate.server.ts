// evaluateClaim: the release gate against the database, in one tenant transaction. Loads the claim and the
// patient's authorization cases, runs the pure gate, and then either releases the claim (the unit ledger deducts
// its lines, keyed by claim line, so a second release never deducts twice) or keeps its holds in step with what
// fails now (a hold that still fails keeps its age; one that passes closes; a new failure opens a hold).
// evaluateClaims does the same for many claims with a fixed number of queries per batch (re-evaluation by patient,
// reconciliation), so its cost grows with the rows it reads, not with a round trip per claim.
import { and, asc, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { paRequired, type CaseState, type PayerRuleSet } from "../authorizations";
import { caseStatesOf, loadPayerRules } from "../engine/case-store.server";
import { syncCaseLedger } from "../engine/ledger.server";
import { diffHolds, releaseGate, type GateClaim, type GateCredit, type GateHold, type GateLine, type GateResult } from "./gate";

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
type HoldRow = typeof s.claimHolds.$inferSelect;

/** What the pure gate needs about one claim, besides the cases. */
export interface LoadedGateClaim {
  gate: GateClaim;
  encounterAdministrationIds: string[];
  aspByLine: Map<string, number>;
}

const uuids = (ids: readonly string[]) => sql`${sql.param([...ids])}::uuid[]`;

function group<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
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

/** Everything the pure gate needs about one claim, read in the caller's transaction. */
export async function loadGateClaim(tx: Transaction, claim: ClaimRow): Promise<LoadedGateClaim> {
  return (await loadGateClaims(tx, [claim])).get(claim.id)!;
}

/** Everything the pure gate needs about each claim: one query per kind of row, whatever the number of claims. */
export async function loadGateClaims(tx: Transaction, claims: readonly ClaimRow[]): Promise<Map<string, LoadedGateClaim>> {
  const out = new Map<string, LoadedGateClaim>();
  if (claims.length === 0) return out;
  const claimIds = claims.map((c) => c.id);
  const encounterIds = [...new Set(claims.map((c) => c.encounterId))];
  const contextRows = await tx
    .select({
      claimId: s.claims.id,
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
    .from(s.claims)
    .innerJoin(s.encounters, eq(s.encounters.id, s.claims.encounterId))
    .innerJoin(s.coverages, eq(s.coverages.id, s.claims.coverageId))
    .innerJoin(s.payerPlans, eq(s.payerPlans.id, s.coverages.planId))
    .innerJoin(s.facilities, eq(s.facilities.id, s.encounters.facilityId))
    .innerJoin(s.providers, eq(s.providers.id, s.encounters.renderingProviderId))
    .where(sql`${s.claims.id} = any(${uuids(claimIds)})`);
  const contexts = new Map(contextRows.map((r) => [r.claimId, r]));
  const lineRows = await tx
    .select()
    .from(s.claimLines)
    .where(sql`${s.claimLines.claimId} = any(${uuids(claimIds)})`)
    .orderBy(asc(s.claimLines.claimId), asc(s.claimLines.lineNumber));
  const codes = [...new Set(lineRows.map((l) => l.code))];
  const drugRows = codes.length ? await tx.select({ hcpcs: s.drugs.hcpcs, referenceHcpcs: s.drugs.referenceHcpcs }).from(s.drugs).where(inArray(s.drugs.hcpcs, codes)) : [];
  const drugs = new Map(drugRows.map((d) => [d.hcpcs, d]));
  const findings = group(await tx.select().from(s.claimFindings).where(sql`${s.claimFindings.claimId} = any(${uuids(claimIds)})`), (f) => f.claimId);
  const administrations = group(
    await tx
      .select({ id: s.administrations.id, encounterId: s.administrations.encounterId })
      .from(s.administrations)
      .where(sql`${s.administrations.encounterId} = any(${uuids(encounterIds)})`),
    (a) => a.encounterId,
  );
  // ASP payment limits of the drug codes, newest quarter first: each line takes the one in force on its date of service.
  const drugCodes = codes.filter((code) => drugs.has(code));
  const prices = group(
    drugCodes.length
      ? await tx
          .select({ hcpcs: s.aspPrices.hcpcs, effectiveFrom: s.aspPrices.effectiveFrom, paymentLimit: s.aspPrices.paymentLimit })
          .from(s.aspPrices)
          .where(inArray(s.aspPrices.hcpcs, drugCodes))
          .orderBy(asc(s.aspPrices.hcpcs), sql`${s.aspPrices.effectiveFrom} desc`)
      : [],
    (p) => p.hcpcs,
  );
  const linesByClaim = group(lineRows, (l) => l.claimId);
  // The payers' rules (their prior-authorization lists), one load per payer in the batch.
  const rulesByPayer = new Map<string, PayerRuleSet>();
  for (const payerId of new Set(contextRows.map((r) => r.payerId))) rulesByPayer.set(payerId, await loadPayerRules(tx, payerId));

  for (const claim of claims) {
    const context = contexts.get(claim.id);
    if (!context) throw new Error(`Claim ${claim.claimNumber}: its encounter, coverage, facility or provider is missing`);
    const lines: GateLine[] = (linesByClaim.get(claim.id) ?? []).map((l) => {
      const drug = drugs.get(l.code);
      const gated = drug ? needsAuthorization(rulesByPayer.get(context.payerId)!, { payerId: context.payerId, planId: context.planId, lineOfBusiness: context.lineOfBusiness, on: l.dateOfService }, drug) : false;
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
    // ASP payment limit (the quarter in force on the date of service) × units, in cents, per drug line.
    const aspByLine = new Map<string, number>();
    for (const line of lines) {
      if (line.kind !== "drug") continue;
      const price = prices.get(line.code)?.find((p) => p.effectiveFrom <= line.dateOfService);
      aspByLine.set(line.claimLineId, price ? Math.round(price.paymentLimit * line.units * 100) : 0);
    }
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
      findings: (findings.get(claim.id) ?? []).map((f) => ({
        findingId: f.id,
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        ...(f.lineNumber !== null ? { lineNumber: f.lineNumber } : {}),
        acknowledged: f.acknowledgedAt !== null,
      })),
    };
    out.set(claim.id, { gate, encounterAdministrationIds: (administrations.get(claim.encounterId) ?? []).map((a) => a.id), aspByLine });
  }
  return out;
}

/** The patient's authorization cases that could cover a claim (all but voided and duplicates), as the decider sees them. */
export async function loadCandidateCases(tx: Transaction, patientId: string): Promise<CaseState[]> {
  return (await loadCandidateCasesOf(tx, [patientId])).get(patientId) ?? [];
}

/**
 * The candidate cases of several patients at once, by patient: one query for the case rows, whose stored state
 * is used where it is current (a row from before the snapshot existed is replayed from its events).
 */
export async function loadCandidateCasesOf(tx: Transaction, patientIds: readonly string[]): Promise<Map<string, CaseState[]>> {
  if (patientIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: s.authorizationCases.id, version: s.authorizationCases.version, state: s.authorizationCases.state })
    .from(s.authorizationCases)
    .where(and(sql`${s.authorizationCases.patientId} = any(${uuids([...new Set(patientIds)])})`, notInArray(s.authorizationCases.status, ["voided", "duplicate"])));
  return group(await caseStatesOf(tx, rows), (state) => state.patient.patientId);
}

type CreditEntry = { caseId: string; units: number; visits: number; sourceId: string; createdAt: Date; lineNumber: number | null };

/** The ledger entries the candidate cases hold for these administrations (one query for a whole batch). */
async function administrationEntries(tx: Transaction, caseIds: readonly string[], administrationIds: readonly string[]): Promise<CreditEntry[]> {
  if (caseIds.length === 0 || administrationIds.length === 0) return [];
  return tx
    .select({ caseId: s.unitLedgerEntries.caseId, units: s.unitLedgerEntries.units, visits: s.unitLedgerEntries.visits, sourceId: s.unitLedgerEntries.sourceId, createdAt: s.unitLedgerEntries.createdAt, lineNumber: s.authorizationLines.lineNumber })
    .from(s.unitLedgerEntries)
    .leftJoin(s.authorizationLines, eq(s.authorizationLines.id, s.unitLedgerEntries.lineId))
    .where(
      and(
        sql`${s.unitLedgerEntries.caseId} = any(${uuids(caseIds)})`,
        eq(s.unitLedgerEntries.sourceType, "administration"),
        sql`${s.unitLedgerEntries.sourceId} = any(${sql.param([...administrationIds])}::text[])`,
      ),
    );
}

/**
 * Units the cases already count for this claim's own administrations (the ledger deducts a documented
 * administration before it is billed): given back before the check so the claim is not charged twice. Only entries
 * the case's last ledger sync could have seen count.
 */
function ownAdministrationCredits(cases: readonly CaseState[], administrationIds: readonly string[], entries: readonly CreditEntry[]): GateCredit[] {
  if (cases.length === 0 || administrationIds.length === 0) return [];
  const own = new Set(administrationIds);
  const credits: GateCredit[] = [];
  for (const c of cases) {
    const syncedAt = c.usage?.syncedAt;
    if (!syncedAt) continue;
    const mine = entries.filter((e) => e.caseId === c.caseId && own.has(e.sourceId) && e.createdAt.toISOString() <= syncedAt);
    for (const e of mine) credits.push({ caseId: c.caseId, lineNumber: e.lineNumber ?? 1, units: -e.units, visits: -e.visits });
  }
  return credits;
}

/** One claim the gate has looked at: its row, what it needs and what the pure gate decided (nothing written yet). */
export interface GateDecision {
  claim: ClaimRow;
  loaded: LoadedGateClaim;
  result: GateResult;
}

/**
 * The gate's decision for each claim, without writing anything: the claims are locked (FOR UPDATE, in id order),
 * and everything is read with one query per kind of row. Released and void claims are left out. A patient's
 * claims all see the patient's cases as they are now: evaluateClaimsIn gives each patient one claim per round.
 */
export async function gateClaims(tx: Transaction, claimIds: readonly string[], now: Date): Promise<GateDecision[]> {
  if (claimIds.length === 0) return [];
  const claims = await tx
    .select()
    .from(s.claims)
    .where(sql`${s.claims.id} = any(${uuids(claimIds)})`)
    .orderBy(asc(s.claims.id))
    .for("update");
  const gated = claims.filter((c) => c.status !== "released" && c.status !== "void");
  if (gated.length === 0) return [];
  const loaded = await loadGateClaims(tx, gated);
  const casesByPatient = await loadCandidateCasesOf(
    tx,
    gated.map((c) => c.patientId),
  );
  const entries = await administrationEntries(
    tx,
    [...casesByPatient.values()].flat().map((c) => c.caseId),
    [...loaded.values()].flatMap((l) => l.encounterAdministrationIds),
  );
  return gated.map((claim) => {
    const claimLoaded = loaded.get(claim.id)!;
    const cases = casesByPatient.get(claim.patientId) ?? [];
    const credits = ownAdministrationCredits(cases, claimLoaded.encounterAdministrationIds, entries);
    return { claim, loaded: claimLoaded, result: releaseGate(claimLoaded.gate, cases, now, credits) };
  });
}

const openHoldsOf = async (tx: Transaction, claimIds: readonly string[]): Promise<Map<string, HoldRow[]>> =>
  claimIds.length === 0
    ? new Map()
    : group(
        await tx
          .select()
          .from(s.claimHolds)
          .where(and(sql`${s.claimHolds.claimId} = any(${uuids(claimIds)})`, isNull(s.claimHolds.releasedAt)))
          .orderBy(s.claimHolds.openedAt, s.claimHolds.id),
        (h) => h.claimId,
      );

function atRiskOf(hold: GateHold, aspByLine: Map<string, number>): number {
  if (hold.claimLineId && aspByLine.has(hold.claimLineId)) return aspByLine.get(hold.claimLineId) ?? 0;
  return [...aspByLine.values()].reduce((sum, cents) => sum + cents, 0);
}

const evaluation = (claimId: string, status: ClaimEvaluation["status"], holds: HoldRow[], releasedAt: Date | null): ClaimEvaluation => ({
  claimId,
  status,
  openHolds: holds.map((h) => ({ reason: h.reason, field: h.field, message: h.message, fix: h.fix, caseId: h.caseId, openedAt: h.openedAt.toISOString() })),
  releasedAt: releasedAt?.toISOString() ?? null,
});

/** The gate in the caller's tenant transaction; the claim row is locked so two evaluations of one claim take turns. */
export async function evaluateClaimIn(tx: Transaction, input: EvaluateClaimInput): Promise<ClaimEvaluation> {
  const [result] = await evaluateClaimsIn(tx, { organizationId: input.organizationId, claimIds: [input.claimId], actorUserId: input.actorUserId ?? null, ...(input.now ? { now: input.now } : {}) });
  if (!result) throw new ClaimNotFoundError(`Claim ${input.claimId} does not exist in this organization.`);
  return result;
}

export interface EvaluateClaimsInput {
  organizationId: string;
  claimIds: readonly string[];
  actorUserId?: string | null;
  now?: Date;
}

/** The gate for many claims in one tenant transaction (see evaluateClaimsIn). */
export async function evaluateClaims(db: Database, input: EvaluateClaimsInput): Promise<ClaimEvaluation[]> {
  return withTenant(db, input.organizationId, (tx) => evaluateClaimsIn(tx, input));
}

/**
 * The gate for many claims in the caller's tenant transaction, in the order given; claims that do not exist are
 * left out of the result. The claims of one patient can draw on the same authorization, so they go in rounds of
 * one claim per patient: each round reads the cases as the previous round's releases left them (after the ledger
 * sync), exactly as evaluating the claims one by one would.
 */
export async function evaluateClaimsIn(tx: Transaction, input: EvaluateClaimsInput): Promise<ClaimEvaluation[]> {
  const now = input.now ?? new Date();
  const requested = [...new Set(input.claimIds)];
  if (requested.length === 0) return [];
  const patients = await tx
    .select({ id: s.claims.id, patientId: s.claims.patientId })
    .from(s.claims)
    .where(sql`${s.claims.id} = any(${uuids(requested)})`);
  const patientOf = new Map(patients.map((p) => [p.id, p.patientId]));
  const rounds: string[][] = [];
  const roundOfPatient = new Map<string, number>();
  for (const claimId of requested) {
    const patientId = patientOf.get(claimId);
    if (!patientId) continue;
    const round = roundOfPatient.get(patientId) ?? 0;
    roundOfPatient.set(patientId, round + 1);
    (rounds[round] ??= []).push(claimId);
  }
  const results = new Map<string, ClaimEvaluation>();
  for (const round of rounds) {
    for (const evaluated of await evaluateRound(tx, input, round, now)) results.set(evaluated.claimId, evaluated);
  }
  return requested.flatMap((id) => {
    const result = results.get(id);
    return result ? [result] : [];
  });
}

/** One round: claims of different patients, decided together and written with one statement per kind of change. */
async function evaluateRound(tx: Transaction, input: EvaluateClaimsInput, claimIds: readonly string[], now: Date): Promise<ClaimEvaluation[]> {
  const decisions = await gateClaims(tx, claimIds, now);
  const decided = new Set(decisions.map((d) => d.claim.id));
  const open = await openHoldsOf(tx, claimIds);
  const out: ClaimEvaluation[] = [];

  // Released and void claims: reported as they are.
  const untouched = claimIds.filter((id) => !decided.has(id));
  if (untouched.length > 0) {
    const rows = await tx.select().from(s.claims).where(sql`${s.claims.id} = any(${uuids(untouched)})`);
    for (const claim of rows) out.push(evaluation(claim.id, "unchanged", open.get(claim.id) ?? [], claim.releasedAt));
  }

  const toClose: HoldRow[] = [];
  const toOpen: (typeof s.claimHolds.$inferInsert)[] = [];
  const changed = new Set<string>();
  const closedCount = new Map<string, number>();
  for (const { claim, loaded, result } of decisions) {
    const diff = diffHolds(open.get(claim.id) ?? [], result.holds);
    toClose.push(...diff.toClose);
    closedCount.set(claim.id, diff.toClose.length);
    if (diff.toOpen.length > 0 || diff.toClose.length > 0) changed.add(claim.id);
    for (const h of diff.toOpen) {
      toOpen.push({
        organizationId: input.organizationId,
        claimId: claim.id,
        claimLineId: h.claimLineId,
        reason: h.reason,
        field: h.field,
        message: h.message,
        fix: h.fix,
        caseId: h.caseId,
        openedAt: now,
        atRiskCents: atRiskOf(h, loaded.aspByLine),
      });
    }
  }
  if (toClose.length > 0) {
    await tx
      .update(s.claimHolds)
      .set({ releasedAt: now })
      .where(
        sql`${s.claimHolds.id} = any(${uuids(toClose.map((h) => h.id))})`,
      );
  }
  if (toOpen.length > 0) await tx.insert(s.claimHolds).values(toOpen);

  const released = decisions.filter((d) => d.result.pass);
  const held = decisions.filter((d) => !d.result.pass);
  if (released.length > 0) {
    await tx
      .update(s.claims)
      .set({ status: "released", releasedAt: now, updatedAt: now })
      .where(sql`${s.claims.id} = any(${uuids(released.map((d) => d.claim.id))})`);
    const matched = released.flatMap((d) => d.result.lines.flatMap((l) => (l.caseId ? [{ id: l.claimLineId, caseId: l.caseId }] : [])));
    if (matched.length > 0) {
      await tx.execute(sql`
        update ${s.claimLines} set case_id = matched.case_id
        from unnest(${uuids(matched.map((m) => m.id))}, ${uuids(matched.map((m) => m.caseId))}) as matched(id, case_id)
        where ${s.claimLines.id} = matched.id`);
    }
    // The ledger takes the billed lines from released claims, keyed by claim line: re-running it deducts nothing new.
    for (const caseId of new Set(matched.map((m) => m.caseId))) {
      await syncCaseLedger(tx, { organizationId: input.organizationId, caseId, now });
    }
    await tx.insert(s.auditLog).values(
      released.map(({ claim }) => ({
        organizationId: input.organizationId,
        actorUserId: input.actorUserId ?? null,
        action: "claim.released",
        entityType: "claim",
        entityId: claim.id,
        detail: { claimNumber: claim.claimNumber, by: input.actorUserId ? "gate (requested)" : "gate (automatic)", holdsClosed: closedCount.get(claim.id) ?? 0 },
        occurredAt: now,
      })),
    );
    for (const { claim } of released) out.push(evaluation(claim.id, "released", [], now));
  }

  const newlyHeld = held.filter((d) => d.claim.status !== "held").map((d) => d.claim.id);
  if (newlyHeld.length > 0) await tx.update(s.claims).set({ status: "held", updatedAt: now }).where(sql`${s.claims.id} = any(${uuids(newlyHeld)})`);
  if (held.length > 0) {
    const holds = await openHoldsOf(
      tx,
      held.map((d) => d.claim.id),
    );
    for (const { claim } of held) {
      const status = claim.status !== "held" || changed.has(claim.id) ? "held" : "unchanged";
      out.push(evaluation(claim.id, status, holds.get(claim.id) ?? [], null));
    }
  }
  return out;
}
