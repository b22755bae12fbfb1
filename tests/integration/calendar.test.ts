// The calendar and its feed through their routes over the demo organization: the month view lists the
// coordinator's deadlines on their days; the .ics feed works without a session for the holder of the token, has a
// VEVENT per deadline and no names or MRNs; a regenerated, garbled, missing or other organization's token is refused.
import { eq, inArray } from "drizzle-orm";
import { localDate } from "~/authorizations";
import { installDatabaseHandle } from "~/db.server";
import { loadUserDeadlines } from "~/deadline-calendar.server";
import { action as calendarAction, loader as calendarLoader } from "~/routes/_app.calendar";
import { loader as feedLoader } from "~/routes/calendar[.]ics";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTenantGraph } from "../support/factories";
import { getAs, postAs, settle, type Identity } from "../support/requests";

let database: TestDatabase;
const who: Record<string, Identity> = {};

beforeAll(async () => {
  database = await createTestDatabase("calendar");
  installDatabaseHandle(database);
  await seedDemoData(database.db, { today: demoToday(), passwordHash: "not-a-hash" });
  for (const role of ["coordinator", "clinician", "biller"]) {
    const [user] = await database.db.select().from(s.users).where(eq(s.users.email, `${role}@riverside.example`));
    const [membership] = await database.db.select().from(s.memberships).where(eq(s.memberships.userId, user!.id));
    who[role] = { userId: user!.id, organizationId: membership!.organizationId };
  }
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

const contentLines = (ics: string) => ics.replace(/\r\n /g, "").split("\r\n").filter(Boolean);

async function newFeedUrl(role: string): Promise<string> {
  const result = await calendarAction({ request: await postAs(who[role]!, "/calendar", { intent: "regenerate-feed" }), params: {}, context: {} });
  if (!result.ok) throw new Error(result.message);
  return result.feedUrl;
}

/** The feed as a calendar app fetches it: no cookie, only the URL. */
async function fetchFeed(url: string | URL) {
  const u = new URL(url);
  return feedLoader({ request: new Request(`http://localhost${u.pathname}${u.search}`), params: {}, context: {} });
}

describe("the calendar page", () => {
  it("lists the coordinator's deadlines on their days in the month view, and a week view of 7 days", async () => {
    const month = await calendarLoader({ request: await getAs(who.coordinator!, "/calendar"), params: {}, context: {} });
    expect(month.view).toBe("month");
    expect(month.weeks.flat()).toContain(month.today);
    const all = Object.values(month.entries).flat();
    expect(all.length).toBe(month.count);
    for (const [day, entries] of Object.entries(month.entries)) for (const e of entries) expect(e.date).toBe(day);
    // Every entry is a case assigned to the coordinator.
    if (all.length > 0) {
      const rows = await database.db.select({ assigneeId: s.authorizationCases.assigneeId }).from(s.authorizationCases).where(inArray(s.authorizationCases.id, [...new Set(all.map((e) => e.caseId))]));
      expect(rows.every((r) => r.assigneeId === who.coordinator!.userId)).toBe(true);
    }
    const week = await calendarLoader({ request: await getAs(who.coordinator!, `/calendar?view=week&date=${month.today}`), params: {}, context: {} });
    expect(week.weeks).toHaveLength(1);
    expect(week.weeks[0]).toContain(month.today);
    const garbage = await calendarLoader({ request: await getAs(who.coordinator!, "/calendar?view=year&date=2026-02-31"), params: {}, context: {} });
    expect(garbage).toMatchObject({ view: "month", anchor: month.today });
  });

  it("the demo coordinator has deadlines within the year ahead", async () => {
    const now = new Date();
    const entries = await loadUserDeadlines(who.coordinator!.organizationId, who.coordinator!.userId, { from: new Date(now.getTime() - 30 * 86_400_000), to: new Date(now.getTime() + 366 * 86_400_000) }, now);
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.uid)).size).toBe(entries.length);
    // A deadline at the midnight ending its last day is listed on that day.
    for (const e of entries) expect(e.date).toBe(localDate(new Date(Date.parse(e.at) - 1), "America/New_York"));
  });

  it("is refused to a biller, in the loader and the action", async () => {
    expect((await settle(calendarLoader({ request: await getAs(who.biller!, "/calendar"), params: {}, context: {} }))).response?.status).toBe(403);
    expect((await settle(calendarAction({ request: await postAs(who.biller!, "/calendar", { intent: "regenerate-feed" }), params: {}, context: {} }))).response?.status).toBe(403);
  });
});

describe("the .ics feed", () => {
  it("serves the token holder's deadlines without a session: one VEVENT each, stable UIDs, UTC starts, no names or MRNs", async () => {
    const url = await newFeedUrl("coordinator");
    expect(url).toMatch(/\/calendar\.ics\?token=/);
    const response = await fetchFeed(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const text = await response.text();
    const lines = contentLines(text);
    const now = new Date();
    const expected = await loadUserDeadlines(who.coordinator!.organizationId, who.coordinator!.userId, { from: new Date(now.getTime() - 30 * 86_400_000), to: new Date(now.getTime() + 366 * 86_400_000) }, now);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(expected.length);
    expect(lines.filter((l) => l.startsWith("UID:")).sort()).toEqual(expected.map((e) => `UID:${e.uid}@infusion-pa`).sort());
    for (const line of lines.filter((l) => l.startsWith("DTSTART"))) expect(line).toMatch(/^DTSTART:\d{8}T\d{6}Z$/);
    // The same link gives the same UIDs on the next poll.
    const again = contentLines(await (await fetchFeed(url)).text());
    expect(again.filter((l) => l.startsWith("UID:"))).toEqual(lines.filter((l) => l.startsWith("UID:")));
    // PHI stays out: none of the patients' names or MRNs appear.
    const patients = await database.db.select({ first: s.patients.firstName, last: s.patients.lastName, mrn: s.patients.mrn }).from(s.patients).where(eq(s.patients.organizationId, who.coordinator!.organizationId));
    for (const p of patients) {
      expect(text).not.toContain(p.mrn);
      expect(text).not.toContain(`${p.last}`);
    }
  });

  it("refuses a regenerated token, a garbled one, none at all, and one naming another organization", async () => {
    const old = await newFeedUrl("coordinator");
    const current = await newFeedUrl("coordinator");
    expect((await fetchFeed(old)).status).toBe(403);
    expect((await fetchFeed(current)).status).toBe(200);
    const refused = await fetchFeed("http://localhost/calendar.ics?token=nonsense");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/not valid/);
    expect((await fetchFeed("http://localhost/calendar.ics")).status).toBe(403);
    // The right secret with another organization's id finds nothing (the lookup runs inside that tenant).
    const other = await makeTenantGraph(database.db, "Elsewhere");
    const token = new URL(current).searchParams.get("token")!;
    const swapped = `${other.organizationId}${token.slice(token.indexOf("."))}`;
    expect((await fetchFeed(`http://localhost/calendar.ics?token=${encodeURIComponent(swapped)}`)).status).toBe(403);
  });

  it("stops working for a member who is disabled", async () => {
    const url = await newFeedUrl("clinician");
    expect((await fetchFeed(url)).status).toBe(200);
    await database.db.update(s.users).set({ disabledAt: new Date() }).where(eq(s.users.id, who.clinician!.userId));
    expect((await fetchFeed(url)).status).toBe(403);
    await database.db.update(s.users).set({ disabledAt: null }).where(eq(s.users.id, who.clinician!.userId));
  });
});
