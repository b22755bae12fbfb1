// Authorization cases as rows: the projection (status, dates, quantities, next deadline and its rule), its lines
// and its append-only event history (sequence 1..n, version = n, lastEventAt = the last event).
import { planCases } from "./case-plan";
import type { CaseDraft } from "./case-timeline";
import { doseFor } from "./coding";
import type { Organization } from "./organization";
import { weightOn, type PatientRef } from "./patients";
import { ruleFor, ruleNumber } from "./payers";
import { addBusinessDays, addDays, addHours, addMinutes, at } from "./random";
import type { Context, Row } from "./types";

export interface CaseRef {
  draft: CaseDraft;
  row: Row<"authorizationCases">;
  lineId: string;
  /** Billing units (or visits) one dose may use. */
  perDose: number;
  /** Authorized units or visits in total (null until a decision). */
  authorizedTotal: number | null;
}

interface Deadline {
  at: Date;
  kind: string;
  rule: string;
}

function nextAlert(today: string, effectiveTo: string): string | null {
  for (const lead of [30, 14, 7]) if (addDays(effectiveTo, -lead) >= today) return addDays(effectiveTo, -lead);
  return null;
}

function deadlineFor(ctx: Context, d: CaseDraft): Deadline | null {
  const payer = d.patient.payer;
  const rule = (kind: string) => ruleFor(payer, kind, d.regimen.drug.hcpcs);
  const eod = (day: string) => at(day, 17);
  const lastDay = d.timeline[d.timeline.length - 1]!.day;
  switch (d.status) {
    case "draft": {
      const r = rule("decision-timeframe");
      return { at: eod(addDays(d.requestedFrom, -ruleNumber(r, "standardDays") - 2)), kind: "submission-due", rule: r.id };
    }
    case "submitted":
    case "pending": {
      const timeframe = rule("decision-timeframe");
      const submittedOn = d.submittedOn ?? lastDay;
      const decisionDue =
        d.urgency === "expedited" ? addHours(at(submittedOn, 10), ruleNumber(timeframe, "expeditedHours")) : eod(addDays(submittedOn, ruleNumber(timeframe, "standardDays")));
      const cadence = rule("follow-up-cadence");
      const followUp = eod(addBusinessDays(lastDay, ruleNumber(cadence, "businessDays")));
      return followUp < decisionDue ? { at: followUp, kind: "follow-up", rule: cadence.id } : { at: decisionDue, kind: "payer-decision-due", rule: timeframe.id };
    }
    case "information_requested": {
      const r = rule("rfi-due");
      return { at: eod(addDays(d.rfiOn ?? lastDay, ruleNumber(r, "days"))), kind: "information-due", rule: r.id };
    }
    case "denied": {
      const r = rule("p2p-window");
      return { at: eod(addDays(d.decidedOn ?? lastDay, ruleNumber(r, "days"))), kind: "peer-to-peer-request-due", rule: r.id };
    }
    case "peer_to_peer":
      return { at: at(d.p2pCallOn ?? lastDay, 12, 30), kind: "peer-to-peer-call", rule: rule("p2p-window").id };
    case "appeal":
      return { at: eod(addDays(d.appealFiledOn ?? lastDay, 30)), kind: "appeal-decision-due", rule: rule("appeal-window").id };
    case "partially_approved": {
      const r = rule("appeal-window");
      return { at: eod(addDays(d.decidedOn ?? lastDay, ruleNumber(r, "days"))), kind: "appeal-filing-due", rule: r.id };
    }
    case "approved":
    case "modified":
    case "renewal_due": {
      const to = d.effectiveTo!;
      const alert = nextAlert(ctx.today, to);
      const kind = d.status === "renewal_due" ? "renewal-submission-due" : "renewal-alert";
      return { at: eod(alert ?? to), kind, rule: rule("renewal-lead").id };
    }
    case "no_auth_required":
    case "superseded":
    case "exhausted":
    case "expired":
    case "cancelled":
    case "voided":
    case "duplicate":
      return null;
  }
}

