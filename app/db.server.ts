// The process's database: one handle, shared by the server script and the Remix build.
import { databaseTarget, openDatabase, singleton, type DatabaseHandle, type Transaction } from "../db/client";
import { withTenant } from "../db/tenant";
import { loadConfig } from "./config.server";

const store = globalThis as { __infusion_pa_database_override?: DatabaseHandle };

export function databaseHandle(): DatabaseHandle {
  return store.__infusion_pa_database_override ?? singleton("database", () => openDatabase(databaseTarget(loadConfig())));
}

/** Points the process at an already-open database (tests, tools that manage their own connection). */
export function installDatabaseHandle(handle: DatabaseHandle | undefined) {
  store.__infusion_pa_database_override = handle;
}

/** The owner connection: only for sign-in and system tooling. Tenant data goes through `tenantTransaction`. */
export function systemDb() {
  return databaseHandle().db;
}

/** Runs `work` in one transaction as app_user inside the organization: RLS enforces the tenant. */
export function tenantTransaction<T>(organizationId: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return withTenant(databaseHandle().db, organizationId, work);
}
