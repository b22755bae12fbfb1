// Drug lines (rule book §2): units, waste (JW/JZ), NDC, NOC, white bag, 340B, facility revenue codes.
import { NDC, code, infusion, makeDrug, rules, summary } from "./support";

const sdv = (hcpcs: string, dose: number, vials: number[], extra: Parameters<typeof makeDrug>[2] = {}) =>
  makeDrug(hcpcs, dose, { singleDose: true, vials: vials.map((quantity) => ({ quantity, unit: "mg" as const })), ...extra });

const one = (drug: ReturnType<typeof makeDrug>, overrides: Parameters<typeof code>[0] = {}) =>
  code({ ...overrides, administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug })] });

describe("units", () => {
  it.each([
    ["J1745", 350, 35], ["J1745", 345, 35], ["J1745", 341, 35], ["J9271", 200, 200], ["J1200", 25, 1], ["J2930", 40, 1], ["J2930", 250, 2], ["J9045", 450, 9], ["J9045", 451, 10],
  ])("%s %i mg → %i unit(s) (round up, minimum 1: Pub. 100-04 ch. 17 §10)", (hcpcs, dose, units) => {
    expect(one(makeDrug(hcpcs, dose)).lines.find((l) => l.code === hcpcs)?.units).toBe(units);
  });

  it("converts g and mcg to the billing unit", () => {
    expect(one(makeDrug("J1569", 10, { dose: { value: 10, unit: "g" } })).lines.find((l) => l.code === "J1569")?.units).toBe(20);
    expect(one(makeDrug("J1100", 0, { dose: { value: 4000, unit: "mcg" } })).lines.find((l) => l.code === "J1100")?.units).toBe(4);
  });

  it("normal saline by volume: 1000 mL of J7050 (250 cc) → 4 units", () => {
    expect(one(makeDrug("J7050", 0, { dose: { value: 1000, unit: "mL" }, ndc: "12345-0705-10" })).lines.find((l) => l.code === "J7050")?.units).toBe(4);
  });

  it("a dose that cannot be converted is an error, never a guess", () => {
    const claim = one(makeDrug("J1745", 0, { dose: { value: 20, unit: "mL" } }));
    expect(claim.lines.some((l) => l.code === "J1745")).toBe(false);
    expect(claim.findings.find((f) => f.rule === "DRUG_DOSE_UNCONVERTIBLE")?.severity).toBe("error");
  });

  it("the ASP file of the date of service gives the billing unit; a code absent that quarter is unknown", () => {
    expect(summary(one(makeDrug("J9022", 1200, { ndc: "50242-0917-01" }), { dateOfService: "2025-02-10" }), "drug")).toEqual(["J9022×120"]);
    const old = one(makeDrug("J9022", 1200, { ndc: "50242-0917-01" }), { dateOfService: "2024-11-10" });
    expect(rules(old)).toContain("DRUG_HCPCS_UNKNOWN");
  });

  it("a deleted code names its successor (J9310 → J9312)", () => {
    const claim = one(makeDrug("J9310", 700));
    expect(claim.findings.find((f) => f.rule === "DRUG_DELETED_CODE")?.message).toContain("J9312");
  });
});

