// Regimen change against an active authorization: what is no longer covered, the drafted revised request, holds.
import { type RegimenLineInput, RegimenLineSchema, regimenChangeImpact } from "~/authorizations";
import { IDS, makeApproval, makeCase } from "./factories";

const regimen = (overrides: Partial<RegimenLineInput> = {}) =>
  RegimenLineSchema.parse({ hcpcs: "J1745", dose: { value: 5, unit: "mg", basis: "per_kg" }, unitsPerDose: 40, intervalDays: 56, administrations: 4, siteOfCare: "office", effectiveFrom: "2026-03-12", ...overrides });

function active(mappedHcpcs: string[] = []) {
  const { world } = makeCase({ status: "pending" });
  world.run(IDS.caseA, { type: "record-decision", ...makeApproval({ lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs }] }) });
  world.run(IDS.caseA, { type: "sync-ledger", lines: [{ lineNumber: 1, usedUnits: 80, usedVisits: 2 }] });
  return world.state();
}

describe("regimenChangeImpact", () => {
  it("the same regimen changes nothing", () => {
    expect(regimenChangeImpact(active(), regimen())).toEqual({ covered: true, changes: [], uncovered: [], holds: [], onHold: [] });
  });

  it("a lower dose stays covered", () => {
    const impact = regimenChangeImpact(active(), regimen({ dose: { value: 3, unit: "mg", basis: "per_kg" }, unitsPerDose: 24 }));
    expect(impact).toMatchObject({ covered: true, changes: [{ kind: "dose", covered: true, from: "5 mg/kg", to: "3 mg/kg" }] });
  });

  it("a higher dose needs more units per dose than authorized", () => {
    const impact = regimenChangeImpact(active(), regimen({ dose: { value: 10, unit: "mg", basis: "per_kg" }, unitsPerDose: 80 }), { revisedCaseId: IDS.caseB });
    expect(impact.uncovered).toEqual([expect.objectContaining({ kind: "dose", field: "units", message: "Dose change from 5 mg/kg to 10 mg/kg needs 80 units per dose; the authorization allows 40." })]);
    expect(impact.holds).toEqual([expect.objectContaining({ field: "units", hcpcs: "J1745", from: "2026-03-12", fix: `Get the revised request (case ${IDS.caseB}) approved; the hold is released when it is.` })]);
    expect(impact.revisedRequest).toMatchObject({
      type: "create-case",
      caseId: IDS.caseB,
      certificationType: "revised",
      predecessorCaseId: IDS.caseA,
      requestedFrom: "2026-03-12",
      requestedTo: "2026-07-14",
      lines: [{ hcpcs: "J1745", unitsPerDose: 80, administrations: 3, intervalDays: 56 }],
      tags: ["regimen-change"],
    });
  });

  it("a shorter interval runs out of units: only the doses past the remaining units are held", () => {
    // 160 units left; every 28 days from 12 March to 14 July is 5 doses × 40 = 200 units: the 5th (2 July) is not covered.
    const impact = regimenChangeImpact(active(), regimen({ intervalDays: 28, administrations: 8 }), {
      affected: [
        { kind: "scheduled_visit", id: "v-jun", on: "2026-06-04" },
        { kind: "scheduled_visit", id: "v-jul", on: "2026-07-02" },
      ],
    });
    expect(impact.uncovered).toEqual([expect.objectContaining({ kind: "interval", uncoveredFrom: "2026-07-02" })]);
    expect(impact.onHold.map((i) => i.id)).toEqual(["v-jul"]);
    expect(impact.revisedRequest).toBeUndefined();
    expect(impact.holds[0]?.fix).toBe("Submit a revised request to the payer for the new regimen.");
  });

  it("a biosimilar switch is covered only when the payer mapped it", () => {
    const switchTo = regimen({ hcpcs: "Q5103", referenceHcpcs: "J1745" });
    expect(regimenChangeImpact(active(), switchTo).uncovered).toEqual([
      expect.objectContaining({ kind: "biosimilar", field: "hcpcs", message: "Biosimilar switch from J1745 to Q5103: the payer has not mapped Q5103 to this authorization." }),
    ]);
    expect(regimenChangeImpact(active(["Q5103"]), switchTo)).toMatchObject({ covered: true, changes: [{ kind: "biosimilar", covered: true }] });
  });

  it("a different drug is never covered", () => {
    expect(regimenChangeImpact(active(), regimen({ hcpcs: "J3380", unitsPerDose: 300 })).uncovered).toEqual([expect.objectContaining({ kind: "drug", field: "hcpcs" })]);
  });

  it("a move to another site or facility is not covered", () => {
    const impact = regimenChangeImpact(active(), regimen({ siteOfCare: "home" }), { revisedCaseId: IDS.caseB });
    expect(impact.uncovered.map((c) => [c.kind, c.field])).toEqual([["site", "site"]]);
    expect(impact.revisedRequest).toMatchObject({ requestedSiteOfCare: "home", facility: { siteOfCare: "home" } });
  });
});
