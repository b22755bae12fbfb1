// Outbox delivery: at least once, never twice at the same time, retried with backoff, dead-lettered in the end,
// and a crashed delivery's lease runs out so the row comes back.
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { claimOutboxRows, PermanentDeliveryError, sweepOutbox, type OutboxRow } from "~/engine/outbox.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;
beforeAll(async () => {
  database = await createTestDatabase("outbox");
  graph = await makeTenantGraph(database.db, "Outbox");
});
afterAll(async () => database?.destroy());

const t0 = new Date("2026-05-01T12:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

async function enqueue(topic: string, key: string) {
  const [row] = await database.db.insert(s.outbox).values({ organizationId: graph.organizationId, topic, businessKey: key, payload: { key }, availableAt: t0 }).returning();
  return row!;
}
const reload = async (id: string) => (await database.db.select().from(s.outbox).where(eq(s.outbox.id, id)))[0]!;

describe("outbox delivery", () => {
  it("delivers once and marks the row delivered", async () => {
    const row = await enqueue("test-ok", "ok-1");
    const seen: string[] = [];
    const result = await sweepOutbox(database.db, { handlers: { "test-ok": async (r) => void seen.push(r.businessKey) }, now: () => t0 });
    expect(result).toMatchObject({ claimed: 1, delivered: 1 });
    expect(seen).toEqual(["ok-1"]);
    expect((await reload(row.id)).deliveredAt).toEqual(t0);
    expect((await sweepOutbox(database.db, { handlers: { "test-ok": async () => {} }, now: () => at(60_000) })).claimed).toBe(0);
  });

  it("retries a failure with exponential backoff, then dead-letters it after the last attempt", async () => {
    const row = await enqueue("test-flaky", "flaky-1");
    const failing = { "test-flaky": async () => Promise.reject(new Error("Resend answered 503")) };
    await sweepOutbox(database.db, { handlers: failing, now: () => t0, maxAttempts: 3 });
    let current = await reload(row.id);
    expect(current).toMatchObject({ attempts: 1, lastError: "Resend answered 503", deliveredAt: null, deadAt: null });
    expect(current.availableAt).toEqual(at(30_000));
    // Not due before its backoff has passed.
    expect((await sweepOutbox(database.db, { handlers: failing, now: () => at(10_000), maxAttempts: 3 })).claimed).toBe(0);
    await sweepOutbox(database.db, { handlers: failing, now: () => at(30_000), maxAttempts: 3 });
    current = await reload(row.id);
    expect(current.availableAt).toEqual(at(30_000 + 60_000));
    await sweepOutbox(database.db, { handlers: failing, now: () => at(90_000), maxAttempts: 3 });
    current = await reload(row.id);
    expect(current).toMatchObject({ attempts: 3, deliveredAt: null });
    expect(current.deadAt).toEqual(at(90_000));
  });

  it("dead-letters a permanent failure at once", async () => {
    const row = await enqueue("test-permanent", "perm-1");
    await sweepOutbox(database.db, { handlers: { "test-permanent": async () => Promise.reject(new PermanentDeliveryError("recipient has no email address")) }, now: () => t0 });
    expect(await reload(row.id)).toMatchObject({ attempts: 1, lastError: "recipient has no email address", deadAt: t0 });
  });

  it("never hands one row to two sweeps, and gives a crashed sweep's rows back when the lease ends", async () => {
    const rows = await Promise.all(["lease-1", "lease-2", "lease-3"].map((k) => enqueue("test-lease", k)));
    const [first, second] = await Promise.all([claimOutboxRows(database.db, ["test-lease"], t0, 2, 60_000), claimOutboxRows(database.db, ["test-lease"], t0, 2, 60_000)]);
    const claimed = [...first, ...second].map((r: OutboxRow) => r.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual(rows.map((r) => r.id).sort());
    // Both "crash" without recording anything: before the lease ends nobody may take the rows…
    expect(await claimOutboxRows(database.db, ["test-lease"], at(30_000), 10, 60_000)).toHaveLength(0);
    // …after it, they come back for the next sweep.
    const again = await claimOutboxRows(database.db, ["test-lease"], at(61_000), 10, 60_000);
    expect(again.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(again.every((r) => r.attempts === 2)).toBe(true);
  });
});
