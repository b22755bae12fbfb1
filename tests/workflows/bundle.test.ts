// The workflow bundle builds: every import under workflows/ is deterministic and bundleable (no Node built-ins,
// no database, no server modules).
import { bundleWorkflowCode } from "@temporalio/worker";
import { fileURLToPath } from "node:url";

test("the workflows bundle with bundleWorkflowCode", async () => {
  const { code } = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL("../../workflows/index.ts", import.meta.url)), logger: quietLogger() });
  expect(code).toContain("authorizationCase");
  expect(code).toContain("claimRelease");
  // The Schedules' workflows (workflows/housekeeping.ts): a Schedule whose workflow type is missing fails every run.
  for (const scheduled of ["reconcile", "dailyDigest", "holdAging"]) expect(code).toContain(`async function ${scheduled}()`);
  expect(code.length).toBeGreaterThan(10_000);
});

function quietLogger() {
  const noop = () => {};
  return { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
}
