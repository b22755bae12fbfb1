// Payer rules are dated data: validation with clear errors, resolution by date and by specificity.
import { EMPTY_RULE_SET, paRequired, parsePayerRules, resolveRule, resolveRuleOrDefault, rulesInForce } from "~/authorizations";
import { IDS, containing, makeRules, rule } from "./factories";

const scope = (on: string, extra: Record<string, unknown> = {}) => ({ payerId: IDS.payer, planId: IDS.plan, lineOfBusiness: "commercial" as const, hcpcs: "J1745", on, ...extra });

describe("payer rule validation", () => {
  it("accepts every kind in its exact value shape", () => {
    const parsed = parsePayerRules([
      rule("pa-required", { hcpcs: ["J1745", "Q5103"] }),
      rule("decision-timeframe", { standardDays: 15, expeditedHours: 72 }),
      rule("follow-up-cadence", { businessDays: 3 }),
      rule("rfi-due", { days: 14 }),
      rule("p2p-window", { days: 14 }),
      rule("appeal-window", { days: 180, level: 1 }),
      rule("appeal-window", { days: 60 }),
      rule("renewal-lead", { days: [30, 14, 7], dosesAhead: 2 }),
      rule("retro-window", { days: 90 }),
      rule("site-of-care", { firstDoseWindowDays: 45, exceptionCriteria: ["1+2+3", "4"] }),
      rule("unit-type", { unitType: "visits" }),
    ]);
    expect(parsed.ok).toBe(true);
  });

  it("reports every bad rule with its position, id and field", () => {
    const parsed = parsePayerRules([
      rule("decision-timeframe", { standardDays: "15", expeditedHours: 72 }, { id: "r-a" }),
      rule("renewal-lead", { days: [], dosesAhead: 2, extra: true }, { id: "r-b" }),
      rule("site-of-care", { firstDoseWindowDays: 45, exceptionCriteria: ["one and two"] }, { id: "r-c" }),
      rule("coffee-break", {}, { id: "r-d" }),
      rule("rfi-due", { days: 10 }, { id: "r-e", effectiveFrom: "2026-02-01", effectiveTo: "2026-01-01" }),
    ]);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      { index: 0, ruleId: "r-a", path: "value.standardDays", message: "decision-timeframe: expected a number of days" },
      { index: 1, ruleId: "r-b", path: "value.days", message: "renewal-lead: expected at least one lead time" },
      { index: 1, ruleId: "r-b", path: "value", message: containing('renewal-lead: Unrecognized key: "extra"') },
      { index: 2, ruleId: "r-c", path: "value.exceptionCriteria[0]", message: 'site-of-care: expected checklist numbers joined by "+", such as "1+2+3" or "4"' },
      { index: 3, ruleId: "r-d", path: "kind", message: containing("expected one of pa-required, decision-timeframe") },
      { index: 4, ruleId: "r-e", path: "effectiveTo", message: "expected effectiveTo after effectiveFrom" },
    ]);
  });
});

