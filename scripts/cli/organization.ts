// The organization a CLI command works for: the one named by --organization <slug>, or the only one there is.
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import * as s from "../../db/schema";
import { CliInputError } from "./command";

export async function resolveCliOrganization(db: Database, slug: string | undefined): Promise<typeof s.organizations.$inferSelect> {
  const organizations = slug ? await db.select().from(s.organizations).where(eq(s.organizations.slug, slug)) : await db.select().from(s.organizations).limit(2);
  if (organizations.length === 0) throw new CliInputError(slug ? `No organization has the slug "${slug}".` : "The database has no organization yet: run `npm run seed` first.");
  if (organizations.length > 1) throw new CliInputError("The database holds more than one organization: say which with --organization <slug>.");
  return organizations[0]!;
}
