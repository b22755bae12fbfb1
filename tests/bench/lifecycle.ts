// Lifecycle benchmarks: the deadline sweep must stay flat as cases grow (an index scan, not a table scan), and a
// command's latency under two concurrent writers, each reported against a baseline measured in the same run.
import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { selectRows } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { claimDueCase, EmbeddedEngine } from "../../app/engine/embedded.server";
import type { TestDatabase } from "../support/database";
import { createCaseCommand, makeTenantGraph, type TenantGraph } from "../support/factories";
import { measure, type Comparison, type Measurement } from "./harness";

const DUE = 100;
const now = new Date("2026-06-01T12:00:00Z");

async function topUpCases(database: TestDatabase, graph: TenantGraph, from: number, to: number) {
  // Fake projection rows (no events): enough for the sweep's claim query, which is what grows with the table.
  for (let start = from; start < to; start += 100_000) {
    const end = Math.min(to, start + 100_000) - 1;
    await database.db.execute(sql`
      insert into authorization_cases (organization_id, case_number, patient_id, coverage_id, payer_id, plan_id, facility_id, ordering_provider_id,
        requested_site_of_care, status, next_deadline_at, next_deadline_kind, next_deadline_rule)
      select ${graph.organizationId}, 'BENCH-' || g, ${graph.patientId}, ${graph.coverageId}, ${graph.payerId}, ${graph.planId}, ${graph.facilityId}, ${graph.providerId},
        'office', 'pending',
        case when g < ${DUE} then timestamptz '2026-05-01T12:00:00Z' + (g || ' minutes')::interval
             else timestamptz '2026-07-01T12:00:00Z' + ((g % 5000) || ' hours')::interval end,
        'decision-due', 'bench'
      from generate_series(${start}::int, ${end}::int) g`);
  }
  await database.db.execute(sql`analyze authorization_cases`);
}

/** Claims all 100 due cases the way the sweep does (one at a time, skipping those in hand), then rolls back. */
async function claimAllDue(database: TestDatabase): Promise<number> {
  let claimed = 0;
  await database.db
    .transaction(async (tx) => {
      const skip: string[] = [];
      for (;;) {
        const due = await claimDueCase(tx, now, skip);
        if (!due) break;
        skip.push(due.id);
        claimed++;
      }
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error) || !/rollback/i.test(error.message)) throw error;
    });
  return claimed;
}

export async function benchLifecycle(database: TestDatabase, log: (line: string) => void): Promise<Comparison[]> {
  const comparisons: Comparison[] = [];
  const graph = await makeTenantGraph(database.db, "Bench");
  const sizes = (process.env.BENCH_SWEEP_SIZES ?? (database.kind === "postgres" ? "1000,100000,1000000" : "1000,100000")).split(",").map(Number);
  const sweeps: Measurement[] = [];
  let have = 0;
  for (const size of sizes) {
    const started = performance.now();
    await topUpCases(database, graph, have, size);
    have = size;
    log(`  ${size.toLocaleString("en-US")} cases loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if ((await claimAllDue(database)) !== DUE) throw new Error(`expected ${DUE} due cases at ${size}`);
    const plan = await selectRows<{ "QUERY PLAN": string }>(
      database.db,
      sql`explain select id from authorization_cases where next_deadline_at <= ${now.toISOString()}::timestamptz order by next_deadline_at limit 1 for update skip locked`,
    );
    const planText = plan.map((r) => r["QUERY PLAN"]).join(" / ");
    log(`  plan at ${size.toLocaleString("en-US")}: ${planText.includes("Index Scan") ? "index scan" : "NOT an index scan"} (${planText.slice(0, 120)}…)`);
    sweeps.push(await measure(`claim ${DUE} due of ${size.toLocaleString("en-US")}`, () => claimAllDue(database), { runs: 7, warmup: 1 }));
  }
  for (const m of sweeps.slice(1)) comparisons.push({ benchmark: "deadline sweep (100 due)", baseline: sweeps[0]!, candidate: m, target: 2 });

  // Command latency under two concurrent writers on real cases, beside the bench rows (a full table, as in production).
  const engine = new EmbeddedEngine(database.db, { clock: () => now, log: () => {} });
  const actor = { userId: graph.userId, role: "coordinator" as const };
  const caseIds: string[] = [];
  for (let i = 0; i < 10; i++) {
    const outcome = await engine.execute({
      organizationId: graph.organizationId,
      actor,
      command: createCaseCommand(graph, {
        patient: { patientId: graph.patientId },
        requestedFrom: "2026-06-01",
        requestedTo: "2026-12-01",
        lines: [
          { hcpcs: "J1745", dose: { value: 400, unit: "mg", basis: "fixed" }, route: "iv_infusion", intervalDays: 56, unitsPerDose: 40, administrations: 6 },
        ],
      }),
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    caseIds.push(outcome.caseId);
  }
  const latencies: number[] = [];
  const writer = async (w: number) => {
    for (let i = 0; i < 100; i++) {
      const caseId = caseIds[(i + w * 5) % caseIds.length]!;
      const start = performance.now();
      const outcome = await engine.execute({
        organizationId: graph.organizationId,
        actor,
        command: { type: "add-note", caseId, text: `bench note ${w}-${i}` },
      });
      latencies.push(performance.now() - start);
      if (!outcome.ok) throw new Error(outcome.error.message);
    }
  };
  await Promise.all([writer(0), writer(1)]);
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!;
  const baseline = await measure(
    "tenant read of the case row",
    () => withTenant(database.db, graph.organizationId, (tx) => tx.select().from(s.authorizationCases).where(eq(s.authorizationCases.id, caseIds[0]!))),
    { runs: 100 },
  );
  log(`  apply-command latency, 2 concurrent writers, ${latencies.length} commands: p50 ${p(0.5).toFixed(2)} ms, p99 ${p(0.99).toFixed(2)} ms`);
  comparisons.push({
    benchmark: "apply command p50 (2 writers)",
    baseline,
    candidate: { name: "add-note p50", medianMs: p(0.5), p95Ms: p(0.95), runs: latencies.length },
  });
  comparisons.push({
    benchmark: "apply command p99 (2 writers)",
    baseline,
    candidate: { name: "add-note p99", medianMs: p(0.99), p95Ms: p(0.99), runs: latencies.length },
  });
  return comparisons;
}
