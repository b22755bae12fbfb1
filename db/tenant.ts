// Tenant scope: every request and engine transaction runs as the non-superuser `app_user` with the
// organization set, so Postgres row-level security (not application code) keeps tenants apart.
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "./client";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function withTenant<T>(db: Database, organizationId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  if (!uuidPattern.test(organizationId)) throw new Error("withTenant: organizationId must be a UUID");
  return db.transaction(async (tx) => {
    // set_config(..., true) is SET LOCAL: it ends with the transaction, so a pooled connection never leaks a tenant.
    // Role and tenant in one statement (set_config('role', …) is SET LOCAL ROLE): one round trip, not two, before
    // every request's work — on a small query that round trip was most of the price of tenant isolation.
    await tx.execute(sql`select set_config('app.organization_id', ${organizationId}, true), set_config('role', 'app_user', true)`);
    return work(tx);
  });
}
