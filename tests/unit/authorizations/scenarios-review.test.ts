// Lifecycle scenarios with a virtual clock, part 2: denials, peer-to-peer, appeals, site of care, regimen change.
import { type CaseEvent, coverage, deadlines, effectsOf, nextDeadline } from "~/authorizations";
import { IDS, NPI, TIN, World, makeApproval, makeCase, makeCreateCommand, rule, summitRules, uuid } from "./factories";

const types = (events: readonly CaseEvent[]) => events.map((e) => e.type);
const DENIAL = { type: "record-decision", outcome: "denied", reason: "Not medically necessary: no documented failure of conventional therapy", denialCategory: "medical_necessity" } as const;

function deniedWorld(rules = summitRules()): World {
  const world = new World({ rules });
  world.run(IDS.caseA, makeCreateCommand());
  world.run(IDS.caseA, { type: "submit", channel: "portal", proofReference: "portal-1" });
  world.clock.set("2026-01-10T15:00:00Z");
  world.run(IDS.caseA, DENIAL);
  return world;
}

describe("deny → peer-to-peer → overturned", () => {
  it("opens the P2P window from the denial and approves on overturn", () => {
    const world = deniedWorld();
    expect(world.state()).toMatchObject({ status: "denied", decision: { outcome: "denied", denialCategory: "medical_necessity" } });
    const [p2p, appeal] = deadlines(world.state(), world.rules, world.clock.now);
    expect(p2p).toMatchObject({ kind: "p2p-request", rule: "summit-health/p2p-window@2026-01-01", at: new Date("2026-01-25T05:00:00Z") });
    expect(appeal).toMatchObject({ kind: "appeal-filing", appealLevel: 1, rule: "summit-health/appeal-window@2026-01-01" });

    world.clock.set("2026-01-12T15:00:00Z");
    world.run(IDS.caseA, { type: "request-p2p", callWindows: ["Tue 12-1 pm", "Thu 4-5 pm"] }, { userId: uuid(0x20), role: "clinician" });
    expect(world.state().status).toBe("peer_to_peer");
    // While the review runs, the appeal clock keeps counting from the denial.
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "appeal-filing", appealLevel: 1 });

    world.run(IDS.caseA, { type: "schedule-p2p", scheduledFor: "2026-01-15T17:00:00-05:00", reviewer: "Dr. Medical Director" });
    world.clock.set("2026-01-15T23:00:00Z");
    world.run(IDS.caseA, { type: "record-p2p-outcome", outcome: "overturned", approval: makeApproval({ authorizationNumber: "SH-P2P-77" }) });
    expect(world.state()).toMatchObject({ status: "approved", peerToPeer: { stage: "overturned" }, authorization: { authorizationNumber: "SH-P2P-77" } });
    expect(effectsOf(world.state(), world.events().at(-1)!).map((e) => e.topic)).toEqual(["email", "claim-reevaluation"]);
  });
});

describe("deny → peer-to-peer upheld", () => {
  it("leaves the appeal clock running from the denial, and no second peer-to-peer", () => {
    const world = deniedWorld();
    const before = nextDeadline(world.state(), world.rules, world.clock.now);
    world.run(IDS.caseA, { type: "request-p2p" });
    world.run(IDS.caseA, { type: "schedule-p2p", scheduledFor: "2026-01-14T17:00:00Z" });
    world.clock.set("2026-01-14T18:00:00Z");
    world.run(IDS.caseA, { type: "record-p2p-outcome", outcome: "upheld", reason: "Medical director upheld: step therapy not met" });
    expect(world.state()).toMatchObject({ status: "denied", peerToPeer: { stage: "upheld" } });
    const after = deadlines(world.state(), world.rules, world.clock.now);
    expect(after.map((d) => d.kind)).toEqual(["appeal-filing"]);
    expect(after[0]?.at).toEqual(deadlines(deniedWorld().state(), world.rules, world.clock.now).find((d) => d.kind === "appeal-filing")?.at);
    expect(before?.kind).toBe("p2p-request");
  });
});

