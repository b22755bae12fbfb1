// The queues against a real database with the demo organization: every queue's count equals the rows its keyset
// pages walk through, in deadline order with no deadline last; filters and search narrow the rows; and on Postgres
// with ~20k cases a queue page is an index scan, not a sequential scan of authorization_cases.
import { eq, sql } from "drizzle-orm";
import { installDatabaseHandle, tenantTransaction } from "~/db.server";
import { selectRows } from "../../db/client";
import { QUEUES, decodeCursor, queueById, type QueueDefinition, type QueueFilters } from "~/queues";
import { loadQueueCounts, loadQueuePage, pageIdsQuery, queueRowsQuery, type QueueRow, type QueueViewer } from "~/queues.server";
import { action as queuesAction, loader as queuesLoader } from "~/routes/_app.queues";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";
import { getAs, postAs, settle } from "../support/requests";

let database: TestDatabase;
let viewer: QueueViewer;
const now = new Date();

beforeAll(async () => {
  database = await createTestDatabase("queues");
  installDatabaseHandle(database);
  await seedDemoData(database.db, { today: demoToday(now), passwordHash: "not-a-hash" });
  const [coordinator] = await database.db.select().from(s.users).where(eq(s.users.email, "coordinator@riverside.example"));
  const [membership] = await database.db.select().from(s.memberships).where(eq(s.memberships.userId, coordinator!.id));
  viewer = { organizationId: membership!.organizationId, userId: coordinator!.id };
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

async function walk(queue: QueueDefinition, filters: QueueFilters = {}, pageSize = 7): Promise<{ rows: QueueRow[]; pages: number }> {
  const rows: QueueRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await loadQueuePage(queue, filters, viewer, now, decodeCursor(cursor), pageSize);
    rows.push(...page.rows);
    cursor = page.nextCursor;
    pages += 1;
    if (pages > 100) throw new Error("the cursor does not advance");
  } while (cursor);
  return { rows, pages };
}

function expectDeadlineOrder(rows: QueueRow[]) {
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    if (a.nextDeadlineAt === null) {
      expect(b.nextDeadlineAt).toBeNull();
      expect(a.id < b.id).toBe(true);
    } else if (b.nextDeadlineAt !== null) {
      const order = a.nextDeadlineAt.getTime() - b.nextDeadlineAt.getTime();
      expect(order < 0 || (order === 0 && a.id < b.id)).toBe(true);
    }
  }
}

