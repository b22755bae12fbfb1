// The biller strip's "released today" counts from midnight where the organization is, not from UTC midnight:
// at 11:30 pm in Los Angeles a claim released that noon is today's, one released the evening before is not.
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { installDatabaseHandle } from "~/db.server";
import { claimSummary } from "~/overview.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTenantGraph } from "../support/factories";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("claim_summary");
  installDatabaseHandle(database);
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

test("released today is the organization's local day", async () => {
  const graph = await makeTenantGraph(database.db, "Pacific");
  await database.db.update(s.facilities).set({ timeZone: "America/Los_Angeles" }).where(eq(s.facilities.id, graph.facilityId));
  await database.db.update(s.claims).set({ status: "released", releasedAt: new Date("2026-03-04T20:00:00Z") }).where(eq(s.claims.id, graph.claimId)); // 12:00 on 4 March in Los Angeles
  const [claim] = await database.db.select().from(s.claims).where(eq(s.claims.id, graph.claimId));
  const [encounter] = await database.db.select().from(s.encounters).where(eq(s.encounters.id, claim!.encounterId));
  const [earlier] = await database.db.insert(s.encounters).values({ ...encounter!, id: undefined, externalVisitId: null, dateOfService: "2026-03-03" } as typeof s.encounters.$inferInsert).returning();
  await database.db.insert(s.claims).values({ ...claim!, id: undefined, encounterId: earlier!.id, claimNumber: "CL-EVE", releasedAt: new Date("2026-03-04T07:00:00Z") } as typeof s.claims.$inferInsert); // 23:00 on 3 March in Los Angeles
  const lateEvening = new Date("2026-03-05T07:30:00Z"); // 23:30 on 4 March in Los Angeles, already 5 March in UTC
  expect((await claimSummary(graph.organizationId, lateEvening)).releasedToday).toBe(1);
  const nextMorning = new Date("2026-03-05T16:00:00Z"); // 08:00 on 5 March in Los Angeles
  expect((await claimSummary(graph.organizationId, nextMorning)).releasedToday).toBe(0);
  // An organization that names its own zone in its settings is counted in that zone.
  await database.db.update(s.organizationEmailSettings).set({ timeZone: "UTC" }).where(eq(s.organizationEmailSettings.organizationId, graph.organizationId));
  expect((await claimSummary(graph.organizationId, lateEvening)).releasedToday).toBe(0);
});
