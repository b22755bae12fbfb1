// Demo data: the "Riverside Infusion Center" organization with payers, patients, cases, encounters and claims,
// dated relative to today so every deadline is live. `npm run seed` loads it into an empty database.
import { count } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import { hash } from "@node-rs/argon2";
import type { Database } from "./client";
import { buildDemoData, demoSignIns, demoTables, type DemoData } from "./demo-data";
import * as schema from "./schema";

/** Today's date in the demo organization's time zone, as YYYY-MM-DD. */
export function demoToday(now = new Date(), timeZone = "America/New_York"): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}


export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(schema.organizations);
  return (row?.n ?? 0) === 0;
}

/** Inserts the demo data in one transaction: all of it or nothing. Returns the row count per table. */
export async function seedDemoData(db: Database, options: { today: string; passwordHash?: string }): Promise<Record<string, number>> {
  const passwordHash = options.passwordHash ?? (await hash(demoSignIns[0]!.password));
  const data = buildDemoData({ today: options.today, passwordHash });
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    for (const key of Object.keys(demoTables) as (keyof DemoData)[]) {
      const rows = data[key] as Record<string, unknown>[];
      counts[key] = rows.length;
      // Chunked so a large table stays under the protocol's parameter limit.
      for (let i = 0; i < rows.length; i += 500) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows match the table by construction (DemoData is typed per table)
        await tx.insert(demoTables[key] as any).values(rows.slice(i, i + 500));
      }
    }
  });
  return counts;
}

export { demoSignIns };

async function main() {
  const { loadConfig } = await import("../app/config.server");
  const { databaseTarget, openDatabase } = await import("./client");
  const config = loadConfig();
  const handle = openDatabase(databaseTarget(config));
  try {
    await handle.migrate();
    if (!(await isEmpty(handle.db))) {
      console.info("The database already has data; the demo seed only loads into an empty database.");
      return;
    }
    const counts = await seedDemoData(handle.db, { today: demoToday() });
    console.info(`Demo data loaded: ${Object.entries(counts).map(([table, n]) => `${n} ${table}`).join(", ")}.`);
  } finally {
    await handle.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