describe("waste: JW and JZ", () => {
  it("Noridian JF example: 350 mg infliximab from 4 × 100 mg vials → J1745×35 and J1745-JW×5 (med.noridianmedicare.com/web/jfb/topics/modifiers/JW)", () => {
    expect(summary(one(sdv("J1745", 350, [100])), "drug")).toEqual(["J1745×35", "J1745×5[JW]"]);
  });

  it("ACR example: 360 mg infliximab → J1745×36 and JW×4 (the-rheumatologist.org, Key Facts on Billing Drug Wastage)", () => {
    expect(summary(one(sdv("J1745", 360, [100])), "drug")).toEqual(["J1745×36", "J1745×4[JW]"]);
  });

  it("ACR example: 750 mg rituximab from 100/500 mg vials → J9312×75 and JW×5 (least waste 500+100+100+100)", () => {
    expect(summary(one(sdv("J9312", 750, [100, 500])), "drug")).toEqual(["J9312×75", "J9312×5[JW]"]);
  });

  it("ACR example: 77 mg from a 100 mg vial, 10 mg units → 8 administered, 2 wasted (round the waste down)", () => {
    expect(summary(one(sdv("J1745", 77, [100])), "drug")).toEqual(["J1745×8", "J1745×2[JW]"]);
  });

  it("ACR example: 7 mg of a 10 mg vial, 10 mg units → 1 unit, no JW line (dose + discard is one unit): JZ", () => {
    expect(summary(one(sdv("J1745", 7, [10])), "drug")).toEqual(["J1745×1[JZ]"]);
  });

  it("Medlearn example: 75 mg from a 100 mg vial with a 100 mg unit → 1 unit, no JW", () => {
    const claim = one(sdv("J1569", 375, [500]));
    expect(summary(claim, "drug")).toEqual(["J1569×1[JZ]"]);
  });

  it("rituximab 700 mg: 500 + 100 + 100 leaves nothing → JZ on the administered line", () => {
    expect(summary(one(sdv("J9312", 700, [100, 500])), "drug")).toEqual(["J9312×70[JZ]"]);
  });

  it("the least-waste combination, not the vials opened: 5 × 100 mg opened for 350 mg still bills JW×5, with a warning", () => {
    const claim = one(makeDrug("J1745", 350, { singleDose: true, vials: [{ quantity: 100, unit: "mg", count: 5 }] }));
    expect(summary(claim, "drug")).toEqual(["J1745×35", "J1745×5[JW]"]);
    expect(rules(claim)).toContain("DRUG_VIALS_EXCEED_LEAST_WASTE");
  });

  it("documented waste overrides the computed one, with a finding when they differ", () => {
    const claim = one(sdv("J1745", 350, [100], { wasteDocumented: { value: 30, unit: "mg" } }));
    expect(summary(claim, "drug")).toEqual(["J1745×35", "J1745×3[JW]"]);
    expect(rules(claim)).toContain("DRUG_WASTE_DOCUMENTED_DIFFERS");
  });

  it("vial sizes come from the crosswalk package when the chart lists none (Keytruda 100 mg/4 mL, 100 billing units)", () => {
    expect(summary(one(makeDrug("J9271", 200, { singleDose: true })), "drug")).toEqual(["J9271×200[JZ]"]);
    expect(summary(one(makeDrug("J9271", 150, { singleDose: true })), "drug")).toEqual(["J9271×150", "J9271×50[JW]"]);
  });

  it("multi-dose containers get neither JW nor JZ; documented waste is not billable", () => {
    const claim = one(makeDrug("J9045", 450, { singleDose: false, wasteDocumented: { value: 50, unit: "mg" } }));
    expect(summary(claim, "drug")).toEqual(["J9045×9"]);
    expect(rules(claim)).toContain("DRUG_WASTE_NOT_BILLABLE");
  });

  it("no JZ before its effective date (2023-01-01)", () => {
    expect(summary(one(sdv("J9312", 700, [100, 500]), { dateOfService: "2022-06-01" }), "drug")).toEqual(["J9312×70"]);
  });

  it("single-dose with no vial information: an error, neither modifier guessed", () => {
    const claim = one(makeDrug("J0897", 120, { singleDose: true, ndc: "12345-0897-01" }));
    expect(summary(claim, "drug")).toEqual(["J0897×120"]);
    expect(rules(claim)).toContain("DRUG_WASTE_UNDETERMINED");
  });
});

describe("NDC on the line", () => {
  it("11 digits, qualifier and quantity in the dose's measure", () => {
    const line = one(sdv("J1745", 350, [100])).lines.find((l) => l.code === "J1745" && l.modifiers.length === 0);
    expect(line?.ndc).toEqual({ code: "57894003001", qualifier: "ME", quantity: 350 });
    const waste = one(sdv("J1745", 350, [100])).lines.find((l) => l.modifiers.includes("JW"));
    expect(waste?.ndc).toEqual({ code: "57894003001", qualifier: "ME", quantity: 50 });
  });

  it("missing or invalid NDC is an error finding", () => {
    expect(one(makeDrug("J1745", 300, { ndc: undefined })).findings.find((f) => f.rule === "DRUG_NDC_MISSING")?.severity).toBe("error");
    expect(rules(one(makeDrug("J1745", 300, { ndc: "1234-56" })))).toContain("DRUG_NDC_INVALID");
  });

  it("a hyphen-less 10-digit NDC is resolved only by the crosswalk", () => {
    const resolved = one(makeDrug("J1745", 300, { ndc: "5789403001" }));
    expect(resolved.lines.find((l) => l.code === "J1745")?.ndc?.code).toBe("57894003001");
    expect(rules(resolved)).toContain("DRUG_NDC_RESOLVED");
    expect(rules(one(makeDrug("J1745", 300, { ndc: "1111122233" })))).toContain("DRUG_NDC_AMBIGUOUS");
  });

  it("an NDC that crosswalks to another code is flagged", () => {
    expect(rules(one(makeDrug("J1745", 300, { ndc: NDC.J9271 })))).toContain("DRUG_NDC_HCPCS_MISMATCH");
  });
});

