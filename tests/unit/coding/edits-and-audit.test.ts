// Edits from the loaded CMS sample files (MUE, NCCI PTP) and the audit of billed lines.
import { at, code, infusion, makeDrug, push, rules } from "./support";

describe("MUE from the loaded table", () => {
  it("J1745 above the practitioner MUE of 150 units (rule book example value)", () => {
    const claim = code({ administrations: [infusion("a1", "therapeutic", "09:00", 120, { drug: makeDrug("J1745", 1600) })] });
    const finding = claim.findings.find((f) => f.rule === "EDIT_MUE_EXCEEDED");
    expect(finding).toMatchObject({ severity: "error", line: claim.lines.findIndex((l) => l.code === "J1745") + 1 });
    expect(finding?.message).toContain("MUE of 150 (MAI 3");
  });

  it("MAI 1 is checked per line (J2405 line edit of 8)", () => {
    const claim = code({ administrations: [push("p1", "therapeutic", "09:00", makeDrug("J2405", 16))] });
    expect(claim.findings.find((f) => f.rule === "EDIT_MUE_EXCEEDED")?.message).toContain("on one line");
  });

  it("the facility claim uses the outpatient hospital table (no J2405 row there)", () => {
    const claim = code({ setting: "facility", administrations: [push("p1", "therapeutic", "09:00", makeDrug("J2405", 16))] });
    expect(rules(claim)).not.toContain("EDIT_MUE_EXCEEDED");
  });
});

describe("NCCI PTP from the loaded table", () => {
  it("modifier indicator 1 without an NCCI-associated modifier: warning on the column 2 line", () => {
    const claim = code({
      administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: makeDrug("J1745", 300), primary: true }), { id: "i1", kind: "therapeutic", route: "intramuscular", start: at("10:30"), drug: makeDrug("J0897", 60) }],
    });
    const finding = claim.findings.find((f) => f.rule === "EDIT_NCCI_PTP_MODIFIER_REQUIRED");
    expect(finding?.line).toBe(claim.lines.findIndex((l) => l.code === "96372") + 1);
  });

  it("modifier indicator 0: not allowed", () => {
    const claim = code({
      administrations: [{ id: "i1", kind: "chemotherapy", route: "subcutaneous", drug: makeDrug("J9999", 10, { name: "azacitidine", ndc: "12345-0999-01" }) }, { id: "i2", kind: "therapeutic", route: "intramuscular", drug: makeDrug("J0897", 60) }],
    });
    expect(claim.findings.find((f) => f.rule === "EDIT_NCCI_PTP_NOT_ALLOWED")?.severity).toBe("error");
  });

  it("the hospital table applies to facility claims (C8957 / 96365 hospital-only sample edit)", () => {
    const claim = code({
      setting: "facility",
      administrations: [
        { id: "p1", kind: "therapeutic", route: "iv-infusion", start: at("08:00"), pump: true, drug: makeDrug("J1100", 10) },
        infusion("a1", "therapeutic", "09:00", 60, { drug: makeDrug("J1745", 300), accessSite: "arm", separateSiteRequired: false }),
      ],
    });
    expect(rules(claim)).toContain("EDIT_NCCI_PTP_MODIFIER_REQUIRED");
  });
});

describe("authorization coverage (from the authorization module)", () => {
  const visit = (authorizations: { hcpcs: string; from: string; to: string; remainingUnits?: number }[]) =>
    code({ administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: makeDrug("J1745", 300) })] }, { authorizations });

  it("a drug without a valid authorization is an error", () => {
    expect(rules(visit([{ hcpcs: "J1745", from: "2024-01-01", to: "2024-12-31" }]))).toContain("DRUG_NOT_AUTHORIZED");
  });
  it("units beyond what is left are an error; enough units pass", () => {
    expect(rules(visit([{ hcpcs: "J1745", from: "2025-01-01", to: "2025-12-31", remainingUnits: 20 }]))).toContain("DRUG_NOT_AUTHORIZED");
    expect(rules(visit([{ hcpcs: "J1745", from: "2025-01-01", to: "2025-12-31", remainingUnits: 30 }]))).not.toContain("DRUG_NOT_AUTHORIZED");
  });
});

