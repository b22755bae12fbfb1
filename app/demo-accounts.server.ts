// The demo sign-ins, shown on the sign-in page only while the demo organization is loaded and outside production.
import { eq } from "drizzle-orm";
import { demoSignIns } from "../db/demo-data";
import { organizations } from "../db/schema";
import { loadConfig } from "./config.server";
import { systemDb } from "./db.server";
import { roleLabels } from "./permissions";

export async function demoAccountsOnFile() {
  const config = loadConfig();
  if (config.NODE_ENV === "production" || config.DEMO_SEED === "never") return [];
  const [demo] = await systemDb().select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, "riverside")).limit(1);
  if (!demo) return [];
  return demoSignIns.map((s) => ({ roleLabel: roleLabels[s.role], email: s.email, password: s.password }));
}