describe("rule resolution", () => {
  const rules = makeRules([
    rule("decision-timeframe", { standardDays: 15, expeditedHours: 72 }, { id: "payer" }),
    rule("decision-timeframe", { standardDays: 10, expeditedHours: 72 }, { id: "lob", lineOfBusiness: "commercial" }),
    rule("decision-timeframe", { standardDays: 7, expeditedHours: 48 }, { id: "plan", planId: IDS.plan }),
    rule("decision-timeframe", { standardDays: 5, expeditedHours: 24 }, { id: "plan-drug", planId: IDS.plan, hcpcs: "J1745" }),
    rule("decision-timeframe", { standardDays: 3, expeditedHours: 24 }, { id: "payer-drug", hcpcs: "J9035" }),
    rule("decision-timeframe", { standardDays: 14, expeditedHours: 72 }, { id: "other-payer", payerId: IDS.otherPayer }),
  ]);

  it("most specific first: plan + HCPCS > plan > line of business > payer", () => {
    expect(resolveRule(rules, "decision-timeframe", scope("2026-03-01"))?.ruleId).toBe("plan-drug");
    expect(resolveRule(rules, "decision-timeframe", scope("2026-03-01", { hcpcs: "J0129" }))?.ruleId).toBe("plan");
    expect(resolveRule(rules, "decision-timeframe", scope("2026-03-01", { planId: IDS.otherPlan, hcpcs: "J0129" }))?.ruleId).toBe("lob");
    expect(resolveRule(rules, "decision-timeframe", scope("2026-03-01", { planId: IDS.otherPlan, lineOfBusiness: "medicaid", hcpcs: "J0129" }))?.ruleId).toBe("payer");
    expect(rulesInForce(rules, "decision-timeframe", scope("2026-03-01")).map((r) => r.id)).toEqual(["plan-drug", "plan", "lob", "payer"]);
  });

  it("labels the rule by payer, kind and start date", () => {
    expect(resolveRule(rules, "decision-timeframe", scope("2026-03-01"))).toMatchObject({ label: "summit-health/decision-timeframe@2026-01-01", value: { standardDays: 5 } });
  });

  it("picks the rule in force on the date; a newer version replaces an older one from its start", () => {
    const dated = makeRules([
      rule("rfi-due", { days: 14 }, { id: "v1", effectiveFrom: "2025-01-01", effectiveTo: "2026-04-01" }),
      rule("rfi-due", { days: 7 }, { id: "v2", effectiveFrom: "2026-04-01" }),
      rule("rfi-due", { days: 30 }, { id: "future", effectiveFrom: "2027-01-01", planId: IDS.plan }),
    ]);
    expect(resolveRule(dated, "rfi-due", scope("2024-12-31"))).toBeUndefined();
    expect(resolveRule(dated, "rfi-due", scope("2026-03-31"))?.ruleId).toBe("v1");
    expect(resolveRule(dated, "rfi-due", scope("2026-04-01"))?.ruleId).toBe("v2");
    expect(resolveRule(dated, "rfi-due", scope("2027-01-01"))).toMatchObject({ ruleId: "future", label: "summit-health/rfi-due@2027-01-01" });
  });

  it("appeal windows prefer the rule for the level being filed", () => {
    const appeals = makeRules([rule("appeal-window", { days: 180 }, { id: "any" }), rule("appeal-window", { days: 60, level: 2 }, { id: "l2" })]);
    expect(resolveRule(appeals, "appeal-window", scope("2026-03-01", { appealLevel: 1 }))?.ruleId).toBe("any");
    expect(resolveRule(appeals, "appeal-window", scope("2026-03-01", { appealLevel: 2 }))?.ruleId).toBe("l2");
  });

  it("falls back to the rule book's defaults, labelled as such", () => {
    expect(resolveRuleOrDefault(EMPTY_RULE_SET, "decision-timeframe", scope("2026-03-01"))).toEqual({
      value: { standardDays: 15, expeditedHours: 72 },
      label: "default/decision-timeframe",
      source: "Rule book fallback: 15 calendar days standard, 72 hours expedited",
    });
    expect(resolveRuleOrDefault(EMPTY_RULE_SET, "renewal-lead", scope("2026-03-01")).value).toEqual({ days: [30, 14, 7], dosesAhead: 2 });
  });

  it("answers whether a drug needs prior authorization", () => {
    const pa = makeRules([rule("pa-required", { hcpcs: ["J1745", "Q5103"] })]);
    expect(paRequired(pa, { ...scope("2026-03-01"), hcpcs: "Q5103" })).toEqual({ required: true, rule: "summit-health/pa-required@2026-01-01" });
    expect(paRequired(pa, { ...scope("2026-03-01"), hcpcs: "J2505" })?.required).toBe(false);
    expect(paRequired(EMPTY_RULE_SET, { ...scope("2026-03-01"), hcpcs: "J1745" })).toBeUndefined();
  });
});
