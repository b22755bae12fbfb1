// `npm run db:migrate`: apply the committed SQL migrations to DATABASE_URL, or to the embedded PGlite database.
import { loadConfig } from "../app/config.server";
import { databaseTarget, openDatabase } from "./client";

const config = loadConfig();
const handle = openDatabase(databaseTarget(config));
try {
  await handle.migrate();
  console.info(`Migrations applied (${handle.kind === "postgres" ? "Postgres at DATABASE_URL" : `embedded PGlite in ${config.PGLITE_DIR}`}).`);
} finally {
  await handle.close();
}
