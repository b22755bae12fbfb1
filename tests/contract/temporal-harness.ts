// The contract harness for the Temporal driver: a worker in this process (workflows from the bundle, activities
// against the test database with the harness clock) and the TemporalEngine as the port under test. Needs a server:
// TEMPORAL_ADDRESS (an existing one, e.g. `temporal server start-dev`) or TEMPORAL_CLI (path to a `temporal` binary
// the SDK starts as a dev server). Nothing here downloads anything.
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from "@temporalio/worker";
import { asc, and, eq, lte } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import * as s from "../../db/schema";
import { createActivities } from "../../activities";
import { TemporalEngine } from "~/engine/temporal.server";
import { authorizationCase, caseWorkflowId, linkedCommand } from "../../workflows/authorization-case";
import { claimRelease, claimReleaseWorkflowId, coverageChanged } from "../../workflows/claim-release";
import type { TestDatabase } from "../support/database";
import { contractTenant, projectionReaders } from "./contract-database";
import type { ContractHarness, RuleSeed } from "./lifecycle-contract";

export const temporalServerConfigured = () => Boolean(process.env.TEMPORAL_ADDRESS || process.env.TEMPORAL_CLI);

export async function startTemporalEnvironment(): Promise<TestWorkflowEnvironment> {
  if (process.env.TEMPORAL_ADDRESS)
    return TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS, namespace: process.env.TEMPORAL_NAMESPACE ?? "default" });
  return TestWorkflowEnvironment.createLocal({ server: { executable: { type: "existing-path", path: process.env.TEMPORAL_CLI! } } });
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
const workflowBundle = () => (bundle ??= bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL("../../workflows/index.ts", import.meta.url)) }));

export interface TemporalHarness extends ContractHarness {
  engine: TemporalEngine;
  /** Stops this harness's worker (in-flight tasks drain); `restartWorker` starts a fresh one with an empty cache. */
  stopWorker(): Promise<void>;
  restartWorker(): Promise<void>;
}

export function temporalHarnessFactory(env: TestWorkflowEnvironment, database: TestDatabase) {
  return async function temporalHarness(rules: readonly RuleSeed[]): Promise<TemporalHarness> {
    const graph = await contractTenant(database.db, "TemporalContract", rules);
    let now = new Date("2026-01-05T14:00:00Z");
    const clock = () => now;
    const taskQueue = `contract-${graph.organizationId}`;
    const activities = createActivities({
      db: database.db,
      clock,
      async sendCaseCommand(organizationId, command, commandId) {
        const caseId = (command as { caseId: string }).caseId;
        await env.client.workflow.signalWithStart(authorizationCase, {
          workflowId: caseWorkflowId(caseId),
          taskQueue,
          args: [{ organizationId, caseId }],
          signal: linkedCommand,
          signalArgs: [{ organizationId, command, issuedAt: clock().toISOString(), commandId }],
        });
      },
      async signalClaimRelease(organizationId, claimId, change) {
        await env.client.workflow.signalWithStart(claimRelease, {
          workflowId: claimReleaseWorkflowId(claimId),
          taskQueue,
          args: [{ organizationId, claimId }],
          signal: coverageChanged,
          signalArgs: [{ organizationId, ...change }],
        });
      },
    });
    // maxCachedWorkflows: 0 makes every workflow task replay from history: the worker-restart case on every step.
    const startWorker = async () => {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        namespace: env.namespace ?? "default",
        taskQueue,
        workflowBundle: await workflowBundle(),
        activities,
        maxCachedWorkflows: 0,
        sinks: { caseProbe: { observed: { fn: () => {} } }, claimProbe: { observed: { fn: () => {} } } },
      });
      return { worker, running: worker.run() };
    };
    let current = await startWorker();
    const engine = new TemporalEngine({ address: "", namespace: env.namespace ?? "default", taskQueue, db: database.db, clock, client: env.client });

    return {
      engine,
      graph,
      setClock: (iso) => {
        now = new Date(iso);
      },
      // The contract's clock is virtual and the server's is not: a due deadline is sent as the timer would send
      // it, then the outbox is delivered. The timers themselves are covered by the replay tests.
      async settle() {
        for (let i = 0; i < 20; i++) {
          const due = await database.db
            .select({ id: s.authorizationCases.id, kind: s.authorizationCases.nextDeadlineKind })
            .from(s.authorizationCases)
            .where(and(eq(s.authorizationCases.organizationId, graph.organizationId), lte(s.authorizationCases.nextDeadlineAt, now)))
            .orderBy(asc(s.authorizationCases.nextDeadlineAt));
          for (const row of due) await engine.execute({ organizationId: graph.organizationId, command: { type: "deadline-reached", caseId: row.id, kind: row.kind } });
          const delivered = await activities.deliverOutbox();
          if (due.length === 0 && delivered.claimed === 0) return;
        }
        throw new Error("the Temporal engine did not settle in 20 rounds");
      },
      ...projectionReaders(database.db, graph),
      async stopWorker() {
        current.worker.shutdown();
        await current.running;
      },
      async restartWorker() {
        current = await startWorker();
      },
    };
  };
}
