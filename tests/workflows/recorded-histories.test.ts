// Histories recorded from a real server (tests/workflows/fixtures/README.md) replay against the current code.
import { Worker } from "@temporalio/worker";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL("./fixtures/histories/", import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
if (files.length === 0) console.warn("No recorded histories in tests/workflows/fixtures/histories: only the built histories are replay-checked.");

describe.skipIf(files.length === 0)("recorded histories replay", () => {
  it.each(files)("%s", async (file) => {
    const history: unknown = JSON.parse(readFileSync(`${dir}${file}`, "utf8"));
    await Worker.runReplayHistory(
      { workflowsPath: fileURLToPath(new URL("../../workflows/index.ts", import.meta.url)), sinks: { caseProbe: { observed: { fn: () => {} } }, claimProbe: { observed: { fn: () => {} } } } },
      history,
    );
  });
});
