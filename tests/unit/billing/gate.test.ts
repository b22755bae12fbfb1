// releaseGate(): each failing field holds with its reason and fix; findings hold; two lines never spend the same units.
import { diffHolds, releaseGate, type GateClaim, type GateLine } from "~/billing/gate";
import { IDS, NPI, TIN, makeApproval, makeCase } from "../authorizations/factories";

const NOW = new Date("2026-03-13T15:00:00Z");

function approvedCase(options: { units?: number; used?: number; mappedHcpcs?: string[]; administrationCodes?: string[] } = {}) {
  const { world } = makeCase({ status: "pending" });
  world.run(IDS.caseA, { type: "record-decision", ...makeApproval({ lines: [{ lineNumber: 1, authorizedUnits: options.units ?? 240, mappedHcpcs: options.mappedHcpcs ?? [] }] }) });
  world.run(IDS.caseA, { type: "sync-ledger", lines: [{ lineNumber: 1, usedUnits: options.used ?? 0, usedVisits: 0 }] });
  const state = world.state();
  if (!options.administrationCodes) return state;
  return { ...state, lines: state.lines.map((l) => ({ ...l, administrationCodes: options.administrationCodes ?? [] })) };
}

function drugLine(overrides: Partial<GateLine> = {}): GateLine {
  return { claimLineId: "line-1", lineNumber: 1, code: "J1745", kind: "drug", units: 40, dateOfService: "2026-03-12", modifiers: [], ndc11: "57894003001", ...overrides };
}

function makeGateClaim(overrides: Partial<GateClaim> = {}): GateClaim {
  return {
    claimId: "claim-1",
    patientId: IDS.patient,
    memberId: "SH123456789",
    payerId: IDS.payer,
    planId: IDS.plan,
    facilityNpi: NPI.facility,
    facilityTin: TIN,
    siteOfCare: "office",
    placeOfService: "11",
    renderingNpi: NPI.provider,
    diagnoses: ["K50.90"],
    weightKg: 80,
    lines: [drugLine()],
    findings: [],
    ...overrides,
  };
}

