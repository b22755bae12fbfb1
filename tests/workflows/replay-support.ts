// Shared by the replay tests: one workflow bundle per test file, a quiet logger, and replay through a sink recorder.
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from "@temporalio/worker";
import { fileURLToPath } from "node:url";
import type { HistoryBuilder } from "./history-builder";

const noop = () => {};
export const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  if (!bundle) {
    Runtime.install({ logger: new DefaultLogger("WARN") });
    bundle = bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL("../../workflows/index.ts", import.meta.url)), logger: quietLogger });
  }
  return bundle;
}

/** Replays a built history and returns what the workflow reported to the named sink's `observed`. */
export async function replayObserving<T>(history: HistoryBuilder, workflowId: string, sink: string): Promise<T[]> {
  const observed: T[] = [];
  await Worker.runReplayHistory(
    { workflowBundle: await workflowBundle(), sinks: { [sink]: { observed: { fn: (_info: unknown, o: T) => void observed.push(o), callDuringReplay: true } } } },
    history.toJSON(),
    workflowId,
  );
  return observed;
}
