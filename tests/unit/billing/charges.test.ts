// The charge master's arithmetic: the version in force on a day, line charges, dollars to cents, and how an upload
// fits among the versions on file (an open version ends before the next; overlaps are refused on the row at fault).
import { chargeInForce, chargeRowFrom, dollarsToCents, planChargeImport, priceLines, type ChargeRow, type ChargeRowError } from "~/billing/charges";

const v = (code: string, effectiveFrom: string, effectiveTo: string | null, unitChargeCents: number, id = `${code}@${effectiveFrom}`) => ({ id, code, effectiveFrom, effectiveTo, unitChargeCents });
const row = (n: number, code: string, effectiveFrom: string, effectiveTo: string | null, unitChargeCents = 100): ChargeRow => ({ row: n, code, effectiveFrom, effectiveTo, unitChargeCents, description: null });

describe("chargeInForce", () => {
  const versions = [v("J1745", "2026-01-01", null, 9_500), v("J1745", "2026-04-01", "2026-06-30", 10_000), v("96365", "2026-01-01", null, 24_000)];
  it("takes the latest version starting on or before the day", () => {
    expect(chargeInForce(versions, "J1745", "2025-12-31")).toBeUndefined();
    expect(chargeInForce(versions, "J1745", "2026-03-31")?.unitChargeCents).toBe(9_500);
    expect(chargeInForce(versions, "J1745", "2026-04-01")?.unitChargeCents).toBe(10_000);
  });
  it("finds nothing after the latest version ended: an earlier open version does not come back", () => {
    expect(chargeInForce(versions, "J1745", "2026-07-01")).toBeUndefined();
  });
  it("prices lines as units × unit charge, 0 and not on file when there is none", () => {
    const priced = priceLines(
      [
        { code: "J1745", units: 2.5, dateOfService: "2026-03-04" },
        { code: "96365", units: 1, dateOfService: "2026-03-04" },
        { code: "J1200", units: 1, dateOfService: "2026-03-04" },
      ],
      versions,
    );
    expect(priced).toEqual({ lines: [{ chargeCents: 23_750, onFile: true }, { chargeCents: 24_000, onFile: true }, { chargeCents: 0, onFile: false }], totalCents: 47_750 });
  });
});

describe("the CSV rows", () => {
  it("reads dollars to whole cents and refuses anything else", () => {
    expect(["95", "95.5", "95.00", "$1,200.00", "0.07"].map(dollarsToCents)).toEqual([9_500, 9_550, 9_500, 120_000, 7]);
    expect(["abc", "95.001", "-5", "1,20.00", ""].map(dollarsToCents)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
  it("names the cell and what was expected", () => {
    const errors: ChargeRowError[] = [];
    expect(chargeRowFrom(7, { code: "j1745", unit_charge: "", effective_from: "2026-02-30" }, errors)).toBeUndefined();
    expect(errors).toEqual([
      { row: 7, column: "unit_charge", message: "expected an amount like 95.00, got nothing" },
      { row: 7, column: "effective_from", message: 'expected a date like 2026-01-01, got "2026-02-30"' },
    ]);
    expect(chargeRowFrom(8, { code: "j1745", unit_charge: "95.00", effective_from: "2026-02-01" }, errors)).toMatchObject({ code: "J1745", unitChargeCents: 9_500, effectiveTo: null });
  });
});

describe("planChargeImport", () => {
  it("ends an open version on file, and an open uploaded row, the day before the next version", () => {
    const plan = planChargeImport([v("J1745", "2026-01-01", null, 9_500, "stored")], [row(2, "J1745", "2026-06-01", null), row(3, "J1745", "2026-03-01", null)]);
    expect(plan.errors).toEqual([]);
    expect(plan.closes).toEqual([{ id: "stored", effectiveTo: "2026-02-28" }]);
    expect(plan.inserts.map((r) => [r.row, r.effectiveFrom, r.effectiveTo])).toEqual([
      [2, "2026-06-01", null],
      [3, "2026-03-01", "2026-05-31"],
    ]);
  });
  it("refuses a row starting inside a closed version on file, and leaves versions on file alone", () => {
    const plan = planChargeImport([v("J1745", "2026-01-01", "2026-06-30", 9_500)], [row(2, "J1745", "2026-03-01", null)]);
    expect(plan.errors).toEqual([
      { row: 2, column: "effective_from", message: "J1745 from 2026-01-01 to 2026-06-30 (on file) overlaps the version from 2026-03-01 (row 2): expected J1745's versions not to overlap" },
    ]);
    expect(plan.closes).toEqual([]);
  });
});
