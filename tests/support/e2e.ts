// One end-to-end environment per test file: a fresh database (Postgres when DATABASE_URL is set, else PGlite in a
// temporary folder under the artifacts), the real server on it with the demo data, and a headless Chromium.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { demoSignIns } from "../../db/demo-data";
import type { Role } from "~/permissions";
import { launchChromium } from "./browser";
import { createTestDatabase, postgresServerUrl } from "./database";
import { startServerProcess, type ServerProcess } from "./server";

export const artifactsDir = path.resolve(import.meta.dirname, "..", "e2e", "artifacts");

export interface E2eApp {
  url: string;
  server: ServerProcess;
  browser: Browser;
  stop(): Promise<void>;
}

/** `extraEnv` adds to the server's environment (e.g. a short SWEEP_INTERVAL_MS so linked cases open quickly). */
export async function startE2eApp(label: string, extraEnv: Record<string, string> = {}): Promise<E2eApp> {
  mkdirSync(artifactsDir, { recursive: true });
  const env: Record<string, string> = { SESSION_SECRET: "e2e-session-secret-that-is-long-enough-for-tests", ...extraEnv };
  const database = postgresServerUrl() ? await createTestDatabase(`e2e_${label}`) : undefined;
  let pgliteDir: string | undefined;
  if (database) {
    await database.close();
    env.DATABASE_URL = database.url!;
  } else {
    pgliteDir = path.join(artifactsDir, `pglite-${label}-${Date.now()}`);
    env.DATABASE_URL = "";
    env.PGLITE_DIR = pgliteDir;
  }
  const [server, browser] = await Promise.all([startServerProcess(env), launchChromium()]);
  return {
    url: server.url,
    server,
    browser,
    async stop() {
      await browser.close();
      await server.stop();
      await database?.destroy();
      if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    },
  };
}

/** A new page signed in as the demo user of the role; console errors are collected into `errors` when given. */
export async function signInAs(app: E2eApp, role: Role, errors?: string[]): Promise<Page> {
  const who = demoSignIns.find((s) => s.role === role);
  if (!who) throw new Error(`no demo sign-in for ${role}`);
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  if (errors) {
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
  }
  await page.goto(`${app.url}/login`);
  await page.getByLabel("Work email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("user-name").waitFor();
  return page;
}
