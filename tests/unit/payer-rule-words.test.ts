// Payer rules in plain words: what Settings shows an administrator for each kind, scope and dated version.
import { compareRules, describeEffective, describeRuleValue, describeScope, listInWords, ruleKindFrom, versionStatus } from "~/payer-rule-words";
import { valueFromForm, valueToForm } from "~/components/settings/rule-form-schema";

describe("a rule's value in words", () => {
  it.each([
    [{ kind: "decision-timeframe", value: { standardDays: 15, expeditedHours: 72 } }, "Decision due in 15 calendar days (72 h expedited)"],
    [{ kind: "decision-timeframe", value: { standardDays: 1, expeditedHours: 24 } }, "Decision due in 1 calendar day (24 h expedited)"],
    [{ kind: "pa-required", value: { hcpcs: ["J1745", "Q5103"] } }, "Prior authorization required for 2 drugs: J1745, Q5103"],
    [{ kind: "pa-required", value: { hcpcs: [] } }, "No drug needs prior authorization"],
    [{ kind: "follow-up-cadence", value: { businessDays: 3 } }, "Follow up every 3 business days while a request is pending"],
    [{ kind: "rfi-due", value: { days: 14 } }, "Requested information due within 14 days"],
    [{ kind: "p2p-window", value: { days: 15 } }, "Peer-to-peer requested within 15 days of the denial"],
    [{ kind: "appeal-window", value: { days: 180 } }, "Appeal filed within 180 days of the adverse decision"],
    [{ kind: "appeal-window", value: { days: 60, level: "external" } }, "Appeal filed within 60 days of the adverse decision (external review)"],
    [{ kind: "renewal-lead", value: { days: [30, 14, 7], dosesAhead: 2 } }, "Renewal alerts 30, 14 and 7 days before the end date; units for the next 2 doses"],
    [{ kind: "retro-window", value: { days: 0 } }, "No retrospective authorization"],
    [{ kind: "retro-window", value: { days: 90 } }, "Retro authorization up to 90 days after the service"],
    [
      { kind: "site-of-care", value: { firstDoseWindowDays: 45, exceptionCriteria: ["1 + 2 + 3", "4"] } },
      "Hospital outpatient infusion for the first 45 days, then a non-hospital site unless exception criteria 1+2+3 or 4 are met",
    ],
    [{ kind: "unit-type", value: { unitType: "visits" } }, "Authorized in visits"],
    [{ kind: "unit-type", value: { unitType: "units" } }, "Authorized in billing units"],
  ] as const)("%o reads %s", (rule, words) => {
    expect(describeRuleValue(rule as Parameters<typeof describeRuleValue>[0])).toBe(words);
  });

  it("joins lists the way a sentence does", () => {
    expect([listInWords([]), listInWords([7]), listInWords([14, 7]), listInWords([30, 14, 7])]).toEqual(["", "7", "14 and 7", "30, 14 and 7"]);
  });
});

describe("scope, dates and order", () => {
  const names = { plans: { p1: "Summit Choice PPO" } };
  it("names whom a rule applies to", () => {
    expect(describeScope({}, names)).toBe("All plans");
    expect(describeScope({ lineOfBusiness: "medicaid_managed_care" }, names)).toBe("Medicaid managed care plans");
    expect(describeScope({ planId: "p1", hcpcs: "J1569" }, names)).toBe("Plan Summit Choice PPO, drug J1569");
  });

  it("says whether a version is in force on a day (the end date is the first day no longer in force)", () => {
    const rule = { effectiveFrom: "2026-01-01", effectiveTo: "2026-03-01" };
    expect(["2025-12-31", "2026-01-01", "2026-02-28", "2026-03-01"].map((day) => versionStatus(rule, day))).toEqual(["scheduled", "in-force", "in-force", "ended"]);
    expect(versionStatus({ effectiveFrom: "2026-01-01", effectiveTo: null }, "2030-01-01")).toBe("in-force");
    expect(describeEffective(rule)).toBe("2026-01-01 until 2026-03-01");
    expect(describeEffective({ effectiveFrom: "2026-01-01" })).toBe("from 2026-01-01, open-ended");
  });

  it("sorts by kind in the rule book's order, the broadest scope first, then the newest version", () => {
    const rules = [
      { id: "a", kind: "unit-type", effectiveFrom: "2025-01-01" },
      { id: "b", kind: "decision-timeframe", effectiveFrom: "2025-01-01" },
      { id: "c", kind: "unit-type", hcpcs: "J1569", effectiveFrom: "2025-01-01" },
      { id: "d", kind: "decision-timeframe", effectiveFrom: "2026-01-01" },
      { id: "e", kind: "pa-required", effectiveFrom: "2024-01-01" },
    ];
    expect([...rules].sort(compareRules).map((r) => r.id)).toEqual(["e", "d", "b", "a", "c"]);
  });

  it("recognises only the kinds the rule book knows", () => {
    expect(ruleKindFrom("p2p-window")).toBe("p2p-window");
    expect(ruleKindFrom("toString")).toBeUndefined();
    expect(ruleKindFrom(null)).toBeUndefined();
  });
});

describe("form text and rule values", () => {
  it("turns comma-separated text into lists and numbers, and back", () => {
    expect(valueFromForm("pa-required", { hcpcs: "j1745, Q5103 ;J2350" })).toEqual({ hcpcs: ["J1745", "Q5103", "J2350"] });
    expect(valueFromForm("renewal-lead", { days: "30, 14, 7", dosesAhead: "2" })).toEqual({ days: [30, 14, 7], dosesAhead: 2 });
    expect(valueFromForm("appeal-window", { days: "60", level: "2" })).toEqual({ days: 60, level: 2 });
    expect(valueFromForm("appeal-window", { days: "60", level: "" })).toEqual({ days: 60 });
    expect(valueToForm("site-of-care", { firstDoseWindowDays: 45, exceptionCriteria: ["1+2+3", "4"] })).toEqual({ firstDoseWindowDays: "45", exceptionCriteria: "1+2+3, 4" });
  });
});
