// Dose → billing units, and the unit ledger: balance, projected exhaustion, true-up against billed claims.
import { type LedgerEntry, ledgerBalance, ledgerSyncCommand, trueUp, unitsForDose } from "~/authorizations";

describe("unitsForDose", () => {
  it.each([
    ["infliximab 5 mg/kg × 80 kg, J1745 10 mg", { dose: 5, unit: "mg", basis: "per_kg", weightKg: 80 }, { billingUnitQuantity: 10, billingUnit: "mg" }, 40],
    ["5 mg/kg × 73.4 kg = 367 mg rounds up to 37 units", { dose: 5, unit: "mg", basis: "per_kg", weightKg: 73.4 }, { billingUnitQuantity: 10, billingUnit: "mg" }, 37],
    ["pembrolizumab 200 mg, J9271 1 mg", { dose: 200, unit: "mg", basis: "fixed" }, { billingUnitQuantity: 1, billingUnit: "mg" }, 200],
    ["1 g converted to 10 mg units", { dose: 1, unit: "g", basis: "fixed" }, { billingUnitQuantity: 10, billingUnit: "mg" }, 100],
    ["500 mcg against 1 mg units", { dose: 500, unit: "mcg", basis: "fixed" }, { billingUnitQuantity: 1, billingUnit: "mg" }, 1],
    ["0.3 mg against 0.1 mg units (no float noise)", { dose: 0.3, unit: "mg", basis: "fixed" }, { billingUnitQuantity: 0.1, billingUnit: "mg" }, 3],
    ["carboplatin-like mg/m² × 1.8 m², 50 mg units", { dose: 75, unit: "mg", basis: "per_m2", bsa: 1.8 }, { billingUnitQuantity: 50, billingUnit: "mg" }, 3],
    ["heparin 5000 units, 1000-unit descriptor", { dose: 5000, unit: "units", basis: "fixed" }, { billingUnitQuantity: 1000, billingUnit: "units" }, 5],
    ["0.5 mL against 0.1 mL", { dose: 0.5, unit: "mL", basis: "fixed" }, { billingUnitQuantity: 0.1, billingUnit: "mL" }, 5],
  ] as const)("%s", (_label, order, drug, units) => {
    expect(unitsForDose(order, drug)).toMatchObject({ ok: true, units });
  });

  it("reports the exact quantity beside the rounded one", () => {
    expect(unitsForDose({ dose: 5, unit: "mg", basis: "per_kg", weightKg: 73.4 }, { billingUnitQuantity: 10, billingUnit: "mg" })).toEqual({ ok: true, units: 37, exactUnits: 36.7, amount: { value: 367, unit: "mg" } });
  });

  it.each([
    ["weight missing for mg/kg", { dose: 5, unit: "mg", basis: "per_kg" }, { billingUnitQuantity: 10, billingUnit: "mg" }, "weight-required"],
    ["BSA missing for mg/m²", { dose: 75, unit: "mg", basis: "per_m2" }, { billingUnitQuantity: 50, billingUnit: "mg" }, "bsa-required"],
    ["mg cannot become units", { dose: 40, unit: "mg", basis: "fixed" }, { billingUnitQuantity: 1000, billingUnit: "units" }, "unconvertible"],
    ["mL cannot become mg", { dose: 2, unit: "mL", basis: "fixed" }, { billingUnitQuantity: 10, billingUnit: "mg" }, "unconvertible"],
    ["zero dose", { dose: 0, unit: "mg", basis: "fixed" }, { billingUnitQuantity: 10, billingUnit: "mg" }, "invalid-dose"],
    ["bad descriptor", { dose: 10, unit: "mg", basis: "fixed" }, { billingUnitQuantity: 0, billingUnit: "mg" }, "invalid-descriptor"],
  ] as const)("never guesses: %s", (_label, order, drug, code) => {
    const result = unitsForDose(order, drug);
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(!result.ok && result.error.message.length).toBeGreaterThan(20);
  });
});

const entry = (kind: LedgerEntry["kind"], units: number, occurredOn: string, sourceId: string, extra: Partial<LedgerEntry> = {}): LedgerEntry => ({
  kind,
  units,
  visits: kind === "billed" || kind === "adjustment" ? 0 : units === 0 ? 0 : Math.sign(units),
  sourceType: kind === "scheduled" ? "scheduled_infusion" : "administration",
  sourceId,
  occurredOn,
  ...extra,
});

