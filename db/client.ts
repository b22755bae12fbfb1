// The database connection, one schema for two drivers: postgres.js when DATABASE_URL is set,
// the embedded PGlite (in-process Postgres, persisted in ./.data/pglite) when it is not.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers produce a PgDatabase; code is written against this one type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database or an open transaction: what data-layer functions accept. */
export type Executor = Database | Transaction;

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export type DatabaseTarget = { kind: "postgres"; url: string; max?: number } | { kind: "pglite"; dataDir?: string };

export interface DatabaseHandle {
  kind: DatabaseTarget["kind"];
  db: Database;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export function databaseTarget(env: { DATABASE_URL?: string | undefined; PGLITE_DIR?: string | undefined }): DatabaseTarget {
  return env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir: env.PGLITE_DIR ?? "./.data/pglite" };
}

/** Opens a database. A pglite target without dataDir is in-memory (tests). */
export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if (target.kind === "postgres") {
    const client = postgres(target.url, { max: target.max ?? 10, onnotice: () => {}, connection: { application_name: "infusion-pa" } });
    const db = drizzlePostgres(client, { schema });
    return {
      kind: "postgres",
      db: db,
      migrate: () => migratePostgres(db, { migrationsFolder }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = new PGlite(target.dataDir);
  const db = drizzlePglite(client, { schema });
  return {
    kind: "pglite",
    db: db,
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

/**
 * One value per process, shared across module copies: the server script and the Remix build each
 * import this file, and two PGlite instances on one directory would corrupt it.
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<string, T | undefined>;
  const key = `__infusion_pa_${name}`;
  return (store[key] ??= create());
}

/**
 * Rows of a raw `execute` on either driver (postgres.js returns an array, PGlite an object with `rows`).
 * Prefer the query builder; use this for hand-written SQL only.
 */
export async function selectRows<T extends Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await executor.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []);
}
