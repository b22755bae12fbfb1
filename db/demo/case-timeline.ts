// A demo case as a script of commands for the authorization decider (app/authorizations): the create-case built
// from the demo rows, then submit, acknowledge, information requests, decisions, reviews… each at a plausible
// instant. case-world.ts runs the scripts through decide/evolve, so every stored event is one the decider made.
import type { Approval, CaseCommandInput, DeadlineKind, SubmissionChannel } from "../../app/authorizations";
import { billingUnits, bodySurfaceArea, doseFor } from "./coding";
import type { SiteOfCare } from "./organization";
import { doseDays, weightOn, type PatientRef, type RegimenRef } from "./patients";
import { addDays, addMinutes, at } from "./random";
import type { Context } from "./types";

/** A command without its caseId (the script's case fills it in). */
export type Cmd = CaseCommandInput extends infer C ? (C extends { caseId: string } ? Omit<C, "caseId"> : never) : never;

/** Who sends a command: the case's coordinator, the ordering clinician (when she signs in), or the system. */
export type ActorKind = "assignee" | "clinician" | "system";

export interface Step {
  at: Date;
  command: Cmd;
  actor: ActorKind;
}

export interface CaseDraft {
  id: string;
  patient: PatientRef;
  regimen: RegimenRef;
  requestedFrom: string;
  requestedTo: string;
  requestedDoses: number;
  /** Billing units one dose is requested at (weight-based doses carry a 10% cushion for weight changes). */
  unitsPerDose: number;
  assigneeId: string | null;
  /** Set when another case's command opens this one (a regimen change drafts the revised request). */
  openedBy: string | null;
  steps: Step[];
  /** The deadline kinds the engine's sweep fires on this case as their time comes. */
  timers: DeadlineKind[];
}

export const DEFAULT_TIMERS: DeadlineKind[] = ["renewal-alert", "expiry", "site-of-care-transition"];

/** Doses the regimen's schedule puts inside a window (at least one). */
export function dosesIn(regimen: RegimenRef, from: string, to: string): number {
  const until = regimen.endDate !== null && regimen.endDate < to ? regimen.endDate : to;
  return Math.max(1, doseDays(regimen.template, regimen.startDate, until).filter((d) => d >= from).length);
}

/** Billing units per dose for a regimen at the patient's weight on a day (weight-based: +10%, rounded up). */
export function unitsPerDoseFor(ctx: Context, patient: PatientRef, regimen: RegimenRef, day: string): number {
  const weight = weightOn(patient, day < ctx.today ? day : ctx.today);
  const units = billingUnits(regimen.drug, doseFor(regimen, weight), regimen.template.doseUnit);
  return regimen.template.basis === "fixed" ? units : Math.ceil(units * 1.1);
}

export function newDraft(ctx: Context, patient: PatientRef, regimen: RegimenRef, window: { from: string; to: string }, doses?: number): CaseDraft {
  return {
    id: ctx.rng.uuid(),
    patient,
    regimen,
    requestedFrom: window.from,
    requestedTo: window.to,
    requestedDoses: doses ?? dosesIn(regimen, window.from, window.to),
    unitsPerDose: unitsPerDoseFor(ctx, patient, regimen, window.from),
    assigneeId: null,
    openedBy: null,
    steps: [],
    timers: [...DEFAULT_TIMERS],
  };
}

/**
 * Adds a step at a wall-clock time on `day`. Steps of one case keep the order they are added in: a step that
 * would fall at or before the previous one moves a few minutes after it.
 */
export function step(ctx: Context, draft: CaseDraft, day: string, hour: number, command: Cmd, actor: ActorKind = "assignee"): void {
  let when = at(day, hour, ctx.rng.int(0, 45));
  const last = draft.steps[draft.steps.length - 1];
  if (last && when <= last.at) when = addMinutes(last.at, ctx.rng.int(4, 25));
  draft.steps.push({ at: when, command, actor });
}

