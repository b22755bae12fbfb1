// A sweep in its own process, for the crash test: SWEEP_DATABASE_URL, SWEEP_NOW, and optionally
// SWEEP_CRASH_AFTER (exit mid-batch, before the case in hand commits). Prints the result as JSON.
import { openDatabase } from "../../db/client";
import { EmbeddedEngine } from "../../app/engine/embedded.server";

const handle = openDatabase({ kind: "postgres", url: process.env.SWEEP_DATABASE_URL!, max: 2 });
const now = new Date(process.env.SWEEP_NOW!);
const crash = process.env.SWEEP_CRASH_AFTER;
const engine = new EmbeddedEngine(handle.db, { clock: () => now, log: () => {}, ...(crash ? { crashAfterDeadlines: Number(crash) } : {}) });
const result = await engine.sweepOnce();
console.info(JSON.stringify(result));
await handle.close();
