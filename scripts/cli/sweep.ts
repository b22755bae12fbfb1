// `infusion-pa sweep [--once] [--interval 15]`: fire due deadlines and deliver the outbox, as the server does in
// the background — once (for cron-style operation and tests) or in a loop until interrupted.
import { parseArgs } from "node:util";
import { loadConfig } from "~/config.server";
import { EmbeddedEngine } from "~/engine/embedded.server";
import { CliInputError, EXIT, writeLine, type Command } from "./command";
import { withCliDatabase } from "./database";

const usage = `infusion-pa sweep [--once] [--interval SECONDS] [--json]
  --once      one sweep, then exit (default: sweep every --interval seconds until Ctrl-C)
  --interval  seconds between sweeps (default 15)
  --json      print each sweep's result as JSON`;

const digestWords = (run: unknown) => {
  const r = run as { written?: number; failed?: string } | undefined;
  return r?.failed ? `failed (${r.failed})` : `${r?.written ?? 0} queued`;
};

export const sweepCommand: Command = {
  name: "sweep",
  summary: "fire due deadlines and deliver outbox rows (the embedded engine's background work)",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        once: { type: "boolean", default: false },
        interval: { type: "string", default: "15" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      await writeLine(io.stdout, usage);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new CliInputError(`Unexpected argument "${positionals[0]}".\n${usage}`);
    const interval = Number(values.interval);
    if (!Number.isFinite(interval) || interval < 1) throw new CliInputError(`--interval "${values.interval}": expected a number of seconds, at least 1.`);

    // Loaded here, not at the top: the other commands need neither React Email nor the Resend SDK.
    const [{ produceDailyDigests }, { emailOutboxHandlers }, { enqueueHoldAgingAlerts }] = await Promise.all([import("~/email-digest.server"), import("~/email.server"), import("~/billing/holds.server")]);
    return withCliDatabase(io.cwd, async (database) => {
      // The same work as the server's sweep: deadlines, the daily digest, and the outbox (email when Resend is set).
      const engine = new EmbeddedEngine(database.db, {
        log: (line) => void writeLine(io.stderr, line),
        handlers: emailOutboxHandlers(loadConfig(), { db: database.db }),
        jobs: { "daily-digest": (now) => produceDailyDigests(database.db, now), "hold-aging": (now) => enqueueHoldAgingAlerts(database.db, { now }) },
      });
      let stop = false;
      const onSignal = () => {
        stop = true;
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      try {
        do {
          const result = await engine.sweepOnce();
          const { deadlines: d, outbox: o } = result;
          await writeLine(
            io.stdout,
            values.json
              ? JSON.stringify({ at: new Date().toISOString(), ...result })
              : `${new Date().toISOString()} deadlines: ${d.handled} handled, ${d.stuck} skipped · digests: ${digestWords(result.jobs?.["daily-digest"])} · outbox: ${o.delivered} delivered, ${o.retried} to retry, ${o.dead} dead-lettered (${database.description})`,
          );
          if (values.once) break;
          for (let waited = 0; waited < interval * 10 && !stop; waited++) await new Promise((resolve) => setTimeout(resolve, 100));
        } while (!stop);
      } finally {
        process.off("SIGINT", onSignal);
        process.off("SIGTERM", onSignal);
      }
      return EXIT.ok;
    });
  },
};