/** The create-case command from the demo rows: patient, coverage, payer/plan, facility, provider, regimen, line. */
export function createCommand(
  ctx: Context,
  draft: CaseDraft,
  options: { certificationType?: "initial" | "renewal" | "extension"; predecessorCaseId?: string; urgency?: "standard" | "expedited"; requestedSite?: SiteOfCare; tags?: string[] } = {},
): Cmd {
  const { patient, regimen } = draft;
  const coverage = ctx.data.coverages.find((c) => c.id === patient.coverageId)!;
  const payer = ctx.data.payers.find((p) => p.id === patient.payer.id)!;
  const facility = ctx.data.facilities.find((f) => f.id === regimen.facility.id)!;
  const weight = weightOn(patient, draft.requestedFrom < ctx.today ? draft.requestedFrom : ctx.today);
  const t = regimen.template;
  const reference = regimen.drug.reference.referenceHcpcs;
  const tags = [...(options.tags ?? [])];
  if (reference) tags.push("biosimilar");
  if (patient.secondaryCoverageId) tags.push("dual-eligible");
  return {
    type: "create-case",
    regimenId: regimen.id,
    patient: { patientId: patient.id, weightKg: weight.kg, weighedOn: weight.day, ...(t.basis === "per_m2" ? { bsaM2: bodySurfaceArea(weight) } : {}) },
    coverage: {
      coverageId: coverage.id!,
      payerId: patient.payer.id,
      planId: patient.plan.id,
      lineOfBusiness: patient.plan.lineOfBusiness,
      memberId: coverage.memberId,
      ...(payer.delegatedVendor ? { delegatedVendor: payer.delegatedVendor } : {}),
    },
    orderingProvider: { providerId: patient.provider.id, npi: patient.provider.npi },
    facility: { facilityId: facility.id!, npi: facility.npi, tin: facility.tin, siteOfCare: facility.siteOfCare, placeOfService: facility.placeOfService, timeZone: facility.timeZone ?? "America/New_York" },
    lines: [
      {
        hcpcs: regimen.drug.hcpcs,
        drugId: regimen.drug.id,
        ...(regimen.drug.packages[0] ? { ndc11: regimen.drug.packages[0].ndc11 } : {}),
        ...(reference ? { referenceHcpcs: reference } : {}),
        dose: { value: regimen.doseValue, unit: t.doseUnit, basis: t.basis },
        route: "iv_infusion",
        intervalDays: t.intervalDays,
        unitsPerDose: draft.unitsPerDose,
        administrations: draft.requestedDoses,
        administrationCodes: regimen.drug.reference.complexAdministration ? ["96413", "96415"] : ["96365", "96366"],
      },
    ],
    requestedFrom: draft.requestedFrom,
    requestedTo: draft.requestedTo,
    ...(options.requestedSite ? { requestedSiteOfCare: options.requestedSite } : {}),
    diagnoses: t.diagnoses,
    urgency: options.urgency ?? "standard",
    certificationType: options.certificationType ?? "initial",
    ...(options.predecessorCaseId ? { predecessorCaseId: options.predecessorCaseId } : {}),
    tags,
  };
}

export function channelFor(ctx: Context, draft: CaseDraft): SubmissionChannel {
  const key = draft.patient.payer.key;
  if (key === "commonwealth") return ctx.rng.chance(0.7) ? "fax" : "phone";
  if (key === "summit") return ctx.rng.chance(0.5) ? "fhir_pas" : "portal";
  return ctx.rng.chance(0.6) ? "portal" : "x12_278";
}

