// drizzle-kit: generate SQL migrations from db/schema.ts into db/migrations (read them, then commit).
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  entities: { roles: { provider: "" } },
  strict: true,
});
