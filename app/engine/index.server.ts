// The process's lifecycle engine: embedded unless TEMPORAL_ADDRESS is set, then Temporal (run `npm run worker` too).
import { singleton } from "../../db/client";
import { loadConfig } from "../config.server";
import { databaseHandle } from "../db.server";
import { enqueueHoldAgingAlerts } from "../billing/holds.server";
import { produceDailyDigests } from "../email-digest.server";
import { emailOutboxHandlers } from "../email.server";
import { EmbeddedEngine } from "./embedded.server";
import type { LifecycleEngine } from "./port";
import { TemporalEngine } from "./temporal.server";

export function lifecycleEngine(): LifecycleEngine & Partial<Pick<EmbeddedEngine, "start" | "sweepOnce">> {
  return singleton("lifecycle_engine", () => {
    const config = loadConfig();
    const db = databaseHandle().db;
    if (config.TEMPORAL_ADDRESS) {
      // Deadlines and the outbox are the worker's job in this mode: no sweep runs in the web process.
      return new TemporalEngine({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, db });
    }
    // Emails go out through Resend when it is configured; otherwise they wait in the outbox (mail viewer).
    // The sweep also queues each coordinator's daily digest once their organization's digest hour has come.
    return new EmbeddedEngine(db, { handlers: emailOutboxHandlers(config), jobs: { "daily-digest": (now) => produceDailyDigests(db, now), "hold-aging": (now) => enqueueHoldAgingAlerts(db, { now }) } });
  });
}

export type { CommandOutcome, CommandRequest, LifecycleEngine } from "./port";
