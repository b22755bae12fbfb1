// The Temporal engine's idempotency key, without a server: every command goes out as an update-with-start whose
// Update id is the command id (the server answers a second Update with the same id with the first one's outcome),
// and the same id travels to the workflow, whose activity stores it on the command's events.
import type { Client } from "@temporalio/client";
import { TemporalEngine } from "~/engine/temporal.server";
import type { Database } from "../../db/client";

const ORG = "00000000-0000-4000-8000-0000000000aa";
const CASE_ID = "00000000-0000-4000-9000-0000000000c1";

function recordingEngine() {
  const sent: { updateId?: string; args: { commandId?: string; issuedAt?: string }[]; workflowId: string }[] = [];
  const client = {
    workflow: {
      executeUpdateWithStart: async (_update: unknown, options: { updateId?: string; args: { commandId?: string }[]; startWorkflowOperation: { options: { workflowId: string } } }) => {
        sent.push({ updateId: options.updateId, args: options.args, workflowId: options.startWorkflowOperation.options.workflowId });
        return { ok: true, caseId: CASE_ID, events: [], state: {} };
      },
    },
  } as unknown as Client;
  let now = Date.parse("2026-01-05T14:00:00Z");
  const engine = new TemporalEngine({ address: "", namespace: "default", taskQueue: "t", db: {} as Database, client, clock: () => new Date((now += 1000)) });
  return { engine, sent };
}

test("each command gets its own id as the Update id and in the message; a caller's id is kept, so its retry is deduplicated", async () => {
  const { engine, sent } = recordingEngine();
  const command = { type: "add-note", caseId: CASE_ID, text: "called the payer" };
  await engine.execute({ organizationId: ORG, command });
  await engine.execute({ organizationId: ORG, command });
  await engine.execute({ organizationId: ORG, command, commandId: "request-42" });
  await engine.execute({ organizationId: ORG, command, commandId: "request-42" }); // the retry after a lost answer

  expect(sent.map((s) => s.workflowId)).toEqual(Array(4).fill(`authorization-case:${CASE_ID}`));
  for (const s of sent) expect(s.args[0]!.commandId).toBe(s.updateId);
  expect(sent[0]!.updateId).toMatch(/^[0-9a-f-]{36}$/);
  expect(sent[1]!.updateId).not.toBe(sent[0]!.updateId);
  expect([sent[2]!.updateId, sent[3]!.updateId]).toEqual(["request-42", "request-42"]);
  // The retry carries a later issuedAt; the id, not the time, is what makes it the same command.
  expect(sent[3]!.args[0]!.issuedAt).not.toBe(sent[2]!.args[0]!.issuedAt);
});
