// coverage(): every field of the claim-release gate fails on its own, with a message and a fix.
import { type CoverageScheduledVisit, codingAuthorizations, coverage } from "~/authorizations";
import type { CodeOptions } from "~/coding";
import { IDS, NPI, World, containing, makeClaimLine, makeApproval, makeCase, makeCreateCommand, uuid } from "./factories";

function approvedCase(mappedHcpcs: string[] = []) {
  const { world } = makeCase({ status: "pending" });
  world.run(IDS.caseA, { type: "record-decision", ...makeApproval({ lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs }] }) });
  world.run(IDS.caseA, { type: "sync-ledger", lines: [{ lineNumber: 1, usedUnits: 200, usedVisits: 5 }] });
  return world.state();
}

const claimLine = makeClaimLine;

const NOW = new Date("2026-03-13T15:00:00Z");

describe("coverage", () => {
  it("a matching claim line is covered by the case", () => {
    expect(coverage(claimLine(), [approvedCase()], NOW)).toEqual({ covered: true, caseId: IDS.caseA, authorizationNumber: "SH-AUTH-1001", lineNumber: 1, failures: [] });
  });

  it.each([
    ["member", { memberId: "SH000000000" }, "member-mismatch"],
    ["payer", { planId: IDS.caseC }, "coverage-changed"],
    ["provider", { facilityNpi: "1111111111" }, "provider-mismatch"],
    ["provider", { renderingNpi: "1999999999" }, "provider-mismatch"],
    ["site", { siteOfCare: "hopd_on_campus" }, "site-of-care"],
    ["site", { placeOfService: "22" }, "site-of-care"],
    ["hcpcs", { hcpcs: "J3380" }, "hcpcs-not-authorized"],
    ["hcpcs", { hcpcs: "Q5103", referenceHcpcs: "J1745" }, "biosimilar-not-mapped"],
    ["units", { units: 41 }, "units-exceeded"],
    ["dates", { dateOfService: "2026-07-15" }, "outside-dates"],
    ["dates", { dateOfService: "2026-01-14" }, "outside-dates"],
    ["diagnosis", { diagnoses: ["M06.9"] }, "diagnosis-mismatch"],
    ["diagnosis", { diagnoses: [] }, "diagnosis-missing"],
    ["ndc", { ndc11: undefined }, "missing-ndc"],
    ["weight", { weightKg: undefined }, "missing-weight"],
  ] as const)("%s fails alone (%j)", (field, overrides, reason) => {
    const result = coverage(claimLine(overrides), [approvedCase()], NOW);
    expect(result.covered).toBe(false);
    expect(result.failures.map((f) => [f.field, f.reason])).toEqual([[field, reason]]);
    expect(result.failures[0]?.message).not.toBe("");
    expect(result.failures[0]?.fix).not.toBe("");
  });

  it("a biosimilar the payer mapped is covered", () => {
    expect(coverage(claimLine({ hcpcs: "Q5103", referenceHcpcs: "J1745" }), [approvedCase(["Q5103"])], NOW).covered).toBe(true);
  });

  it.each([
    ["pending", "authorization-pending"],
    ["denied", "authorization-denied"],
    ["appeal", "authorization-denied"],
    ["cancelled", "no-authorization"],
  ] as const)("status: a %s case covers nothing", (status, reason) => {
    const { state } = makeCase({ status });
    const result = coverage(claimLine(), [state], NOW);
    expect(result.failures.map((f) => [f.field, f.reason])).toContainEqual(["status", reason]);
  });

  it("lists every failing field of the best candidate at once", () => {
    const result = coverage(claimLine({ memberId: "X", units: 99, ndc11: undefined, dateOfService: "2026-08-01" }), [approvedCase()], NOW);
    expect(result.failures.map((f) => f.field)).toEqual(["member", "units", "dates", "ndc"]);
  });

  it("picks the candidate with the fewest failures, and never another patient's case", () => {
    const world = new World();
    world.run(IDS.caseB, makeCreateCommand({ caseId: IDS.caseB, lines: [{ hcpcs: "J3380", dose: { value: 300, unit: "mg" }, unitsPerDose: 300, administrations: 6 }] }));
    const other = new World();
    other.run(IDS.caseC, makeCreateCommand({ caseId: IDS.caseC, patient: { patientId: uuid(0x99) } }));
    const result = coverage(claimLine(), [world.state(IDS.caseB), approvedCase(), other.state(IDS.caseC)], NOW);
    expect(result).toMatchObject({ covered: true, caseId: IDS.caseA });
    expect(coverage(claimLine({ patientId: uuid(0x77) }), [approvedCase()], NOW)).toEqual({
      covered: false,
      failures: [expect.objectContaining({ field: "status", reason: "no-authorization", fix: "Open an authorization case for J1745 with the patient's payer." })],
    });
  });

  it("a scheduled visit counts the doses booked before it (booked beyond authorization)", () => {
    const { world } = makeCase({ status: "approved" });
    world.run(IDS.caseA, {
      type: "sync-ledger",
      lines: [{ lineNumber: 1, usedUnits: 160, usedVisits: 4 }],
      upcoming: [
        { on: "2026-05-07", lineNumber: 1, units: 40, visits: 1 },
        { on: "2026-07-02", lineNumber: 1, units: 40, visits: 1 },
      ],
    });
    const visit = (date: string): CoverageScheduledVisit => ({ kind: "scheduled_visit", patientId: IDS.patient, memberId: "SH123456789", payerId: IDS.payer, planId: IDS.plan, facilityNpi: NPI.facility, siteOfCare: "office", hcpcs: "J1745", units: 40, date });
    expect(coverage(visit("2026-05-07"), [world.state()], NOW).covered).toBe(true);
    expect(coverage(visit("2026-07-02"), [world.state()], NOW).covered).toBe(true);
    expect(coverage(visit("2026-07-10"), [world.state()], NOW).failures).toEqual([expect.objectContaining({ field: "units", message: containing("2 doses booked before") })]);
  });

  it("hands the coding engine the authorized lines, mapped biosimilars included", () => {
    const coding: CodeOptions = { authorizations: codingAuthorizations(approvedCase(["Q5103"])) };
    expect(coding.authorizations).toEqual([
      { hcpcs: "J1745", from: "2026-01-15", to: "2026-07-14", remainingUnits: 40 },
      { hcpcs: "Q5103", from: "2026-01-15", to: "2026-07-14", remainingUnits: 40 },
    ]);
    expect(codingAuthorizations(makeCase({ status: "superseded" }).state)[0]).toMatchObject({ to: "2026-07-14" });
    expect(codingAuthorizations(makeCase({ status: "denied" }).state)).toEqual([]);
  });
});
