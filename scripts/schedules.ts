// `npm run schedules`: creates the Temporal Schedules (reconcile, daily digest, hold aging) or updates them in place.
// Safe to run on every deploy: an existing schedule keeps its paused state. Needs TEMPORAL_ADDRESS.
//   npm run schedules                 create or update infusion-pa:reconcile, infusion-pa:digest, infusion-pa:hold-aging
//   npm run schedules -- --print      print the options the env gives, without a server
// Cadences: TEMPORAL_SCHEDULE_RECONCILE (15m), TEMPORAL_SCHEDULE_DIGEST (15m), TEMPORAL_SCHEDULE_HOLD_AGING (1h): an
// interval (5m, 1h, 1d) or a five-field cron expression read in TEMPORAL_SCHEDULE_TIMEZONE (UTC).
import { loadConfig } from "../app/config.server";
import { ScheduleConfigError, parseScheduleEnv, scheduleOptions, upsertSchedules } from "../app/engine/temporal-schedules.server";

const config = loadConfig();
let schedules;
try {
  schedules = scheduleOptions(parseScheduleEnv(process.env), { taskQueue: config.TEMPORAL_TASK_QUEUE });
} catch (error) {
  if (!(error instanceof ScheduleConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

if (process.argv.includes("--print")) {
  const printable = schedules.map((s) => ({ ...s, action: { ...s.action, workflowType: typeof s.action.workflowType === "string" ? s.action.workflowType : s.action.workflowType.name } }));
  console.info(JSON.stringify(printable, null, 2));
  process.exit(0);
}

if (!config.TEMPORAL_ADDRESS) {
  console.error("TEMPORAL_ADDRESS is not set, so there is no Temporal server to create schedules on.");
  console.error("  Start one (`temporal server start-dev`), then: TEMPORAL_ADDRESS=localhost:7233 npm run schedules");
  console.error("  Without Temporal, `npm start` runs the digest, hold aging and deadlines in its own sweep: no schedules needed.");
  process.exit(2);
}
const address = config.TEMPORAL_ADDRESS;

const { Client, Connection } = await import("@temporalio/client");
const connection = await Connection.connect({ address }).catch((error: unknown) => {
  console.error(`Could not reach the Temporal server at ${address}: ${error instanceof Error ? error.message : String(error)}`);
  console.error("Is it running? `temporal server start-dev` starts one on localhost:7233.");
  return process.exit(1);
});
const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
try {
  for (const { scheduleId, outcome } of await upsertSchedules(client.schedule, schedules)) {
    const schedule = schedules.find((s) => s.scheduleId === scheduleId)!;
    const when = schedule.spec.intervals?.[0]?.every ?? schedule.spec.cronExpressions?.[0];
    console.info(`${outcome === "created" ? "Created" : "Updated"} ${scheduleId} (every ${String(when)}, task queue "${config.TEMPORAL_TASK_QUEUE}", namespace "${config.TEMPORAL_NAMESPACE}").`);
  }
  console.info("The worker (`npm run worker`) runs what they start. Pause one with `temporal schedule toggle --schedule-id <id> --pause --reason <why>`.");
} catch (error) {
  console.error(`Could not create or update the schedules on ${address} (namespace "${config.TEMPORAL_NAMESPACE}"): ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
