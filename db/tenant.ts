// Tenant scope: every request and engine transaction runs as the non-superuser `app_user` with the
// organization set, so Postgres row-level security (not application code) keeps tenants apart.
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "./client";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Switches the transaction `tx` to the tenant: app_user with the organization set, both SET LOCAL, in one statement
 * (set_config('role', …) is SET LOCAL ROLE). For a transaction that must first read as the owner (the sweep claims
 * a due case across tenants, then works on it as its tenant).
 */
export async function enterTenant(tx: Transaction, organizationId: string): Promise<void> {
  if (!uuidPattern.test(organizationId)) throw new Error("enterTenant: organizationId must be a UUID");
  await tx.execute(sql`select set_config('app.organization_id', ${organizationId}, true), set_config('role', 'app_user', true)`);
}

export async function withTenant<T>(db: Database, organizationId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  if (!uuidPattern.test(organizationId)) throw new Error("withTenant: organizationId must be a UUID");
  return db.transaction(async (tx) => {
    // set_config(..., true) is SET LOCAL: it ends with the transaction, so a pooled connection never leaks a tenant.
    // Role and tenant in one statement: one round trip, not two, before every request's work — on a small query
    // that round trip was most of the price of tenant isolation.
    await enterTenant(tx, organizationId);
    return work(tx);
  });
}
