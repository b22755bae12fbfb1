// The billing gate for the worker's claim activities. It is written beside the Temporal driver (issue 8) and
// loaded here when the build has it, so the worker runs either way; without it claim-release workflows wait on
// MissingDependency (a non-retryable activity failure) and retry the gate hourly.
import type { BillingDependencies } from "../activities";

const GATE_MODULE = "../app/billing/gate.server";

export async function loadBillingGate(): Promise<BillingDependencies | undefined> {
  // A computed specifier: the module may not exist in this build, and typecheck must not require it.
  const gate = (await import(GATE_MODULE).catch((error: unknown) => {
    if (error instanceof Error && /Cannot find module|ERR_MODULE_NOT_FOUND/.test(`${(error as { code?: string }).code ?? ""} ${error.message}`)) return undefined;
    throw error;
  })) as Partial<BillingDependencies> | undefined;
  if (!gate?.evaluateClaim) return undefined;
  return { evaluateClaim: gate.evaluateClaim, ...(gate.enqueueHoldAgingAlert ? { enqueueHoldAgingAlert: gate.enqueueHoldAgingAlert } : {}) };
}