describe("deny → appeal level 1 upheld → level 2 overturned", () => {
  it("files each level inside its own window, in order", () => {
    const world = deniedWorld();
    world.clock.set("2026-02-01T15:00:00Z");
    world.run(IDS.caseA, { type: "file-appeal", level: 1, channel: "fax", proofReference: "fax-appeal-1", documentIds: [IDS.document] });
    expect(world.state().status).toBe("appeal");

    world.clock.set("2026-03-01T15:00:00Z");
    world.run(IDS.caseA, { type: "record-appeal-decision", level: 1, outcome: "upheld", reason: "Criteria for biologic therapy not met" });
    expect(world.state()).toMatchObject({ status: "denied", lastAdverseDecisionAt: "2026-03-01T15:00:00.000Z" });
    // Level 2 counts 60 days from the level 1 decision (the level-specific rule beats the level 1 one).
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "appeal-filing", appealLevel: 2, at: new Date("2026-05-01T04:00:00Z") });

    world.clock.set("2026-03-20T15:00:00Z");
    world.run(IDS.caseA, { type: "file-appeal", level: 2, channel: "mail", proofReference: "certified-mail-9402" });
    world.clock.set("2026-04-20T15:00:00Z");
    world.run(IDS.caseA, { type: "record-appeal-decision", level: 2, outcome: "overturned", approval: makeApproval({ authorizationNumber: "SH-APL-2", effectiveFrom: "2026-04-20", effectiveTo: "2026-10-19" }) });
    expect(world.state()).toMatchObject({ status: "approved", authorization: { authorizationNumber: "SH-APL-2", effectiveFrom: "2026-04-20" } });
    expect(world.state().appeals.map((a) => [a.level, a.outcome])).toEqual([
      [1, "upheld"],
      [2, "overturned"],
    ]);
  });

  it("the next level's window counts from the date on the payer's letter, not from when it was keyed in", () => {
    const world = deniedWorld();
    world.run(IDS.caseA, { type: "file-appeal", level: 1, channel: "fax", proofReference: "fax-appeal-1" });
    world.clock.set("2026-03-10T15:00:00Z");
    world.run(IDS.caseA, { type: "record-appeal-decision", level: 1, outcome: "upheld", reason: "Upheld", decidedAt: "2026-03-01T12:00:00-05:00" });
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ appealLevel: 2, at: new Date("2026-05-01T04:00:00Z") });
    world.run(IDS.caseA, { type: "file-appeal", level: 2, channel: "fax", proofReference: "fax-appeal-2" });
    expect(world.attempt(IDS.caseA, { type: "record-appeal-decision", level: 2, outcome: "upheld", reason: "x", decidedAt: "2027-01-01T00:00:00Z" })).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND", field: "decidedAt" } });
  });

  it("closes the appeal window when its deadline passes", () => {
    const world = deniedWorld();
    world.clock.set("2026-01-26T12:00:00Z");
    expect(types(world.sweep())).toEqual(["p2p-window-closed"]);
    world.clock.set("2026-07-10T12:00:00Z");
    expect(types(world.sweep())).toEqual(["appeal-window-closed"]);
    const refused = world.attempt(IDS.caseA, { type: "file-appeal", level: 1, channel: "fax", proofReference: "late" });
    expect(refused).toMatchObject({ ok: false, error: { code: "APPEAL_WINDOW_CLOSED" } });
  });
});

describe("site-of-care denial → exception appeal", () => {
  const siteRule = rule("site-of-care", { firstDoseWindowDays: 45, exceptionCriteria: ["1+2+3", "4"] }, { source: "Summit Health site-of-care policy SOC-12" });
  const hospital = { facility: { facilityId: IDS.facility, npi: NPI.facility, tin: TIN, siteOfCare: "hopd_on_campus" as const, placeOfService: "22" } };

  it("argues the checklist with evidence and, once granted, drops the site-of-care transition clock", () => {
    const world = new World({ rules: summitRules([siteRule]) });
    world.run(IDS.caseA, makeCreateCommand(hospital));
    world.run(IDS.caseA, { type: "submit", channel: "portal", proofReference: "portal-1" });
    world.run(IDS.caseA, { type: "record-decision", outcome: "denied", reason: "Site of care: hospital outpatient infusion not medically necessary", denialCategory: "site_of_care" });
    expect(world.state().siteOfCareException).toBe("denied");

    const evidence = [{ description: "Infusion reaction 2025-11-03 requiring epinephrine", documentId: IDS.document }];
    world.run(IDS.caseA, {
      type: "file-appeal",
      level: 1,
      kind: "site_of_care",
      channel: "fax",
      proofReference: "fax-soc-1",
      siteOfCare: {
        requestedSite: "hopd_on_campus",
        checklist: [
          { criterion: 1, evidence },
          { criterion: 2, evidence: [{ description: "Telemetry ordered during infusion" }] },
          { criterion: 3, evidence: [{ description: "Rapid response access required per cardiology" }] },
          { criterion: 7, evidence },
        ],
      },
    });
    const appeal = world.state().appeals[0];
    expect(appeal?.siteOfCare?.evaluation).toMatchObject({ satisfied: true, satisfiedBy: "1+2+3" });
    expect(world.state().siteOfCareException).toBe("requested");

    world.run(IDS.caseA, { type: "record-appeal-decision", level: 1, outcome: "overturned", approval: makeApproval({ authorizedSiteOfCare: "hopd_on_campus" }) });
    expect(world.state()).toMatchObject({ status: "approved", siteOfCareException: "granted", authorization: { siteOfCare: "hopd_on_campus" } });
    expect(deadlines(world.state(), world.rules, world.clock.now).map((d) => d.kind)).not.toContain("site-of-care-transition");
  });

  it("without an exception, a hospital authorization gets the transition clock from the payer's first-dose window", () => {
    const world = new World({ rules: summitRules([siteRule]) });
    world.run(IDS.caseA, makeCreateCommand(hospital));
    world.run(IDS.caseA, { type: "submit", channel: "portal", proofReference: "portal-1" });
    world.run(IDS.caseA, { type: "record-decision", ...makeApproval() });
    expect(nextDeadline(world.state(), world.rules, world.clock.now)).toMatchObject({ kind: "site-of-care-transition", rule: "summit-health/site-of-care@2026-01-01", at: new Date("2026-03-01T05:00:00Z") });
    world.clock.set("2026-03-01T14:00:00Z");
    const [event] = world.sweep();
    expect(event).toMatchObject({ type: "site-of-care-transition-due", data: { firstDoseWindowDays: 45 } });
  });
});

