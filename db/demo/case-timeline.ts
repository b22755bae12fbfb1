// The case draft every story produces, and the event sequences a case goes through (created → submitted →
// acknowledged → information requested/sent → decision …). Events carry ids and codes, never PHI.
import type * as s from "../schema";
import { billingUnits, doseFor } from "./coding";
import type { SiteOfCare } from "./organization";
import { doseDays, weightOn, type PatientRef, type RegimenRef } from "./patients";
import { addDays } from "./random";
import type { AuthorizationStatus } from "./scenarios";
import type { Context } from "./types";

export type Channel = (typeof s.submissionChannel.enumValues)[number];
export type CertificationType = (typeof s.certificationType.enumValues)[number];

export interface TimelineEvent {
  day: string;
  type: string;
  payload: Record<string, unknown>;
  channel?: Channel;
  proof?: string;
  /** Who recorded it: the case's coordinator, the ordering clinician, or the system (null). */
  actor: "assignee" | "clinician" | null;
}

export interface CaseDraft {
  id: string;
  patient: PatientRef;
  regimen: RegimenRef;
  status: AuthorizationStatus;
  certificationType: CertificationType;
  urgency: "standard" | "expedited";
  unitType: "units" | "visits";
  requestedSite: SiteOfCare;
  authorizedSite: SiteOfCare | null;
  siteException: string | null;
  requestedFrom: string;
  requestedTo: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  requestedDoses: number;
  authorizedDoses: number | null;
  unitsPerDose: number;
  authorizationNumber: string | null;
  payerReference: string | null;
  channel: Channel | null;
  submittedOn: string | null;
  decidedOn: string | null;
  decisionReason: string | null;
  predecessorId: string | null;
  assigneeId: string | null;
  tags: string[];
  timeline: TimelineEvent[];
  /** When a scheduled peer-to-peer call takes place. */
  p2pCallOn?: string;
  rfiOn?: string;
  appealFiledOn?: string;
}

/** Doses the regimen's schedule puts inside a window (at least one). */
export function dosesIn(regimen: RegimenRef, from: string, to: string): number {
  const until = regimen.endDate !== null && regimen.endDate < to ? regimen.endDate : to;
  return Math.max(1, doseDays(regimen.template, regimen.startDate, until).filter((d) => d >= from).length);
}

export function newDraft(
  ctx: Context,
  patient: PatientRef,
  regimen: RegimenRef,
  status: AuthorizationStatus,
  window: { from: string; to: string },
  unitType: "units" | "visits",
): CaseDraft {
  const weight = weightOn(patient, window.from < ctx.today ? window.from : ctx.today);
  const unitsPerDose = billingUnits(regimen.drug, doseFor(regimen, weight), regimen.template.doseUnit);
  return {
    id: ctx.rng.uuid(),
    patient,
    regimen,
    status,
    certificationType: "initial",
    urgency: "standard",
    unitType,
    requestedSite: regimen.facility.siteOfCare,
    authorizedSite: null,
    siteException: null,
    requestedFrom: window.from,
    requestedTo: window.to,
    effectiveFrom: null,
    effectiveTo: null,
    requestedDoses: dosesIn(regimen, window.from, window.to),
    authorizedDoses: null,
    unitsPerDose,
    authorizationNumber: null,
    payerReference: null,
    channel: null,
    submittedOn: null,
    decidedOn: null,
    decisionReason: null,
    predecessorId: null,
    assigneeId: null,
    tags: [],
    timeline: [],
  };
}

function channelFor(ctx: Context, draft: CaseDraft): Channel {
  const key = draft.patient.payer.key;
  if (key === "commonwealth") return ctx.rng.chance(0.7) ? "fax" : "phone";
  if (key === "summit") return ctx.rng.chance(0.5) ? "fhir_pas" : "portal";
  return ctx.rng.chance(0.6) ? "portal" : "x12_278";
}

function proofFor(ctx: Context, channel: Channel): string {
  const n = ctx.rng.digits(7);
  switch (channel) {
    case "fax":
      return `fax-confirmation:FX${n}`;
    case "phone":
      return `call-reference:CR${n}`;
    case "x12_278":
      return `278-trace:TRN${n}`;
    case "fhir_pas":
      return `ClaimResponse/${n}`;
    case "portal":
    case "email":
    case "mail":
      return `portal-screenshot:PS${n}`;
  }
}

