// Decision notices as effects of the decider's events: approved and denied emails for a first decision, a
// peer-to-peer outcome and an appeal decision, with stable keys and the deadlines (and their rules) a denial starts.
import { effectsOf, type Effect } from "~/authorizations";
import { IDS, World, containing, makeApproval, makeCreateCommand, summitRules, uuid } from "./factories";

const DENIAL = { type: "record-decision", outcome: "denied", reason: "Step therapy: no trial of a conventional immunomodulator", denialCategory: "step_therapy" } as const;
const OTHER_COORDINATOR = { userId: uuid(0x30), role: "coordinator" as const };

function submitted(world = new World()) {
  world.run(IDS.caseA, makeCreateCommand());
  world.run(IDS.caseA, { type: "assign", assigneeId: IDS.coordinator });
  world.run(IDS.caseA, { type: "submit", channel: "portal", proofReference: "portal-1" });
  world.clock.set("2026-01-10T15:00:00Z");
  return world;
}

const emails = (world: World) => effectsOf(world.state(), world.events().at(-1)!, world.rules).filter((e) => e.topic === "email");
const keys = (effects: Effect[]) => effects.map((e) => e.businessKey);

describe("decision notices", () => {
  it("an approval recorded by the assignee: one approved notice to the ordering provider, keyed by the version", () => {
    const world = submitted();
    world.run(IDS.caseA, { type: "record-decision", ...makeApproval() });
    const version = world.state().version;
    const effects = emails(world);
    expect(keys(effects)).toEqual([`decision-approved:${IDS.caseA}:${version}`]);
    expect(effects[0]!.payload).toMatchObject({ template: "decision-approved", to: "ordering-provider", providerId: IDS.provider, stage: "initial", version });
    // Computing the effects again (a replay, the Temporal driver) gives the same key: the outbox writes it once.
    expect(keys(emails(world))).toEqual(keys(effects));
  });

  it("someone other than the assignee recorded it: the assignee gets a copy under its own key", () => {
    const world = submitted();
    world.run(IDS.caseA, { type: "record-decision", ...makeApproval() }, OTHER_COORDINATOR);
    const version = world.state().version;
    expect(emails(world).map((e) => [e.businessKey, e.payload.to])).toEqual([
      [`decision-approved:${IDS.caseA}:${version}`, "ordering-provider"],
      [`decision-approved:${IDS.caseA}:${version}:assignee`, "assignee"],
    ]);
  });

  it("a denial states the P2P request deadline and the level 1 appeal deadline, each with its rule", () => {
    const world = submitted();
    world.run(IDS.caseA, DENIAL);
    const [notice] = emails(world);
    expect(notice!.businessKey).toBe(`decision-denied:${IDS.caseA}:${world.state().version}`);
    expect(notice!.payload).toMatchObject({
      template: "decision-denied",
      stage: "initial",
      deadlines: [
        { kind: "p2p-request", at: "2026-01-25T05:00:00.000Z", rule: "summit-health/p2p-window@2026-01-01", source: "Summit Health provider manual (p2p-window)" },
        { kind: "appeal-filing", at: "2026-07-10T04:00:00.000Z", rule: "summit-health/appeal-window@2026-01-01", description: containing("level 1 appeal (180 days") },
      ],
    });
  });

  it("without payer rules the rule book's fallbacks date the deadlines, and say so", () => {
    const world = submitted(new World({ rules: { rules: [], payerLabels: {} } }));
    world.run(IDS.caseA, DENIAL);
    const deadlines = emails(world)[0]!.payload.deadlines as { rule: string }[];
    expect(deadlines.map((d) => d.rule)).toEqual([expect.stringMatching(/^default\//), expect.stringMatching(/^default\//)]);
  });

  it("peer-to-peer upheld: a denied notice with only the appeal deadline (still from the denial); overturned: approved", () => {
    const upheld = submitted();
    upheld.run(IDS.caseA, DENIAL);
    upheld.run(IDS.caseA, { type: "request-p2p" });
    upheld.run(IDS.caseA, { type: "schedule-p2p", scheduledFor: "2026-01-14T17:00:00Z" });
    upheld.clock.set("2026-01-14T18:00:00Z");
    upheld.run(IDS.caseA, { type: "record-p2p-outcome", outcome: "upheld", reason: "Medical director: criteria not met" });
    const [notice] = emails(upheld);
    expect(notice!.payload).toMatchObject({ template: "decision-denied", stage: "peer-to-peer", deadlines: [{ kind: "appeal-filing", at: "2026-07-10T04:00:00.000Z" }] });

    const overturned = submitted();
    overturned.run(IDS.caseA, DENIAL);
    overturned.run(IDS.caseA, { type: "request-p2p" });
    overturned.run(IDS.caseA, { type: "schedule-p2p", scheduledFor: "2026-01-14T17:00:00Z" });
    overturned.run(IDS.caseA, { type: "record-p2p-outcome", outcome: "overturned", approval: makeApproval({ authorizationNumber: "SH-P2P-77" }) });
    expect(emails(overturned).map((e) => e.payload)).toEqual([expect.objectContaining({ template: "decision-approved", stage: "peer-to-peer" })]);
  });

  it("an upheld level 1 appeal names the next level's deadline (level 2 at 60 days is earlier than external review)", () => {
    const world = submitted(new World({ rules: summitRules() }));
    world.run(IDS.caseA, DENIAL);
    world.run(IDS.caseA, { type: "file-appeal", level: 1, channel: "fax", proofReference: "fax-appeal-1" });
    world.clock.set("2026-02-10T15:00:00Z");
    world.run(IDS.caseA, { type: "record-appeal-decision", level: 1, outcome: "upheld", reason: "Criteria still not met" });
    const [notice] = emails(world);
    expect(notice!.payload).toMatchObject({ template: "decision-denied", stage: "appeal", appealLevel: 1, deadlines: [{ kind: "appeal-filing", description: containing("level 2 appeal (60 days") }] });
  });

  it("no notice for a no-auth-required decision; claim re-evaluation stays", () => {
    const world = submitted();
    world.run(IDS.caseA, { type: "record-decision", outcome: "no_auth_required" });
    const effects = effectsOf(world.state(), world.events().at(-1)!, world.rules);
    expect(effects.map((e) => e.topic)).toEqual(["claim-reevaluation"]);
  });

  it("no payload carries PHI: only ids, dates, rules and the stage", () => {
    const world = submitted();
    world.run(IDS.caseA, DENIAL);
    const text = JSON.stringify(emails(world));
    expect(text).not.toMatch(/Step therapy|memberId|J1745|firstName/);
  });
});
