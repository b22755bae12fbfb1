// Each patient's story as case scripts (commands at instants, oldest first), dated relative to today. Nothing here
// sets a status: the decider reaches each one from the commands (see case-world.ts).
import {
  acknowledge,
  approvalFor,
  channelFor,
  clinicianOr,
  newDraft,
  open,
  pend,
  proofFor,
  recordDecision,
  step,
  submit,
  throughDecision,
  unitsPerDoseFor,
  dosesIn,
  type CaseDraft,
} from "./case-timeline";
import type { Organization } from "./organization";
import type { PatientRef, RegimenRef } from "./patients";
import { ruleFor, ruleNumber } from "./payers";
import { addDays, at } from "./random";
import { authorizationDays } from "./scenarios";
import type { Context } from "./types";

const denials = {
  summit: { reason: "Site of care: hospital outpatient infusion is not medically necessary after the first 45 days; SOC-210 exception criteria not documented", category: "site_of_care" },
  commonwealth: { reason: "Step therapy: a trial of a preferred agent (adalimumab or etanercept) is not documented", category: "step_therapy" },
  keystone: { reason: "Insufficient documentation: no colonoscopy or fecal calprotectin within the last 90 days", category: "medical_necessity" },
} as const;

export function planCases(ctx: Context, org: Organization, patients: PatientRef[]): CaseDraft[] {
  const { rng, today } = ctx;
  const drafts: CaseDraft[] = [];
  let rfiRotation = 0;
  let pendingRotation = 0;

  for (const patient of patients) {
    const story = patient.scenario.story;
    const regimen = patient.regimens[patient.regimens.length - 1]!;
    const period = authorizationDays(regimen.template);
    const make = (from: string, to: string, r: RegimenRef = regimen, doses?: number, assigned = true) => {
      const draft = newDraft(ctx, patient, r, { from, to }, doses);
      draft.assigneeId = assigned ? rng.pick(org.coordinators) : null;
      drafts.push(draft);
      return draft;
    };
    const start = regimen.startDate;

    switch (story.kind) {
      case "active": {
        if (story.status === "partially_approved") {
          // A year requested; the payer approved the induction doses only.
          const draft = make(start, addDays(start, period - 1));
          throughDecision(ctx, draft, addDays(start, -24), {
            outcome: "partially_approved",
            approval: { doses: 3, to: addDays(start, 89) },
            reason: "Induction doses (weeks 0, 2, 6) approved; maintenance requires a response-to-therapy note after week 6",
          });
        } else if (story.status === "modified") {
          // Two rituximab courses (days 1 and 15, retreatment after 24 weeks) over the year.
          const draft = make(start, addDays(start, period - 1), regimen, 4);
          open(ctx, draft, addDays(start, -24), { requestedSite: "hopd_off_campus", tags: ["site-of-care"] });
          submit(ctx, draft, addDays(start, -23));
          acknowledge(ctx, draft, addDays(start, -22));
          recordDecision(ctx, draft, addDays(start, -19), {
            outcome: "modified",
            approval: { site: "ambulatory_infusion_center" },
            reason: "Approved at a non-hospital infusion site (SOC-210); hospital outpatient site not authorized",
          });
        } else if (patient.payer.key === "summit" && regimen.facility.siteOfCare === "hopd_off_campus") {
          // Denied for the hospital site, then approved there on a site-of-care appeal with the checklist evidence.
          const draft = make(start, addDays(start, (regimen.template.finite ? 120 : period) - 1));
          open(ctx, draft, addDays(start, -40), { tags: ["site-of-care"] });
          submit(ctx, draft, addDays(start, -39));
          acknowledge(ctx, draft, addDays(start, -38));
          recordDecision(ctx, draft, addDays(start, -33), { outcome: "denied", ...denials.summit });
          const channel = channelFor(ctx, draft);
          step(ctx, draft, addDays(start, -30), 11, {
            type: "file-appeal",
            level: 1,
            kind: "site_of_care",
            channel,
            proofReference: proofFor(ctx, channel),
            siteOfCare: {
              requestedSite: "hopd_off_campus",
              checklist: [
                { criterion: 7, met: true, evidence: [{ description: "Grade 2 infusion reaction at the first home infusion, documented with premedication history" }] },
                { criterion: 5, met: true, evidence: [{ description: "Heart failure with reduced ejection fraction (echocardiogram on file)" }] },
              ],
            },
          });
          step(ctx, draft, addDays(start, -26), 13, { type: "record-appeal-decision", level: 1, outcome: "overturned", approval: approvalFor(ctx, draft) });
        } else {
          const draft = make(start, addDays(start, (regimen.template.finite ? 120 : period) - 1));
          throughDecision(ctx, draft, addDays(start, -24), { outcome: "approved" }, { rfi: rng.chance(0.35) });
        }
        break;
      }
      case "new": {
        const draft = make(start, addDays(start, period - 1));
        const c = story.firstDoseGiven ? addDays(today, -3) : addDays(today, -rng.int(9, 14));
        const payer = patient.payer.key;
        switch (story.status) {
          case "draft":
            open(ctx, draft, addDays(today, -1));
            step(ctx, draft, addDays(today, -1), 15, { type: "add-note", text: "Waiting on the signed order and a current weight before submitting", payerContact: false, tags: [] });
            break;
          case "submitted":
            open(ctx, draft, addDays(today, -3));
            submit(ctx, draft, addDays(today, -1));
            break;
          case "pending": {
            open(ctx, draft, c, story.expedited ? { urgency: "expedited", tags: ["expedited"] } : {});
            submit(ctx, draft, story.expedited ? c : addDays(c, 1));
            acknowledge(ctx, draft, addDays(c, story.expedited ? 1 : 2));
            // One pending case was last touched a week ago (its follow-up is overdue); another yesterday.
            const touched = [addDays(today, -1), addDays(today, -7), addDays(today, -3)][pendingRotation++ % 3]!;
            if (!story.expedited && touched > addDays(c, 2)) {
              step(ctx, draft, touched, 16, { type: "add-note", text: `Called ${patient.payer.name}: the request is in clinical review`, payerContact: true, tags: [] });
            }
            break;
          }
          case "information_requested": {
            const rfiDays = ruleNumber(ruleFor(patient.payer, "rfi-due"), "days");
            // Due dates: one overdue, one due today, one later this week.
            const dueOn = [addDays(today, -2), today, addDays(today, 4)][rfiRotation++ % 3]!;
            const rfiOn = addDays(dueOn, -rfiDays);
            open(ctx, draft, addDays(rfiOn, -5));
            submit(ctx, draft, addDays(rfiOn, -4));
            acknowledge(ctx, draft, addDays(rfiOn, -3));
            pend(ctx, draft, rfiOn, ["Response-to-therapy note", "Current weight", "Labs from the last 90 days"]);
            break;
          }
          case "denied":
            throughDecision(ctx, draft, addDays(today, -rng.int(12, 16)), { outcome: "denied", ...denials[payer] });
            break;
          case "peer_to_peer": {
            throughDecision(ctx, draft, addDays(today, -12), { outcome: "denied", reason: "Not medically necessary: MRI evidence of disease activity not provided", category: "medical_necessity" });
            step(ctx, draft, addDays(today, -5), 11, { type: "request-p2p", callWindows: ["Tue 12:30-13:00", "Thu 12:00-12:30"] }, clinicianOr(draft));
            step(ctx, draft, addDays(today, -4), 14, { type: "schedule-p2p", scheduledFor: atIso(addDays(today, 2), 12, 30), reviewer: "Medical director, utilization management" });
            break;
          }
          case "appeal": {
            const reason = "Preferred product: Summit Health requires infliximab-dyyb (Q5103) unless the biosimilar is contraindicated";
            throughDecision(ctx, draft, addDays(today, -40), { outcome: "denied", reason, category: "step_therapy" });
            step(ctx, draft, addDays(today, -33), 11, { type: "request-p2p", callWindows: ["Mon 12:00-13:00"] }, clinicianOr(draft));
            step(ctx, draft, addDays(today, -32), 14, { type: "schedule-p2p", scheduledFor: atIso(addDays(today, -29), 12, 30) });
            step(ctx, draft, addDays(today, -29), 13, { type: "record-p2p-outcome", outcome: "upheld", reason: "Reviewer upheld: no documented contraindication to the biosimilar" }, clinicianOr(draft));
            const channel = channelFor(ctx, draft);
            step(ctx, draft, addDays(today, -10), 11, { type: "file-appeal", level: 1, kind: "medical_necessity", channel, proofReference: proofFor(ctx, channel) });
            break;
          }
          case "cancelled":
            open(ctx, draft, addDays(today, -20));
            submit(ctx, draft, addDays(today, -19));
            acknowledge(ctx, draft, addDays(today, -18));
            step(ctx, draft, addDays(today, -6), 10, { type: "cancel", reason: "Patient transferred care to another infusion center" });
            break;
          default:
            throughDecision(ctx, draft, addDays(start, -24), { outcome: "approved" });
        }
        break;
      }
      case "renewal-due": {
        const to = addDays(today, rng.int(5, 28));
        const draft = make(start, to);
        throughDecision(ctx, draft, addDays(start, -24), { outcome: "approved" });
        if (story.successor) {
          // Opening the renewal starts it on this case too (the decider links them).
          const opened = story.successor === "draft" ? addDays(today, -1) : addDays(today, -8);
          const renewal = make(addDays(to, 1), addDays(to, period), regimen, undefined, story.successor !== "draft");
          open(ctx, renewal, opened, { certificationType: "renewal", predecessorCaseId: draft.id });
          if (story.successor === "pending") {
            submit(ctx, renewal, addDays(opened, 1));
            acknowledge(ctx, renewal, addDays(opened, 2));
          }
        }
        break;
      }
      case "renewed": {
        const oldTo = addDays(today, -20);
        const previous = make(start, oldTo);
        throughDecision(ctx, previous, addDays(start, -24), { outcome: "approved" });
        const renewal = make(addDays(oldTo, 1), addDays(oldTo, period));
        const movesSite = patient.payer.key === "summit" && regimen.facility.siteOfCare === "hopd_off_campus";
        open(ctx, renewal, addDays(today, -52), { certificationType: "renewal", predecessorCaseId: previous.id, tags: movesSite ? ["site-of-care"] : [] });
        submit(ctx, renewal, addDays(today, -51));
        acknowledge(ctx, renewal, addDays(today, -50));
        // The approval supersedes the previous authorization from the renewal's first day.
        recordDecision(ctx, renewal, addDays(today, -47), movesSite ? { outcome: "modified", approval: { site: "ambulatory_infusion_center" }, reason: "Renewed at a non-hospital infusion site (SOC-210)" } : { outcome: "approved" });
        break;
      }
      case "exhausted": {
        const draft = make(start, addDays(start, period - 1), regimen, 8);
        throughDecision(ctx, draft, addDays(start, -24), { outcome: "approved" });
        const extension = make(addDays(today, -4), addDays(start, period - 1));
        open(ctx, extension, addDays(today, -2), { certificationType: "extension", predecessorCaseId: draft.id });
        submit(ctx, extension, addDays(today, -1));
        break;
      }
      case "expired": {
        const past = regimen.infusions.filter((i) => i.day < today);
        const to = addDays(past[past.length - 1]!.day, -3);
        const draft = make(start, to);
        throughDecision(ctx, draft, addDays(start, -24), { outcome: "approved" });
        // A renewal cannot be started on an expired case: the lapse is bridged by a new request linked to it.
        const late = make(addDays(to, 1), addDays(to, period));
        const rfiOn = addDays(today, -3);
        const openedOn = addDays(to, 1) < addDays(rfiOn, -3) ? addDays(to, 1) : addDays(rfiOn, -3);
        open(ctx, late, openedOn, { predecessorCaseId: draft.id, tags: ["retro-request"] });
        submit(ctx, late, addDays(openedOn, 1));
        acknowledge(ctx, late, addDays(openedOn, 2));
        pend(ctx, late, rfiOn, ["Response-to-therapy note"]);
        break;
      }
      case "voided":
      case "duplicate": {
        const draft = make(start, addDays(start, period - 1));
        throughDecision(ctx, draft, addDays(start, -24), { outcome: "approved" });
        const other = make(start, addDays(start, period - 1));
        const day = story.kind === "voided" ? addDays(start, -23) : addDays(today, -12);
        open(ctx, other, day);
        if (story.kind === "voided") step(ctx, other, addDays(day, 1), 10, { type: "void", reason: "Entered against the wrong coverage" });
        else step(ctx, other, day, 15, { type: "mark-duplicate", duplicateOfCaseId: draft.id });
        break;
      }
      case "dose-change": {
        const old = patient.regimens[0]!;
        const first = make(old.startDate, addDays(old.startDate, period - 1), old);
        throughDecision(ctx, first, addDays(old.startDate, -24), { outcome: "approved" });
        // The escalated dose does not fit the authorization: the change drafts the revised request (this case).
        const revised = make(regimen.startDate, addDays(old.startDate, period - 1));
        revised.openedBy = first.id;
        const changedOn = addDays(regimen.startDate, -6);
        step(
          ctx,
          first,
          changedOn,
          11,
          {
            type: "record-regimen-change",
            revisedCaseId: revised.id,
            newRegimen: {
              regimenId: regimen.id,
              lineNumber: 1,
              hcpcs: regimen.drug.hcpcs,
              drugId: regimen.drug.id,
              ...(regimen.drug.packages[0] ? { ndc11: regimen.drug.packages[0].ndc11 } : {}),
              dose: { value: regimen.doseValue, unit: regimen.template.doseUnit, basis: regimen.template.basis },
              route: "iv_infusion",
              unitsPerDose: unitsPerDoseFor(ctx, patient, regimen, regimen.startDate),
              intervalDays: regimen.template.intervalDays,
              administrations: dosesIn(regimen, regimen.startDate, revised.requestedTo),
              siteOfCare: regimen.facility.siteOfCare,
              effectiveFrom: regimen.startDate,
              diagnoses: regimen.template.diagnoses,
            },
            affected: regimen.infusions.map((i) => ({ kind: "scheduled_visit" as const, id: i.id, on: i.day })),
          },
          clinicianOr(first),
        );
        step(ctx, revised, addDays(changedOn, 1), 9, { type: "assign", assigneeId: revised.assigneeId! });
        submit(ctx, revised, addDays(changedOn, 1));
        break;
      }
      case "no-auth": {
        const draft = make(start, addDays(start, 30));
        open(ctx, draft, addDays(start, -10));
        submit(ctx, draft, addDays(start, -9));
        recordDecision(ctx, draft, addDays(start, -8), { outcome: "no_auth_required", reason: `${regimen.drug.hcpcs} is not on the ${patient.payer.name} prior authorization list` });
        break;
      }
    }
  }
  return drafts;
}

function atIso(day: string, hour: number, minute: number): string {
  return at(day, hour, minute).toISOString();
}
