// The case page through its route: the header and timeline load for staff and clinicians, a note and a
// submission go through the lifecycle engine and show in the timeline, bad input is named by field, a refused
// command comes back in plain words, and clinicians and billers (who follow a claim hold here) read but cannot act.
import { and, eq } from "drizzle-orm";
import { installDatabaseHandle } from "~/db.server";
import { action, loader } from "~/routes/_app.cases.$caseId";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { getAs, postAs, settle, type Identity } from "../support/requests";

let database: TestDatabase;
let organizationId: string;
const who: Record<string, Identity> = {};
let draftCaseId: string;
let pendingCaseId: string;

beforeAll(async () => {
  database = await createTestDatabase("case_page");
  installDatabaseHandle(database);
  await seedDemoData(database.db, { today: demoToday(), passwordHash: "not-a-hash" });
  for (const role of ["coordinator", "clinician", "biller"]) {
    const [user] = await database.db.select().from(s.users).where(eq(s.users.email, `${role}@riverside.example`));
    const [membership] = await database.db.select().from(s.memberships).where(eq(s.memberships.userId, user!.id));
    organizationId = membership!.organizationId;
    who[role] = { userId: user!.id, organizationId };
  }
  const [draft] = await database.db.select().from(s.authorizationCases).where(and(eq(s.authorizationCases.organizationId, organizationId), eq(s.authorizationCases.status, "draft")));
  draftCaseId = draft!.id;
  const [pending] = await database.db.select().from(s.authorizationCases).where(and(eq(s.authorizationCases.organizationId, organizationId), eq(s.authorizationCases.status, "pending")));
  pendingCaseId = pending!.id;
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

const path = (caseId: string) => `/cases/${caseId}`;
const args = (request: Request, caseId: string) => ({ request, params: { caseId }, context: {} });
const post = async (role: string, caseId: string, fields: Record<string, string>) => settle(action(args(await postAs(who[role]!, path(caseId), fields), caseId)));
const load = async (role: string, caseId: string) => loader(args(await getAs(who[role]!, path(caseId)), caseId));

describe("the case page", () => {
  it("shows the header, drug lines and the timeline in words to a coordinator and a clinician", async () => {
    const page = await load("coordinator", pendingCaseId);
    expect(page.header.status).toBe("pending");
    expect(page.header.payerName).toBeTruthy();
    expect(page.header.memberId).toBeTruthy();
    expect(page.lines.length).toBeGreaterThan(0);
    expect(page.events[0]!.type).toBe("case-created");
    expect(page.canAct).toBe(true);
    expect((await load("clinician", pendingCaseId)).canAct).toBe(false);
  });

  it("answers 404 for a case that is not there; a biller reads the case but may not act on it", async () => {
    const missing = await settle(load("coordinator", "00000000-0000-4000-8000-000000000000"));
    expect(missing.response?.status).toBe(404);
    const garbage = await settle(load("coordinator", "not-an-id"));
    expect(garbage.response?.status).toBe(404);
    const biller = await load("biller", pendingCaseId);
    expect(biller.canAct).toBe(false);
    expect(biller.back.to).toBe("/claims");
    expect(biller.canDraftLetters).toBe(false);
    const posted = await post("biller", pendingCaseId, { intent: "add-note", text: "A biller may not write on a case." });
    expect(posted.response?.status).toBe(403);
  });

  it("adds a note through the engine and shows it in the timeline", async () => {
    const { value } = await post("coordinator", pendingCaseId, { intent: "add-note", text: "Called the payer; decision expected Friday.", payerContact: "on" });
    expect(value?.saved).toBe(true);
    const page = await load("coordinator", pendingCaseId);
    const note = page.events.at(-1)!;
    expect(note.type).toBe("note-added");
    expect(note.payload).toMatchObject({ text: "Called the payer; decision expected Friday.", payerContact: true });
    expect(note.actorName).toBe("Casey Coordinator");
  });

  it("names the missing field of a submission and saves nothing", async () => {
    const before = (await load("coordinator", draftCaseId)).events.length;
    const { value } = await post("coordinator", draftCaseId, { intent: "submit", channel: "fax", proofReference: "" });
    expect(value?.reply.status).toBe("error");
    expect(value?.reply.error?.proofReference?.[0]).toMatch(/proof/);
    expect((await load("coordinator", draftCaseId)).events.length).toBe(before);
  });

  it("submits a draft with its channel and proof, and the timeline says how", async () => {
    const { value } = await post("coordinator", draftCaseId, { intent: "submit", channel: "fax", proofReference: "FAX-CONF-7781" });
    expect(value?.saved).toBe(true);
    const page = await load("coordinator", draftCaseId);
    expect(page.header.status).toBe("submitted");
    const submitted = page.events.find((e) => e.type === "submitted")!;
    expect(submitted).toMatchObject({ channel: "fax", proofReference: "FAX-CONF-7781" });
  });

  it("shows the engine's refusal in plain words when the status does not allow the command", async () => {
    const { value } = await post("coordinator", draftCaseId, { intent: "submit", channel: "portal", proofReference: "again" });
    expect(value?.reply.status).toBe("error");
    expect(value?.reply.error?.[""]?.[0]).toMatch(/already submitted/i);
  });

  it("records a denial with the payer's reason, and asks for the reason when it is missing", async () => {
    const missing = await post("coordinator", pendingCaseId, { intent: "record-decision", outcome: "denied", "lines[0].lineNumber": "1" });
    expect(missing.value?.reply.error?.reason?.[0]).toMatch(/denial reason/);
    const { value } = await post("coordinator", pendingCaseId, {
      intent: "record-decision",
      outcome: "denied",
      denialCategory: "step_therapy",
      reason: "Step therapy: no trial of methotrexate documented",
      "lines[0].lineNumber": "1",
    });
    expect(value?.saved).toBe(true);
    expect((await load("coordinator", pendingCaseId)).header.status).toBe("denied");
  });

  it("assigns and unassigns", async () => {
    await post("coordinator", draftCaseId, { intent: "assign", assigneeId: who.coordinator!.userId });
    expect((await load("coordinator", draftCaseId)).header.assigneeName).toBe("Casey Coordinator");
    await post("coordinator", draftCaseId, { intent: "assign", assigneeId: "nobody" });
    expect((await load("coordinator", draftCaseId)).header.assigneeId).toBeNull();
  });

  it("refuses actions from a clinician with 403", async () => {
    const { response } = await post("clinician", pendingCaseId, { intent: "add-note", text: "a clinician's note" });
    expect(response?.status).toBe(403);
  });
});
