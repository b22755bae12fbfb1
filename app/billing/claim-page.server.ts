// The claim page's reads (header, lines, findings, holds with the case that would clear each, the claim's history)
// and its write paths: acknowledge a warning, re-evaluate now, an admin's override. Reads happen in one tenant
// transaction; each write is one transaction and says in words what it did or why it was refused.
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import * as s from "../../db/schema";
import { databaseHandle, tenantTransaction } from "../db.server";
import { hasAnyRole, type Role } from "../permissions";
import { acknowledgeFinding } from "./findings.server";
import { evaluateClaimIn, type ClaimEvaluation } from "./gate.server";
import { overrideClaimHolds } from "./holds.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isClaimId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

/** Who may open a claim, and who may do what on it. The loader and every action intent check these. */
export const CLAIM_READ_ROLES: readonly Role[] = ["admin", "biller", "coordinator"];
export const CLAIM_WORK_ROLES: readonly Role[] = ["admin", "biller"];
export const CLAIM_OVERRIDE_ROLES: readonly Role[] = ["admin"];

const initials = (first: string, last: string) => `${first.charAt(0)}${last.charAt(0)}`.toUpperCase();
const acknowledger = alias(s.users, "acknowledger");
const releaser = alias(s.users, "releaser");
const databaseOf = () => databaseHandle().db;

export interface ClaimHistoryEntry {
  at: string;
  kind: "coded" | "hold-opened" | "hold-closed" | "hold-overridden" | "released" | "evaluated" | "finding-acknowledged" | "other";
  words: string;
  actorName: string | null;
}

const auditWords: Record<string, ClaimHistoryEntry["kind"]> = {
  "claim.released": "released",
  "claim.evaluated": "evaluated",
  "claim-hold.overridden": "hold-overridden",
  "claim-finding.acknowledged": "finding-acknowledged",
};

