// Queue sorts and renewal bands against the demo organization: for every sort (deadline, patient, payer, last
// touch) in both directions, keyset pages of 7 walk exactly the queue's cases, each once, in the order one plain
// ORDER BY gives; a cursor from another sort starts at the top; the Renewal due queue filters by band; and on
// Postgres with ~20k cases each sort's page is an index scan.
import { eq, inArray, sql } from "drizzle-orm";
import { installDatabaseHandle, tenantTransaction } from "~/db.server";
import { selectRows } from "../../db/client";
import { decodeCursor, encodeCursor, parseSort, queueById, SORT_KEYS, type QueueDefinition, type QueueFilters, type QueueSort } from "~/queues";
import { loadQueueCounts, loadQueuePage, pageIdsQuery, type QueueRow, type QueueViewer } from "~/queues.server";
import { loader as queuesLoader } from "~/routes/_app.queues";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";
import { getAs } from "../support/requests";

let database: TestDatabase;
let viewer: QueueViewer;
const now = new Date();

beforeAll(async () => {
  database = await createTestDatabase("queue_sorts");
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

async function walk(queue: QueueDefinition, sort: QueueSort, filters: QueueFilters = {}, pageSize = 7): Promise<QueueRow[]> {
  const rows: QueueRow[] = [];
  let cursor: string | null = null;
  for (let pages = 0; ; pages++) {
    if (pages > 200) throw new Error("the cursor does not advance");
    const page = await loadQueuePage(queue, filters, viewer, now, decodeCursor(cursor, sort.key), pageSize, sort);
    rows.push(...page.rows);
    cursor = page.nextCursor;
    if (!cursor) return rows;
  }
}

/** The order a plain ORDER BY gives for the sort, over the given cases (no keyset, no pages). */
async function expectedOrder(ids: string[], sort: QueueSort): Promise<string[]> {
  if (ids.length === 0) return [];
  const c = s.authorizationCases;
  const d = sort.dir === "asc" ? sql`asc` : sql`desc`;
  const deadline = sort.dir === "asc" ? sql`${c.nextDeadlineAt} asc nulls last` : sql`${c.nextDeadlineAt} desc nulls first`;
  const order = {
    deadline: sql`${deadline}, ${c.id} ${d}`,
    "last-touch": sql`${c.lastEventAt} ${d}, ${c.id} ${d}`,
    patient: sql`lower(${s.patients.lastName}) ${d}, lower(${s.patients.firstName}) ${d}, ${s.patients.id} ${d}, ${c.id} ${d}`,
    payer: sql`${s.payers.name} ${d}, ${s.payers.id} ${d}, ${deadline}, ${c.id} ${d}`,
  }[sort.key];
  const rows = await database.db
    .select({ id: c.id })
    .from(c)
    .innerJoin(s.patients, eq(s.patients.id, c.patientId))
    .innerJoin(s.payers, eq(s.payers.id, c.payerId))
    .where(inArray(c.id, ids))
    .orderBy(order);
  return rows.map((r) => r.id);
}

const sorts: QueueSort[] = SORT_KEYS.flatMap((key) => [
  { key, dir: "asc" as const },
  { key, dir: "desc" as const },
]);

describe("sorting the queues", () => {
  it.each(["all", "awaiting-payer", "my-work", "renewal-due"].flatMap((queue) => sorts.map((sort) => [queue, sort.key, sort.dir, sort] as const)))(
    "%s by %s %s: keyset pages walk every counted case once, in ORDER BY order",
    async (queueId, _key, _dir, sort) => {
      const queue = queueById(queueId)!;
      const counts = await loadQueueCounts(viewer);
      const rows = await walk(queue, sort);
      const ids = rows.map((r) => r.id);
      expect(ids.length).toBe(counts[queue.id]);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(await expectedOrder(ids, sort));
    },
  );

  it("keeps a filter while sorting: payer order inside one payer is deadline order", async () => {
    const all = queueById("all")!;
    const [any] = await database.db.select({ payerId: s.authorizationCases.payerId }).from(s.authorizationCases).limit(1);
    const rows = await walk(all, { key: "payer", dir: "asc" }, { payerId: any!.payerId }, 5);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.payerId === any!.payerId)).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(await expectedOrder(rows.map((r) => r.id), { key: "deadline", dir: "asc" }));
  });

  it("reads sort and direction from the URL; a cursor of another sort starts at the top", async () => {
    expect(parseSort(new URLSearchParams("sort=patient&dir=desc"))).toEqual({ key: "patient", dir: "desc" });
    expect(parseSort(new URLSearchParams("sort=bogus"))).toEqual({ key: "deadline", dir: "asc" });
    const first = await loadQueuePage(queueById("all")!, {}, viewer, now, undefined, 25, { key: "patient", dir: "asc" });
    const deadlineCursor = encodeCursor({ deadline: now.toISOString(), id: first.rows[0]!.id });
    expect(decodeCursor(deadlineCursor, "patient")).toBeUndefined();
    const request = await getAs(viewer, `/queues?queue=all&sort=patient&after=${encodeURIComponent(deadlineCursor)}`);
    const data = await queuesLoader({ request, params: {}, context: {} });
    expect(data.sort).toEqual({ key: "patient", dir: "asc" });
    expect(data.paged).toBe(false);
    expect(data.page.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });
});

describe("renewal bands", () => {
  it("every Renewal due case with a band shows it, and ?band= narrows to exactly those cases", async () => {
    const queue = queueById("renewal-due")!;
    const rows = await walk(queue, { key: "deadline", dir: "asc" });
    const banded = rows.filter((r) => r.renewalBand !== null);
    expect(banded.length).toBeGreaterThan(0);
    for (const band of new Set(banded.map((r) => r.renewalBand!))) {
      const filtered = await walk(queue, { key: "deadline", dir: "asc" }, { band });
      expect(filtered.map((r) => r.id).sort()).toEqual(banded.filter((r) => r.renewalBand === band).map((r) => r.id).sort());
    }
    const units = await walk(queue, { key: "deadline", dir: "asc" }, { band: "units" });
    expect(units.map((r) => r.id).sort()).toEqual(rows.filter((r) => r.unitsRunningOut).map((r) => r.id).sort());
    // Cases outside renewal carry no band: the projection clears it once an authorization is no longer active.
    const stray = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(s.authorizationCases)
      .where(sql`${s.authorizationCases.renewalBand} is not null and ${s.authorizationCases.status} not in ('approved', 'partially_approved', 'modified', 'renewal_due')`);
    expect(stray[0]!.n).toBe(0);
  });

  it("the loader reads ?band= and offers the bands the standard rule raises", async () => {
    const data = await queuesLoader({ request: await getAs(viewer, "/queues?queue=renewal-due&band=14"), params: {}, context: {} });
    expect(data.filters).toEqual({ band: 14 });
    expect(data.bands).toEqual(expect.arrayContaining([30, 14, 7]));
    expect(data.page.rows.every((r) => r.renewalBand === 14)).toBe(true);
    const units = await queuesLoader({ request: await getAs(viewer, "/queues?queue=renewal-due&band=units"), params: {}, context: {} });
    expect(units.filters).toEqual({ band: "units" });
    expect(units.page.rows.every((r) => r.unitsRunningOut)).toBe(true);
    const junk = await queuesLoader({ request: await getAs(viewer, "/queues?queue=renewal-due&band=soon"), params: {}, context: {} });
    expect(junk.filters).toEqual({});
  });
});

describe.skipIf(!postgresServerUrl())("sorted queue pages on Postgres with ~20k cases", () => {
  beforeAll(async () => {
    await database.db.execute(sql`
      insert into authorization_cases (organization_id, case_number, patient_id, coverage_id, payer_id, plan_id, regimen_id, facility_id,
        ordering_provider_id, status, certification_type, urgency, unit_type, requested_site_of_care, requested_from, requested_to,
        requested_quantity, used_quantity, next_deadline_at, next_deadline_kind, assignee_id, last_event_at)
      select organization_id, 'BULK-' || g || '-' || case_number, patient_id, coverage_id, payer_id, plan_id, regimen_id, facility_id,
        ordering_provider_id, case when status in ('approved', 'partially_approved', 'modified') then 'pending' else status end, certification_type, urgency,
        unit_type, requested_site_of_care, requested_from, requested_to, requested_quantity, 0,
        case when next_deadline_at is null then null else next_deadline_at + (g % 97) * interval '1 hour' end,
        next_deadline_kind, assignee_id, last_event_at - (g % 89) * interval '1 hour'
      from authorization_cases, generate_series(1, 420) as g`);
    await database.db.execute(sql`analyze`);
  });

  async function plan(queueId: string, sort: QueueSort) {
    const query = pageIdsQuery(queueById(queueId)!, {}, viewer, now, undefined, 26, sort);
    return tenantTransaction(viewer.organizationId, async (tx) =>
      (await selectRows(tx, sql`explain (analyze, costs off) ${query}`)).map((row) => String(Object.values(row)[0])).join("\n"),
    );
  }

  it.each([
    ["awaiting-payer", "last-touch", /authorization_cases_touch_idx/],
    ["my-work", "last-touch", /authorization_cases_assignee_touch_idx|authorization_cases_assignee_idx/],
    ["awaiting-payer", "deadline", /authorization_cases_queue_idx/],
    ["all", "patient", /patients_organization_name_idx/],
  ] as const)("%s by %s (desc too) is an index scan", async (queueId, key, index) => {
    for (const dir of ["asc", "desc"] as const) {
      const text = await plan(queueId, { key, dir });
      expect(text, text).not.toMatch(/Seq Scan on authorization_cases/);
      expect(text, text).toMatch(index);
      const ms = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1]);
      console.info(`${queueId} by ${key} ${dir} at ~20k cases: ${ms} ms`);
      expect(ms).toBeLessThan(100);
    }
  });

  it("a payer-sorted page of Awaiting payer loads in well under a second", async () => {
    const started = performance.now();
    const page = await loadQueuePage(queueById("awaiting-payer")!, {}, viewer, now, undefined, 25, { key: "payer", dir: "asc" });
    const ms = performance.now() - started;
    console.info(`Awaiting payer by payer at ~20k cases: ${ms.toFixed(1)} ms`);
    expect(page.rows.length).toBe(25);
    expect(ms).toBeLessThan(1000);
  });
});
