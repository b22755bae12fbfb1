// CMS file importers over the sample files in db/reference-samples (real layouts: preamble, header, cp1252).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCodingReference, decodeCmsText, detectEffectiveFrom, importAspCrosswalk, importAspPricing, importMue, importNcciPtp, parseDelimited } from "~/reference";

const bytes = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../db/reference-samples/${name}`, import.meta.url))));

describe("decodeCmsText", () => {
  it("decodes Windows-1252 bytes that are not valid UTF-8", () => {
    expect(decodeCmsText(new Uint8Array([0x43, 0x50, 0x54, 0xae, 0x20, 0x96]))).toEqual({ text: "CPT® –", encoding: "windows-1252" });
  });
  it("keeps valid UTF-8 and drops a BOM", () => {
    expect(decodeCmsText(new Uint8Array([0xef, 0xbb, 0xbf, 0x43, 0xc2, 0xae]))).toEqual({ text: "C®", encoding: "utf-8" });
  });
});

describe("parseDelimited", () => {
  it("reads quoted cells, doubled quotes, line breaks inside quotes and CRLF, with line numbers", () => {
    const records = parseDelimited('a,"b ""x"", c"\r\n"multi\nline",2\r\n\r\nlast,3', ",");
    expect(records).toEqual([
      { line: 1, cells: ["a", 'b "x", c'] },
      { line: 2, cells: ["multi\nline", "2"] },
      { line: 4, cells: [""] },
      { line: 5, cells: ["last", "3"] },
    ]);
  });
});

describe("ASP pricing file", () => {
  const result = importAspPricing(bytes("asp-pricing-2025-01.csv"));

  it("finds the header after the preamble and the quarter from the title row", () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.headerLine).toBe(10);
    expect(result.effectiveFrom).toBe("2025-01-01");
    expect(result.encoding).toBe("windows-1252");
    expect(result.preamble).toContain("CPT® is a registered trademark of the American Medical Association.");
  });

  it("reads the dosage column as the billing unit", () => {
    if (!result.ok) throw new Error(result.error.message);
    expect(result.rows.find((r) => r.hcpcs === "J1745")).toMatchObject({ dosage: "10 MG", billingUnit: { value: 10, unit: "mg" }, paymentLimit: 35.5, coinsurancePercent: 20 });
    expect(result.rows.find((r) => r.hcpcs === "J7050")?.billingUnit).toEqual({ value: 250, unit: "mL" });
    expect(result.rows.find((r) => r.hcpcs === "J9022")?.notes).toBe("Added this quarter – sample row");
  });

  it("reports rejected rows with their line numbers", () => {
    if (!result.ok) throw new Error(result.error.message);
    expect(result.rejected.map((r) => [r.line, r.reason])).toEqual([
      [43, "J9999: no HCPCS code dosage"],
      [44, 'J1234: payment limit "N/A" is not a number'],
      [46, '"End of file" is not a HCPCS code'],
    ]);
  });

  it("fails clearly on a file without the header", () => {
    const wrong = importAspPricing("just,some,text\n1,2,3\n");
    expect(wrong).toMatchObject({ ok: false, error: { code: "HEADER_NOT_FOUND" } });
  });

  it("asks for the quarter when neither preamble nor name gives it", () => {
    const text = "HCPCS Code,Short Description,HCPCS Code Dosage,Payment Limit\nJ1745,Infliximab,10 MG,35.5\n";
    expect(importAspPricing(text)).toMatchObject({ ok: false, error: { code: "QUARTER_UNKNOWN" } });
    expect(importAspPricing(text, { effectiveFrom: "2025-04-01" })).toMatchObject({ ok: true, effectiveFrom: "2025-04-01", headerLine: 1 });
  });
});

describe("ASP NDC-HCPCS crosswalk", () => {
  const result = importAspCrosswalk(bytes("asp-crosswalk-2025-01.csv"));
  it("reads the _YYYY_CODE header on line 9, NDC2 as 11 digits and billing units per package", () => {
    if (!result.ok) throw new Error(result.error.message);
    expect(result.headerLine).toBe(9);
    expect(result.effectiveFrom).toBe("2025-01-01");
    expect(result.rows.find((r) => r.drugName === "KEYTRUDA")).toMatchObject({ hcpcs: "J9271", ndc11: "00006302602", packageSize: 4, billUnits: 25, billUnitsPerPackage: 100 });
    expect(result.rejected.map((r) => [r.line, r.reason])).toEqual([[20, 'J9999: NDC "12345-678" is not an NDC in 5-4-2 form']]);
    expect(result.rejected[0]?.text).toContain("12345-678");
  });
});

describe("NCCI PTP", () => {
  const result = importNcciPtp(bytes("ncci-ptp-practitioner-2025q1.txt"), { table: "practitioner", fileName: "ncci-ptp-practitioner-2025q1.txt" });
  it("reads the tab-delimited file after the copyright lines and the split header", () => {
    if (!result.ok) throw new Error(result.error.message);
    expect(result.headerLine).toBe(4);
    expect(result.effectiveFrom).toBe("2025-01-01");
    expect(result.table).toBe("practitioner");
    expect(result.rows).toHaveLength(7);
    expect(result.rows.find((r) => r.column1 === "96365" && r.column2 === "96361")).toMatchObject({ effectiveDate: "2010-01-01", deletionDate: "2015-01-01", modifierIndicator: "1" });
    expect(result.rows.find((r) => r.column2 === "36000")).toMatchObject({ existedBefore1996: true, deletionDate: undefined });
  });
  it("rejects malformed rows with line numbers", () => {
    if (!result.ok) throw new Error(result.error.message);
    expect(result.rejected.map((r) => r.line)).toEqual([15, 16]);
    expect(result.rejected[1]?.reason).toContain('effective date "2009-01-01" is not YYYYMMDD');
  });
  it("refuses a hospital file loaded as practitioner", () => {
    expect(importNcciPtp(bytes("ncci-ptp-hospital-2025q1.txt"), { table: "practitioner", fileName: "ccioph-v311r0-f1.txt" })).toMatchObject({ ok: false, error: { code: "TABLE_MISMATCH" } });
  });
});

describe("MUE", () => {
  it("reads the practitioner table and its adjudication indicators", () => {
    const result = importMue(bytes("mue-practitioner-2025q1.csv"), { table: "practitioner" });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.headerLine).toBe(4);
    expect(result.effectiveFrom).toBe("2025-01-01");
    expect(result.rows.find((r) => r.code === "J1745")).toMatchObject({ value: 150, adjudicationIndicator: 3, adjudicationText: "3 Date of Service Edit: Clinical" });
    expect(result.rejected.map((r) => [r.line, r.reason])).toEqual([[16, '96361: MUE value "x" is not a whole number']]);
  });
  it("refuses the outpatient hospital table loaded as practitioner", () => {
    expect(importMue(bytes("mue-outpatient-hospital-2025q1.csv"), { table: "practitioner" })).toMatchObject({ ok: false, error: { code: "TABLE_MISMATCH" } });
  });
});

describe("detectEffectiveFrom", () => {
  it.each([
    ["April 2025 ASP Pricing File", "2025-04-01"],
    ["MCR_MUE_PractitionerServices_Eff_07-01-2025.csv", "2025-07-01"],
    ["ccipra 2025 Q4", "2025-10-01"],
    ["nothing here", undefined],
  ])("%s → %s", (text, expected) => expect(detectEffectiveFrom([text])).toBe(expected));
});

describe("the CodingReference built from quarters", () => {
  const q4 = importAspPricing(bytes("asp-pricing-2024-10.csv"));
  const q1 = importAspPricing(bytes("asp-pricing-2025-01.csv"));
  const ptp = importNcciPtp(bytes("ncci-ptp-practitioner-2025q1.txt"), { table: "practitioner", effectiveFrom: "2014-01-01" });
  if (!q4.ok || !q1.ok || !ptp.ok) throw new Error("fixture import failed");
  const reference = createCodingReference({ asp: [q1, q4], ptp: { practitioner: [ptp] } });

  it("a past date of service codes against its own quarter", () => {
    expect(reference.drug("J9022", "2024-12-31")).toBeUndefined();
    expect(reference.drug("J9022", "2025-01-01")?.billingUnit).toEqual({ value: 10, unit: "mg" });
  });

  it("the seed catalog fills drugs the ASP file lacks, and flags", () => {
    expect(reference.drug("J1745", "2020-01-01")).toMatchObject({ billingUnitText: "10 MG", singleDose: true });
    expect(reference.replacedCode?.("J2505")).toBe("J2506");
  });

  it("a PTP edit is in force from its effective date up to its deletion date", () => {
    expect(reference.ptp("practitioner", "96365", "96361", "2014-06-01")?.modifierIndicator).toBe("1");
    expect(reference.ptp("practitioner", "96365", "96361", "2015-01-01")).toBeUndefined();
    expect(reference.ptp("practitioner", "96365", "96372", "2025-03-04")?.modifierIndicator).toBe("1");
    expect(reference.ptp("hospital", "96365", "96372", "2025-03-04")).toBeUndefined();
  });
});