describe("releaseGate", () => {
  it("a clean claim under an approved case passes", () => {
    const result = releaseGate(makeGateClaim(), [approvedCase()], NOW);
    expect(result).toMatchObject({ pass: true, holds: [], lines: [{ claimLineId: "line-1", covered: true, caseId: IDS.caseA, authorizationLineNumber: 1 }] });
  });

  it("units over the remaining hold in the rule book's words", () => {
    const result = releaseGate(makeGateClaim(), [approvedCase({ units: 240, used: 215 })], NOW);
    expect(result.pass).toBe(false);
    expect(result.holds).toEqual([
      expect.objectContaining({ field: "units", reason: "units-exceeded", caseId: IDS.caseA, message: "Units exceed remaining: 40 billed, 25 left on auth SH-AUTH-1001."}),
    ]);
    expect(result.holds[0]?.fix).toMatch(/renewal or a revised request/);
  });

  it("units already taken off for this claim's own administration are given back first", () => {
    const credits = [{ caseId: IDS.caseA, lineNumber: 1, units: 40, visits: 1 }];
    expect(releaseGate(makeGateClaim(), [approvedCase({ units: 240, used: 220 })], NOW, credits).pass).toBe(true);
  });

  it("two lines on one claim cannot both spend the same units", () => {
    const claim = makeGateClaim({ lines: [drugLine(), drugLine({ claimLineId: "line-2", lineNumber: 2 })] });
    const result = releaseGate(claim, [approvedCase({ used: 180 })], NOW);
    expect(result.holds.map((h) => [h.claimLineId, h.reason])).toEqual([["line-2", "units-exceeded"]]);
  });

  it("JW waste is not counted against the units", () => {
    const claim = makeGateClaim({ lines: [drugLine(), drugLine({ claimLineId: "line-2", lineNumber: 2, units: 30, modifiers: ["JW"] })] });
    expect(releaseGate(claim, [approvedCase({ used: 200 })], NOW).pass).toBe(true);
  });

  it.each([
    ["member", { memberId: "SH000000000" }, "member-mismatch"],
    ["payer", { planId: IDS.caseC }, "coverage-changed"],
    ["provider", { renderingNpi: "1999999999" }, "provider-mismatch"],
    ["site", { siteOfCare: "hopd_on_campus" }, "site-of-care"],
    ["diagnosis", { diagnoses: ["M06.9"] }, "diagnosis-mismatch"],
    ["weight", { weightKg: undefined }, "missing-weight"],
  ] as const)("claim field %s holds alone (%j)", (field, overrides, reason) => {
    const result = releaseGate(makeGateClaim(overrides), [approvedCase()], NOW);
    expect(result.holds.map((h) => [h.field, h.reason])).toEqual([[field, reason]]);
    expect(result.holds[0]?.fix).not.toBe("");
  });

  it.each([
    ["hcpcs", { code: "J3380" }, "hcpcs-not-authorized"],
    ["ndc", { ndc11: undefined }, "missing-ndc"],
    ["dates", { dateOfService: "2026-07-15" }, "outside-dates"],
  ] as const)("line field %s holds alone (%j)", (field, overrides, reason) => {
    const result = releaseGate(makeGateClaim({ lines: [drugLine(overrides)] }), [approvedCase()], NOW);
    expect(result.holds.map((h) => [h.field, h.reason])).toEqual([[field, reason]]);
  });

  it("a biosimilar the payer mapped passes; unmapped it holds", () => {
    const claim = makeGateClaim({ lines: [drugLine({ code: "Q5103", referenceHcpcs: "J1745" })] });
    expect(releaseGate(claim, [approvedCase({ mappedHcpcs: ["Q5103"] })], NOW).pass).toBe(true);
    expect(releaseGate(claim, [approvedCase()], NOW).holds.map((h) => h.reason)).toEqual(["biosimilar-not-mapped"]);
  });

  it("a pending case holds with the case that would clear it", () => {
    const { state } = makeCase({ status: "pending" });
    const result = releaseGate(makeGateClaim(), [state], NOW);
    expect(result.holds).toContainEqual(expect.objectContaining({ field: "status", reason: "authorization-pending", caseId: IDS.caseA }));
  });

  it("no case at all holds as no-authorization", () => {
    expect(releaseGate(makeGateClaim(), [], NOW).holds).toEqual([expect.objectContaining({ reason: "no-authorization", caseId: null })]);
  });

  it("administration lines are gated only where the payer authorizes them", () => {
    const admin = drugLine({ claimLineId: "line-2", lineNumber: 2, code: "96365", kind: "administration", units: 1, ndc11: undefined });
    const claim = makeGateClaim({ lines: [drugLine(), admin], siteOfCare: "office" });
    expect(releaseGate(claim, [approvedCase()], NOW).lines.map((l) => l.claimLineId)).toEqual(["line-1"]);
    const authorizing = releaseGate(claim, [approvedCase({ administrationCodes: ["96365"] })], NOW);
    expect(authorizing.pass).toBe(true);
    expect(authorizing.lines.map((l) => l.claimLineId)).toEqual(["line-1", "line-2"]);
  });

  it("an administration line goes with the authorizing case in force, not the first one on file", () => {
    const admin = drugLine({ claimLineId: "line-2", lineNumber: 2, code: "96365", kind: "administration", units: 1, ndc11: undefined });
    const claim = makeGateClaim({ lines: [drugLine(), admin], siteOfCare: "office" });
    const current = approvedCase({ administrationCodes: ["96365"] });
    const lastYear: typeof current = { ...current, caseId: "case-last-year", authorization: { ...current.authorization!, effectiveFrom: "2025-01-15", effectiveTo: "2025-07-14" } };
    const result = releaseGate(claim, [lastYear, current], NOW);
    expect(result.holds).toEqual([]);
    expect(result.lines.map((l) => [l.claimLineId, l.caseId])).toEqual([
      ["line-1", current.caseId],
      ["line-2", current.caseId],
    ]);
  });

  it("an error finding holds; a warning holds until acknowledged; info never holds", () => {
    const finding = { findingId: "f1", rule: "DRUG_NDC_MISSING", message: "NDC missing", lineNumber: 1, acknowledged: false } as const;
    const withFindings = (findings: GateClaim["findings"]) => releaseGate(makeGateClaim({ findings }), [approvedCase()], NOW);
    expect(withFindings([{ ...finding, severity: "error" }]).holds).toEqual([expect.objectContaining({ field: "coding", reason: "coding-error", claimLineId: "line-1" })]);
    const warning = withFindings([{ ...finding, severity: "warning" }]).holds;
    expect(warning.map((h) => h.reason)).toEqual(["coding-warning"]);
    expect(warning[0]?.fix).toMatch(/acknowledge/);
    expect(withFindings([{ ...finding, severity: "warning", acknowledged: true }]).pass).toBe(true);
    expect(withFindings([{ ...finding, severity: "info" }]).pass).toBe(true);
  });
});

describe("diffHolds", () => {
  it("keeps what is still failing, opens what is new, closes what passed", () => {
    const hold = (reason: string) => ({ claimLineId: "l1", lineNumber: 1, reason, field: "units" as const, message: "", fix: "", caseId: "c1" });
    const { toOpen, toClose } = diffHolds([hold("a"), hold("b")], [hold("b"), hold("c"), hold("c")]);
    expect(toOpen.map((h) => h.reason)).toEqual(["c"]);
    expect(toClose.map((h) => h.reason)).toEqual(["a"]);
  });
});
