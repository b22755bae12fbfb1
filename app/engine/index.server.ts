// The process's lifecycle engine: embedded unless TEMPORAL_ADDRESS is set.
import { singleton } from "../../db/client";
import { loadConfig } from "../config.server";
import { databaseHandle } from "../db.server";
import { EmbeddedEngine } from "./embedded.server";
import type { LifecycleEngine } from "./port";

export function lifecycleEngine(): LifecycleEngine & Partial<Pick<EmbeddedEngine, "start" | "sweepOnce">> {
  return singleton("lifecycle_engine", () => {
    const config = loadConfig();
    if (config.TEMPORAL_ADDRESS) {
      console.warn(`TEMPORAL_ADDRESS is set (${config.TEMPORAL_ADDRESS}), but the Temporal driver has not landed yet: using the embedded engine.`);
    }
    return new EmbeddedEngine(databaseHandle().db);
  });
}

export type { CommandOutcome, CommandRequest, LifecycleEngine } from "./port";
