// Events are the record: they round-trip through authorization_events rows and replay to the same state;
// reactions turn them into linked-case commands and outbox effects with stable business keys.
import { effectsOf, evaluateChecklist, evolve, fromEventRecord, linkedCommands, replay, toEventRecord } from "~/authorizations";
import { IDS, makeApproval, makeCase, makeCreateCommand } from "./factories";

describe("events and replay", () => {
  it("replaying the stored rows rebuilds the same state", () => {
    const { world } = makeCase({ status: "appeal" });
    world.run(IDS.caseA, { type: "add-note", text: "Letter of medical necessity sent", tags: ["lmn"] });
    const rows = world.events().map(toEventRecord);
    const reread = rows.map(fromEventRecord);
    expect(reread).toEqual(world.events());
    expect(replay(world.events())).toEqual(world.state());
    expect(world.state().version).toBe(world.events().length);
  });

  it("an unknown stored event type is reported, not guessed", () => {
    expect(fromEventRecord({ caseId: IDS.caseA, type: "teleported", payload: {}, actorUserId: null, channel: null, proofReference: null, occurredAt: new Date() })).toBeUndefined();
  });

  it("a history must start with case-created", () => {
    const { world } = makeCase({ status: "submitted" });
    expect(() => evolve(undefined, world.events()[1]!)).toThrow(/first event must be case-created/);
  });

  it("events carry the actor, the time and the submission channel with its proof", () => {
    const { world } = makeCase({ status: "submitted" });
    expect(world.events()[1]).toEqual({ type: "submitted", caseId: IDS.caseA, occurredAt: "2026-01-05T14:00:00.000Z", actorUserId: IDS.coordinator, channel: "fax", proofReference: "fax-receipt-001", data: { submittedAt: "2026-01-05T14:00:00.000Z" } });
  });
});

describe("reactions", () => {
  it("a renewal case links itself to its predecessor and its approval supersedes it", () => {
    const { world } = makeCase({ status: "approved" });
    const [created] = world.run(IDS.caseB, makeCreateCommand({ caseId: IDS.caseB, certificationType: "renewal", predecessorCaseId: IDS.caseA }));
    expect(linkedCommands(world.state(IDS.caseB), [created!])).toEqual([{ type: "start-renewal", caseId: IDS.caseA, successorCaseId: IDS.caseB }]);
    world.run(IDS.caseB, { type: "submit", channel: "fax", proofReference: "f" });
    const events = world.run(IDS.caseB, { type: "record-decision", ...makeApproval({ effectiveFrom: "2026-07-15", effectiveTo: "2027-01-14" }) });
    expect(linkedCommands(world.state(IDS.caseB), events)).toEqual([{ type: "supersede", caseId: IDS.caseA, successorCaseId: IDS.caseB, from: "2026-07-15", reason: "renewal" }]);
  });

  it("outbox effects have business keys that make redelivery a no-op", () => {
    const { world } = makeCase({ status: "approved" });
    world.clock.set("2026-06-20T12:00:00Z");
    const [alert] = world.sweep();
    expect(effectsOf(world.state(), alert!).map((e) => e.businessKey)).toEqual([`renewal-alert:${IDS.caseA}:30d`, `renewal-alert-coordinator:${IDS.caseA}:30d`]);
  });
});

describe("site-of-care checklist", () => {
  const evidence = [{ description: "Documented" }];
  it("meets a payer's criteria when one alternative is fully met with evidence", () => {
    expect(evaluateChecklist([{ criterion: 4, met: true, evidence }], ["1+2+3", "4"])).toMatchObject({ satisfied: true, satisfiedBy: "4" });
  });

  it("says what is missing for each alternative", () => {
    const result = evaluateChecklist(
      [
        { criterion: 1, met: true, evidence },
        { criterion: 2, met: true, evidence: [] },
        { criterion: 3, met: false, evidence },
      ],
      ["1+2+3", "4"],
    );
    expect(result).toMatchObject({ satisfied: false, missing: [{ alternative: "1+2+3", criteria: [2, 3] }, { alternative: "4", criteria: [4] }] });
    expect(result.summary).toBe("Does not yet meet the payer's criteria: needs 1+2+3 (missing 2, 3) or 4 (missing 4).");
  });

  it("without payer criteria, any criterion met with evidence argues the exception", () => {
    expect(evaluateChecklist([{ criterion: 11, met: true, evidence }], undefined).satisfied).toBe(true);
  });
});