function detailOf(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

/** The claim as the page shows it; undefined when it is not a claim of this organization. */
export function loadClaimPage(organizationId: string, claimId: string, now: Date = new Date()) {
  return tenantTransaction(organizationId, async (tx) => {
    const [head] = await tx
      .select({
        id: s.claims.id,
        claimNumber: s.claims.claimNumber,
        setting: s.claims.setting,
        status: s.claims.status,
        totalChargeCents: s.claims.totalChargeCents,
        createdAt: s.claims.createdAt,
        updatedAt: s.claims.updatedAt,
        releasedAt: s.claims.releasedAt,
        patientFirstName: s.patients.firstName,
        patientLastName: s.patients.lastName,
        mrn: s.patients.mrn,
        payerName: s.payers.name,
        planName: s.payerPlans.name,
        memberId: s.coverages.memberId,
        coveragePriority: s.coverages.priority,
        facilityName: s.facilities.name,
        facilityTimeZone: s.facilities.timeZone,
        dateOfService: s.encounters.dateOfService,
        diagnoses: s.encounters.diagnoses,
      })
      .from(s.claims)
      .innerJoin(s.patients, eq(s.patients.id, s.claims.patientId))
      .innerJoin(s.coverages, eq(s.coverages.id, s.claims.coverageId))
      .innerJoin(s.payerPlans, eq(s.payerPlans.id, s.coverages.planId))
      .innerJoin(s.payers, eq(s.payers.id, s.payerPlans.payerId))
      .innerJoin(s.encounters, eq(s.encounters.id, s.claims.encounterId))
      .innerJoin(s.facilities, eq(s.facilities.id, s.encounters.facilityId))
      .where(eq(s.claims.id, claimId));
    if (!head) return undefined;

    const lines = await tx
      .select({
        id: s.claimLines.id,
        lineNumber: s.claimLines.lineNumber,
        code: s.claimLines.code,
        modifiers: s.claimLines.modifiers,
        units: s.claimLines.units,
        dateOfService: s.claimLines.dateOfService,
        ndc11: s.claimLines.ndc11,
        ndcQualifier: s.claimLines.ndcQualifier,
        ndcQuantity: s.claimLines.ndcQuantity,
        revenueCode: s.claimLines.revenueCode,
        chargeCents: s.claimLines.chargeCents,
        drugName: s.drugs.shortName,
        caseId: s.claimLines.caseId,
      })
      .from(s.claimLines)
      .leftJoin(s.drugs, eq(s.drugs.hcpcs, s.claimLines.code))
      .where(eq(s.claimLines.claimId, claimId))
      .orderBy(asc(s.claimLines.lineNumber));

    const findings = await tx
      .select({
        id: s.claimFindings.id,
        lineNumber: s.claimFindings.lineNumber,
        rule: s.claimFindings.rule,
        severity: s.claimFindings.severity,
        message: s.claimFindings.message,
        acknowledgedAt: s.claimFindings.acknowledgedAt,
        acknowledgedByName: acknowledger.name,
      })
      .from(s.claimFindings)
      .leftJoin(acknowledger, eq(acknowledger.id, s.claimFindings.acknowledgedById))
      .where(eq(s.claimFindings.claimId, claimId))
      .orderBy(asc(s.claimFindings.severity), asc(s.claimFindings.lineNumber), asc(s.claimFindings.rule));

    const holds = await tx
      .select({
        id: s.claimHolds.id,
        reason: s.claimHolds.reason,
        field: s.claimHolds.field,
        message: s.claimHolds.message,
        fix: s.claimHolds.fix,
        atRiskCents: s.claimHolds.atRiskCents,
        openedAt: s.claimHolds.openedAt,
        releasedAt: s.claimHolds.releasedAt,
        releasedByName: releaser.name,
        overrideReason: s.claimHolds.overrideReason,
        lineNumber: s.claimLines.lineNumber,
        caseId: s.claimHolds.caseId,
        caseNumber: s.authorizationCases.caseNumber,
        caseStatus: s.authorizationCases.status,
      })
      .from(s.claimHolds)
      .leftJoin(s.claimLines, eq(s.claimLines.id, s.claimHolds.claimLineId))
      .leftJoin(s.authorizationCases, eq(s.authorizationCases.id, s.claimHolds.caseId))
      .leftJoin(releaser, eq(releaser.id, s.claimHolds.releasedById))
      .where(eq(s.claimHolds.claimId, claimId))
      .orderBy(asc(s.claimHolds.openedAt), asc(s.claimHolds.id));

    const entityIds = [claimId, ...findings.map((f) => f.id), ...holds.map((h) => h.id)];
    const audit = await tx
      .select({ action: s.auditLog.action, detail: s.auditLog.detail, occurredAt: s.auditLog.occurredAt, actorName: s.users.name, entityId: s.auditLog.entityId })
      .from(s.auditLog)
      .leftJoin(s.users, eq(s.users.id, s.auditLog.actorUserId))
      .where(inArray(s.auditLog.entityId, entityIds))
      .orderBy(asc(s.auditLog.occurredAt));

    const history: ClaimHistoryEntry[] = [{ at: head.createdAt.toISOString(), kind: "coded", words: `Coded as a ${head.setting} claim of ${lines.length} line${lines.length === 1 ? "" : "s"}`, actorName: null }];
    for (const h of holds) {
      history.push({ at: h.openedAt.toISOString(), kind: "hold-opened", words: `Held: ${h.reason.replace(/-/g, " ")} — ${h.message}`, actorName: null });
      // An override has its own audit entry (who and why); a hold the gate closed is said here.
      if (h.releasedAt && !h.overrideReason) history.push({ at: h.releasedAt.toISOString(), kind: "hold-closed", words: `Hold cleared: ${h.reason.replace(/-/g, " ")}`, actorName: h.releasedByName });
    }
    const findingRule = new Map(findings.map((f) => [f.id, f.rule]));
    for (const a of audit) {
      const detail = detailOf(a.detail);
      const kind = auditWords[a.action];
      if (!kind) continue;
      const words =
        kind === "released"
          ? `Released to billing${typeof detail.by === "string" ? ` by the ${detail.by}` : ""}`
          : kind === "evaluated"
            ? `Re-evaluated on request: ${typeof detail.outcome === "string" ? detail.outcome : "done"}`
            : kind === "hold-overridden"
              ? `Holds overridden: “${typeof detail.reason === "string" ? detail.reason : ""}”`
              : `Warning acknowledged: ${findingRule.get(a.entityId ?? "") ?? (typeof detail.rule === "string" ? detail.rule : "")}`;
      history.push({ at: a.occurredAt.toISOString(), kind, words, actorName: a.actorName });
    }
    history.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));

    const open = holds.filter((h) => h.releasedAt === null);
    return {
      header: {
        ...head,
        patientInitials: initials(head.patientFirstName, head.patientLastName),
        createdAt: head.createdAt.toISOString(),
        updatedAt: head.updatedAt.toISOString(),
        releasedAt: head.releasedAt?.toISOString() ?? null,
      },
      lines,
      findings: findings.map((f) => ({ ...f, acknowledgedAt: f.acknowledgedAt?.toISOString() ?? null })),
      openHolds: open.map((h) => ({ ...h, openedAt: h.openedAt.toISOString(), releasedAt: null, ageDays: Math.max(0, Math.floor((now.getTime() - h.openedAt.getTime()) / 86_400_000)) })),
      closedHolds: holds.filter((h) => h.releasedAt !== null).map((h) => ({ ...h, openedAt: h.openedAt.toISOString(), releasedAt: h.releasedAt!.toISOString() })),
      atRiskCents: open.reduce((sum, h) => sum + h.atRiskCents, 0),
      history,
    };
  });
}

