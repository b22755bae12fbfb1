// Test databases: a fresh, uniquely named Postgres database per test file when DATABASE_URL is set
// (CI always sets it), otherwise an in-memory PGlite database. Either way, migrated and empty.
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../../db/client";

export interface TestDatabase extends DatabaseHandle {
  /** The connection URL of the fresh database (Postgres only). */
  url?: string;
  /** Closes the connection and drops the database. */
  destroy(): Promise<void>;
}

export function postgresServerUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Creates and migrates a fresh database on the Postgres server at DATABASE_URL. */
export async function createPostgresTestDatabase(serverUrl: string, label = "t"): Promise<TestDatabase> {
  const name = `ipa_${label}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(serverUrl, name);
  const handle = openDatabase({ kind: "postgres", url, max: 4 });
  await handle.migrate();
  return {
    ...handle,
    url,
    async destroy() {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const handle = openDatabase({ kind: "pglite" });
  await handle.migrate();
  return { ...handle, destroy: () => handle.close() };
}

/** Postgres when a server is configured, PGlite otherwise. */
export async function createTestDatabase(label?: string): Promise<TestDatabase> {
  const server = postgresServerUrl();
  return server ? createPostgresTestDatabase(server, label) : createPgliteTestDatabase();
}
