// `npm run bench`: every benchmark, each reported as a ratio against a baseline measured in the same run.
// Uses a fresh database on DATABASE_URL's server when set (dropped afterwards), else in-memory PGlite.
// `npm run bench -- --only gate,queues` runs only the named groups: tenant, coding, lifecycle, gate, queues.
import { eq, sql } from "drizzle-orm";
import * as s from "../../db/schema";
import { seedDemoData } from "../../db/seed";
import { withTenant } from "../../db/tenant";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { benchCoding } from "./coding";
import { benchGate } from "./gate";
import { measure, report, type Comparison } from "./harness";
import { benchLifecycle } from "./lifecycle";
import { benchQueues } from "./queues";

const GROUPS = ["tenant", "coding", "lifecycle", "gate", "queues"] as const;
type Group = (typeof GROUPS)[number];
const onlyArg = process.argv.findIndex((arg) => arg === "--only" || arg.startsWith("--only="));
const onlyValue = onlyArg < 0 ? undefined : process.argv[onlyArg]!.includes("=") ? process.argv[onlyArg]!.split("=")[1] : process.argv[onlyArg + 1];
const only = onlyValue?.split(",").map((g) => g.trim()).filter(Boolean);
const unknown = only?.filter((g) => !(GROUPS as readonly string[]).includes(g)) ?? [];
if (onlyArg >= 0 && (!only || only.length === 0 || unknown.length > 0)) {
  console.error(`--only: expected a comma-separated list of ${GROUPS.join(", ")}${unknown.length ? `; unknown: ${unknown.join(", ")}` : ""}`);
  process.exit(2);
}
const runs = (group: Group) => !only || only.includes(group);
const kind = process.env.DATABASE_URL ? "Postgres" : "PGlite (set DATABASE_URL for Postgres)";

/** A benchmark group on a fresh database of its own (dropped afterwards). */
async function onFreshDatabase(label: string, bench: (database: TestDatabase, log: (line: string) => void) => Promise<Comparison[]>): Promise<Comparison[]> {
  const database = await createTestDatabase(`bench_${label}`);
  try {
    return await bench(database, (line) => console.info(line));
  } finally {
    await database.destroy();
  }
}

const comparisons: Comparison[] = [];
const started = performance.now();
console.info(`Benchmarks on ${kind}${only ? ` (only ${only.join(", ")})` : ""}`);

if (runs("tenant")) {
  const database = await createTestDatabase("bench");
  try {
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
  } finally {
    await database.destroy();
  }
}

// Pure CPU work, no database: encounters coded per second vs validating them (issue 3).
if (runs("coding")) comparisons.push(...(await benchCoding()));

if (runs("lifecycle")) {
  console.info("Lifecycle (fresh database):");
  comparisons.push(...(await onFreshDatabase("lifecycle", benchLifecycle)));
}
if (runs("gate")) {
  console.info("Release gate (fresh database):");
  comparisons.push(...(await onFreshDatabase("gate", benchGate)));
}
if (runs("queues")) {
  console.info("Queues (fresh database):");
  comparisons.push(...(await onFreshDatabase("queues", benchQueues)));
}

console.info(report(comparisons));
console.info(`Total ${((performance.now() - started) / 1000).toFixed(0)} s`);