describe("regimen change mid-authorization → revised request + holds", () => {
  it("holds what the new dose uncovers, drafts the linked revised request and releases the holds on its approval", () => {
    const { world } = makeCase({ status: "approved" });
    world.clock.set("2026-03-01T15:00:00Z");
    world.run(IDS.caseA, { type: "sync-ledger", lines: [{ lineNumber: 1, usedUnits: 80, usedVisits: 2 }], upcoming: [] });

    // Dose escalation to 10 mg/kg: 80 units per dose where 40 were authorized.
    const events = world.run(IDS.caseA, {
      type: "record-regimen-change",
      newRegimen: { hcpcs: "J1745", dose: { value: 10, unit: "mg", basis: "per_kg" }, unitsPerDose: 80, intervalDays: 56, administrations: 3, siteOfCare: "office", effectiveFrom: "2026-03-12" },
      revisedCaseId: IDS.caseB,
      affected: [
        { kind: "claim", id: "claim-jan", on: "2026-01-15" },
        { kind: "scheduled_visit", id: "visit-mar", on: "2026-03-12" },
        { kind: "scheduled_visit", id: "visit-may", on: "2026-05-07" },
      ],
    });
    const changed = events.find((e) => e.type === "regimen-changed");
    expect(changed?.type === "regimen-changed" && changed.data).toMatchObject({
      covered: false,
      changes: [expect.objectContaining({ kind: "dose", covered: false, field: "units" })],
      onHold: [expect.objectContaining({ id: "visit-mar" }), expect.objectContaining({ id: "visit-may" })],
      revisedCaseId: IDS.caseB,
    });

    // The revised request was opened and linked.
    expect(world.state(IDS.caseB)).toMatchObject({ status: "draft", certificationType: "revised", links: { predecessorCaseId: IDS.caseA }, lines: [expect.objectContaining({ unitsPerDose: 80, administrations: 3 })] });
    const visit = { kind: "scheduled_visit" as const, patientId: IDS.patient, memberId: "SH123456789", payerId: IDS.payer, planId: IDS.plan, facilityNpi: NPI.facility, siteOfCare: "office" as const, hcpcs: "J1745", units: 80, date: "2026-03-12" };
    const held = coverage(visit, [world.state(IDS.caseA), world.state(IDS.caseB)], world.clock.now);
    expect(held).toMatchObject({ covered: false, caseId: IDS.caseA, failures: [expect.objectContaining({ field: "units", reason: "regimen-change-hold" })] });
    expect(held.failures[0]?.fix).toContain(IDS.caseB);

    world.run(IDS.caseB, { type: "submit", channel: "fax", proofReference: "fax-2" });
    world.clock.set("2026-03-05T15:00:00Z");
    world.run(IDS.caseB, { type: "record-decision", ...makeApproval({ authorizationNumber: "SH-REV-3", effectiveFrom: "2026-03-12", effectiveTo: "2026-07-14" }) });
    expect(world.state(IDS.caseA)).toMatchObject({ status: "superseded", supersededFrom: "2026-03-12" });
    expect(world.state(IDS.caseA).holds.every((h) => h.releasedAt)).toBe(true);
    expect(coverage(visit, [world.state(IDS.caseA), world.state(IDS.caseB)], world.clock.now)).toMatchObject({ covered: true, caseId: IDS.caseB });
  });
});
