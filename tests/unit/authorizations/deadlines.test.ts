// Clocks: fallbacks, payer rules, strictness, business days, time zones and once-only timers.
import { EMPTY_RULE_SET, deadlines, nextDeadline } from "~/authorizations";
import { IDS, World, makeApproval, makeCreateCommand, makeRules, rule, summitRules } from "./factories";

function submitted(options: { rules?: ReturnType<typeof summitRules>; start?: string; create?: Parameters<typeof makeCreateCommand>[0] } = {}): World {
  const world = new World({ rules: options.rules ?? EMPTY_RULE_SET, start: options.start ?? "2026-01-05T14:00:00Z" });
  world.run(IDS.caseA, makeCreateCommand(options.create));
  world.run(IDS.caseA, { type: "submit", channel: "fax", proofReference: "fax-1" });
  return world;
}

const decisionDue = (world: World) => deadlines(world.state(), world.rules, world.clock.now).find((d) => d.kind === "decision-due");

describe("decision due", () => {
  it("falls back to 15 calendar days standard, to the end of the day in the clinic", () => {
    expect(decisionDue(submitted())).toMatchObject({ at: new Date("2026-01-21T05:00:00Z"), rule: "default/decision-timeframe", description: "Payer decision due (15 calendar days, standard)" });
  });

  it("falls back to 72 hours expedited, to the hour", () => {
    expect(decisionDue(submitted({ create: { urgency: "expedited" } }))).toMatchObject({ at: new Date("2026-01-08T14:00:00Z"), rule: "default/decision-timeframe" });
  });

  it("a payer's dated rule replaces the fallback, and a newer version applies to cases submitted after it starts", () => {
    const rules = makeRules([
      rule("decision-timeframe", { standardDays: 7, expeditedHours: 24 }, { effectiveTo: "2026-02-01" }),
      rule("decision-timeframe", { standardDays: 3, expeditedHours: 24 }, { effectiveFrom: "2026-02-01" }),
    ]);
    expect(decisionDue(submitted({ rules }))).toMatchObject({ at: new Date("2026-01-13T05:00:00Z"), rule: "summit-health/decision-timeframe@2026-01-01" });
    expect(decisionDue(submitted({ rules, start: "2026-02-02T14:00:00Z" }))).toMatchObject({ at: new Date("2026-02-06T05:00:00Z"), rule: "summit-health/decision-timeframe@2026-02-01" });
  });

  it("the strictest of the drug lines' rules wins", () => {
    const rules = makeRules([rule("decision-timeframe", { standardDays: 15, expeditedHours: 72 }), rule("decision-timeframe", { standardDays: 5, expeditedHours: 72 }, { hcpcs: "J9035", id: "bev" })]);
    const lines = [
      { hcpcs: "J1745", dose: { value: 5, unit: "mg" as const, basis: "per_kg" as const }, unitsPerDose: 40, administrations: 6 },
      { hcpcs: "J9035", dose: { value: 400, unit: "mg" as const }, unitsPerDose: 40, administrations: 6 },
    ];
    expect(decisionDue(submitted({ rules, create: { lines } }))).toMatchObject({ at: new Date("2026-01-11T05:00:00Z"), ruleId: "bev" });
  });

  it("fires once as decision-overdue", () => {
    const world = submitted();
    world.clock.set("2026-01-21T06:00:00Z");
    const fired = world.sweep().map((e) => e.type);
    expect(fired.filter((t) => t === "decision-overdue")).toHaveLength(1);
    expect(world.run(IDS.caseA, { type: "deadline-reached", kind: "decision-due" }, null)).toEqual([]);
  });
});

describe("follow-up every 3 business days", () => {
  it("skips the weekend and moves on after each follow-up or payer contact", () => {
    const world = submitted({ start: "2026-01-09T15:00:00Z" }); // a Friday
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "follow-up", at: new Date("2026-01-14T05:00:00Z"), key: "follow-up:2026-01-14" });
    world.clock.set("2026-01-14T13:00:00Z");
    expect(world.sweep().map((e) => e.type)).toEqual(["follow-up-due"]);
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "follow-up", key: "follow-up:2026-01-19" });
    world.run(IDS.caseA, { type: "add-note", text: "Called Summit Health, still in review", payerContact: true });
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "follow-up", key: "follow-up:2026-01-19" });
    world.clock.set("2026-01-16T15:00:00Z");
    world.run(IDS.caseA, { type: "add-note", text: "Called again", payerContact: true });
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ key: "follow-up:2026-01-21" });
  });

  it("stops while the payer waits on information", () => {
    const world = submitted();
    world.run(IDS.caseA, { type: "pend-for-information", items: ["Labs"] });
    expect(deadlines(world.state(), world.rules, world.clock.now).map((d) => d.kind)).toEqual(["rfi-due", "decision-due"]);
  });
});

