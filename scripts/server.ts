// The HTTP server: migrate, seed an empty database with the demo, then serve the Remix build with Express.
import { existsSync, readFileSync, mkdirSync, writeFileSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { loadConfig } from "../app/config.server";
import { databaseHandle } from "../app/db.server";
import { lifecycleEngine } from "../app/engine/index.server";
import { demoSignIns, demoToday, isEmpty, seedDemoData } from "../db/seed";

const root = path.resolve(import.meta.dirname, "..");
export const buildEntry = path.join(root, "build", "index.js");

/** Outside production, keep a random session secret in .data so sessions survive restarts without a known constant. */
export function ensureLocalSessionSecret(dataDir = path.join(root, ".data")) {
  if (process.env.SESSION_SECRET || process.env.NODE_ENV === "production") return;
  const file = path.join(dataDir, "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
}

async function importBuild(): Promise<ServerBuild> {
  const version = statSync(buildEntry).mtimeMs;
  return (await import(`${pathToFileURL(buildEntry).href}?v=${version}`)) as ServerBuild;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(options: { dev?: boolean; log?: (line: string) => void } = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.info(line));
  ensureLocalSessionSecret();
  const config = loadConfig();
  const handle = databaseHandle();
  await handle.migrate();
  let seeded = false;
  if (config.DEMO_SEED === "auto" && (await isEmpty(handle.db))) {
    const counts = await seedDemoData(handle.db, { today: demoToday() });
    seeded = true;
    log(`Loaded demo data: ${counts.patients} patients, ${counts.authorizationCases} authorization cases, ${counts.claims} claims.`);
  }

  const app = express();
  app.disable("x-powered-by");
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));

  let build = await importBuild();
  const mode = options.dev ? "development" : "production";
  app.all("*", (req, res, next) => {
    const ready = options.dev ? importBuild().then((fresh) => (build = fresh)) : Promise.resolve(build);
    ready.then((current) => createRequestHandler({ build: current, mode })(req, res, next)).catch(next);
  });

  // The embedded engine's sweep (due deadlines, outbox) runs in this process; Temporal runs its own timers.
  const engine = lifecycleEngine();
  engine.start?.(Number(process.env.SWEEP_INTERVAL_MS ?? 15_000));

  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;

  log(`Infusion PA is running at ${url}`);
  log(`  database: ${handle.kind === "postgres" ? "Postgres (DATABASE_URL)" : `embedded PGlite in ${config.PGLITE_DIR}`}`);
  log(`  lifecycle engine: ${engine.kind === "temporal" ? `Temporal at ${config.TEMPORAL_ADDRESS}` : "embedded (deadline and outbox sweep in this process)"}`);
  log(`  email: ${config.RESEND_API_KEY ? "Resend" : "kept in the outbox (set RESEND_API_KEY and EMAIL_FROM to send)"}`);
  if (seeded || config.DEMO_SEED === "auto") {
    log("  demo sign-ins (password for all: " + (demoSignIns[0]?.password ?? "") + "):");
    for (const s of demoSignIns) log(`    ${s.role.padEnd(12)} ${s.email}`);
  }
  if (options.dev) await broadcastDevReady(build);
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
      })
        .then(() => engine.close())
        .then(() => handle.close()),
  };
}
