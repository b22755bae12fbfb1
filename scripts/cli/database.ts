// The database a CLI command works on: DATABASE_URL, else the embedded PGlite in the project's ./.data/pglite
// (not the caller's working directory), migrated first. The embedded database is refused while another
// process (the server) has it open: two PGlite processes on one directory overwrite each other's pages.
import { existsSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../../app/config.server";
import { databaseTarget, openDatabase, type DatabaseHandle } from "../../db/client";
import { CliInputError } from "./command";

const projectRoot = path.resolve(import.meta.dirname, "..", "..");

export interface CliDatabase extends DatabaseHandle {
  /** "Postgres at DATABASE_URL" or "embedded PGlite in …", for messages. */
  description: string;
}

export async function openCliDatabase(cwd: string): Promise<CliDatabase> {
  const fromEnv = process.env.PGLITE_DIR;
  process.env.PGLITE_DIR = fromEnv ? path.resolve(cwd, fromEnv) : path.join(projectRoot, ".data", "pglite");
  const target = databaseTarget(loadConfig());
  if (target.kind === "pglite" && target.dataDir && existsSync(path.join(target.dataDir, "postmaster.pid"))) {
    throw new CliInputError(
      `The embedded database in ${target.dataDir} is open in another process (is \`npm start\` running?). ` +
        "Stop that process first, or point DATABASE_URL at a Postgres server. " +
        `If nothing is running, a crash left ${path.join(target.dataDir, "postmaster.pid")} behind: delete it.`,
    );
  }
  const handle = openDatabase(target);
  try {
    await handle.migrate();
  } catch (error) {
    await handle.close();
    throw error;
  }
  return { ...handle, description: target.kind === "postgres" ? "Postgres at DATABASE_URL" : `embedded PGlite in ${target.dataDir}` };
}

/** Opens the database, runs the work, and always closes it. */
export async function withCliDatabase<T>(cwd: string, work: (database: CliDatabase) => Promise<T>): Promise<T> {
  const database = await openCliDatabase(cwd);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
