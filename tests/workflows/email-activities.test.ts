// The Temporal worker's email path: the activities the worker runs deliver email outbox rows through the same
// handler as the embedded sweep (app/email.server.ts → the real resend SDK, here against a local capture server).
// A decision recorded through applyCaseCommand queues its notice; deliverOutbox, run twice, sends it once, to the
// provider's delegate as the preferences say.
import { MockActivityEnvironment } from "@temporalio/testing";
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { createActivities } from "../../activities";
import { emailOutboxHandlers } from "~/email.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createCaseCommand, makeTenantGraph } from "../support/factories";
import { startResendCapture, type ResendCapture } from "../support/resend-capture";

let database: TestDatabase;
let capture: ResendCapture;
beforeAll(async () => {
  database = await createTestDatabase("email_activities");
  capture = await startResendCapture();
});
afterAll(async () => {
  await capture?.close();
  await database?.destroy();
});

function noop() {}
const quiet = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
const run = <A extends unknown[], R>(activity: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
  new MockActivityEnvironment({ attempt: 1 }, { logger: quiet }).run<A, R, typeof activity>(activity, ...args);
const NOW = "2026-01-05T14:00:00.000Z";

test("the worker's deliverOutbox sends a decision notice once, through Resend, to the delegate nurse", async () => {
  const graph = await makeTenantGraph(database.db, "Worker");
  await database.db
    .update(s.providers)
    .set({ email: "dr@worker.example", delegateName: "Sam Rivera, RN", delegateEmail: "sam@worker.example", delegateMode: "instead" })
    .where(eq(s.providers.id, graph.providerId));
  // As scripts/worker.ts builds it: the mailer is the email outbox handler for this configuration.
  const config = { RESEND_API_KEY: "re_worker", RESEND_BASE_URL: capture.url, EMAIL_FROM: "PA <pa@worker.example>", APP_URL: "https://pa.example.org", SESSION_SECRET: "w".repeat(40) };
  const activities = createActivities({ db: database.db, clock: () => new Date(NOW), mailer: emailOutboxHandlers(config, { db: database.db }).email! });
  const caseId = "00000000-0000-4000-9200-000000000001";
  const actor = { userId: graph.userId, role: "coordinator" as const };
  const apply = async (command: Record<string, unknown>, expectedVersion: number) => {
    const result = await run(activities.applyCaseCommand, { organizationId: graph.organizationId, command: { caseId, ...command }, actor, expectedVersion, now: NOW });
    if (!result.ok) throw new Error(result.error.message);
  };
  await apply(createCaseCommand(graph, { caseId, regimenId: graph.regimenId }), 0);
  await apply({ type: "submit", channel: "portal", proofReference: "w-1" }, 1);
  await apply({ type: "record-decision", outcome: "approved", authorizationNumber: "W-77", effectiveFrom: "2026-01-15", effectiveTo: "2026-07-14", lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs: [] }] }, 2);

  const since = capture.sent.length;
  await run(activities.deliverOutbox);
  await run(activities.deliverOutbox);
  const notices = capture.sent.slice(since).filter((e) => e.idempotencyKey === `decision-approved:${caseId}:3`);
  expect(notices).toHaveLength(1);
  expect(notices[0]!.body.to).toEqual(["sam@worker.example"]);
  expect(String(notices[0]!.body.text)).toContain("Authorization number W-77, valid from Jan 15, 2026 through Jul 14, 2026");
  const [row] = await database.db.select().from(s.outbox).where(eq(s.outbox.businessKey, `decision-approved:${caseId}:3`));
  expect(row!.deliveredAt).not.toBeNull();
});