export function buildCases(ctx: Context, org: Organization, patients: PatientRef[]): CaseRef[] {
  const { rng, data, organizationId } = ctx;
  const drafts = planCases(ctx, org, patients);
  // Case numbers follow the order the cases were opened.
  const ordered = drafts
    .map((draft, i) => ({ draft, i, opened: [...draft.timeline].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))[0]!.day }))
    .sort((a, b) => (a.opened < b.opened ? -1 : a.opened > b.opened ? 1 : a.i - b.i));
  const numberOf = new Map(ordered.map(({ draft }, n) => [draft.id, `PA-${String(101 + n).padStart(6, "0")}`]));

  return drafts.map((d): CaseRef => {
    // Events: chronological (stable within a day), never after today, strictly increasing instants.
    const events = d.timeline
      .map((e, i) => ({ e: { ...e, day: e.day > ctx.today ? ctx.today : e.day }, i }))
      .sort((a, b) => (a.e.day < b.e.day ? -1 : a.e.day > b.e.day ? 1 : a.i - b.i))
      .map(({ e }) => e);
    let previous: Date | null = null;
    const instants = events.map((e) => {
      let when = at(e.day, 8, rng.int(0, 50));
      if (previous && when <= previous) when = addMinutes(previous, rng.int(12, 55));
      previous = when;
      return when;
    });
    d.timeline = events;

    const weightBased = d.regimen.template.basis !== "fixed";
    const perDoseUnits = weightBased ? Math.ceil(d.unitsPerDose * 1.1) : d.unitsPerDose;
    const visits = d.unitType === "visits";
    const requestedTotal = visits ? d.requestedDoses : perDoseUnits * d.requestedDoses;
    const authorizedTotal = d.authorizedDoses === null ? null : visits ? d.authorizedDoses : perDoseUnits * d.authorizedDoses;
    const deadline = deadlineFor(ctx, d);
    const instantOf = (type: string) => instants[events.findIndex((e) => e.type === type)] ?? null;
    const firstAt = instants[0]!;
    const lastAt = instants[instants.length - 1]!;

    const row: Row<"authorizationCases"> = {
      id: d.id,
      organizationId,
      caseNumber: numberOf.get(d.id)!,
      patientId: d.patient.id,
      coverageId: d.patient.coverageId,
      payerId: d.patient.payer.id,
      planId: d.patient.plan.id,
      regimenId: d.regimen.id,
      facilityId: d.regimen.facility.id,
      orderingProviderId: d.patient.provider.id,
      status: d.status,
      certificationType: d.certificationType,
      urgency: d.urgency,
      unitType: d.unitType,
      requestedSiteOfCare: d.requestedSite,
      authorizedSiteOfCare: d.authorizedSite,
      siteOfCareException: d.siteException,
      authorizationNumber: d.authorizationNumber,
      payerReference: d.payerReference,
      submissionChannel: d.channel,
      submittedAt: instantOf("submitted"),
      decidedAt: instantOf("decision-recorded"),
      decisionReason: d.decisionReason,
      requestedFrom: d.requestedFrom,
      requestedTo: d.requestedTo,
      effectiveFrom: d.effectiveFrom,
      effectiveTo: d.effectiveTo,
      requestedQuantity: requestedTotal,
      authorizedQuantity: authorizedTotal,
      usedQuantity: 0,
      nextDeadlineAt: deadline?.at ?? null,
      nextDeadlineKind: deadline?.kind ?? null,
      nextDeadlineRule: deadline?.rule ?? null,
      assigneeId: d.assigneeId,
      predecessorCaseId: d.predecessorId,
      tags: d.tags,
      version: events.length,
      lastEventAt: lastAt,
      createdAt: firstAt,
      updatedAt: lastAt,
    };
    data.authorizationCases.push(row);

    const lineId = rng.uuid();
    const weight = weightOn(d.patient, d.requestedFrom < ctx.today ? d.requestedFrom : ctx.today);
    const complex = d.regimen.drug.reference.complexAdministration;
    data.authorizationLines.push({
      id: lineId,
      organizationId,
      caseId: d.id,
      lineNumber: 1,
      hcpcs: d.regimen.drug.hcpcs,
      drugId: d.regimen.drug.id,
      ndc11: d.regimen.drug.packages[0]?.ndc11 ?? null,
      doseValue: doseFor(d.regimen, weight),
      doseUnit: d.regimen.template.doseUnit,
      unitsPerDose: perDoseUnits,
      administrationCodes: complex ? ["96413", "96415"] : ["96365", "96366"],
      requestedUnits: visits ? null : requestedTotal,
      requestedVisits: visits ? d.requestedDoses : null,
      authorizedUnits: visits || authorizedTotal === null ? null : authorizedTotal,
      authorizedVisits: visits && authorizedTotal !== null ? authorizedTotal : null,
      createdAt: firstAt,
    });

    events.forEach((e, i) => {
      // The clinician answers in the app when she is the ordering provider; otherwise the coordinator records it.
      const coordinator = d.assigneeId ?? org.users.coordinator;
      const actorUserId = e.actor === "assignee" ? coordinator : e.actor === "clinician" ? (d.patient.provider.key === "lee" ? org.users.clinician : coordinator) : null;
      data.authorizationEvents.push({
        id: rng.uuid(),
        organizationId,
        caseId: d.id,
        sequence: i + 1,
        type: e.type,
        payload: e.payload,
        actorUserId,
        channel: e.channel ?? null,
        proofReference: e.proof ?? null,
        occurredAt: instants[i]!,
        recordedAt: addMinutes(instants[i]!, 2),
      });
    });

    return { draft: d, row, lineId, perDose: visits ? 1 : perDoseUnits, authorizedTotal };
  });
}
