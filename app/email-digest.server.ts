// The daily digest producer: once a day, from the organization's digest hour in its time zone, one
// `coordinator-digest` outbox row per coordinator who has the digest on (key `daily-digest:{userId}:{day}`, so a
// second run the same day writes nothing). A plain function over a database and a clock: the embedded sweep calls
// it (the server process and `npx infusion-pa sweep`), and a Temporal Schedule can call it as an activity.
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client";
import * as s from "../db/schema";
import { withTenant } from "../db/tenant";
import { localDate } from "./authorizations";
import { wantsDigest } from "./email-preferences";
import { loadEmailSettings, loadMemberPreferences } from "./email-preferences.server";

export interface DigestRun {
  /** Organizations whose digest hour had come. */
  organizations: number;
  /** Rows written now (0 on a second run the same day). */
  written: number;
}

/** The hour (0–23) on the wall clock of `timeZone` at `instant`. */
export function localHour(instant: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", hourCycle: "h23" }).format(instant);
  return Number(hour) % 24;
}

export const digestKey = (userId: string, day: string) => `daily-digest:${userId}:${day}`;

export async function produceDailyDigests(db: Database, now: Date): Promise<DigestRun> {
  const organizations = await db.select({ id: s.organizations.id }).from(s.organizations);
  const run: DigestRun = { organizations: 0, written: 0 };
  for (const { id: organizationId } of organizations) {
    const written = await withTenant(db, organizationId, async (tx) => {
      const settings = await loadEmailSettings(tx, organizationId);
      if (localHour(now, settings.timeZone) < settings.digestHour) return undefined;
      const day = localDate(now, settings.timeZone);
      const coordinators = await tx
        .selectDistinct({ userId: s.users.id, email: s.users.email })
        .from(s.memberships)
        .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
        .where(and(eq(s.memberships.role, "coordinator"), isNull(s.users.disabledAt)));
      const preferences = await loadMemberPreferences(tx, coordinators.map((c) => c.userId));
      const rows = coordinators
        .filter((c) => wantsDigest(settings, preferences.get(c.userId)))
        .map((c) => ({
          organizationId,
          topic: "email",
          businessKey: digestKey(c.userId, day),
          payload: { template: "coordinator-digest", to: c.email, day, timeZone: settings.timeZone },
          availableAt: now,
          createdAt: now,
        }));
      if (rows.length === 0) return 0;
      const inserted = await tx.insert(s.outbox).values(rows).onConflictDoNothing({ target: [s.outbox.organizationId, s.outbox.businessKey] }).returning({ id: s.outbox.id });
      return inserted.length;
    });
    if (written === undefined) continue;
    run.organizations++;
    run.written += written;
  }
  return run;
}
