// Each patient's story as authorization case drafts (oldest first), dated relative to today.
import {
  acknowledged,
  created,
  dosesIn,
  informationRequested,
  newDraft,
  note,
  submitted,
  throughDecision,
  type CaseDraft,
} from "./case-timeline";
import type { Organization } from "./organization";
import type { PatientRef } from "./patients";
import { ruleFor, ruleNumber } from "./payers";
import { addDays } from "./random";
import { authorizationDays } from "./scenarios";
import type { Context } from "./types";

const denialReasons: Record<string, string> = {
  summit: "Site of care: hospital outpatient infusion is not medically necessary after the first 45 days; SOC-210 exception criteria not documented",
  commonwealth: "Step therapy: a trial of a preferred agent (adalimumab or etanercept) is not documented",
  keystone: "Insufficient documentation: no colonoscopy or fecal calprotectin within the last 90 days",
};

export function planCases(ctx: Context, org: Organization, patients: PatientRef[]): CaseDraft[] {
  const { rng, today } = ctx;
  const drafts: CaseDraft[] = [];
  let rfiRotation = 0;
  let pendingRotation = 0;

  for (const patient of patients) {
    const story = patient.scenario.story;
    const regimen = patient.regimens[patient.regimens.length - 1]!;
    const period = authorizationDays(regimen.template);
    const unitType = ruleFor(patient.payer, "unit-type", regimen.drug.hcpcs).value.unitType === "visits" ? "visits" : "units";
    const make = (status: CaseDraft["status"], from: string, to: string, r = regimen) => {
      const draft = newDraft(ctx, patient, r, status, { from, to }, unitType);
      draft.assigneeId = rng.pick(org.coordinators);
      if (r.drug.reference.referenceHcpcs) draft.tags.push("biosimilar");
      if (patient.secondaryCoverageId) draft.tags.push("dual-eligible");
      drafts.push(draft);
      return draft;
    };
    const start = regimen.startDate;

    switch (story.kind) {
      case "active": {
        const to = addDays(start, (story.status === "partially_approved" ? 90 : regimen.template.finite ? 120 : period) - 1);
        const draft = make(story.status, start, to);
        if (story.status === "partially_approved") {
          throughDecision(ctx, draft, addDays(start, -24), "partially_approved", {
            authorizedDoses: 3,
            reason: "Induction doses (weeks 0, 2, 6) approved; maintenance requires a response-to-therapy note after week 6",
          });
        } else if (story.status === "modified") {
          draft.requestedSite = "hopd_off_campus";
          draft.tags.push("site-of-care");
          throughDecision(ctx, draft, addDays(start, -24), "modified", {
            authorizedSite: "ambulatory_infusion_center",
            reason: "Approved at a non-hospital infusion site (SOC-210); hospital outpatient site not authorized",
          });
        } else {
          const exception = patient.payer.key === "summit" && regimen.facility.siteOfCare === "hopd_off_campus";
          if (exception) {
            draft.siteException = "prior-infusion-reaction; cardiopulmonary-comorbidity";
            draft.tags.push("site-of-care");
          }
          throughDecision(ctx, draft, addDays(start, -24), "approved", { rfi: rng.chance(0.35) });
        }
        break;
      }
      case "new": {
        const draft = make(story.status, start, addDays(start, period - 1));
        if (story.expedited) {
          draft.urgency = "expedited";
          draft.tags.push("expedited");
        }
        const c = story.firstDoseGiven ? addDays(today, -3) : addDays(today, -rng.int(9, 14));
        switch (story.status) {
          case "draft":
            created(draft, addDays(today, -1));
            note(draft, addDays(today, -1), "document-attached", { kind: "clinical-note" }, "assignee");
            break;
          case "submitted":
            created(draft, addDays(today, -3));
            submitted(ctx, draft, addDays(today, -1));
            break;
          case "pending": {
            created(draft, c);
            submitted(ctx, draft, story.expedited ? c : addDays(c, 1));
            acknowledged(ctx, draft, addDays(c, story.expedited ? 1 : 2));
            // One pending case was last touched a week ago (its follow-up is overdue); another yesterday.
            const touched = [addDays(today, -1), addDays(today, -7), addDays(today, -3)][pendingRotation++ % 3]!;
            if (!story.expedited && touched > addDays(c, 2)) note(draft, touched, "follow-up-logged", { outcome: "in-clinical-review" }, "assignee");
            break;
          }
          case "information_requested": {
            const rfiDays = ruleNumber(ruleFor(patient.payer, "rfi-due"), "days");
            // Due dates: one overdue, one due today, one later this week.
            const dueOn = [addDays(today, -2), today, addDays(today, 4)][rfiRotation++ % 3]!;
            const rfiOn = addDays(dueOn, -rfiDays);
            created(draft, addDays(rfiOn, -5));
            submitted(ctx, draft, addDays(rfiOn, -4));
            acknowledged(ctx, draft, addDays(rfiOn, -3));
            informationRequested(draft, rfiOn, dueOn, ["response-to-therapy-note", "weight", "labs"]);
            break;
          }
          case "denied":
            throughDecision(ctx, draft, addDays(today, -rng.int(12, 16)), "denied", { reason: denialReasons[patient.payer.key] });
            break;
          case "peer_to_peer": {
            throughDecision(ctx, draft, addDays(today, -12), "denied", { reason: "Not medically necessary: MRI evidence of disease activity not provided" });
            note(draft, addDays(today, -5), "p2p-requested", { requestedBy: "ordering-provider" }, "assignee");
            draft.p2pCallOn = addDays(today, 2);
            note(draft, addDays(today, -4), "p2p-scheduled", { scheduledFor: draft.p2pCallOn, window: "12:30-13:00" }, "assignee");
            break;
          }
          case "appeal": {
            const reason = "Preferred product: Summit Health requires infliximab-dyyb (Q5103) unless the biosimilar is contraindicated";
            throughDecision(ctx, draft, addDays(today, -40), "denied", { reason });
            note(draft, addDays(today, -33), "p2p-requested", { requestedBy: "ordering-provider" }, "assignee");
            note(draft, addDays(today, -32), "p2p-scheduled", { scheduledFor: addDays(today, -29) }, "assignee");
            note(draft, addDays(today, -29), "p2p-held", { outcome: "upheld" }, "assignee");
            draft.appealFiledOn = addDays(today, -10);
            note(draft, draft.appealFiledOn, "appeal-filed", { level: 1, documents: ["appeal-letter", "clinical-note"] }, "assignee");
            break;
          }
          case "cancelled":
            created(draft, addDays(today, -20));
            submitted(ctx, draft, addDays(today, -19));
            acknowledged(ctx, draft, addDays(today, -18));
            note(draft, addDays(today, -6), "cancelled", { reason: "patient-transferred-care", actionCode: "C" }, "assignee");
            break;
          default:
            throughDecision(ctx, draft, addDays(start, -24), "approved");
        }
        break;
      }
      case "renewal-due": {
        const to = addDays(today, rng.int(5, 28));
        const draft = make("renewal_due", start, to);
        throughDecision(ctx, draft, addDays(start, -24), "approved");
        for (const lead of [30, 14, 7]) {
          if (addDays(to, -lead) <= today) note(draft, addDays(to, -lead), lead === 30 ? "renewal-due" : "renewal-alert", { daysBeforeEnd: lead, reason: "end-date" });
        }
        if (story.successor) {
          const opened = story.successor === "draft" ? today : addDays(today, -8);
          const renewal = make(story.successor, addDays(to, 1), addDays(to, period));
          renewal.certificationType = "renewal";
          renewal.predecessorId = draft.id;
          if (story.successor === "draft") renewal.assigneeId = null;
          note(draft, opened, "renewal-started", { successorCaseId: renewal.id }, "assignee");
          created(renewal, opened);
          if (story.successor === "pending") {
            submitted(ctx, renewal, addDays(opened, 1));
            acknowledged(ctx, renewal, addDays(opened, 2));
          }
        }
        break;
      }
      case "renewed": {
        const oldTo = addDays(today, -20);
        const previous = make("superseded", start, oldTo);
        throughDecision(ctx, previous, addDays(start, -24), "approved");
        const renewal = make("approved", addDays(oldTo, 1), addDays(oldTo, period));
        renewal.certificationType = "renewal";
        renewal.predecessorId = previous.id;
        note(previous, addDays(oldTo, -30), "renewal-due", { daysBeforeEnd: 30, reason: "end-date" });
        note(previous, addDays(today, -52), "renewal-started", { successorCaseId: renewal.id }, "assignee");
        const movesSite = patient.payer.key === "summit" && regimen.facility.siteOfCare === "hopd_off_campus";
        const decidedOn = throughDecision(ctx, renewal, addDays(today, -52), "approved", movesSite ? { authorizedSite: "ambulatory_infusion_center" } : {});
        if (movesSite) renewal.tags.push("site-of-care");
        note(previous, addDays(decidedOn, 1), "superseded", { successorCaseId: renewal.id });
        break;
      }
      case "exhausted": {
        const draft = make("exhausted", start, addDays(start, period - 1));
        throughDecision(ctx, draft, addDays(start, -24), "approved", { authorizedDoses: 8 });
        draft.requestedDoses = 8;
        const eighth = regimen.infusions[7]?.day ?? addDays(today, -20);
        note(draft, addDays(eighth, 1), "units-exhausted", { authorizedDoses: 8, usedDoses: 8 });
        const extension = make("submitted", addDays(today, -4), addDays(start, period - 1));
        extension.certificationType = "extension";
        extension.predecessorId = draft.id;
        extension.requestedDoses = dosesIn(regimen, addDays(today, -4), addDays(start, period - 1));
        created(extension, addDays(today, -2));
        submitted(ctx, extension, addDays(today, -1));
        break;
      }
      case "expired": {
        const past = regimen.infusions.filter((i) => i.day < today);
        const to = addDays(past[past.length - 1]!.day, -3);
        const draft = make("expired", start, to);
        throughDecision(ctx, draft, addDays(start, -24), "approved");
        for (const lead of [30, 14, 7]) note(draft, addDays(to, -lead), lead === 30 ? "renewal-due" : "renewal-alert", { daysBeforeEnd: lead, reason: "end-date" });
        note(draft, addDays(to, 1), "expired", { effectiveTo: to });
        const late = make("information_requested", addDays(to, 1), addDays(to, period));
        late.certificationType = "renewal";
        late.predecessorId = draft.id;
        late.tags.push("retro-request");
        created(late, addDays(to, 2));
        submitted(ctx, late, addDays(to, 3));
        acknowledged(ctx, late, addDays(to, 4));
        const rfiOn = addDays(today, -3);
        informationRequested(late, rfiOn, addDays(rfiOn, ruleNumber(ruleFor(patient.payer, "rfi-due"), "days")), ["response-to-therapy-note"]);
        break;
      }
      case "voided":
      case "duplicate": {
        const draft = make("approved", start, addDays(start, period - 1));
        throughDecision(ctx, draft, addDays(start, -24), "approved");
        const other = make(story.kind, start, addDays(start, period - 1));
        const day = story.kind === "voided" ? addDays(start, -23) : addDays(today, -12);
        created(other, day);
        if (story.kind === "voided") note(other, addDays(day, 1), "voided", { reason: "entered-against-wrong-coverage" }, "assignee");
        else note(other, day, "marked-duplicate", { duplicateOfCaseId: draft.id }, "assignee");
        break;
      }
      case "dose-change": {
        const old = patient.regimens[0]!;
        const first = make("approved", old.startDate, addDays(old.startDate, period - 1), old);
        throughDecision(ctx, first, addDays(old.startDate, -24), "approved");
        const revised = make("submitted", regimen.startDate, addDays(old.startDate, period - 1));
        revised.certificationType = "revised";
        revised.predecessorId = first.id;
        revised.tags.push("dose-change");
        note(first, addDays(regimen.startDate, -2), "regimen-changed", { regimenId: regimen.id, replacesRegimenId: old.id, change: "dose" }, "assignee");
        created(revised, addDays(regimen.startDate, -2));
        submitted(ctx, revised, addDays(today, -1));
        break;
      }
      case "no-auth": {
        const draft = make("no_auth_required", start, addDays(start, 30));
        throughDecision(ctx, draft, addDays(start, -10), "no_auth_required", { reason: `${regimen.drug.hcpcs} is not on the ${patient.payer.name} prior authorization list` });
        break;
      }
    }
  }
  return drafts;
}
