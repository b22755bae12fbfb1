// `npm run worker`: the Temporal worker process. Needs TEMPORAL_ADDRESS; without it the embedded engine
// inside `npm start` runs the lifecycle and there is nothing for a worker to do.
import { loadConfig } from "../app/config.server";

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

const { NativeConnection, Worker } = await import("@temporalio/worker");
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }).catch((error: unknown) => {
  console.error(`Could not reach the Temporal server at ${config.TEMPORAL_ADDRESS}: ${error instanceof Error ? error.message : String(error)}`);
  console.error("Is it running? `temporal server start-dev` starts one on localhost:7233.");
  return process.exit(1);
});

const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  workflowsPath: new URL("../workflows/index.ts", import.meta.url).pathname,
  activities: {},
  shutdownGraceTime: "30s",
});
console.info(`Temporal worker polling task queue "${config.TEMPORAL_TASK_QUEUE}" in namespace "${config.TEMPORAL_NAMESPACE}" at ${config.TEMPORAL_ADDRESS}.`);
// Worker.run installs SIGINT/SIGTERM handlers and drains in-flight tasks before it resolves.
await worker.run();
await connection.close();
