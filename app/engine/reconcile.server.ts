// Reconciliation for the Temporal driver: Postgres is the system of record, so every open case must have its
// `authorization-case:{caseId}` workflow and every held claim its `claim-release:{claimId}` workflow (cases created by
// the embedded engine before the switch, a claim held by the gate outside any case command, a workflow terminated by
// hand). One pass per organization inside its tenant transaction; a workflow that is already running is left alone,
// so a second pass starts nothing. Used by `npm run worker -- --reconcile` and by the `reconcile` Schedule's activities.
import { WorkflowExecutionAlreadyStartedError, type Workflow } from "@temporalio/common";
import { asc, eq, notInArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import * as s from "../../db/schema";
import { withTenant } from "../../db/tenant";
import { CLOSED_STATUSES } from "../authorizations";
import { authorizationCase, caseWorkflowId } from "../../workflows/authorization-case";
import { claimRelease, claimReleaseWorkflowId } from "../../workflows/claim-release";

/** The one client call reconciliation needs (`client.workflow` fits); tests pass a recorder. */
export interface WorkflowStarter {
  start(workflowType: string | Workflow, options: { workflowId: string; taskQueue: string; args: unknown[] }): Promise<unknown>;
}

export interface ReconcileResult {
  started: number;
  running: number;
}

export interface ReconcileOptions {
  taskQueue: string;
  /** Called after each organization (the activity heartbeats here, so a long pass is not mistaken for a hung one). */
  onOrganization?: (organizationId: string, soFar: ReconcileResult) => void;
}

/** Starts the workflow unless one with its id is running (the server refuses a second start: the id is the lock). */
async function startUnlessRunning(
  starter: WorkflowStarter,
  workflowType: Workflow,
  options: { workflowId: string; taskQueue: string; args: unknown[] },
  result: ReconcileResult,
) {
  try {
    await starter.start(workflowType, options);
    result.started++;
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    result.running++;
  }
}

async function eachOrganization(db: Database, options: ReconcileOptions, work: (organizationId: string, result: ReconcileResult) => Promise<void>): Promise<ReconcileResult> {
  // The organization list is the only cross-tenant read (as in the digest producer); everything else is under RLS.
  const organizations = await db.select({ id: s.organizations.id }).from(s.organizations).orderBy(asc(s.organizations.id));
  const result: ReconcileResult = { started: 0, running: 0 };
  for (const { id } of organizations) {
    await work(id, result);
    options.onOrganization?.(id, { ...result });
  }
  return result;
}

/** Every case that is not closed gets a running `authorizationCase` workflow. */
export function reconcileCaseWorkflows(db: Database, starter: WorkflowStarter, options: ReconcileOptions): Promise<ReconcileResult> {
  return eachOrganization(db, options, async (organizationId, result) => {
    const open = await withTenant(db, organizationId, (tx) =>
      tx
        .select({ id: s.authorizationCases.id })
        .from(s.authorizationCases)
        .where(notInArray(s.authorizationCases.status, [...CLOSED_STATUSES]))
        .orderBy(asc(s.authorizationCases.id)),
    );
    for (const row of open)
      await startUnlessRunning(starter, authorizationCase, { workflowId: caseWorkflowId(row.id), taskQueue: options.taskQueue, args: [{ organizationId, caseId: row.id }] }, result);
  });
}

/**
 * Every held claim gets a running `claimRelease` workflow, so its aging timers run from the day it was held rather
 * than from the first coverage change. A plain start, not signal-with-start: a running workflow must not be woken
 * (and its history grown) by every reconciliation when no coverage changed.
 */
export function reconcileClaimReleases(db: Database, starter: WorkflowStarter, options: ReconcileOptions): Promise<ReconcileResult> {
  return eachOrganization(db, options, async (organizationId, result) => {
    const held = await withTenant(db, organizationId, (tx) =>
      tx.select({ id: s.claims.id }).from(s.claims).where(eq(s.claims.status, "held")).orderBy(asc(s.claims.id)),
    );
    for (const row of held)
      await startUnlessRunning(starter, claimRelease, { workflowId: claimReleaseWorkflowId(row.id), taskQueue: options.taskQueue, args: [{ organizationId, claimId: row.id }] }, result);
  });
}
