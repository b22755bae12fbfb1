// Lifecycle scenarios with a virtual clock, part 1: the happy path to renewal, exhaustion and expiry.
import { type CaseEvent, coverage, deadlines, effectsOf, ledgerBalance, nextDeadline } from "~/authorizations";
import { IDS, World, makeApproval, makeCase, makeClaimLine, makeCreateCommand } from "./factories";

const types = (events: readonly CaseEvent[]) => events.map((e) => e.type);

function claimLine(dateOfService: string, units = 40) {
  return makeClaimLine({ dateOfService, units });
}

describe("submit → pend → information → approve → renewal alerts 30/14/7 → renewal approved → old superseded", () => {
  it("runs the whole lifecycle on the payer's clocks", () => {
    const world = new World();
    world.run(IDS.caseA, makeCreateCommand());
    world.run(IDS.caseA, { type: "submit", channel: "portal", proofReference: "portal-screenshot-77" });
    expect(world.state().status).toBe("submitted");

    // Two clocks run: the 15-day decision (Summit Health's rule) and the 3-business-day follow-up; the earlier wins.
    const all = deadlines(world.state(), world.rules, world.clock.now);
    expect(all.map((d) => d.kind)).toEqual(["follow-up", "decision-due"]);
    expect(all[1]).toMatchObject({ rule: "summit-health/decision-timeframe@2026-01-01", at: new Date("2026-01-21T05:00:00Z") });
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "follow-up", rule: "default/follow-up-cadence", at: new Date("2026-01-08T05:00:00Z") });

    world.clock.set("2026-01-06T15:00:00Z");
    world.run(IDS.caseA, { type: "record-payer-acknowledgement", references: [{ kind: "payer-reference", value: "SH-REF-55" }] });
    expect(world.state().status).toBe("pending");

    world.clock.set("2026-01-09T15:00:00Z");
    expect(types(world.sweep())).toEqual(["follow-up-due"]);
    world.run(IDS.caseA, { type: "pend-for-information", items: ["Last 3 months of CRP", "Current weight"] });
    expect(world.state().status).toBe("information_requested");
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "rfi-due", rule: "summit-health/rfi-due@2026-01-01" });
    expect(effectsOf(world.state(), world.events().at(-1)!)).toEqual([expect.objectContaining({ topic: "email", businessKey: `information-request:${IDS.caseA}:rfi-1` })]);

    world.clock.set("2026-01-12T15:00:00Z");
    world.run(IDS.caseA, { type: "send-information", documentIds: [IDS.document], channel: "fax", proofReference: "fax-receipt-2" });
    expect(world.state().status).toBe("pending");

    world.clock.set("2026-01-14T15:00:00Z");
    world.run(IDS.caseA, { type: "record-decision", ...makeApproval() });
    expect(world.state()).toMatchObject({ status: "approved", authorization: { authorizationNumber: "SH-AUTH-1001", effectiveTo: "2026-07-14" } });
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "renewal-alert", band: 30, at: new Date("2026-06-14T04:00:00Z") });

    // Renewal alerts at 30, 14 and 7 days before the end date, each once.
    world.clock.set("2026-06-14T12:00:00Z");
    expect(world.sweep().map((e) => (e.type === "renewal-alert-raised" ? e.data.band : e.type))).toEqual([30]);
    expect(world.state().status).toBe("renewal_due");
    expect(world.sweep()).toEqual([]);
    expect(world.run(IDS.caseA, { type: "deadline-reached", kind: "renewal-alert", band: 30 }, null)).toEqual([]);

    world.clock.set("2026-06-30T12:00:00Z");
    expect(world.sweep().map((e) => (e.type === "renewal-alert-raised" ? e.data.band : e.type))).toEqual([14]);
    world.clock.set("2026-07-07T12:00:00Z");
    expect(world.sweep().map((e) => (e.type === "renewal-alert-raised" ? e.data.band : e.type))).toEqual([7]);
    expect(world.state().renewalAlerts).toEqual([30, 14, 7]);
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "expiry", at: new Date("2026-07-15T04:00:00Z") });

    // The renewal case links itself to its predecessor, and its approval supersedes it.
    world.run(IDS.caseB, makeCreateCommand({ caseId: IDS.caseB, caseNumber: "PA-000002", certificationType: "renewal", predecessorCaseId: IDS.caseA, requestedFrom: "2026-07-15", requestedTo: "2027-01-14" }));
    expect(world.state(IDS.caseA).links.successorCaseId).toBe(IDS.caseB);
    world.run(IDS.caseB, { type: "submit", channel: "x12_278", proofReference: "278-trace-9" });
    world.clock.set("2026-07-10T12:00:00Z");
    world.run(IDS.caseB, { type: "record-decision", ...makeApproval({ authorizationNumber: "SH-AUTH-2002", effectiveFrom: "2026-07-15", effectiveTo: "2027-01-14" }) });

    expect(world.state(IDS.caseA)).toMatchObject({ status: "superseded", supersededFrom: "2026-07-15", links: { supersededBy: IDS.caseB } });
    // Alerts close themselves: no renewal alert and no expiry is left on the old case.
    expect(nextDeadline(world.state(IDS.caseA), world.rules, world.clock.now)).toBeNull();
    // Claims before the switch stay on the old authorization, after it on the new one.
    const cases = [world.state(IDS.caseA), world.state(IDS.caseB)];
    expect(coverage(claimLine("2026-07-12"), cases, world.clock.now)).toMatchObject({ covered: true, caseId: IDS.caseA });
    expect(coverage(claimLine("2026-07-20"), cases, world.clock.now)).toMatchObject({ covered: true, caseId: IDS.caseB, authorizationNumber: "SH-AUTH-2002" });
  });
});

