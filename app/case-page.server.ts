// The case page's reads (header, lines, timeline, assignable members) and its one write path: a command through
// the lifecycle engine, with the domain error handed back for the form to show.
import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import * as s from "../db/schema";
import type { Actor, CaseCommand, DomainError } from "./authorizations";
import { tenantTransaction } from "./db.server";
import { lifecycleEngine } from "./engine/index.server";
import { assignableMembers } from "./queues.server";

const c = s.authorizationCases;
const assignee = alias(s.users, "assignee");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCaseId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

/** The case as the page shows it; undefined when it is not a case of this organization. */
export function loadCasePage(organizationId: string, caseId: string) {
  return tenantTransaction(organizationId, async (tx) => {
    const [header] = await tx
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
        patientFirstName: s.patients.firstName,
        patientLastName: s.patients.lastName,
        mrn: s.patients.mrn,
        birthDate: s.patients.birthDate,
        payerName: s.payers.name,
        planName: s.payerPlans.name,
        memberId: s.coverages.memberId,
        facilityName: s.facilities.name,
        lastEventAt: c.lastEventAt,
      })
      .from(c)
      .innerJoin(s.patients, eq(s.patients.id, c.patientId))
      .innerJoin(s.payers, eq(s.payers.id, c.payerId))
      .innerJoin(s.payerPlans, eq(s.payerPlans.id, c.planId))
      .innerJoin(s.coverages, eq(s.coverages.id, c.coverageId))
      .innerJoin(s.facilities, eq(s.facilities.id, c.facilityId))
      .leftJoin(assignee, eq(assignee.id, c.assigneeId))
      .where(eq(c.id, caseId));
    if (!header) return undefined;
    const l = s.authorizationLines;
    const lines = await tx
      .select({
        lineNumber: l.lineNumber,
        hcpcs: l.hcpcs,
        drugName: s.drugs.shortName,
        doseValue: l.doseValue,
        doseUnit: l.doseUnit,
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
    const e = s.authorizationEvents;
    const events = await tx
      .select({
        sequence: e.sequence,
        type: e.type,
        payload: e.payload,
        channel: e.channel,
        proofReference: e.proofReference,
        occurredAt: e.occurredAt,
        actorName: s.users.name,
      })
      .from(e)
      .leftJoin(s.users, eq(s.users.id, e.actorUserId))
      .where(eq(e.caseId, caseId))
      .orderBy(asc(e.sequence));
    const members = await assignableMembers(tx);
    return { header, lines, events: events.map((ev) => ({ ...ev, payload: ev.payload as Record<string, unknown> })), members };
  });
}

export type CasePage = NonNullable<Awaited<ReturnType<typeof loadCasePage>>>;

/** Sends one command through the lifecycle engine; the refusal is a domain value, never a throw. */
export async function sendCaseCommand(organizationId: string, actor: Actor, command: CaseCommand): Promise<{ ok: true } | { ok: false; error: DomainError }> {
  const outcome = await lifecycleEngine().execute({ organizationId, command, actor });
  return outcome.ok ? { ok: true } : { ok: false, error: outcome.error };
}
