// The `infusion-pa` command line, spawned as a user runs it: import the sample CMS files, code one encounter
// (file or stdin) and a batch, with the exit codes and messages a script or a biller relies on.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CodedClaim, EncounterInput } from "~/coding";
import { REFERENCE_SAMPLES, referenceSamplePath } from "../../db/reference-samples";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";
import { DOS, infusion, makeDrug, push } from "../unit/coding/support";

const root = path.resolve(import.meta.dirname, "..", "..");
const work = mkdtempSync(path.join(tmpdir(), "infusion-pa-cli-"));
let database: TestDatabase | undefined;
const env: Record<string, string> = {};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin", "infusion-pa.js"), ...args], { cwd: work, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

function encounter(overrides: Partial<EncounterInput> = {}): EncounterInput {
  return {
    setting: "professional",
    dateOfService: DOS,
    payer: { kind: "medicare" },
    administrations: [
      infusion("a1", "therapeutic", "09:00", 105, { primary: true, drug: makeDrug("J1745", 350, { singleDose: true, vials: [{ quantity: 100, unit: "mg" }] }) }),
      push("p1", "therapeutic", "08:50", makeDrug("J1200", 25, { ndc: "12345-0120-01" })),
    ],
    ...overrides,
  };
}

const lineSummary = (claim: CodedClaim) => claim.lines.map((l) => `${l.code}×${l.units}${l.modifiers.length ? `[${l.modifiers.join(",")}]` : ""}`);

beforeAll(async () => {
  if (postgresServerUrl()) {
    database = await createTestDatabase("cli");
    await database.close();
    env.DATABASE_URL = database.url!;
  } else {
    env.DATABASE_URL = "";
    env.PGLITE_DIR = path.join(work, "pglite");
  }
  // Each sample in its own process, one after the other, as a person would load them.
  for (const sample of REFERENCE_SAMPLES) {
    const run = await cli(["import", sample.kind, referenceSamplePath(sample.file), ...(sample.table ? ["--table", sample.table] : [])]);
    if (run.code !== 0) throw new Error(`import ${sample.file} failed (${run.code}):\n${run.stdout}${run.stderr}`);
  }
});

afterAll(async () => {
  await database?.destroy();
  rmSync(work, { recursive: true, force: true });
});

