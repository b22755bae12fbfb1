// The billing gate for the worker's claim activities: the same evaluateClaim the embedded engine's
// claim-reevaluation handler runs (app/billing/gate.server.ts). Hold-aging emails are written by the sweep's
// enqueueHoldAgingAlerts (keyed hold-aging:{holdId}:{threshold}), so the workflow's per-threshold notifier is left
// unset until the aging Schedule replaces the sweep (issue 5, Schedules).
import type { BillingDependencies } from "../activities";
import { evaluateClaim } from "../app/billing/gate.server";

export async function loadBillingGate(): Promise<BillingDependencies> {
  return { evaluateClaim: (db, input) => evaluateClaim(db, input) };
}