export type ClaimPage = NonNullable<Awaited<ReturnType<typeof loadClaimPage>>>;

export type ClaimWriteResult = { ok: true; message: string } | { ok: false; status: 403 | 404; message: string } | { ok: false; status: 400; field: string; message: string };

const evaluationWords = (e: ClaimEvaluation) =>
  e.status === "released"
    ? "The claim passed the gate and was released."
    : e.openHolds.length > 0
      ? `The claim is still held: ${e.openHolds.length} open hold${e.openHolds.length === 1 ? "" : "s"}.`
      : "Nothing changed.";

/**
 * "Re-evaluate now": the gate in one tenant transaction with an audit entry saying who asked and what came of it, so
 * the claim's history shows the evaluation even when nothing changed.
 */
export async function reevaluateClaimNow(organizationId: string, claimId: string, actor: { userId: string; roles: readonly Role[] }, now: Date = new Date()): Promise<ClaimWriteResult> {
  if (!hasAnyRole(actor.roles, CLAIM_WORK_ROLES)) return { ok: false, status: 403, message: "Only a biller or an admin can re-evaluate a claim." };
  return tenantTransaction(organizationId, async (tx) => {
    const [claim] = await tx.select({ id: s.claims.id, claimNumber: s.claims.claimNumber, status: s.claims.status }).from(s.claims).where(eq(s.claims.id, claimId));
    if (!claim) return { ok: false, status: 404, message: "That claim is not on file in this organization." };
    if (claim.status === "released" || claim.status === "void") return { ok: true, message: `The claim is already ${claim.status}; nothing to evaluate.` };
    const result = await evaluateClaimIn(tx, { organizationId, claimId, actorUserId: actor.userId, now });
    const message = evaluationWords(result);
    await tx.insert(s.auditLog).values({ organizationId, actorUserId: actor.userId, action: "claim.evaluated", entityType: "claim", entityId: claimId, detail: { claimNumber: claim.claimNumber, status: result.status, outcome: message, openHolds: result.openHolds.length }, occurredAt: now });
    return { ok: true, message };
  });
}

/** Acknowledges a warning of this claim (a finding of another claim is refused as not found). */
export async function acknowledgeClaimWarning(organizationId: string, claimId: string, findingId: string, actor: { userId: string; roles: readonly Role[] }, now: Date = new Date()): Promise<ClaimWriteResult> {
  if (!hasAnyRole(actor.roles, CLAIM_WORK_ROLES)) return { ok: false, status: 403, message: "Only a biller or an admin can acknowledge a coding warning." };
  const belongs = await tenantTransaction(organizationId, async (tx) => {
    const [row] = await tx.select({ id: s.claimFindings.id }).from(s.claimFindings).where(and(eq(s.claimFindings.id, findingId), eq(s.claimFindings.claimId, claimId)));
    return row !== undefined;
  });
  if (!belongs) return { ok: false, status: 400, field: "findingId", message: "That finding is not on this claim." };
  const outcome = await acknowledgeFinding(databaseOf(), { organizationId, findingId, actor, now });
  if (!outcome.ok) {
    if (outcome.code === "FORBIDDEN") return { ok: false, status: 403, message: outcome.message };
    return { ok: false, status: 400, field: "findingId", message: outcome.message };
  }
  return { ok: true, message: `Warning acknowledged. ${evaluationWords(outcome.evaluation)}` };
}

/** An admin's override of every open hold on the claim, with the reason (required, audited). */
export async function overrideHoldsOfClaim(organizationId: string, claimId: string, reason: string, actor: { userId: string; roles: readonly Role[] }, now: Date = new Date()): Promise<ClaimWriteResult> {
  if (!hasAnyRole(actor.roles, CLAIM_OVERRIDE_ROLES)) return { ok: false, status: 403, message: "Only an admin can override a hold." };
  const outcome = await overrideClaimHolds(databaseOf(), { organizationId, claimId, actor, reason, now });
  if (outcome.ok) return { ok: true, message: outcome.released ? "Holds overridden; the claim was released." : "Holds overridden." };
  switch (outcome.code) {
    case "FORBIDDEN":
      return { ok: false, status: 403, message: outcome.message };
    case "NOT_FOUND":
      return { ok: false, status: 404, message: outcome.message };
    case "REASON_REQUIRED":
      return { ok: false, status: 400, field: "reason", message: outcome.message };
  }
}
