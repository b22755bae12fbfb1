// The case page's later lifecycle forms through the route action: each command lands as its event in the
// timeline, and a bad value comes back named on its field with nothing saved.
import { and, eq } from "drizzle-orm";
import { installDatabaseHandle } from "~/db.server";
import { action, loader } from "~/routes/_app.cases.$caseId";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { getAs, postAs, settle, type Identity } from "../support/requests";

let database: TestDatabase;
let coordinator: Identity;
const byStatus: Record<string, string[]> = {};

beforeAll(async () => {
  database = await createTestDatabase("case_page_actions");
  installDatabaseHandle(database);
  await seedDemoData(database.db, { today: demoToday(), passwordHash: "not-a-hash" });
  const [user] = await database.db.select().from(s.users).where(eq(s.users.email, "coordinator@riverside.example"));
  const [membership] = await database.db.select().from(s.memberships).where(eq(s.memberships.userId, user!.id));
  coordinator = { userId: user!.id, organizationId: membership!.organizationId };
  const cases = await database.db
    .select({ id: s.authorizationCases.id, status: s.authorizationCases.status })
    .from(s.authorizationCases)
    .where(and(eq(s.authorizationCases.organizationId, coordinator.organizationId)));
  for (const c of cases) (byStatus[c.status] ??= []).push(c.id);
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

const path = (caseId: string) => `/cases/${caseId}`;
const args = (request: Request, caseId: string) => ({ request, params: { caseId }, context: {} });
const post = async (caseId: string, fields: Record<string, string>) => settle(action(args(await postAs(coordinator, path(caseId), fields), caseId)));
const load = async (caseId: string) => loader(args(await getAs(coordinator, path(caseId)), caseId));
const take = (status: string) => {
  const id = byStatus[status]?.shift();
  if (!id) throw new Error(`the demo data has no more ${status} cases`);
  return id;
};

/** Posts a command that must land, and returns the case page afterwards. */
async function lands(caseId: string, fields: Record<string, string>) {
  const { value, response } = await post(caseId, fields);
  expect(response).toBeUndefined();
  expect(value?.reply.error ?? {}).toEqual({});
  expect(value?.saved).toBe(true);
  return load(caseId);
}

/** Posts a bad command: the field is named, and the timeline does not grow. */
async function refused(caseId: string, fields: Record<string, string>, field: string, message: RegExp) {
  const before = (await load(caseId)).events.length;
  const { value } = await post(caseId, fields);
  expect(value?.saved).toBe(false);
  expect(value?.reply.error?.[field]?.[0]).toMatch(message);
  expect((await load(caseId)).events.length).toBe(before);
}

const deny = (caseId: string) =>
  lands(caseId, { intent: "record-decision", outcome: "denied", denialCategory: "medical_necessity", reason: "Not medically necessary: no recent disease activity", "lines[0].lineNumber": "1" });

describe("the case page's later lifecycle forms", () => {
  it("sends the requested information, and asks for what was sent", async () => {
    const caseId = take("information_requested");
    await refused(caseId, { intent: "send-information", channel: "fax", proofReference: "FAX-1" }, "documentIds", /documents sent or a note/);
    await refused(caseId, { intent: "send-information", channel: "pigeon", proofReference: "FAX-1", note: "CRP results" }, "channel", /expected/);
    const page = await lands(caseId, { intent: "send-information", channel: "fax", proofReference: "FAX-CONF-2231", note: "Faxed the last 3 months of CRP." });
    expect(page.events.at(-1)).toMatchObject({ type: "information-sent", channel: "fax", proofReference: "FAX-CONF-2231" });
  });

  it("cancels an open request with its reason, and asks for the reason", async () => {
    const caseId = take("submitted");
    await refused(caseId, { intent: "cancel", reason: "  " }, "reason", /non-empty text/);
    const page = await lands(caseId, { intent: "cancel", reason: "Therapy discontinued by the prescriber." });
    expect(page.header.status).toBe("cancelled");
    expect(page.events.some((e) => e.type === "cancelled")).toBe(true);
  });

  it("voids a case entered in error, and asks for the reason", async () => {
    const caseId = take("draft");
    await refused(caseId, { intent: "void" }, "reason", /expected text/);
    const page = await lands(caseId, { intent: "void", reason: "Entered for the wrong patient." });
    expect(page.header.status).toBe("voided");
    expect(page.events.at(-1)!.type).toBe("voided");
  });

  it("requests, schedules and records a peer-to-peer review, then appeals and records the appeal decision", async () => {
    const caseId = take("pending");
    await deny(caseId);

    let page = await lands(caseId, { intent: "request-p2p", callWindows: "Tue 12–1 pm\nThu 4–5 pm", note: "Dr. Patel prefers afternoons." });
    expect(page.header.status).toBe("peer_to_peer");
    expect(page.events.at(-1)).toMatchObject({ type: "p2p-requested" });

    await refused(caseId, { intent: "schedule-p2p", scheduledFor: "next week" }, "scheduledFor", /date-time/);
    page = await lands(caseId, { intent: "schedule-p2p", scheduledFor: "2030-01-08T13:30", reviewer: "Dr. Reviewer" });
    const scheduled = page.events.at(-1)!;
    expect(scheduled.type).toBe("p2p-scheduled");
    expect(JSON.stringify(scheduled.payload)).toContain("2030-01-08T18:30:00.000Z");

    await refused(caseId, { intent: "record-p2p-outcome", outcome: "upheld" }, "reason", /upheld/);
    page = await lands(caseId, { intent: "record-p2p-outcome", outcome: "upheld", reason: "Reviewer wants a methotrexate trial first." });
    expect(page.header.status).toBe("denied");
    expect(page.events.at(-1)!.type).toBe("p2p-outcome-recorded");

    await refused(caseId, { intent: "file-appeal", level: "4", kind: "medical_necessity", channel: "fax", proofReference: "FAX-9" }, "level", /expected 1, 2 or "external"/);
    page = await lands(caseId, { intent: "file-appeal", level: "1", kind: "medical_necessity", channel: "fax", proofReference: "FAX-APPEAL-1" });
    expect(page.header.status).toBe("appeal");
    expect(page.events.at(-1)).toMatchObject({ type: "appeal-filed", channel: "fax", proofReference: "FAX-APPEAL-1" });

    await refused(caseId, { intent: "record-appeal-decision", level: "1", outcome: "overturned", "approval.lines[0].lineNumber": "1", "approval.lines[0].authorizedUnits": "10" }, "approval.authorizationNumber", /expected/);
    page = await lands(caseId, {
      intent: "record-appeal-decision",
      level: "1",
      outcome: "overturned",
      "approval.outcome": "partially_approved",
      "approval.authorizationNumber": "AUTH-APPEAL-77",
      "approval.effectiveFrom": "2030-01-01",
      "approval.effectiveTo": "2030-06-30",
      "approval.lines[0].lineNumber": "1",
      "approval.lines[0].authorizedUnits": "10",
    });
    expect(page.events.at(-1)!.type).toBe("appeal-decided");
    expect(page.header.authorizationNumber).toBe("AUTH-APPEAL-77");
  });

  it("files a site-of-care appeal with the checklist and asks for evidence for each ticked criterion", async () => {
    const caseId = take("pending");
    await deny(caseId);
    const base = { intent: "file-appeal", level: "1", kind: "site_of_care", channel: "portal", proofReference: "PORTAL-55", "siteOfCare.requestedSite": "hopd_on_campus" };
    await refused(caseId, { ...base, "siteOfCare.checklist[6].met": "on", "siteOfCare.checklist[6].evidence[0].description": "" }, "siteOfCare.checklist[6].evidence", /evidence for criterion 7/);
    const page = await lands(caseId, {
      ...base,
      "siteOfCare.checklist[0].met": "on",
      "siteOfCare.checklist[0].evidence[0].description": "Nursing note: rate titration needed",
      "siteOfCare.checklist[6].met": "on",
      "siteOfCare.checklist[6].evidence[0].description": "Grade 2 reaction on 2026-03-02 despite premedication",
      "siteOfCare.checklist[3].evidence[0].description": "evidence for a criterion left unticked",
    });
    const filed = page.events.at(-1)!;
    expect(filed.type).toBe("appeal-filed");
    const siteOfCare = filed.payload.siteOfCare as { requestedSite: string; checklist: { criterion: number; met: boolean; evidence: { description: string }[] }[] };
    expect(siteOfCare.requestedSite).toBe("hopd_on_campus");
    expect(siteOfCare.checklist.map((entry) => entry.criterion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(siteOfCare.checklist.filter((entry) => entry.met).map((entry) => entry.criterion)).toEqual([1, 7]);
    expect(siteOfCare.checklist[6]!.evidence).toEqual([{ description: "Grade 2 reaction on 2026-03-02 despite premedication" }]);
  });
});
