// The biller's holds queue over the demo organization: only open holds, each with its fix and the case that would
// clear it; sorted by age, dollars at risk, payer or reason from the URL; filtered by reason; billers and
// coordinators may look, clinicians may not.
import { and, eq, isNull, sql } from "drizzle-orm";
import { installDatabaseHandle } from "~/db.server";
import { HOLD_SORTS, listOpenHolds, parseHoldsQuery } from "~/billing/holds-queue.server";
import { loader as claimsLoader } from "~/routes/_app.claims";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { getAs, settle, type Identity } from "../support/requests";

let database: TestDatabase;
const identities: Record<"biller" | "clinician", Identity> = {} as never;

beforeAll(async () => {
  database = await createTestDatabase("holds_queue");
  installDatabaseHandle(database);
  await seedDemoData(database.db, {
    today: demoToday(new Date()),
    passwordHash: "not-a-hash",
  });
  for (const role of ["biller", "clinician"] as const) {
    const [user] = await database.db
      .select()
      .from(s.users)
      .where(eq(s.users.email, `${role}@riverside.example`));
    const [membership] = await database.db
      .select()
      .from(s.memberships)
      .where(eq(s.memberships.userId, user!.id));
    identities[role] = {
      userId: user!.id,
      organizationId: membership!.organizationId,
    };
  }
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

async function holdsAt(path: string) {
  const { value, response } = await settle(
    claimsLoader({
      request: await getAs(identities.biller, path),
      params: {},
      context: {},
    }),
  );
  if (response) throw new Error(`the loader answered ${response.status}`);
  return value!.holds.rows;
}

test("lists exactly the open holds, oldest first, each with its message, fix and case link", async () => {
  const rows = await holdsAt("/claims");
  const open = await database.db
    .select({ id: s.claimHolds.id })
    .from(s.claimHolds)
    .where(
      and(
        isNull(s.claimHolds.releasedAt),
        eq(s.claimHolds.organizationId, identities.biller.organizationId),
      ),
    );
  expect(rows.length).toBeGreaterThan(0);
  expect(new Set(rows.map((r) => r.holdId))).toEqual(
    new Set(open.map((r) => r.id)),
  );
  for (let i = 1; i < rows.length; i++)
    expect(rows[i - 1]!.openedAt <= rows[i]!.openedAt).toBe(true);
  for (const row of rows) {
    expect(row.message.length).toBeGreaterThan(0);
    expect(row.fix.length).toBeGreaterThan(0);
    if (row.caseId) expect(row.caseNumber).toMatch(/\S/);
  }
  expect(rows.some((r) => r.caseId !== null)).toBe(true);
});

test("sorts by dollars at risk, payer and reason, and filters by reason, from the URL", async () => {
  const byDollars = await holdsAt("/claims?sort=dollars");
  for (let i = 1; i < byDollars.length; i++)
    expect(byDollars[i - 1]!.atRiskCents >= byDollars[i]!.atRiskCents).toBe(
      true,
    );
  const byPayer = await holdsAt("/claims?sort=payer");
  // Each payer's holds come together, in one block (the database's collation decides the order of the blocks).
  const blocks = byPayer
    .map((r) => r.payer)
    .filter((p, i, all) => i === 0 || all[i - 1] !== p);
  expect(new Set(blocks).size).toBe(blocks.length);
  const byReason = await holdsAt("/claims?sort=reason");
  const reasons = byReason.map((r) => r.reason);
  expect(reasons).toEqual([...reasons].sort());
  const reason = reasons[0]!;
  const filtered = await holdsAt(
    `/claims?reason=${encodeURIComponent(reason)}`,
  );
  expect(filtered.length).toBe(reasons.filter((r) => r === reason).length);
  expect(filtered.every((r) => r.reason === reason)).toBe(true);
});

test("an unknown sort falls back to the oldest first; a clinician is refused", async () => {
  expect(parseHoldsQuery(new URLSearchParams("sort=bogus&reason=%20"))).toEqual(
    { sort: "age", reason: null },
  );
  const { response } = await settle(
    claimsLoader({
      request: await getAs(identities.clinician, "/claims"),
      params: {},
      context: {},
    }),
  );
  expect(response?.status).toBe(403);
});

test("pages through every open hold in each sort without repeating or skipping one, microseconds and ties included", async () => {
  const organizationId = identities.biller.organizationId;
  const open = await database.db
    .select({ id: s.claimHolds.id })
    .from(s.claimHolds)
    .where(and(isNull(s.claimHolds.releasedAt), eq(s.claimHolds.organizationId, organizationId)));
  expect(open.length).toBeGreaterThan(2);
  // Two holds opened in the same millisecond, microseconds apart: a cursor rounded to milliseconds would repeat one.
  await database.db.execute(sql`update claim_holds set opened_at = timestamptz '2026-01-02T03:04:05.678901Z' where id = ${open[0]!.id}`);
  await database.db.execute(sql`update claim_holds set opened_at = timestamptz '2026-01-02T03:04:05.678950Z' where id = ${open[1]!.id}`);
  for (const sort of HOLD_SORTS) {
    const all = await listOpenHolds(organizationId, { sort, reason: null });
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages <= open.length; pages++) {
      const params = new URLSearchParams({ sort, ...(after ? { after } : {}) });
      const page = await listOpenHolds(organizationId, parseHoldsQuery(params), { pageSize: 2 });
      seen.push(...page.rows.map((r) => r.holdId));
      after = page.next;
      if (!after) break;
    }
    expect(seen, sort).toEqual(all.rows.map((r) => r.holdId));
    expect(new Set(seen).size).toBe(open.length);
  }
});

test("a mangled cursor or one from another sort opens the first page", async () => {
  const first = await listOpenHolds(identities.biller.organizationId, { sort: "age", reason: null }, { pageSize: 1 });
  expect(first.next).not.toBeNull();
  expect(parseHoldsQuery(new URLSearchParams({ sort: "age", after: "not-a-cursor" })).after).toBeUndefined();
  expect(parseHoldsQuery(new URLSearchParams({ sort: "dollars", after: first.next! })).after).toBeUndefined();
  expect(parseHoldsQuery(new URLSearchParams({ sort: "age", after: first.next! })).after).toMatchObject({ id: first.rows[0]!.holdId });
  const rows = await holdsAt(`/claims?after=${encodeURIComponent("e30")}`);
  expect(rows[0]!.holdId).toBe(first.rows[0]!.holdId);
});
