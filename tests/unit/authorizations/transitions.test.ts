// Impossible transitions are typed domain errors a coordinator can act on — one test per class, and a sweep over
// every command in every status proving decide never throws and never answers with an untyped error.
import { ALLOWED_FROM, AUTHORIZATION_STATUSES, type CaseCommandType, DOMAIN_ERROR_CODES, decide } from "~/authorizations";
import { COORDINATOR, type Cmd, containing, IDS, World, makeApproval, makeCase, makeCreateCommand, summitRules, uuid } from "./factories";

const SAMPLE: Record<Exclude<CaseCommandType, "create-case">, Cmd> = {
  submit: { type: "submit", channel: "fax", proofReference: "fax-9" },
  "record-payer-acknowledgement": { type: "record-payer-acknowledgement", references: [{ kind: "portal-case-id", value: "P-9" }] },
  "pend-for-information": { type: "pend-for-information", items: ["Labs"] },
  "send-information": { type: "send-information", documentIds: [IDS.document], channel: "fax", proofReference: "fax-10" },
  "record-decision": { type: "record-decision", ...makeApproval() },
  "request-p2p": { type: "request-p2p" },
  "schedule-p2p": { type: "schedule-p2p", scheduledFor: "2026-01-20T15:00:00Z" },
  "record-p2p-outcome": { type: "record-p2p-outcome", outcome: "upheld", reason: "Criteria not met" },
  "file-appeal": { type: "file-appeal", level: 1, channel: "fax", proofReference: "fax-11" },
  "record-appeal-decision": { type: "record-appeal-decision", level: 1, outcome: "upheld", reason: "Criteria not met" },
  "start-renewal": { type: "start-renewal", successorCaseId: IDS.caseB },
  supersede: { type: "supersede", successorCaseId: IDS.caseB, from: "2026-07-15", reason: "renewal" },
  "record-regimen-change": {
    type: "record-regimen-change",
    newRegimen: { hcpcs: "J1745", dose: { value: 5, unit: "mg", basis: "per_kg" }, unitsPerDose: 40, intervalDays: 42, administrations: 4, siteOfCare: "office", effectiveFrom: "2026-03-01" },
  },
  cancel: { type: "cancel", reason: "Therapy stopped" },
  void: { type: "void", reason: "Entered in error" },
  "mark-duplicate": { type: "mark-duplicate", duplicateOfCaseId: IDS.caseC },
  assign: { type: "assign", assigneeId: uuid(0x30) },
  "add-note": { type: "add-note", text: "Called the payer" },
  "attach-document": { type: "attach-document", documentId: IDS.document, kind: "clinical-note" },
  "deadline-reached": { type: "deadline-reached", kind: "expiry" },
  "sync-ledger": { type: "sync-ledger", lines: [{ lineNumber: 1, usedUnits: 0, usedVisits: 0 }] },
};

function refusalOf(status: (typeof AUTHORIZATION_STATUSES)[number], command: Cmd, actor = COORDINATOR) {
  const { world, state } = makeCase({ status });
  const result = decide(state, { ...command, caseId: IDS.caseA }, { now: world.clock.now, rules: world.rules, actor });
  if (result.ok) throw new Error(`expected a refusal of ${command.type} on ${status}`);
  return result.error;
}

describe("every command in every status", () => {
  const commands = Object.entries(SAMPLE) as [Exclude<CaseCommandType, "create-case">, Cmd][];
  it.each(AUTHORIZATION_STATUSES)("on a %s case: allowed commands pass the status gate, the others get a typed refusal", (status) => {
    const { world, state } = makeCase({ status });
    for (const [type, command] of commands) {
      const actor = type === "deadline-reached" ? undefined : COORDINATOR;
      const result = decide(state, { ...command, caseId: IDS.caseA }, { now: world.clock.now, rules: world.rules, ...(actor ? { actor } : {}) });
      if (result.ok) {
        expect(ALLOWED_FROM[type]).toContain(status);
        continue;
      }
      expect(DOMAIN_ERROR_CODES).toContain(result.error.code);
      expect(result.error.message.length).toBeGreaterThan(20);
      if (!ALLOWED_FROM[type].includes(status)) expect(result.error.code).not.toBe("INVALID_COMMAND");
    }
  });
});

