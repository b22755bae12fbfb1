// A sweep killed mid-batch loses nothing and repeats nothing visible: every due deadline fires exactly once,
// and every outbox row it causes exists exactly once.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import * as s from "../../db/schema";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { createPostgresTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";
import { createCaseCommand, makeTenantGraph } from "../support/factories";

const serverUrl = postgresServerUrl();
const root = path.resolve(import.meta.dirname, "..", "..");

describe.skipIf(!serverUrl)("deadline sweep crash safety (Postgres)", () => {
  let database: TestDatabase;
  const dueAt = "2026-06-14T12:00:00Z";
  const caseIds: string[] = [];

  beforeAll(async () => {
    database = await createPostgresTestDatabase(serverUrl!, "crash");
    const graph = await makeTenantGraph(database.db, "Crash");
    const engine = new EmbeddedEngine(database.db, { clock: () => new Date("2026-01-10T15:00:00Z"), log: () => {} });
    const actor = { userId: graph.userId, role: "coordinator" as const };
    // Ten approved cases ending 2026-07-14: on 2026-06-14 each owes its 30-day renewal alert.
    for (let i = 0; i < 10; i++) {
      const caseId = `00000000-0000-4000-a000-${String(i + 1).padStart(12, "0")}`;
      caseIds.push(caseId);
      const run = async (command: Record<string, unknown>) => {
        const outcome = await engine.execute({ organizationId: graph.organizationId, actor, command: { caseId, ...command } });
        if (!outcome.ok) throw new Error(outcome.error.message);
      };
      await run(
        createCaseCommand(graph, {
          patient: { patientId: graph.patientId },
          lines: [
            { hcpcs: "J1745", dose: { value: 400, unit: "mg", basis: "fixed" }, route: "iv_infusion", intervalDays: 56, unitsPerDose: 40, administrations: 6 },
          ],
        }),
      );
      await run({ type: "submit", channel: "fax", proofReference: `fax-${i}` });
      await run({
        type: "record-decision",
        outcome: "approved",
        authorizationNumber: `AUTH-${i}`,
        effectiveFrom: "2026-01-15",
        effectiveTo: "2026-07-14",
        lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs: [] }],
      });
    }
  });
  afterAll(async () => database?.destroy());

  const sweepInChild = (crashAfter?: number) =>
    spawnSync(process.execPath, ["--import", "tsx", "tests/support/sweep-child.ts"], {
      cwd: root,
      env: {
        ...process.env,
        SWEEP_DATABASE_URL: database.url!,
        SWEEP_NOW: dueAt,
        ...(crashAfter !== undefined ? { SWEEP_CRASH_AFTER: String(crashAfter) } : {}),
      },
      encoding: "utf8",
      timeout: 60_000,
    });

  const alertsPerCase = async () => {
    const rows = await database.db
      .select({ caseId: s.authorizationEvents.caseId, n: sql<number>`count(*)::int` })
      .from(s.authorizationEvents)
      .where(eq(s.authorizationEvents.type, "renewal-alert-raised"))
      .groupBy(s.authorizationEvents.caseId);
    return new Map(rows.map((r) => [r.caseId, r.n]));
  };

  it("a sweep that dies after 3 cases commits exactly those 3; the next sweep finishes the rest, once each", async () => {
    const crashed = sweepInChild(3);
    expect(crashed.status).toBe(137);
    const afterCrash = await alertsPerCase();
    expect([...afterCrash.values()].reduce((a, b) => a + b, 0)).toBe(3);

    const resumed = sweepInChild();
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout.trim().split("\n").at(-1)!)).toMatchObject({ deadlines: { handled: 7, stuck: 0 } });

    const final = await alertsPerCase();
    expect(caseIds.map((id) => final.get(id))).toEqual(caseIds.map(() => 1));
    const emails = await database.db
      .select({ key: s.outbox.businessKey })
      .from(s.outbox)
      .where(and(eq(s.outbox.topic, "email"), sql`${s.outbox.businessKey} like 'renewal-alert:%:30d'`));
    expect(emails).toHaveLength(10);
    expect(new Set(emails.map((e) => e.key)).size).toBe(10);

    // A third sweep at the same time finds nothing left to do.
    expect(JSON.parse(sweepInChild().stdout.trim().split("\n").at(-1)!)).toMatchObject({ deadlines: { handled: 0 } });
  });
});