describe("infusion-pa import", () => {
  it("says what it loaded and lists rejected rows with their line numbers; re-importing replaces the quarter", async () => {
    const run = await cli(["import", "asp", referenceSamplePath("asp-pricing-2025-01.csv")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Loaded ASP pricing file asp-pricing-2025-01\.csv for 2025 Q1/);
    expect(run.stdout).toMatch(/\d+ row\(s\) loaded, 3 rejected/);
    expect(run.stdout).toContain("line 43: J9999: no HCPCS code dosage");
    expect(run.stdout).toContain("replaced the earlier import of the same quarter");
  });

  it("takes the quarter from --quarter when the file does not say, and answers JSON with --json", async () => {
    const file = path.join(work, "mue-no-quarter.csv");
    writeFileSync(file, '"HCPCS/CPT Code","Practitioner Services MUE Values","MUE Adjudication Indicator","MUE Rationale"\r\n"J1745","120","3 Date of Service Edit: Clinical","Sample"\r\n');
    const missing = await cli(["import", "mue", file]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/QUARTER_UNKNOWN/);
    const run = await cli(["import", "mue", file, "--quarter", "2024-10-01", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, kind: "mue", table: "practitioner", effectiveFrom: "2024-10-01", rowsLoaded: 1 });
  });

  it("refuses a file of another kind, a bad option and a missing file with exit code 2 and a plain message", async () => {
    const wrongKind = await cli(["import", "ptp", referenceSamplePath("asp-pricing-2025-01.csv"), "--table", "practitioner"]);
    expect(wrongKind).toMatchObject({ code: 2, stdout: "" });
    expect(wrongKind.stderr).toMatch(/was not loaded \(HEADER_NOT_FOUND\)/);
    const badTable = await cli(["import", "mue", referenceSamplePath("mue-practitioner-2025q1.csv"), "--table", "hospital"]);
    expect(badTable.code).toBe(2);
    expect(badTable.stderr).toMatch(/MUE tables are practitioner and outpatient-hospital/);
    const missing = await cli(["import", "asp", "no-such-file.csv"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read no-such-file\.csv: no such file/);
  });
});

describe("infusion-pa code", () => {
  it("prints the CodedClaim of a file, coded against the loaded quarter (exit 0, findings included)", async () => {
    const file = path.join(work, "visit.json");
    writeFileSync(file, JSON.stringify(encounter(), null, 2));
    const run = await cli(["code", file]);
    expect(run.code).toBe(0);
    const claim = JSON.parse(run.stdout) as CodedClaim;
    expect(lineSummary(claim)).toEqual(["96365×1", "96375×1", "96366×1", "J1200×1", "J1745×35", "J1745×5[JW]"]);
    expect(claim.lines.find((l) => l.code === "J1745")?.ndc).toEqual({ code: "57894003001", qualifier: "ME", quantity: 350 });
  });

  it("reads standard input with -, and applies the MUE loaded from the file", async () => {
    const overdose = encounter({ administrations: [infusion("a1", "therapeutic", "09:00", 60, { primary: true, drug: makeDrug("J1745", 1600) })] });
    const run = await cli(["code", "-"], JSON.stringify(overdose));
    expect(run.code).toBe(0);
    const claim = JSON.parse(run.stdout) as CodedClaim;
    expect(claim.findings.find((f) => f.rule === "EDIT_MUE_EXCEEDED")?.message).toMatch(/practitioner MUE of 150/);
  });

  it("exits 2 on invalid input with a message naming each JSON path", async () => {
    const bad = { ...encounter(), setting: "clinic", administrations: [{ ...encounter().administrations[0]!, start: "9am" }] };
    const run = await cli(["code", "-"], JSON.stringify(bad));
    expect(run).toMatchObject({ code: 2, stdout: "" });
    expect(run.stderr).toContain('$.setting: expected "professional" or "facility"');
    expect(run.stderr).toContain('$.administrations[0].start: expected a local date-time "YYYY-MM-DDTHH:MM"');
    const notJson = await cli(["code", "-"], '{\n  "setting": "professional",\n  oops\n}');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/\$: not valid JSON/);
  });

  it("--batch prints one line per input line in order; an invalid line gets {error} and the rest continue", async () => {
    const good = Array.from({ length: 300 }, (_, i) => encounter({ setting: i % 2 === 0 ? "professional" : "facility" }));
    const lines = good.map((e) => JSON.stringify(e));
    lines.splice(1, 0, '{"setting": "professional", "administrations": []');
    lines.splice(3, 0, JSON.stringify({ ...encounter(), payer: { kind: "tricare" } }));
    const file = path.join(work, "visits.ndjson");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const run = await cli(["code", "--batch", file]);
    expect(run.code).toBe(2);
    const out = run.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as CodedClaim | { error: { line: number; errors: { path: string }[] } });
    expect(out).toHaveLength(lines.length);
    expect(out[1]).toMatchObject({ error: { line: 2 } });
    expect(out[3]).toMatchObject({ error: { line: 4, errors: [{ path: "$.payer.kind" }] } });
    const claims = out.filter((o): o is CodedClaim => !("error" in o));
    expect(claims.map((c) => c.setting)).toEqual(good.map((e) => e.setting));
    expect(run.stderr).toMatch(/Coded 300 encounter\(s\); 2 line\(s\) invalid/);
  });

  it("--batch - reads standard input and exits 0 when every line codes", async () => {
    const run = await cli(["code", "--batch", "-"], `${JSON.stringify(encounter())}\n${JSON.stringify(encounter({ setting: "facility" }))}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as CodedClaim).typeOfBill ?? "-")).toEqual(["-", "0131"]);
  });
});

describe("the command itself", () => {
  it("npx infusion-pa resolves to this project's bin (npm exec runs the package's own bin; --no forbids a download)", () => {
    const run = spawnSync("npx", ["--no", "infusion-pa", "help"], { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: npx infusion-pa <command>/);
    expect(run.stdout).toMatch(/code\s+code encounters/);
  });

  it.skipIf(Boolean(postgresServerUrl()))("refuses the embedded database while another process has it open", async () => {
    writeFileSync(path.join(env.PGLITE_DIR!, "postmaster.pid"), "-42\n");
    try {
      const run = await cli(["code", "-"], JSON.stringify(encounter()));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/is open in another process \(is `npm start` running\?\)/);
    } finally {
      rmSync(path.join(env.PGLITE_DIR!, "postmaster.pid"));
    }
  });
});
