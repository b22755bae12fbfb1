// Settings → Deliveries: dead letters show with their last error, and an admin's retry puts one back in line.
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { installDatabaseHandle } from "~/db.server";
import { sweepOutbox } from "~/engine/outbox.server";
import { action, loader } from "~/routes/_app.settings_.deliveries";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTenantGraph, type TenantGraph } from "../support/factories";
import { getAs, postAs, settle } from "../support/requests";

let database: TestDatabase;
let admin: TenantGraph;
let coordinator: TenantGraph;
let deadId: string;

beforeAll(async () => {
  database = await createTestDatabase("deliveries");
  installDatabaseHandle(database);
  admin = await makeTenantGraph(database.db, "Fir", { role: "admin" });
  coordinator = await makeTenantGraph(database.db, "Gum", { role: "coordinator" });
  const [row] = await database.db
    .insert(s.outbox)
    .values({ organizationId: admin.organizationId, topic: "email", businessKey: "renewal-alert:case-1:30d", payload: { template: "renewal-alert" }, availableAt: new Date("2026-05-01T12:00:00Z") })
    .returning();
  deadId = row!.id;
  await sweepOutbox(database.db, { handlers: { email: async () => Promise.reject(new Error("Resend answered 422: invalid from address")) }, now: () => new Date("2026-05-01T12:00:00Z"), maxAttempts: 1 });
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

describe("deliveries", () => {
  it("lists a dead letter with its last error", async () => {
    const data = await loader({ request: await getAs(admin, "/settings/deliveries"), params: {}, context: {} });
    expect(data.dead).toEqual([expect.objectContaining({ id: deadId, topic: "email", businessKey: "renewal-alert:case-1:30d", lastError: "Resend answered 422: invalid from address" })]);
    expect(data.byTopic).toContainEqual({ topic: "email", state: "dead", n: 1 });
  });

  it("lets an admin retry it, audited, and the next sweep delivers it", async () => {
    const { response } = await settle(action({ request: await postAs(admin, "/settings/deliveries", { outboxId: deadId }), params: {}, context: {} }));
    expect(response?.headers.get("Location")).toBe("/settings/deliveries?retried=1");
    const [row] = await database.db.select().from(s.outbox).where(eq(s.outbox.id, deadId));
    expect(row).toMatchObject({ deadAt: null, attempts: 0 });
    const [audit] = await database.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, deadId));
    expect(audit).toMatchObject({ action: "outbox.retried", actorUserId: admin.userId });
    await sweepOutbox(database.db, { handlers: { email: async () => {} }, now: () => new Date() });
    const [after] = await database.db.select().from(s.outbox).where(eq(s.outbox.id, deadId));
    expect(after?.deliveredAt).not.toBeNull();
  });

  it("answers 403 to a coordinator, from the page and the retry", async () => {
    expect((await settle(loader({ request: await getAs(coordinator, "/settings/deliveries"), params: {}, context: {} }))).response?.status).toBe(403);
    expect((await settle(action({ request: await postAs(coordinator, "/settings/deliveries", { outboxId: deadId }), params: {}, context: {} }))).response?.status).toBe(403);
  });
});