export function created(draft: CaseDraft, day: string): void {
  draft.timeline.push({
    day,
    type: "case-created",
    payload: {
      certificationType: draft.certificationType,
      urgency: draft.urgency,
      hcpcs: draft.regimen.drug.hcpcs,
      requestedFrom: draft.requestedFrom,
      requestedTo: draft.requestedTo,
      requestedDoses: draft.requestedDoses,
      regimenId: draft.regimen.id,
      ...(draft.predecessorId ? { predecessorCaseId: draft.predecessorId } : {}),
    },
    actor: "assignee",
  });
}

export function submitted(ctx: Context, draft: CaseDraft, day: string): void {
  const channel = channelFor(ctx, draft);
  draft.channel = channel;
  draft.submittedOn = day;
  draft.timeline.push({ day, type: "submitted", payload: { channel, documents: ["clinical-note", "letter-of-medical-necessity"] }, channel, proof: proofFor(ctx, channel), actor: "assignee" });
}

export function acknowledged(ctx: Context, draft: CaseDraft, day: string): void {
  draft.payerReference = `${draft.patient.payer.key.slice(0, 2).toUpperCase()}-REF-${ctx.rng.digits(8)}`;
  draft.timeline.push({ day, type: "payer-acknowledged", payload: { payerReference: draft.payerReference, actionCode: "A4" }, actor: null });
}

export function informationRequested(draft: CaseDraft, day: string, dueOn: string, items: string[]): void {
  draft.rfiOn = day;
  draft.timeline.push({ day, type: "information-requested", payload: { items, dueOn }, actor: "assignee" });
}

export function informationSent(ctx: Context, draft: CaseDraft, day: string): void {
  const channel = draft.channel ?? "fax";
  draft.timeline.push({ day, type: "information-sent", payload: { documents: ["response-to-therapy-note", "labs"] }, channel, proof: proofFor(ctx, channel), actor: "clinician" });
}

const actionCodes: Partial<Record<AuthorizationStatus, string>> = { approved: "A1", partially_approved: "A2", denied: "A3", modified: "A6", no_auth_required: "NA" };

export function authorizationNumberFor(ctx: Context, draft: CaseDraft): string {
  const key = draft.patient.payer.key;
  return key === "keystone" ? `KMA-A${ctx.rng.digits(8)}` : key === "summit" ? `SH${ctx.rng.digits(10)}` : `CWPA${ctx.rng.digits(7)}`;
}

/** Records a payer decision; approved-like decisions carry the number, the dates and the authorized quantity. */
export function decided(
  ctx: Context,
  draft: CaseDraft,
  day: string,
  decision: "approved" | "partially_approved" | "modified" | "denied" | "no_auth_required",
  options: { authorizedDoses?: number; reason?: string; authorizedSite?: SiteOfCare } = {},
): void {
  draft.decidedOn = day;
  draft.decisionReason = options.reason ?? null;
  const payload: Record<string, unknown> = { decision, actionCode: actionCodes[decision] };
  if (decision === "approved" || decision === "partially_approved" || decision === "modified") {
    draft.authorizationNumber = authorizationNumberFor(ctx, draft);
    draft.effectiveFrom = draft.requestedFrom;
    draft.effectiveTo = draft.requestedTo;
    draft.authorizedDoses = options.authorizedDoses ?? draft.requestedDoses;
    draft.authorizedSite = options.authorizedSite ?? draft.requestedSite;
    Object.assign(payload, {
      authorizationNumber: draft.authorizationNumber,
      effectiveFrom: draft.effectiveFrom,
      effectiveTo: draft.effectiveTo,
      authorizedDoses: draft.authorizedDoses,
      authorizedSiteOfCare: draft.authorizedSite,
    });
  }
  if (options.reason) payload.reason = options.reason;
  draft.timeline.push({ day, type: "decision-recorded", payload, actor: "assignee" });
}

/** The usual path to a decision: created, submitted, acknowledged, (an information request), decided. */
export function throughDecision(
  ctx: Context,
  draft: CaseDraft,
  createdOn: string,
  decision: Parameters<typeof decided>[3],
  options: Parameters<typeof decided>[4] & { rfi?: boolean } = {},
): string {
  created(draft, createdOn);
  submitted(ctx, draft, addDays(createdOn, 1));
  acknowledged(ctx, draft, addDays(createdOn, 2));
  let day = addDays(createdOn, 5);
  if (options.rfi) {
    informationRequested(draft, addDays(createdOn, 4), addDays(createdOn, 18), ["clinical-notes", "labs"]);
    informationSent(ctx, draft, addDays(createdOn, 6));
    day = addDays(createdOn, 9);
  }
  decided(ctx, draft, day, decision, options);
  return day;
}

export function note(draft: CaseDraft, day: string, type: string, payload: Record<string, unknown> = {}, actor: TimelineEvent["actor"] = null): void {
  draft.timeline.push({ day, type, payload, actor });
}
