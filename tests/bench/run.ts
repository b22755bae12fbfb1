// `npm run bench`: every benchmark, each reported as a ratio against a baseline measured in the same run.
// Uses a fresh database on DATABASE_URL's server when set (dropped afterwards), else in-memory PGlite.
import { eq, sql } from "drizzle-orm";
import * as s from "../../db/schema";
import { seedDemoData } from "../../db/seed";
import { withTenant } from "../../db/tenant";
import { createTestDatabase } from "../support/database";
import { benchCoding } from "./coding";
import { measure, report, type Comparison } from "./harness";
import { benchLifecycle } from "./lifecycle";

const database = await createTestDatabase("bench");
const comparisons: Comparison[] = [];
try {
  console.info(`Benchmarks on ${database.kind === "postgres" ? "Postgres" : "PGlite (set DATABASE_URL for Postgres)"}`);
  await seedDemoData(database.db, { today: "2026-11-22", passwordHash: "bench" });
  const [org] = await database.db.select().from(s.organizations).limit(1);
  const [patient] = await database.db.select().from(s.patients).limit(1);
  const organizationId = org!.id;
  const mrn = patient!.mrn;

  // The price of tenant isolation: the same lookup in a plain transaction vs. under SET LOCAL ROLE + RLS.
  const plain = await measure("owner transaction", () => database.db.transaction((tx) => tx.select().from(s.patients).where(eq(s.patients.mrn, mrn))), { runs: 300 });
  const scoped = await measure("tenant transaction (RLS)", () => withTenant(database.db, organizationId, (tx) => tx.select().from(s.patients).where(eq(s.patients.mrn, mrn))), { runs: 300 });
  comparisons.push({ benchmark: "patient lookup by MRN", baseline: plain, candidate: scoped, target: 2 });

  const plainCount = await measure("owner count", () => database.db.transaction((tx) => tx.execute(sql`select status, count(*) from authorization_cases group by status`)), { runs: 200 });
  const scopedCount = await measure("tenant count (RLS)", () => withTenant(database.db, organizationId, (tx) => tx.execute(sql`select status, count(*) from authorization_cases group by status`)), { runs: 200 });
  comparisons.push({ benchmark: "case counts by status", baseline: plainCount, candidate: scopedCount, target: 2 });

  // Pure CPU work, no database: encounters coded per second vs validating them (issue 3).
  comparisons.push(...(await benchCoding()));

  console.info("Lifecycle (fresh database):");
  const lifecycleDatabase = await createTestDatabase("bench_lifecycle");
  try {
    comparisons.push(...(await benchLifecycle(lifecycleDatabase, (line) => console.info(line))));
  } finally {
    await lifecycleDatabase.destroy();
  }

  console.info(report(comparisons));
} finally {
  await database.destroy();
}
