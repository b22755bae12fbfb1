// Claims for the past visits, run through the claim-release gate: a visit covered by an authorization deducts its
// units in the ledger and is ready (or released, once billed); one that is not gets a hold with the field and the fix.
import { RULES } from "../../app/coding/findings";
import { demoAtRiskCents } from "./coding";
import type { CaseRef } from "./cases";
import type { EncounterRef } from "./encounters";
import type { Organization } from "./organization";
import { addDays, at } from "./random";
import type { AuthorizationStatus } from "./scenarios";
import type { Context, Row } from "./types";

const coveringStatuses: AuthorizationStatus[] = ["approved", "partially_approved", "modified", "renewal_due", "superseded", "exhausted", "expired"];
const openStatuses: AuthorizationStatus[] = ["draft", "submitted", "pending", "information_requested", "peer_to_peer", "appeal"];

interface HoldDraft {
  reason: string;
  field: string;
  message: string;
  fix: string;
  caseId: string | null;
  lineId: string | null;
}

export function buildClaims(ctx: Context, org: Organization, cases: CaseRef[], encounters: EncounterRef[]): void {
  const { rng, data, today, organizationId } = ctx;
  const used = new Map<string, number>();
  const ordered = [...encounters].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const encounterRows = new Map(data.encounters.map((row) => [row.id!, row]));
  let claimCount = 0;

  const addLedger = (c: CaseRef, kind: Row<"unitLedgerEntries">["kind"], units: number, sourceType: string, sourceId: string, occurredOn: string, note: string | null = null) => {
    // Units and visits both: the case's unit type decides which one counts against the authorization.
    const visits = c.state.unitType === "visits";
    data.unitLedgerEntries.push({
      id: rng.uuid(),
      organizationId,
      caseId: c.draft.id,
      lineId: c.lineId,
      kind,
      units,
      visits: Math.sign(units),
      sourceType,
      sourceId,
      occurredOn,
      note,
      createdAt: at(occurredOn, 18),
    });
    used.set(c.draft.id, (used.get(c.draft.id) ?? 0) - (visits ? Math.sign(units) : units));
  };

  const releasedHoldPatients = new Set<string>();
  for (const encounter of ordered) {
    const { patient, day } = encounter;
    const hcpcs = encounter.regimen.drug.hcpcs;
    const mine = cases.filter((c) => c.draft.patient.id === patient.id && c.draft.regimen.drug.hcpcs === hcpcs);
    const open = mine.find((c) => openStatuses.includes(c.state.status)) ?? null;
    const covering = [...mine]
      .reverse()
      .find((c) => coveringStatuses.includes(c.state.status) && c.state.authorization !== undefined && c.state.authorization.effectiveFrom <= day && day <= c.state.authorization.effectiveTo);
    const noAuth = mine.find((c) => c.state.status === "no_auth_required");
    const drugLine = encounter.lines.find((l) => l.authorized)!;
    const lineRef = `claimLines[${encounter.lines.indexOf(drugLine) + 1}]`;
    const holds: HoldDraft[] = [];
    const need = covering?.state.unitType === "visits" ? 1 : encounter.drugUnits;

    if (covering) {
      const remaining = (covering.authorizedTotal ?? 0) - (used.get(covering.draft.id) ?? 0);
      if (need > covering.perDose * 1.5 || need > remaining) {
        const perDose = need > covering.perDose * 1.5;
        holds.push({
          reason: "units-exceeded",
          field: `${lineRef}.units`,
          message: perDose
            ? `${need} units of ${hcpcs} exceed the ${covering.perDose} units per dose authorized on ${covering.row.caseNumber}`
            : `${need} ${covering.state.unitType} needed; ${remaining} remain on ${covering.row.caseNumber} (${covering.row.authorizationNumber})`,
          fix: open ? `Get ${open.row.caseNumber} (${open.state.certificationType}) approved; the claim is re-evaluated when it is` : "Request additional units from the payer, or correct the units",
          caseId: (open ?? covering).draft.id,
          lineId: drugLine.id,
        });
      }
      const authorizedSite = covering.state.authorization?.siteOfCare;
      if (authorizedSite && authorizedSite !== encounter.facility.siteOfCare) {
        holds.push({
          reason: "site-of-care",
          field: "facility.siteOfCare",
          message: `${covering.row.caseNumber} authorizes ${authorizedSite.replaceAll("_", " ")}; this visit was at ${encounter.facility.siteOfCare.replaceAll("_", " ")} (POS ${encounter.facility.placeOfService})`,
          fix: "Move the remaining doses to the infusion suite, or request a site-of-care exception with the checklist evidence",
          caseId: covering.draft.id,
          lineId: null,
        });
      }
    } else if (!noAuth) {
      const ended = [...mine].reverse().find((c) => c.state.authorization !== undefined && c.state.authorization.effectiveTo < day);
      holds.push(
        ended
          ? {
              reason: "authorization-expired",
              field: "dateOfService",
              message: `Authorization ${ended.row.authorizationNumber} on ${ended.row.caseNumber} ended ${ended.state.authorization?.effectiveTo}; the service date is ${day}`,
              fix: open ? `Answer the payer's request on ${open.row.caseNumber} and ask for a start date that covers ${day}` : "Request a retro authorization",
              caseId: (open ?? ended).draft.id,
              lineId: drugLine.id,
            }
          : {
              reason: "no-authorization",
              field: "authorization",
              message: `No approved authorization covers ${hcpcs} on ${day}${open ? ` (${open.row.caseNumber} is ${open.state.status.replaceAll("_", " ")})` : ""}`,
              fix: open ? `Record the payer's decision on ${open.row.caseNumber}; the claim is released automatically once it is approved` : "Open an authorization case",
              caseId: open?.draft.id ?? null,
              lineId: drugLine.id,
            },
      );
    }
    if (encounter.missingNdc) {
      holds.push({ reason: "missing-ndc", field: `${lineRef}.ndc11`, message: `The ${hcpcs} line has no NDC-11`, fix: "Add the NDC from the vial label in the administration record", caseId: null, lineId: drugLine.id });
    }

    const recent = day >= addDays(today, -14);
    const status: Row<"claims">["status"] = holds.length > 0 ? "held" : recent ? "ready" : "released";
    const releasedOn = addDays(day, 3);
    const claimId = rng.uuid();
    const total = encounter.lines.reduce((sum, l) => sum + l.chargeCents, 0);
    const matched = holds.length === 0 ? (covering ?? noAuth ?? null) : null;
    const codedAt = at(addDays(day, 1), 7, 15);
    data.claims.push({
      id: claimId,
      organizationId,
      claimNumber: `CLM-${String(++claimCount).padStart(6, "0")}`,
      encounterId: encounter.id,
      patientId: patient.id,
      coverageId: patient.coverageId,
      setting: encounter.setting,
      status,
      totalChargeCents: total,
      releasedAt: status === "released" ? at(releasedOn, 15) : null,
      createdAt: codedAt,
      updatedAt: status === "released" ? at(releasedOn, 15) : codedAt,
    });
    encounterRows.get(encounter.id)!.status = status === "released" ? "billed" : "coded";
    encounter.lines.forEach((line, i) => {
      data.claimLines.push({
        id: line.id,
        organizationId,
        claimId,
        lineNumber: i + 1,
        code: line.code,
        modifiers: line.modifiers,
        units: line.units,
        dateOfService: day,
        ndc11: line.ndc11,
        ndcQualifier: line.ndcQualifier,
        ndcQuantity: line.ndcQuantity,
        revenueCode: line.revenueCode,
        note: null,
        chargeCents: line.chargeCents,
        administrationIds: line.administrationIds,
        caseId: line.authorized && matched ? matched.draft.id : null,
        createdAt: codedAt,
      });
    });
    // A line hold risks its line; a claim-level hold risks every drug line the authorization has to cover.
    const atRisk = (lineId: string | null) =>
      encounter.lines.filter((l) => (lineId ? l.id === lineId : l.authorized)).reduce((sum, l) => sum + demoAtRiskCents(l.code, l.units), 0);
    for (const hold of holds) {
      data.claimHolds.push({
        id: rng.uuid(),
        organizationId,
        claimId,
        claimLineId: hold.lineId,
        reason: hold.reason,
        field: hold.field,
        message: hold.message,
        fix: hold.fix,
        caseId: hold.caseId,
        ownerUserId: org.users.biller,
        openedAt: codedAt,
        releasedAt: null,
        releasedById: null,
        overrideReason: null,
        atRiskCents: atRisk(hold.lineId),
      });
    }
    // The coding engine's finding behind a missing-NDC hold: an error, so the gate keeps the claim held until it is fixed.
    if (encounter.missingNdc) {
      data.claimFindings.push({
        id: rng.uuid(),
        organizationId,
        claimId,
        lineNumber: encounter.lines.indexOf(drugLine) + 1,
        rule: "DRUG_NDC_MISSING",
        severity: "error",
        message: `NDC missing on the ${hcpcs} line: payers require the NDC-11 of the vial given`,
        administrationId: null,
        source: RULES.DRUG_NDC_MISSING.source,
        acknowledgedAt: null,
        acknowledgedById: null,
        createdAt: codedAt,
      });
    }
    // An older claim that was held for a missing NDC, fixed by the biller and released.
    if (status === "released" && patient.scenario.releasedHold && !releasedHoldPatients.has(patient.id)) {
      releasedHoldPatients.add(patient.id);
      data.claimHolds.push({
        id: rng.uuid(),
        organizationId,
        claimId,
        claimLineId: drugLine.id,
        reason: "missing-ndc",
        field: `${lineRef}.ndc11`,
        message: `The ${hcpcs} line had no NDC-11`,
        fix: "Add the NDC from the vial label in the administration record",
        caseId: null,
        ownerUserId: org.users.biller,
        openedAt: codedAt,
        releasedAt: at(addDays(day, 2), 11),
        releasedById: org.users.biller,
        overrideReason: null,
        atRiskCents: atRisk(drugLine.id),
      });
    }

    // The ledger: the administration deducts; once billed, the claim line replaces it.
    if (matched && matched.state.status !== "no_auth_required") {
      addLedger(matched, "administered", -need, "administration", encounter.drugAdministrationId, day);
      if (status === "released") {
        addLedger(matched, "reversal", need, "administration", encounter.drugAdministrationId, releasedOn, "Replaced by the billed claim line");
        addLedger(matched, "billed", -need, "claim-line", drugLine.id, releasedOn);
      }
    }

    // A dual-eligible patient's latest billed visit also has a secondary claim being prepared.
    const lastReleased = status === "released" && !ordered.some((e) => e.patient.id === patient.id && e.day > day && e.day < addDays(today, -14));
    if (patient.secondaryCoverageId && lastReleased) {
      data.claims.push({
        id: rng.uuid(),
        organizationId,
        claimNumber: `CLM-${String(++claimCount).padStart(6, "0")}`,
        encounterId: encounter.id,
        patientId: patient.id,
        coverageId: patient.secondaryCoverageId,
        setting: encounter.setting,
        status: "draft",
        totalChargeCents: total,
        releasedAt: null,
        createdAt: at(addDays(releasedOn, 10), 9),
        updatedAt: at(addDays(releasedOn, 10), 9),
      });
    }
  }
}
