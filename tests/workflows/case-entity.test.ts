// The workflow's plain logic and the engine's error mapping, without a server: what the Update validator refuses
// (so it never reaches history) and how a refusal comes back to the web app.
import { WorkflowUpdateFailedError } from "@temporalio/client";
import { ApplicationFailure } from "@temporalio/common";
import { EMPTY_RULE_SET, decide, domainError } from "~/authorizations";
import { TemporalEngine, refusalOf } from "~/engine/temporal.server";
import { CaseEntity, CommandRefused } from "../../workflows/case-entity";
import type { Database } from "../../db/client";
import { createCaseCommand, type TenantGraph } from "../support/factories";

const ORG = "00000000-0000-4000-8000-0000000000aa";
const CASE_ID = "00000000-0000-4000-9000-0000000000c1";
const NOW = new Date("2026-01-05T14:00:00Z");
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
/** Ids only: the validator never reads the database. */
const graph = {
  patientId: uuid(1),
  coverageId: uuid(2),
  payerId: uuid(3),
  planId: uuid(4),
  memberId: "M123",
  providerId: uuid(5),
  providerNpi: "1234567893",
  facilityId: uuid(6),
  facilityNpi: "1245319599",
  facilityTin: "123456789",
} as unknown as TenantGraph;

function refusal(entity: CaseEntity, message: Parameters<CaseEntity["validate"]>[0]) {
  try {
    entity.validate(message, NOW);
    return undefined;
  } catch (error) {
    if (error instanceof CommandRefused) return error.error;
    throw error;
  }
}

describe("the executeCommand validator", () => {
  it("refuses another organization's command as CASE_NOT_FOUND, and a command for another case as CASE_MISMATCH", () => {
    const entity = new CaseEntity(ORG, CASE_ID);
    entity.hydrate({ events: [], nextDeadline: null });
    expect(refusal(entity, { organizationId: "00000000-0000-4000-8000-0000000000bb", command: { type: "add-note", caseId: CASE_ID, text: "x" } })).toMatchObject({
      code: "CASE_NOT_FOUND",
    });
    expect(refusal(entity, { organizationId: ORG, command: { type: "add-note", caseId: "00000000-0000-4000-9000-0000000000c2", text: "x" } })).toMatchObject({
      code: "CASE_MISMATCH",
    });
  });

  it("refuses a malformed command with its field errors, before and after the case is loaded", () => {
    const entity = new CaseEntity(ORG, CASE_ID);
    expect(refusal(entity, { organizationId: ORG, command: { type: "submit", caseId: CASE_ID, channel: "pigeon" } })).toMatchObject({ code: "INVALID_COMMAND" });
  });

  it("asks the decider once the case is loaded: a command the case's status does not allow never reaches history", () => {
    const entity = new CaseEntity(ORG, CASE_ID);
    const command = { type: "record-decision", caseId: CASE_ID, outcome: "denied", reason: "Not medically necessary" };
    // Not loaded yet: the activity decides (it has the payer's rules and the stored history).
    expect(refusal(entity, { organizationId: ORG, command })).toBeUndefined();
    entity.hydrate({ events: [], nextDeadline: null });
    expect(refusal(entity, { organizationId: ORG, command })).toMatchObject({ code: "CASE_NOT_FOUND" });

    const created = new CaseEntity(ORG, CASE_ID);
    const draft = decide(undefined, createCaseCommand(graph, { caseId: CASE_ID, caseNumber: "PA-000001" }) as Parameters<typeof decide>[1], { now: NOW, rules: EMPTY_RULE_SET });
    if (!draft.ok) throw new Error(draft.error.message);
    created.hydrate({ events: draft.events, nextDeadline: null });
    expect(refusal(created, { organizationId: ORG, command })).toMatchObject({ code: "NOT_SUBMITTED" });
    expect(refusal(created, { organizationId: ORG, command: { type: "add-note", caseId: CASE_ID, text: "called the payer" } })).toBeUndefined();
  });

  it("turns a due deadline into the system's deadline-reached command", () => {
    const entity = new CaseEntity(ORG, CASE_ID);
    expect(entity.deadlineCommand()).toBeUndefined();
    entity.hydrate({ events: [], nextDeadline: { at: "2026-01-09T15:00:00.000Z", kind: "follow-up" } });
    expect(entity.deadlineCommand()).toEqual({ organizationId: ORG, command: { type: "deadline-reached", caseId: CASE_ID, kind: "follow-up" } });
  });
});

describe("TemporalEngine without a server", () => {
  it("maps a validator's refusal back to the same DomainError the embedded engine returns", () => {
    const error = domainError("NOT_SUBMITTED", "This case has not been submitted yet.");
    const failed = new WorkflowUpdateFailedError("Workflow Update failed", ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true, details: [error] }));
    expect(refusalOf(failed)).toEqual({ ok: false, error });
    expect(refusalOf(new WorkflowUpdateFailedError("boom", ApplicationFailure.create({ message: "db down", type: "CommandFailed" })))).toBeUndefined();
    expect(refusalOf(new Error("other"))).toBeUndefined();
  });

  it("answers a command without a case id before connecting anywhere", async () => {
    const engine = new TemporalEngine({ address: "127.0.0.1:1", namespace: "default", taskQueue: "t", db: undefined as unknown as Database });
    expect(await engine.execute({ organizationId: ORG, command: { type: "submit" } })).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
    await engine.close();
  });
});
