// The Renewal due queue's bands come from the projection: the most urgent band the payer's renewal-lead rule raised,
// and whether the units alert was raised; nothing once the authorization is no longer active.
import { caseRow, nextDeadline, renewalStanding } from "~/authorizations";
import { IDS, World, makeApproval, makeCreateCommand, makeRules, rule } from "./factories";

function approved(world: World) {
  world.run(IDS.caseA, makeCreateCommand());
  world.run(IDS.caseA, { type: "submit", channel: "portal", proofReference: "portal-1" });
  world.clock.set("2026-01-14T15:00:00Z");
  world.run(IDS.caseA, { type: "record-decision", ...makeApproval() });
}

describe("renewal standing on the case row", () => {
  it("moves 30 → 14 → 7 as the default rule's alerts are raised, and clears when the renewal supersedes the case", () => {
    const world = new World();
    approved(world);
    expect(renewalStanding(world.state())).toEqual({ renewalBand: null, unitsRunningOut: false });
    world.clock.set("2026-06-14T12:00:00Z");
    world.sweep();
    expect(caseRow(world.state(), nextDeadline(world.state(), world.rules, world.clock.now))).toMatchObject({ status: "renewal_due", renewalBand: 30, unitsRunningOut: false });
    world.clock.set("2026-06-30T12:00:00Z");
    world.sweep();
    expect(renewalStanding(world.state()).renewalBand).toBe(14);
    world.clock.set("2026-07-07T12:00:00Z");
    world.sweep();
    expect(renewalStanding(world.state()).renewalBand).toBe(7);
    world.run(IDS.caseA, { type: "supersede", successorCaseId: IDS.caseB, from: "2026-07-15", reason: "renewal" });
    expect(renewalStanding(world.state())).toEqual({ renewalBand: null, unitsRunningOut: false });
  });

  it("takes its bands from the payer's renewal-lead rule, not fixed numbers: a late approval lands straight in the narrowest due band", () => {
    const world = new World({ rules: makeRules([rule("renewal-lead", { days: [45, 10], dosesAhead: 1 })]) });
    approved(world);
    world.clock.set("2026-07-05T12:00:00Z");
    world.sweep();
    expect(renewalStanding(world.state())).toEqual({ renewalBand: 10, unitsRunningOut: false });
  });

  it("says units are running out when the next doses need more than is left", () => {
    const world = new World();
    approved(world);
    world.clock.set("2026-03-13T15:00:00Z");
    world.run(IDS.caseA, {
      type: "sync-ledger",
      lines: [{ lineNumber: 1, usedUnits: 220, usedVisits: 5 }],
      upcoming: [
        { on: "2026-05-07", lineNumber: 1, units: 40, visits: 1 },
        { on: "2026-07-02", lineNumber: 1, units: 40, visits: 1 },
      ],
    });
    world.sweep();
    expect(renewalStanding(world.state())).toEqual({ renewalBand: null, unitsRunningOut: true });
  });
});