describe("queues over the demo organization", () => {
  it("counts every queue, and the counts add up to what the demo holds", async () => {
    const counts = await loadQueueCounts(viewer);
    const [total] = await database.db.select({ n: sql<number>`count(*)::int` }).from(s.authorizationCases);
    expect(counts.all).toBe(total!.n);
    expect(counts.all).toBeGreaterThanOrEqual(49);
    const [awaiting] = await database.db.select({ n: sql<number>`count(*)::int` }).from(s.authorizationCases).where(sql`status in ('submitted', 'pending')`);
    expect(counts["awaiting-payer"]).toBe(awaiting!.n);
    expect(counts["awaiting-payer"]).toBeGreaterThan(0);
    expect(counts["my-work"]).toBeGreaterThan(0);
  });

  it.each(QUEUES.map((q) => [q.label, q] as const))("%s: keyset pages walk exactly the counted cases in deadline order", async (_label, queue) => {
    const counts = await loadQueueCounts(viewer);
    const { rows } = await walk(queue);
    expect(rows.length).toBe(counts[queue.id]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expectDeadlineOrder(rows);
  });

  it("walks All in pages of 7 with cases without a deadline at the end", async () => {
    const { rows, pages } = await walk(queueById("all")!);
    expect(pages).toBe(Math.ceil(rows.length / 7));
    const firstWithout = rows.findIndex((r) => r.nextDeadlineAt === null);
    if (firstWithout >= 0) expect(rows.slice(firstWithout).every((r) => r.nextDeadlineAt === null)).toBe(true);
  });

  it("My work holds only open cases assigned to the viewer", async () => {
    const { rows } = await walk(queueById("my-work")!);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.assigneeId).toBe(viewer.userId);
  });

  it("filters by payer, status, assignee and due window, and searches by patient name, MRN and authorization number", async () => {
    const all = queueById("all")!;
    const { rows } = await walk(all, {}, 100);
    const sample = rows.find((r) => r.authorizationNumber) ?? rows[0]!;
    const [payer] = await database.db.select({ id: s.authorizationCases.payerId }).from(s.authorizationCases).where(eq(s.authorizationCases.id, sample.id));

    const byPayer = await walk(all, { payerId: payer!.id }, 100);
    expect(byPayer.rows.length).toBeGreaterThan(0);
    expect(byPayer.rows.every((r) => r.payerName === sample.payerName)).toBe(true);

    const denied = await walk(all, { status: "denied" }, 100);
    expect(denied.rows.every((r) => r.status === "denied")).toBe(true);

    const unassigned = await walk(all, { assignee: "unassigned" }, 100);
    expect(unassigned.rows.every((r) => r.assigneeId === null)).toBe(true);

    const overdue = await walk(all, { due: "overdue" }, 100);
    expect(overdue.rows.every((r) => r.nextDeadlineAt !== null && r.nextDeadlineAt < now)).toBe(true);

    const byName = await walk(all, { search: sample.patientLastName.toUpperCase() }, 100);
    expect(byName.rows.map((r) => r.id)).toContain(sample.id);
    const byMrn = await walk(all, { search: sample.mrn }, 100);
    expect(byMrn.rows.map((r) => r.id)).toContain(sample.id);
    if (sample.authorizationNumber) {
      const byNumber = await walk(all, { search: sample.authorizationNumber }, 100);
      expect(byNumber.rows.map((r) => r.id)).toContain(sample.id);
    }
    const nothing = await walk(all, { search: "zz-no-such-patient%" }, 100);
    expect(nothing.rows).toEqual([]);
  });

  it("filters by plan and by site of care, each the same cases the table holds", async () => {
    const all = queueById("all")!;
    const cases = s.authorizationCases;
    const [withPlan] = await database.db.select({ planId: cases.planId }).from(cases).where(sql`${cases.planId} is not null`).limit(1);
    const planIds = (await database.db.select({ id: cases.id }).from(cases).where(eq(cases.planId, withPlan!.planId))).map((r) => r.id).sort();
    const byPlan = await walk(all, { planId: withPlan!.planId }, 100);
    expect(byPlan.rows.map((r) => r.id).sort()).toEqual(planIds);

    const [hospital] = await database.db.select({ site: cases.requestedSiteOfCare }).from(cases).where(sql`${cases.requestedSiteOfCare} <> 'office'`).limit(1);
    const site = hospital!.site;
    const siteIds = (await database.db.select({ id: cases.id }).from(cases).where(eq(cases.requestedSiteOfCare, site))).map((r) => r.id).sort();
    const bySite = await walk(all, { siteOfCare: site }, 100);
    expect(bySite.rows.map((r) => r.id).sort()).toEqual(siteIds);
    expect(siteIds.length).toBeGreaterThan(0);
  });

  it("serves the queue page to a coordinator with counts, rows and filters from the URL", async () => {
    const request = await getAs(viewer, "/queues?queue=awaiting-payer&due=30d");
    const data = await queuesLoader({ request, params: {}, context: {} });
    expect(data.queueId).toBe("awaiting-payer");
    expect(data.filters).toEqual({ due: "30d" });
    expect(data.page.rows.every((r) => r.status === "submitted" || r.status === "pending")).toBe(true);
    expect(typeof data.counts["my-work"]).toBe("number");
  });

  it("takes a case from the queue (a): assigned to the viewer through the engine; clinicians cannot", async () => {
    const [unassigned] = await database.db.select().from(s.authorizationCases).where(sql`${s.authorizationCases.assigneeId} is null and ${s.authorizationCases.status} = 'draft'`);
    const target = unassigned ?? (await database.db.select().from(s.authorizationCases).where(sql`${s.authorizationCases.status} = 'draft'`))[0]!;
    const before = (await loadQueueCounts(viewer))["my-work"];
    const result = await queuesAction({ request: await postAs(viewer, "/queues", { caseId: target.id }), params: {}, context: {} });
    expect(result).toEqual({ ok: true, message: "Assigned to you." });
    const [after] = await database.db.select().from(s.authorizationCases).where(eq(s.authorizationCases.id, target.id));
    expect(after!.assigneeId).toBe(viewer.userId);
    if (target.assigneeId !== viewer.userId) expect((await loadQueueCounts(viewer))["my-work"]).toBe(before + 1);

    const bad = await queuesAction({ request: await postAs(viewer, "/queues", { caseId: "nope" }), params: {}, context: {} });
    expect(bad.ok).toBe(false);

    const [clinician] = await database.db.select().from(s.users).where(eq(s.users.email, "clinician@riverside.example"));
    const refused = await settle(queuesAction({ request: await postAs({ userId: clinician!.id, organizationId: viewer.organizationId }, "/queues", { caseId: target.id }), params: {}, context: {} }));
    expect(refused.response?.status).toBe(403);
  });

  it("bulk-assigns the selected rows to a chosen coordinator, one engine command per case", async () => {
    const cases = s.authorizationCases;
    const targets = await database.db.select().from(cases).where(sql`${cases.status} in ('draft', 'submitted', 'pending')`).orderBy(cases.caseNumber).limit(3);
    expect(targets.length).toBe(3);
    const [other] = await database.db
      .select({ id: s.users.id })
      .from(s.memberships)
      .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
      .where(sql`${s.memberships.role} in ('admin', 'coordinator') and ${s.users.id} <> ${viewer.userId}`)
      .limit(1);
    const assigneeId = other?.id ?? viewer.userId;
    const result = await queuesAction({ request: await postAs(viewer, "/queues", { caseIds: targets.map((t) => t.id).join(","), assigneeId }), params: {}, context: {} });
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/^Assigned 3 cases to /);
    const after = await database.db.select().from(cases).where(sql`${cases.id} in (${sql.join(targets.map((t) => sql`${t.id}::uuid`), sql`, `)})`);
    expect(after.every((c) => c.assigneeId === assigneeId)).toBe(true);

    const tooMany = await queuesAction({ request: await postAs(viewer, "/queues", { caseIds: Array.from({ length: 26 }, (_, i) => `x${i}`).join(",") }), params: {}, context: {} });
    expect(tooMany.ok).toBe(false);
  });
});

