// `npm run worker`: the Temporal worker process. Needs TEMPORAL_ADDRESS; without it the embedded engine
// inside `npm start` runs the lifecycle and there is nothing for a worker to do.
//   npm run worker -- --bundle build/workflow-bundle.js   writes the workflow bundle and exits (deploy step);
//   WORKFLOW_BUNDLE=build/workflow-bundle.js npm run worker   runs from that prebuilt bundle (no bundling at boot);
//   npm run worker -- --reconcile   starts a workflow for every open case and held claim that has none, then exits
//                                   (the infusion-pa:reconcile Schedule does the same; `npm run schedules` creates it).
import { readFile, writeFile } from "node:fs/promises";
import { loadConfig } from "../app/config.server";

const workflowsPath = new URL("../workflows/index.ts", import.meta.url).pathname;
const bundleFlag = process.argv.indexOf("--bundle");
if (bundleFlag !== -1) {
  const out = process.argv[bundleFlag + 1] ?? "build/workflow-bundle.js";
  const { bundleWorkflowCode } = await import("@temporalio/worker");
  const { code } = await bundleWorkflowCode({ workflowsPath });
  await writeFile(out, code);
  console.info(`Workflow bundle written to ${out} (${Math.round(code.length / 1024)} KiB). Run the worker with WORKFLOW_BUNDLE=${out}.`);
  process.exit(0);
}

const config = loadConfig();
if (!config.TEMPORAL_ADDRESS) {
  console.error(
    [
      "TEMPORAL_ADDRESS is not set, so there is no Temporal server to work for.",
      "  - Without Temporal, `npm start` runs the embedded lifecycle engine in the web process: no worker needed.",
      "  - To run on Temporal: start a server (`temporal server start-dev`), then",
      "    TEMPORAL_ADDRESS=localhost:7233 npm run worker   (and the same variable for `npm start`).",
    ].join("\n"),
  );
  process.exit(2);
}
const address = config.TEMPORAL_ADDRESS;
const unreachable = (error: unknown): never => {
  console.error(`Could not reach the Temporal server at ${address}: ${error instanceof Error ? error.message : String(error)}`);
  console.error("Is it running? `temporal server start-dev` starts one on localhost:7233.");
  return process.exit(1);
};

const { NativeConnection, Worker, bundleWorkflowCode } = await import("@temporalio/worker");
const { Client, Connection } = await import("@temporalio/client");
const { createActivities, holdAgingForOrganization } = await import("../activities");
const { databaseHandle } = await import("../app/db.server");
const { emailOutboxHandlers } = await import("../app/email.server");
const { authorizationCase, caseWorkflowId, linkedCommand } = await import("../workflows/authorization-case");
const { claimRelease, claimReleaseWorkflowId, coverageChanged } = await import("../workflows/claim-release");
const { evaluateClaim } = await import("../app/billing/gate.server");
const { reconcileCaseWorkflows, reconcileClaimReleases } = await import("../app/engine/reconcile.server");

const connection = await NativeConnection.connect({ address }).catch(unreachable);
const clientConnection = await Connection.connect({ address }).catch(unreachable);
const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });

const db = databaseHandle().db;
const activities = createActivities({
  db,
  // The same gate the embedded engine runs. A claim's aging timer writes its organization's hold-aging alerts, keyed as
  // the infusion-pa:hold-aging Schedule writes them, so billers hear once whichever comes first.
  billing: { evaluateClaim, enqueueHoldAgingAlert: holdAgingForOrganization },
  // Reconciliation (the infusion-pa:reconcile Schedule's activities) starts missing workflows on this task queue.
  workflows: { starter: client.workflow, taskQueue: config.TEMPORAL_TASK_QUEUE },
  // A case's claim re-evaluation reaches each held claim of the patient: its workflow is signalled, or started.
  async signalClaimRelease(organizationId, claimId, change) {
    await client.workflow.signalWithStart(claimRelease, {
      workflowId: claimReleaseWorkflowId(claimId),
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      args: [{ organizationId, claimId }],
      signal: coverageChanged,
      signalArgs: [{ organizationId, ...change }],
    });
  },
  // Email delivery (Resend, idempotencyKey = the outbox row's key) when RESEND_API_KEY and EMAIL_FROM are set;
  // otherwise email rows wait in the outbox, visible in the app's mail viewer.
  mailer: emailOutboxHandlers(config, { db }).email,
  // A linked command (a renewal supersedes its predecessor) starts or signals the other case's workflow.
  async sendCaseCommand(organizationId, command, commandId) {
    const caseId = (command as { caseId: string }).caseId;
    await client.workflow.signalWithStart(authorizationCase, {
      workflowId: caseWorkflowId(caseId),
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      args: [{ organizationId, caseId }],
      signal: linkedCommand,
      signalArgs: [{ organizationId, command, commandId }],
    });
  },
});

if (process.argv.includes("--reconcile")) {
  const options = { taskQueue: config.TEMPORAL_TASK_QUEUE };
  const cases = await reconcileCaseWorkflows(db, client.workflow, options);
  const claims = await reconcileClaimReleases(db, client.workflow, options);
  console.info(`Reconciled open cases: ${cases.started} workflows started, ${cases.running} already running.`);
  console.info(`Reconciled held claims: ${claims.started} claim-release workflows started, ${claims.running} already running.`);
  await Promise.all([connection.close(), clientConnection.close()]);
  process.exit(0);
}

const prebuilt = process.env.WORKFLOW_BUNDLE;
const workflowBundle = prebuilt ? { code: await readFile(prebuilt, "utf8") } : await bundleWorkflowCode({ workflowsPath });

const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowBundle,
  activities,
  // The probe sink exists for replay tests; in production its observations are dropped.
  sinks: { caseProbe: { observed: { fn: () => {} } }, claimProbe: { observed: { fn: () => {} } }, housekeepingProbe: { observed: { fn: () => {} } } },
  shutdownGraceTime: "30s",
});
console.info(`Temporal worker polling task queue "${config.TEMPORAL_TASK_QUEUE}" in namespace "${config.TEMPORAL_NAMESPACE}" at ${address}.`);
// Worker.run installs SIGINT/SIGTERM handlers and drains in-flight tasks before it resolves.
await worker.run();
await Promise.all([connection.close(), clientConnection.close()]);
