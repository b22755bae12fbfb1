// The outbox as administrators see it: what is waiting, what was delivered, and what gave up (dead letters),
// with a retry that puts a dead letter back in line. Tenant-scoped; every retry is audited.
import { and, count, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import * as s from "../db/schema";
import { tenantTransaction } from "./db.server";

export type DeliveryState = "waiting" | "delivered" | "dead";

export async function deliverySummary(organizationId: string) {
  return tenantTransaction(organizationId, async (tx) => {
    const state = sql<DeliveryState>`case when ${s.outbox.deadAt} is not null then 'dead' when ${s.outbox.deliveredAt} is not null then 'delivered' else 'waiting' end`;
    const byTopic = await tx.select({ topic: s.outbox.topic, state, n: count() }).from(s.outbox).groupBy(s.outbox.topic, state).orderBy(s.outbox.topic);
    const dead = await tx
      .select({ id: s.outbox.id, topic: s.outbox.topic, businessKey: s.outbox.businessKey, attempts: s.outbox.attempts, lastError: s.outbox.lastError, deadAt: s.outbox.deadAt, createdAt: s.outbox.createdAt })
      .from(s.outbox)
      .where(isNotNull(s.outbox.deadAt))
      .orderBy(desc(s.outbox.deadAt))
      .limit(200);
    const retrying = await tx
      .select({ id: s.outbox.id, topic: s.outbox.topic, businessKey: s.outbox.businessKey, attempts: s.outbox.attempts, lastError: s.outbox.lastError, availableAt: s.outbox.availableAt })
      .from(s.outbox)
      .where(and(isNull(s.outbox.deliveredAt), isNull(s.outbox.deadAt), sql`${s.outbox.attempts} > 0`))
      .orderBy(s.outbox.availableAt)
      .limit(200);
    return { byTopic, dead, retrying };
  });
}

export async function deadLetterCount(organizationId: string): Promise<number> {
  const [row] = await tenantTransaction(organizationId, (tx) => tx.select({ n: count() }).from(s.outbox).where(isNotNull(s.outbox.deadAt)));
  return row?.n ?? 0;
}

/** Puts a dead letter back in line for the next sweep. False when it is not (or no longer) dead. */
export async function retryDelivery(organizationId: string, actorUserId: string, outboxId: string, now: Date): Promise<boolean> {
  return tenantTransaction(organizationId, async (tx) => {
    const updated = await tx
      .update(s.outbox)
      .set({ deadAt: null, attempts: 0, availableAt: now, leasedUntil: null })
      .where(and(eq(s.outbox.id, outboxId), isNotNull(s.outbox.deadAt)))
      .returning({ topic: s.outbox.topic, businessKey: s.outbox.businessKey });
    const row = updated[0];
    if (!row) return false;
    await tx.insert(s.auditLog).values({ organizationId, actorUserId, action: "outbox.retried", entityType: "outbox", entityId: outboxId, detail: { topic: row.topic, businessKey: row.businessKey }, occurredAt: now });
    return true;
  });
}