describe.skipIf(!postgresServerUrl())("queue pages on Postgres with ~20k cases", () => {
  beforeAll(async () => {
    // 420 copies of the demo's cases with spread deadlines: about 20k rows in the organization.
    await database.db.execute(sql`
      insert into authorization_cases (organization_id, case_number, patient_id, coverage_id, payer_id, plan_id, regimen_id, facility_id,
        ordering_provider_id, status, certification_type, urgency, unit_type, requested_site_of_care, authorized_site_of_care,
        authorization_number, payer_reference, requested_from, requested_to, effective_from, effective_to, requested_quantity,
        authorized_quantity, used_quantity, next_deadline_at, next_deadline_kind, assignee_id, last_event_at)
      select organization_id, 'BULK-' || g || '-' || case_number, patient_id, coverage_id, payer_id, plan_id, regimen_id, facility_id,
        ordering_provider_id, status, certification_type, urgency, unit_type, requested_site_of_care, authorized_site_of_care,
        authorization_number, payer_reference, requested_from, requested_to, effective_from, effective_to, requested_quantity,
        authorized_quantity, used_quantity,
        case when next_deadline_at is null then null else next_deadline_at + (g % 97) * interval '1 hour' end,
        next_deadline_kind, assignee_id, last_event_at
      from authorization_cases, generate_series(1, 420) as g`);
    await database.db.execute(sql`analyze`);
  });

  const planText = (rows: Record<string, unknown>[]) => rows.map((row) => String(Object.values(row)[0])).join("\n");

  /** The plan of the page's id query, as the app runs it: under the tenant's row-level security. */
  async function explainIds(queue: QueueDefinition, filters: QueueFilters = {}, analyze = false) {
    const query = pageIdsQuery(queue, filters, viewer, now, undefined, 26);
    return tenantTransaction(viewer.organizationId, async (tx) => planText(await selectRows(tx, analyze ? sql`explain (analyze, costs off) ${query}` : sql`explain (costs off) ${query}`)));
  }

  /** The plan of the page's row read under row-level security. */
  async function explainRows(ids: string[]) {
    return tenantTransaction(viewer.organizationId, async (tx) => planText(await selectRows(tx, sql`explain (costs off) ${queueRowsQuery(tx, ids)}`)));
  }

  it("has about 20k cases", async () => {
    const [total] = await database.db.select({ n: sql<number>`count(*)::int` }).from(s.authorizationCases);
    expect(total!.n).toBeGreaterThan(20_000);
  });

  it.each(["awaiting-payer", "my-work", "denied", "needs-submission", "all"])("%s: a page is an index scan on the queue indexes, not a sequential scan", async (id) => {
    const plan = await explainIds(queueById(id)!);
    if (/Seq Scan on authorization_cases/.test(plan)) console.info(plan);
    expect(plan).not.toMatch(/Seq Scan on authorization_cases/);
    expect(plan).toMatch(/Index (Only )?Scan using authorization_cases_(queue|assignee)_idx/);
    const page = await loadQueuePage(queueById(id)!, {}, viewer, now);
    expect(page.rows.length).toBeGreaterThan(0);
    const rowsPlan = await explainRows(page.rows.map((r) => r.id));
    expect(rowsPlan).not.toMatch(/Seq Scan on authorization_cases/);
  });

  it("serves a page of Awaiting payer in a few milliseconds", async () => {
    const analyzed = await explainIds(queueById("awaiting-payer")!, {}, true);
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(analyzed)?.[1]);
    console.info(`Awaiting payer page at ~20k cases: ${ms} ms\n${analyzed}`);
    expect(ms).toBeLessThan(50);
  });

  it("loads a whole queue page (ids, rows under RLS) and every count in well under a second", async () => {
    const time = async (work: () => Promise<unknown>) => {
      await work();
      const started = performance.now();
      for (let i = 0; i < 5; i++) await work();
      return (performance.now() - started) / 5;
    };
    const page = await time(() => loadQueuePage(queueById("my-work")!, {}, viewer, now));
    const counts = await time(() => loadQueueCounts(viewer));
    console.info(`At ~20k cases: My work page ${page.toFixed(1)} ms, all queue counts ${counts.toFixed(1)} ms (mean of 5)`);
    expect(page).toBeLessThan(500);
    expect(counts).toBeLessThan(1000);
  });
});