describe("impossible transitions, by class", () => {
  it("a denied case cannot be approved", () => {
    expect(refusalOf("denied", SAMPLE["record-decision"])).toMatchObject({ code: "DENIAL_NEEDS_REVIEW", category: "conflict", message: "A denied case cannot be approved; record an appeal decision instead." });
  });

  it.each([
    ["draft", "record-decision", "NOT_SUBMITTED"],
    ["approved", "record-decision", "ALREADY_DECIDED"],
    ["peer_to_peer", "record-decision", "REVIEW_IN_PROGRESS"],
    ["appeal", "record-decision", "REVIEW_IN_PROGRESS"],
    ["submitted", "submit", "ALREADY_SUBMITTED"],
    ["draft", "pend-for-information", "NOT_SUBMITTED"],
    ["pending", "send-information", "NO_OPEN_INFORMATION_REQUEST"],
    ["approved", "request-p2p", "P2P_REQUIRES_DENIAL"],
    ["denied", "schedule-p2p", "P2P_REQUIRES_DENIAL"],
    ["peer_to_peer", "record-p2p-outcome", "P2P_NOT_SCHEDULED"],
    ["peer_to_peer", "file-appeal", "REVIEW_IN_PROGRESS"],
    ["approved", "file-appeal", "APPEAL_REQUIRES_DENIAL"],
    ["denied", "record-appeal-decision", "NO_APPEAL_PENDING"],
    ["pending", "start-renewal", "NOT_ACTIVE"],
    ["denied", "record-regimen-change", "NOT_ACTIVE"],
    ["approved", "mark-duplicate", "INVALID_TRANSITION"],
    ["cancelled", "submit", "CASE_CLOSED"],
    ["superseded", "record-regimen-change", "CASE_CLOSED"],
    ["expired", "start-renewal", "CASE_CLOSED"],
    ["voided", "void", "CASE_CLOSED"],
    ["duplicate", "cancel", "CASE_CLOSED"],
  ] as const)("%s + %s → %s", (status, type, code) => {
    expect(refusalOf(status, SAMPLE[type]).code).toBe(code);
  });

  it("closed cases say what to do instead", () => {
    expect(refusalOf("superseded", SAMPLE.cancel).message).toBe("This case is superseded; it can no longer be changed. Work on the case that replaced it.");
  });

  it("a second peer-to-peer, or one after an appeal, is refused", () => {
    const world = new World();
    world.run(IDS.caseA, makeCreateCommand());
    world.run(IDS.caseA, SAMPLE.submit);
    world.run(IDS.caseA, { type: "record-decision", outcome: "denied", reason: "Not medically necessary per policy", denialCategory: "medical_necessity" });
    world.run(IDS.caseA, SAMPLE["request-p2p"]);
    world.run(IDS.caseA, SAMPLE["schedule-p2p"]);
    world.run(IDS.caseA, SAMPLE["record-p2p-outcome"]);
    expect(world.attempt(IDS.caseA, SAMPLE["request-p2p"])).toMatchObject({ ok: false, error: { code: "P2P_ALREADY_HELD" } });

    const other = new World();
    other.run(IDS.caseA, makeCreateCommand());
    other.run(IDS.caseA, SAMPLE.submit);
    other.run(IDS.caseA, { type: "record-decision", outcome: "denied", reason: "Not medically necessary per policy" });
    other.run(IDS.caseA, SAMPLE["file-appeal"]);
    other.run(IDS.caseA, SAMPLE["record-appeal-decision"]);
    expect(other.attempt(IDS.caseA, SAMPLE["request-p2p"])).toMatchObject({ ok: false, error: { code: "P2P_AFTER_APPEAL" } });
  });

  it("the P2P window closes on the payer's rule", () => {
    const { world } = makeCase({ status: "denied" });
    world.clock.advanceDays(20);
    expect(world.attempt(IDS.caseA, SAMPLE["request-p2p"])).toMatchObject({ ok: false, error: { code: "P2P_WINDOW_CLOSED", message: containing("summit-health/p2p-window@2026-01-01") } });
  });

  it("appeal levels go in order", () => {
    const { world } = makeCase({ status: "denied" });
    expect(world.attempt(IDS.caseA, { ...SAMPLE["file-appeal"], level: 2 } as Cmd)).toMatchObject({ ok: false, error: { code: "APPEAL_LEVEL_OUT_OF_ORDER", field: "level", message: "A level 2 appeal cannot be filed now; the next step is the level 1 appeal." } });
    world.run(IDS.caseA, SAMPLE["file-appeal"]);
    expect(world.attempt(IDS.caseA, { ...SAMPLE["record-appeal-decision"], level: 2 } as Cmd)).toMatchObject({ ok: false, error: { code: "NO_APPEAL_PENDING" } });
  });

  it("who may do what", () => {
    expect(refusalOf("pending", SAMPLE["record-decision"], { userId: uuid(0x40), role: "biller" })).toMatchObject({ code: "FORBIDDEN", category: "forbidden", message: "A biller cannot record a payer decision; ask a PA coordinator." });
    expect(refusalOf("approved", SAMPLE["deadline-reached"], COORDINATOR).code).toBe("FORBIDDEN");
  });

  it("case identity: create twice, act on nothing, act on the wrong case", () => {
    const { world, state } = makeCase({ status: "draft" });
    const context = { now: world.clock.now, rules: world.rules, actor: COORDINATOR };
    expect(decide(state, makeCreateCommand(), context)).toMatchObject({ ok: false, error: { code: "CASE_ALREADY_EXISTS" } });
    expect(decide(undefined, { ...SAMPLE.submit, caseId: IDS.caseA }, context)).toMatchObject({ ok: false, error: { code: "CASE_NOT_FOUND" } });
    expect(decide(state, { ...SAMPLE.submit, caseId: IDS.caseB }, context)).toMatchObject({ ok: false, error: { code: "CASE_MISMATCH" } });
    expect(world.attempt(IDS.caseA, { type: "mark-duplicate", duplicateOfCaseId: IDS.caseA })).toMatchObject({ ok: false, error: { code: "SELF_REFERENCE" } });
  });

  it("a retro request beyond the payer's window is refused at submission", () => {
    const world = new World({ rules: summitRules([{ id: "retro", payerId: IDS.payer, kind: "retro-window", value: { days: 0 }, effectiveFrom: "2026-01-01", source: "MA: no retro" }]) });
    world.run(IDS.caseA, makeCreateCommand({ requestedFrom: "2026-01-02" }));
    expect(world.attempt(IDS.caseA, SAMPLE.submit)).toMatchObject({ ok: false, error: { code: "RETRO_WINDOW_EXCEEDED", field: "requestedFrom", message: containing("accepts no retro requests") } });
  });

  it("approvals must name requested lines, and an approval that cut units is a partial approval", () => {
    const { world } = makeCase({ status: "pending" });
    expect(world.attempt(IDS.caseA, { type: "record-decision", ...makeApproval({ lines: [{ lineNumber: 2, authorizedUnits: 40, mappedHcpcs: [] }] }) })).toMatchObject({
      ok: false,
      error: { code: "UNKNOWN_LINE", field: "lines[0].lineNumber" },
    });
    expect(world.attempt(IDS.caseA, { type: "record-decision", ...makeApproval({ units: 120 }) })).toMatchObject({
      ok: false,
      error: { code: "OUTCOME_MISMATCH", message: "The payer authorized 120 of 240 units on line 1 (J1745); record the decision as partially approved." },
    });
    // Requested and authorized stay separate fields.
    world.run(IDS.caseA, { type: "record-decision", ...makeApproval({ units: 120, outcome: "partially_approved" }) });
    expect(world.state().lines[0]).toMatchObject({ requestedUnits: 240, authorizedUnits: 120 });
  });

  it("repeating a no-op command appends nothing", () => {
    const { world } = makeCase({ status: "pending" });
    expect(world.run(IDS.caseA, { type: "record-payer-acknowledgement", references: [{ kind: "payer-reference", value: "REF-1" }] })).toEqual([]);
    world.run(IDS.caseA, SAMPLE.assign);
    expect(world.run(IDS.caseA, SAMPLE.assign)).toEqual([]);
  });
});