export function proofFor(ctx: Context, channel: SubmissionChannel): string {
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

export function authorizationNumberFor(ctx: Context, draft: CaseDraft): string {
  const key = draft.patient.payer.key;
  return key === "keystone" ? `KMA-A${ctx.rng.digits(8)}` : key === "summit" ? `SH${ctx.rng.digits(10)}` : `CWPA${ctx.rng.digits(7)}`;
}

/** An approval letter for `doses` doses over the requested window (units and visits both stated). */
export function approvalFor(
  ctx: Context,
  draft: CaseDraft,
  options: { outcome?: Approval["outcome"]; doses?: number; from?: string; to?: string; site?: SiteOfCare } = {},
): Approval {
  const doses = options.doses ?? draft.requestedDoses;
  return {
    outcome: options.outcome ?? "approved",
    authorizationNumber: authorizationNumberFor(ctx, draft),
    effectiveFrom: options.from ?? draft.requestedFrom,
    effectiveTo: options.to ?? draft.requestedTo,
    ...(options.site ? { authorizedSiteOfCare: options.site } : {}),
    lines: [{ lineNumber: 1, authorizedUnits: draft.unitsPerDose * doses, authorizedVisits: doses, mappedHcpcs: [] }],
  };
}

/** Who answers the payer's questions: Dr. Lee signs in herself; for the others the coordinator records it. */
export function clinicianOr(draft: CaseDraft): ActorKind {
  return draft.patient.provider.key === "lee" ? "clinician" : "assignee";
}

export function open(ctx: Context, draft: CaseDraft, day: string, options: Parameters<typeof createCommand>[2] = {}): void {
  step(ctx, draft, day, 9, createCommand(ctx, draft, options));
  if (draft.assigneeId) step(ctx, draft, day, 9, { type: "assign", assigneeId: draft.assigneeId });
}

export function submit(ctx: Context, draft: CaseDraft, day: string): void {
  const channel = channelFor(ctx, draft);
  step(ctx, draft, day, 10, { type: "submit", channel, proofReference: proofFor(ctx, channel) });
}

export function acknowledge(ctx: Context, draft: CaseDraft, day: string): void {
  const value = `${draft.patient.payer.key.slice(0, 2).toUpperCase()}-REF-${ctx.rng.digits(8)}`;
  step(ctx, draft, day, 14, { type: "record-payer-acknowledgement", references: [{ kind: "payer-reference", value }] });
}

export function pend(ctx: Context, draft: CaseDraft, day: string, items: string[]): void {
  step(ctx, draft, day, 11, { type: "pend-for-information", items });
}

export function answer(ctx: Context, draft: CaseDraft, day: string, note: string): void {
  const channel: SubmissionChannel = draft.patient.payer.key === "commonwealth" ? "fax" : "portal";
  step(ctx, draft, day, 15, { type: "send-information", channel, proofReference: proofFor(ctx, channel), note }, clinicianOr(draft));
}

export type DecisionSpec =
  | { outcome: "approved" | "partially_approved" | "modified"; approval?: Parameters<typeof approvalFor>[2]; reason?: string }
  | { outcome: "denied"; reason: string; category: "medical_necessity" | "site_of_care" | "step_therapy" | "administrative" | "not_covered" | "other" }
  | { outcome: "no_auth_required"; reason: string };

export function recordDecision(ctx: Context, draft: CaseDraft, day: string, spec: DecisionSpec): void {
  if (spec.outcome === "denied") {
    step(ctx, draft, day, 13, { type: "record-decision", outcome: "denied", reason: spec.reason, denialCategory: spec.category });
  } else if (spec.outcome === "no_auth_required") {
    step(ctx, draft, day, 13, { type: "record-decision", outcome: "no_auth_required", reason: spec.reason });
  } else {
    const approval = approvalFor(ctx, draft, { ...spec.approval, outcome: spec.outcome });
    step(ctx, draft, day, 13, { type: "record-decision", ...approval, ...(spec.reason ? { reason: spec.reason } : {}) });
  }
}

/** The usual path to a decision: opened, submitted, acknowledged, (an information request answered), decided. */
export function throughDecision(ctx: Context, draft: CaseDraft, openedOn: string, spec: DecisionSpec, options: { rfi?: boolean } = {}): string {
  open(ctx, draft, openedOn);
  submit(ctx, draft, addDays(openedOn, 1));
  acknowledge(ctx, draft, addDays(openedOn, 2));
  let day = addDays(openedOn, 5);
  if (options.rfi) {
    pend(ctx, draft, addDays(openedOn, 4), ["Clinical notes from the last two visits", "Recent labs"]);
    answer(ctx, draft, addDays(openedOn, 6), "Clinical notes and labs sent");
    day = addDays(openedOn, 9);
  }
  recordDecision(ctx, draft, day, spec);
  return day;
}