describe("NOC codes", () => {
  it("professional J9999 carries name, NDC and dose in the note, units 1", () => {
    const claim = one(makeDrug("J9999", 150, { name: "oxaliplatin", ndc: "12345-0888-01" }));
    const line = claim.lines.find((l) => l.code === "J9999");
    expect(line).toMatchObject({ units: 1, note: "oxaliplatin N412345088801 150 mg" });
  });

  it("NOC without a name is an error", () => {
    expect(rules(one(makeDrug("J3490", 10, { ndc: "12345-0888-01" })))).toContain("DRUG_NOC_INCOMPLETE");
  });

  it("Medicare facility claims use C9399 for a drug without a specific code", () => {
    const claim = one(makeDrug("J3590", 10, { name: "newmab", ndc: "12345-0777-01" }), { setting: "facility" });
    expect(summary(claim, "drug")).toEqual(["C9399×1"]);
    expect(claim.lines.find((l) => l.code === "C9399")?.revenueCode).toBe("0636");
  });

  it("a NOC code used for a drug with a specific code is replaced by that code", () => {
    const claim = one(makeDrug("J3590", 300, { name: "vedolizumab", ndc: NDC.J3380 }));
    expect(summary(claim, "drug")).toEqual(["J3380×300"]);
    expect(rules(claim)).toContain("DRUG_NOC_SPECIFIC_CODE_EXISTS");
  });
});

describe("white bag", () => {
  it("no drug charge line, administration lines only", () => {
    const claim = one(makeDrug("J2350", 600, { supply: "white-bag" }));
    expect(summary(claim)).toEqual(["96365×1"]);
    expect(rules(claim)).toContain("DRUG_WHITE_BAG");
  });
});

describe("340B modifiers by date of service and facility", () => {
  const drug340B = sdv("J9312", 700, [100, 500], { acquired340B: true });
  const facility340B = (dateOfService: string, type: "standard" | "critical-access" = "standard", extra: object = {}) =>
    code({ setting: "facility", dateOfService, facility: { program340B: true, type, ...extra }, administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: drug340B })] });

  it("DOS 2024, standard hospital → JG", () => expect(summary(facility340B("2024-06-01"), "drug")).toEqual(["J9312×70[JZ,JG]"]));
  it("DOS 2024, critical access hospital → TB", () => expect(summary(facility340B("2024-06-01", "critical-access"), "drug")).toEqual(["J9312×70[JZ,TB]"]));
  it("DOS 2024, non-excepted off-campus department → TB and PN", () => {
    expect(summary(facility340B("2024-06-01", "standard", { offCampus: true, excepted: false }), "drug")).toEqual(["J9312×70[JZ,TB,PN]"]);
  });
  it("DOS 2025 → TB for every 340B drug, from a rule marked (confirm)", () => {
    const claim = facility340B("2025-03-04");
    expect(summary(claim, "drug")).toEqual(["J9312×70[JZ,TB]"]);
    expect(rules(claim)).toContain("DRUG_340B_RULE_UNCONFIRMED");
  });
  it("a drug not acquired under 340B carries neither modifier (TB does not mean non-340B)", () => {
    const claim = code({ setting: "facility", facility: { program340B: true }, administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: sdv("J9312", 700, [100, 500]) })] });
    expect(summary(claim, "drug")).toEqual(["J9312×70[JZ]"]);
  });
  it("340B drug at a facility outside the program: warning, no modifier", () => {
    const claim = code({ setting: "facility", administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: drug340B })] });
    expect(summary(claim, "drug")).toEqual(["J9312×70[JZ]"]);
    expect(rules(claim)).toContain("DRUG_340B_NOT_IN_PROGRAM");
  });
  it("commercial payer without a dated 340B rule: no modifier, an info finding", () => {
    const claim = code({ setting: "facility", payer: { kind: "commercial" }, facility: { program340B: true }, administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: drug340B })] });
    expect(claim.findings.find((f) => f.rule === "DRUG_340B_NO_RULE")?.severity).toBe("info");
  });
});

describe("facility claim specifics", () => {
  it("revenue codes: 0636 drugs, 0260 IV therapy, 0335 chemo IV, 0331 chemo injected; type of bill 0131", () => {
    const claim = code({
      setting: "facility",
      administrations: [infusion("c1", "chemotherapy", "09:00", 60, { drug: makeDrug("J9271", 200) }), { id: "p1", kind: "chemotherapy", route: "iv-push", start: "2025-03-04T10:10", drug: makeDrug("J9190", 400) }, { id: "p2", kind: "therapeutic", route: "iv-push", start: "2025-03-04T10:20", drug: makeDrug("J2405", 8) }],
    });
    const revenue = Object.fromEntries(claim.lines.map((l) => [l.code, l.revenueCode]));
    expect(revenue).toMatchObject({ "96413": "0335", "96411": "0331", "96375": "0260", J9271: "0636" });
    expect(claim.typeOfBill).toBe("0131");
    expect(rules(claim)).toContain("FACILITY_RULE_UNCONFIRMED");
  });

  it("professional lines carry no revenue code", () => {
    expect(one(makeDrug("J1745", 300)).lines.every((l) => l.revenueCode === undefined)).toBe(true);
  });

  it("excepted off-campus department lines carry PO", () => {
    const claim = one(makeDrug("J1745", 300), { setting: "facility", facility: { offCampus: true, excepted: true } });
    expect(claim.lines.every((l) => l.modifiers.includes("PO"))).toBe(true);
  });
});