describe("ledger balance", () => {
  const authorization = { unitType: "units" as const, lines: [{ lineNumber: 1, hcpcs: "J1745", authorizedUnits: 240, authorizedVisits: 6 }], effectiveTo: "2026-07-14" };

  it("counts used, scheduled and remaining units and visits", () => {
    const entries = [
      entry("administered", -40, "2026-01-15", "a1"),
      entry("administered", -40, "2026-03-12", "a2"),
      entry("scheduled", -40, "2026-03-12", "s2"), // administered that day: no longer open
      entry("scheduled", -40, "2026-05-07", "s3"),
      entry("scheduled", -40, "2026-07-02", "s4"),
      entry("scheduled", -40, "2026-06-01", "s5"),
      { ...entry("reversal", 40, "2026-04-01", "s5"), sourceType: "scheduled_infusion" }, // cancelled visit
      entry("adjustment", -2, "2026-03-20", "manual-1"),
    ];
    const [line] = ledgerBalance(authorization, entries, "2026-03-13").lines;
    expect(line).toMatchObject({ usedUnits: 82, remainingUnits: 158, scheduledUnits: 80, usedVisits: 2, remainingVisits: 4, scheduledVisits: 2 });
    expect(line?.upcoming.map((d) => d.on)).toEqual(["2026-05-07", "2026-07-02"]);
    expect(line?.projectedExhaustionOn).toBeUndefined();
  });

  it("projects the exhaustion date from the schedule and flags it before the end date", () => {
    const entries = [entry("administered", -100, "2026-01-15", "a1"), entry("scheduled", -100, "2026-03-12", "s2"), entry("scheduled", -100, "2026-05-07", "s3")];
    const balance = ledgerBalance(authorization, entries, "2026-02-01");
    expect(balance).toMatchObject({ projectedExhaustionOn: "2026-05-07", exhaustsBeforeEnd: true, lines: [{ remainingUnits: 140, firstUncoveredOn: "2026-05-07" }] });
    expect(ledgerSyncCommand("case-1", balance)).toEqual({
      type: "sync-ledger",
      caseId: "case-1",
      lines: [{ lineNumber: 1, usedUnits: 100, usedVisits: 1 }],
      upcoming: [
        { on: "2026-03-12", lineNumber: 1, units: 100, visits: 1 },
        { on: "2026-05-07", lineNumber: 1, units: 100, visits: 1 },
      ],
    });
  });

  it("counts visits when the payer authorizes visits", () => {
    const visits = { unitType: "visits" as const, lines: [{ lineNumber: 1, hcpcs: "J1745", authorizedVisits: 2 }] };
    const entries = [entry("administered", -40, "2026-01-15", "a1"), entry("scheduled", -40, "2026-03-12", "s2"), entry("scheduled", -40, "2026-05-07", "s3")];
    expect(ledgerBalance(visits, entries, "2026-02-01").lines[0]).toMatchObject({ remainingVisits: 1, projectedExhaustionOn: "2026-03-12", firstUncoveredOn: "2026-05-07" });
  });
});

describe("true-up against billed claim lines", () => {
  it("replaces the administration with what was billed, once", () => {
    const entries = [entry("administered", -37, "2026-01-15", "a1")];
    const first = trueUp(entries, [{ claimLineId: "cl-1", units: 40, dateOfService: "2026-01-15" }]);
    expect(first.differences).toEqual([{ claimLineId: "cl-1", dateOfService: "2026-01-15", administeredUnits: 37, billedUnits: 40, deltaUnits: 3 }]);
    expect(first.entries).toEqual([
      { kind: "billed", units: -40, visits: -1, sourceType: "claim_line", sourceId: "cl-1", occurredOn: "2026-01-15", lineNumber: 1 },
      { kind: "reversal", units: 37, visits: 1, sourceType: "administration", sourceId: "a1", occurredOn: "2026-01-15", lineNumber: 1, note: "replaced by claim line cl-1" },
    ]);
    const all = [...entries, ...first.entries];
    expect(ledgerBalance({ unitType: "units", lines: [{ lineNumber: 1, hcpcs: "J1745", authorizedUnits: 240, authorizedVisits: 6 }] }, all, "2026-02-01").lines[0]).toMatchObject({ usedUnits: 40, usedVisits: 1 });
    expect(trueUp(all, [{ claimLineId: "cl-1", units: 40, dateOfService: "2026-01-15" }]).entries).toEqual([]);
  });

  it("a waste line on the same day adds units but not another visit", () => {
    const entries = [entry("administered", -37, "2026-01-15", "a1")];
    const { entries: added } = trueUp(entries, [
      { claimLineId: "cl-1", units: 37, dateOfService: "2026-01-15" },
      { claimLineId: "cl-2", units: 3, dateOfService: "2026-01-15" },
    ]);
    const balance = ledgerBalance({ unitType: "units", lines: [{ lineNumber: 1, hcpcs: "J1745", authorizedUnits: 240, authorizedVisits: 6 }] }, [...entries, ...added], "2026-02-01");
    expect(balance.lines[0]).toMatchObject({ usedUnits: 40, usedVisits: 1 });
  });
});