describe("units exhausted before the end date", () => {
  it("alerts when the next two doses do not fit, then marks the case exhausted and holds the claim", () => {
    const world = new World();
    world.run(IDS.caseA, makeCreateCommand());
    world.run(IDS.caseA, { type: "submit", channel: "fax", proofReference: "fax-1" });
    world.run(IDS.caseA, { type: "record-decision", ...makeApproval({ units: 160 }), outcome: "partially_approved" });

    // The ledger (scheduled doses at 50 units after a weight gain) projects running out in April.
    const entries = [
      { kind: "administered" as const, units: -50, visits: -1, sourceType: "administration", sourceId: "a1", occurredOn: "2026-01-15" },
      { kind: "administered" as const, units: -50, visits: -1, sourceType: "administration", sourceId: "a2", occurredOn: "2026-03-12" },
      { kind: "scheduled" as const, units: -50, visits: -1, sourceType: "scheduled_infusion", sourceId: "s3", occurredOn: "2026-05-07" },
      { kind: "scheduled" as const, units: -50, visits: -1, sourceType: "scheduled_infusion", sourceId: "s4", occurredOn: "2026-07-02" },
    ];
    world.clock.set("2026-03-13T15:00:00Z");
    const balance = ledgerBalance({ unitType: "units", lines: world.state().lines, effectiveTo: "2026-07-14" }, entries, "2026-03-13");
    expect(balance.lines[0]).toMatchObject({ authorizedUnits: 160, usedUnits: 100, remainingUnits: 60, scheduledUnits: 100, projectedExhaustionOn: "2026-07-02", firstUncoveredOn: "2026-07-02" });
    expect(balance.exhaustsBeforeEnd).toBe(true);

    world.run(IDS.caseA, { type: "sync-ledger", lines: [{ lineNumber: 1, usedUnits: 100, usedVisits: 2 }], upcoming: balance.lines[0]!.upcoming });
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "renewal-alert", band: "units", overdue: true });
    expect(world.sweep().map((e) => (e.type === "renewal-alert-raised" ? e.data.band : e.type))).toEqual(["units"]);
    expect(world.state().status).toBe("renewal_due");

    // The May dose fits; the July one is booked beyond the authorization.
    const visit = (date: string) => ({ ...makeClaimLine({ units: 50 }), kind: "scheduled_visit" as const, date });
    expect(coverage(visit("2026-05-07"), [world.state()], world.clock.now).covered).toBe(true);
    expect(coverage(visit("2026-07-02"), [world.state()], world.clock.now).failures).toEqual([expect.objectContaining({ field: "units", reason: "units-exceeded" })]);

    world.clock.set("2026-05-08T15:00:00Z");
    const events = world.run(IDS.caseA, { type: "sync-ledger", lines: [{ lineNumber: 1, usedUnits: 160, usedVisits: 3 }], upcoming: [] });
    expect(types(events)).toEqual(["ledger-synced", "units-exhausted"]);
    expect(world.state().status).toBe("exhausted");
    expect(coverage(claimLine("2026-06-01", 50), [world.state()], world.clock.now)).toMatchObject({ covered: false, failures: [expect.objectContaining({ field: "units" })] });
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toBeNull();
  });
});

describe("expiry without renewal", () => {
  it("raises each renewal alert, then expires the day after the end date in the clinic's time zone", () => {
    const { world } = makeCase({ status: "approved" });

    const fired: string[] = [];
    for (let day = 0; day < 200; day++) {
      world.clock.advanceDays(1);
      for (const e of world.sweep()) fired.push(e.type === "renewal-alert-raised" ? `alert-${e.data.band}` : e.type);
    }
    expect(fired).toEqual(["alert-30", "alert-14", "alert-7", "expired"]);
    const expired = world.events().find((e) => e.type === "expired");
    expect(expired).toMatchObject({ data: { dueAt: "2026-07-15T04:00:00.000Z", effectiveTo: "2026-07-14", rule: "authorization/SH-AUTH-1001@2026-07-14" } });
    expect(world.state().status).toBe("expired");
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toBeNull();
    // A claim for a date inside the window is still covered after expiry; one after it is not.
    expect(coverage(claimLine("2026-07-02"), [world.state()], world.clock.now).covered).toBe(true);
    expect(coverage(claimLine("2026-07-16"), [world.state()], world.clock.now).failures.map((f) => f.field)).toEqual(["dates"]);
  });
});
