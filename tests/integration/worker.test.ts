// `npm run worker` explains itself when there is no Temporal server to work for.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const runWorker = (env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { cwd: root, env: { ...process.env, TEMPORAL_ADDRESS: "", ...env }, encoding: "utf8", timeout: 60_000 });

describe("npm run worker", () => {
  it("exits with a clear message when TEMPORAL_ADDRESS is unset", () => {
    const result = runWorker({});
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/TEMPORAL_ADDRESS is not set/);
    expect(result.stderr).toMatch(/temporal server start-dev/);
  });

  it("says which server it could not reach", () => {
    const result = runWorker({ TEMPORAL_ADDRESS: "127.0.0.1:1" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Could not reach the Temporal server at 127\.0\.0\.1:1/);
  });

  it("refuses a malformed address before trying", () => {
    const result = runWorker({ TEMPORAL_ADDRESS: "not an address" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/TEMPORAL_ADDRESS: expected host:port/);
  });
});
