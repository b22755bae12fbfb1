// Outbox delivery for the embedded engine: effects are written as outbox rows in the same transaction as the
// events that caused them; this sweep delivers them at least once. Rows are claimed with FOR UPDATE SKIP LOCKED
// and leased, so two sweeps never take the same row and a crashed sweep's rows come back when the lease ends.
// Handlers must be idempotent by the row's business key (e.g. Resend's idempotencyKey), which makes a
// redelivery after a crash invisible.
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { outbox } from "../../db/schema";

export type OutboxRow = typeof outbox.$inferSelect;

/** Delivers one row. Throw to retry later; throw a `PermanentDeliveryError` to dead-letter at once. */
export type OutboxHandler = (row: OutboxRow) => Promise<void>;

export class PermanentDeliveryError extends Error {
  override name = "PermanentDeliveryError";
}

export interface OutboxSweepOptions {
  handlers: Partial<Record<string, OutboxHandler>>;
  now: () => Date;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Delay before retry n (1-based): exponential from 30 s, capped at 1 h. */
  backoffMs?: (attempt: number) => number;
}

export interface OutboxSweepResult {
  claimed: number;
  delivered: number;
  retried: number;
  dead: number;
}

export const defaultBackoffMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);

/** Claims due rows of the topics we can deliver and leases them; one short transaction. */
export async function claimOutboxRows(db: Database, topics: string[], now: Date, batchSize: number, leaseMs: number): Promise<OutboxRow[]> {
  if (topics.length === 0) return [];
  const leasedUntil = new Date(now.getTime() + leaseMs);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          isNull(outbox.deliveredAt),
          isNull(outbox.deadAt),
          inArray(outbox.topic, topics),
          lte(outbox.availableAt, now),
          or(isNull(outbox.leasedUntil), lte(outbox.leasedUntil, now)),
        ),
      )
      .orderBy(outbox.availableAt)
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ leasedUntil, attempts: sql`${outbox.attempts} + 1` })
      .where(
        inArray(
          outbox.id,
          due.map((r) => r.id),
        ),
      )
      .returning();
  });
}

/** One pass: claim, deliver, record the outcome of each row. */
export async function sweepOutbox(db: Database, options: OutboxSweepOptions): Promise<OutboxSweepResult> {
  const topics = Object.keys(options.handlers).filter((topic) => options.handlers[topic]);
  const now = options.now();
  const rows = await claimOutboxRows(db, topics, now, options.batchSize ?? 50, options.leaseMs ?? 5 * 60_000);
  const result: OutboxSweepResult = { claimed: rows.length, delivered: 0, retried: 0, dead: 0 };
  const maxAttempts = options.maxAttempts ?? 8;
  const backoff = options.backoffMs ?? defaultBackoffMs;
  for (const row of rows) {
    const handler = options.handlers[row.topic]!;
    try {
      await handler(row);
      await db.update(outbox).set({ deliveredAt: options.now(), leasedUntil: null, lastError: null }).where(eq(outbox.id, row.id));
      result.delivered++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentDeliveryError;
      if (permanent || row.attempts >= maxAttempts) {
        await db.update(outbox).set({ deadAt: options.now(), leasedUntil: null, lastError: message }).where(eq(outbox.id, row.id));
        result.dead++;
      } else {
        const availableAt = new Date(options.now().getTime() + backoff(row.attempts));
        await db.update(outbox).set({ availableAt, leasedUntil: null, lastError: message }).where(eq(outbox.id, row.id));
        result.retried++;
      }
    }
  }
  return result;
}