describe("information request due", () => {
  it("uses the payer's rule, else 14 days; the payer's own date stands unless a payer rule is stricter", () => {
    const fallback = submitted();
    fallback.run(IDS.caseA, { type: "pend-for-information", items: ["Labs"] });
    expect(fallback.state().informationRequests[0]).toMatchObject({ dueOn: "2026-01-19", dueRule: "default/rfi-due" });

    const asked = submitted();
    asked.run(IDS.caseA, { type: "pend-for-information", items: ["Labs"], dueOn: "2026-01-30" });
    expect(asked.state().informationRequests[0]).toMatchObject({ dueOn: "2026-01-30", dueRule: "payer-request@2026-01-30" });

    const strict = submitted({ rules: makeRules([rule("rfi-due", { days: 5 })]) });
    strict.run(IDS.caseA, { type: "pend-for-information", items: ["Labs"], dueOn: "2026-01-30" });
    expect(strict.state().informationRequests[0]).toMatchObject({ dueOn: "2026-01-10", dueRule: "summit-health/rfi-due@2026-01-01" });
    strict.clock.set("2026-01-11T12:00:00Z");
    expect(strict.sweep().map((e) => e.type)).toContain("information-overdue");
  });
});

describe("renewal alerts", () => {
  it("an approval that arrives late raises the tightest band due and skips the wider ones", () => {
    const world = new World({ start: "2026-07-01T14:00:00Z" });
    world.run(IDS.caseA, makeCreateCommand());
    world.run(IDS.caseA, { type: "submit", channel: "fax", proofReference: "fax-1" });
    world.run(IDS.caseA, { type: "record-decision", ...makeApproval() });
    const [first] = world.sweep();
    expect(first).toMatchObject({ type: "renewal-alert-raised", data: { band: 14, skippedBands: [30] } });
    expect(world.run(IDS.caseA, { type: "deadline-reached", kind: "renewal-alert", band: 30 }, null)).toEqual([]);
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "renewal-alert", band: 7 });
  });

  it("lead times come from the payer's renewal-lead rule", () => {
    const world = new World({ rules: makeRules([rule("renewal-lead", { days: [45, 10], dosesAhead: 1 })]) });
    world.run(IDS.caseA, makeCreateCommand());
    world.run(IDS.caseA, { type: "submit", channel: "fax", proofReference: "fax-1" });
    world.run(IDS.caseA, { type: "record-decision", ...makeApproval() });
    const alerts = deadlines(world.state(), world.rules, world.clock.now).filter((d) => d.kind === "renewal-alert");
    expect(alerts.map((d) => [d.band, d.at.toISOString(), d.rule])).toEqual([
      [45, "2026-05-30T04:00:00.000Z", "summit-health/renewal-lead@2026-01-01"],
      [10, "2026-07-04T04:00:00.000Z", "summit-health/renewal-lead@2026-01-01"],
    ]);
  });
});

describe("strictest wins and time zones", () => {
  it("nextDeadline is the earliest of all candidates", () => {
    const world = submitted({ rules: summitRules() });
    const all = deadlines(world.state(), world.rules, world.clock.now);
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toEqual(all[0]);
    expect(all.map((d) => d.at.getTime())).toEqual([...all.map((d) => d.at.getTime())].sort((a, b) => a - b));
  });

  it("expiry is midnight after the end date where the clinic is", () => {
    const world = new World();
    world.run(IDS.caseA, makeCreateCommand({ facility: { facilityId: IDS.facility, npi: "1902809789", tin: "123456789", siteOfCare: "office", placeOfService: "11", timeZone: "America/Los_Angeles" } }));
    world.run(IDS.caseA, { type: "submit", channel: "fax", proofReference: "fax-1" });
    world.run(IDS.caseA, { type: "record-decision", ...makeApproval({ effectiveTo: "2026-03-08" }) });
    // 8 March 2026 is the US spring-forward day: midnight after it is 07:00 UTC (PDT), not 08:00 (PST).
    const expiry = deadlines(world.state(), world.rules, world.clock.now).find((d) => d.kind === "expiry");
    expect(expiry?.at.toISOString()).toBe("2026-03-09T07:00:00.000Z");
  });

  it("marks overdue deadlines against now", () => {
    const world = submitted();
    world.clock.set("2026-02-01T00:00:00Z");
    expect(deadlines(world.state(), world.rules, world.clock.now).every((d) => d.overdue)).toBe(true);
  });
});