describe("audit of billed lines", () => {
  const base = {
    administrations: [
      infusion("a1", "therapeutic", "09:00", 60, { primary: true, drug: makeDrug("J1745", 350, { singleDose: true, vials: [{ quantity: 100, unit: "mg" as const }] }) }),
      push("p1", "therapeutic", "10:10", makeDrug("J2405", 8)),
    ],
  };
  const audit = (billedLines: { code: string; units: number; modifiers?: string[] }[], extra: object = {}) => code({ ...base, ...extra, billedLines });

  it("a correct claim has no audit findings", () => {
    const claim = audit([{ code: "96365", units: 1 }, { code: "96375", units: 1 }, { code: "J1745", units: 35 }, { code: "J1745", units: 5, modifiers: ["JW"] }, { code: "J2405", units: 8 }]);
    expect(claim.findings.filter((f) => f.billedLine !== undefined || f.rule.startsWith("AUDIT"))).toEqual([]);
  });

  it("JW and JZ on one drug, JW without administered line, unit miscalculation", () => {
    const claim = audit([{ code: "96365", units: 1 }, { code: "96375", units: 1 }, { code: "J1745", units: 40, modifiers: ["JW", "JZ"] }, { code: "J2405", units: 8 }]);
    expect(rules(claim)).toEqual(expect.arrayContaining(["DRUG_JW_JZ_BOTH", "DRUG_JW_WITHOUT_ADMINISTERED", "AUDIT_LINE_MISSING", "UNITS_MISMATCH"]));
    const units = audit([{ code: "96365", units: 1 }, { code: "96375", units: 1 }, { code: "J1745", units: 40 }, { code: "J2405", units: 8 }]);
    expect(units.findings.find((f) => f.rule === "UNITS_MISMATCH")).toMatchObject({ billedLine: 3, severity: "error" });
    expect(rules(units)).toContain("DRUG_WASTE_MODIFIER_MISSING");
  });

  it("96376 on a professional claim, add-on without its base, second initial without 59/X modifier", () => {
    const claim = audit([{ code: "96365", units: 1 }, { code: "96374", units: 1 }, { code: "96376", units: 1 }, { code: "96366", units: 1, modifiers: [] }]);
    expect(rules(claim)).toEqual(expect.arrayContaining(["ADMIN_96376_PROFESSIONAL", "ADMIN_SECOND_INITIAL_MODIFIER"]));
    const noBase = audit([{ code: "96375", units: 1 }]);
    expect(rules(noBase)).toContain("ADMIN_ADDON_WITHOUT_BASE");
  });

  it("E/M with drug administration: 99211 never; others need 25", () => {
    const claim = audit([{ code: "96365", units: 1 }, { code: "99211", units: 1 }, { code: "99213", units: 1 }]);
    expect(rules(claim)).toEqual(expect.arrayContaining(["EM_99211_WITH_ADMINISTRATION", "EM_MODIFIER_25_MISSING"]));
    expect(rules(audit([{ code: "96365", units: 1 }, { code: "99213", units: 1, modifiers: ["25"] }]))).not.toContain("EM_MODIFIER_25_MISSING");
  });

  it("white-bag drug billed with a charge line; TB/JG on a non-340B drug", () => {
    const whiteBag = code({ administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: makeDrug("J2350", 600, { supply: "white-bag" }) })], billedLines: [{ code: "96365", units: 1 }, { code: "J2350", units: 600 }] });
    expect(rules(whiteBag)).toContain("DRUG_WHITE_BAG_CHARGE_LINE");
    const tb = audit([{ code: "96365", units: 1 }, { code: "J2405", units: 8, modifiers: ["TB"] }], { setting: "facility", facility: { program340B: true } });
    expect(rules(tb)).toContain("DRUG_340B_ON_NON_340B");
  });

  it("wrong 340B modifier for the date: JG in 2024 at a cancer hospital should be TB", () => {
    const claim = code({
      setting: "facility",
      dateOfService: "2024-05-01",
      facility: { program340B: true, type: "cancer" },
      administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: makeDrug("J2405", 8, { acquired340B: true }) })].map((a) => ({ ...a, start: "2024-05-01T09:00", stop: "2024-05-01T10:00" })),
      billedLines: [{ code: "96365", units: 1 }, { code: "J2405", units: 8, modifiers: ["JG"] }],
    });
    expect(rules(claim)).toContain("DRUG_340B_MODIFIER_WRONG");
  });
});
