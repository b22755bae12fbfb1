// `npx infusion-pa sweep --once` and `npx infusion-pa simulate`: the lifecycle from the command line.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";

const root = path.resolve(import.meta.dirname, "..", "..");
const cli = (args: string[], options: { env?: Record<string, string>; input?: string } = {}) =>
  spawnSync(process.execPath, ["bin/infusion-pa.js", ...args], {
    cwd: root,
    env: { ...process.env, ...options.env },
    input: options.input,
    encoding: "utf8",
    timeout: 120_000,
  });

describe("infusion-pa simulate", () => {
  it("replays the example scenario and says which rule fired each alert", () => {
    const result = cli(["simulate", "docs/scenarios/renewal-alerts.json"]);
    expect(result.status, result.stderr).toBe(0);
    const alerts = result.stdout.split("\n").filter((line) => line.includes("renewal-alert-raised"));
    expect(alerts).toHaveLength(3);
    expect(alerts.map((l) => l.slice(2, 12))).toEqual(["2026-06-14", "2026-06-30", "2026-07-07"]);
    expect(alerts[0]).toContain("[summit-health/renewal-lead@2026-01-01]");
    expect(result.stdout).toMatch(/A:expired \[authorization\/SH-AUTH-1001@2026-07-14\]/);
    expect(result.stdout).toMatch(/PA-000001\s+expired/);
  });

  it("prints JSON with --json, and exits 2 naming what is wrong in a bad scenario", () => {
    const json = cli(["simulate", "docs/scenarios/renewal-alerts.json", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ cases: [{ case: "A", status: "expired", nextDeadline: null }] });
    const bad = cli(["simulate", "-"], {
      input: JSON.stringify({ start: "2026-01-05T14:00:00Z", steps: [{ case: "A", command: { type: "submit", channel: "pigeon" } }] }),
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toMatch(/REFUSED/);
    const invalid = cli(["simulate", "-"], { input: "{ not json" });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/not valid JSON/);
  });
});

describe.skipIf(!postgresServerUrl())("infusion-pa sweep --once", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("cli_sweep");
  });
  afterAll(async () => database?.destroy());

  it("runs one sweep against DATABASE_URL and reports what it did", () => {
    const result = cli(["sweep", "--once", "--json"], { env: { DATABASE_URL: database.url! } });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ deadlines: { handled: 0, stuck: 0 }, outbox: { claimed: 0 } });
    expect(cli(["sweep", "--interval", "0"], { env: { DATABASE_URL: database.url! } }).status).toBe(2);
  });
});
