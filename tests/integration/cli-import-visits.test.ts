// `infusion-pa import-visits`, spawned as a user runs it: a good file is imported and said so, a file with a bad
// row exits 2 naming the row and column with nothing saved, and a second organization needs --organization.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { openDatabase } from "../../db/client";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";
import { makeDrug, makeTenantGraph, type TenantGraph } from "../support/factories";

const root = path.resolve(import.meta.dirname, "..", "..");
const work = mkdtempSync(path.join(tmpdir(), "infusion-pa-visits-"));
let database: TestDatabase;
let graph: TenantGraph;
let mrn: string;
let slug: string;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin", "infusion-pa.js"), ...args], { cwd: work, env: { ...process.env, DATABASE_URL: database.url! }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const HEADER = "visit_id,mrn,date_of_service,facility_npi,rendering_npi,diagnoses,administration_id,kind,route,start,stop,primary,hcpcs,ndc,dose,dose_unit,vial_size,vials_used";
const file = (name: string, rows: string[]) => {
  const at = path.join(work, name);
  writeFileSync(at, [HEADER, ...rows].join("\n") + "\n");
  return at;
};
const row = (visitId: string, overrides: { start?: string } = {}) =>
  [visitId, mrn, "2026-03-04", graph.facilityNpi, graph.providerNpi, "K50.90", "a1", "therapeutic", "iv-infusion", overrides.start ?? "09:00", "10:45", "yes", "J1745", "57894-0030-01", "350", "mg", "100", "4"].join(",");

beforeAll(async () => {
  if (!postgresServerUrl()) throw new Error("The CLI test spawns processes against a Postgres server: set DATABASE_URL.");
  database = await createTestDatabase("cli_visits");
  graph = await makeTenantGraph(database.db, "Cli");
  await makeDrug(database.db, { hcpcs: "J1745", billingUnitQuantity: 10, billingUnit: "mg" });
  const [patient] = await database.db.select().from(s.patients).where(eq(s.patients.id, graph.patientId));
  mrn = patient!.mrn;
  const [org] = await database.db.select().from(s.organizations).where(eq(s.organizations.id, graph.organizationId));
  slug = org!.slug;
});

afterAll(async () => {
  await database.destroy();
  rmSync(work, { recursive: true, force: true });
});

describe("infusion-pa import-visits", () => {
  it("imports a day's file and says what it did; a second run finds the visits unchanged", async () => {
    const good = file("good.csv", [row("V-1"), row("V-2", { start: "13:00" })]);
    const run = await cli(["import-visits", good]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Imported good\.csv into Cli Infusion .*: 2 visit\(s\) — 2 new, 0 updated, 0 unchanged\./);
    const again = await cli(["import-visits", good, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, created: 0, unchanged: 2 });
  });

  it("exits 2 on a bad row, naming the row and column, and saves nothing", async () => {
    const check = openDatabase({ kind: "postgres", url: database.url!, max: 1 });
    const before = (await check.db.select().from(s.encounters)).length;
    const run = await cli(["import-visits", file("bad.csv", [row("V-3"), row("V-4", { start: "25:00" })])]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("bad.csv was not imported: 1 problem(s); nothing was saved.");
    expect(run.stderr).toContain("row 3, column start: Enter the time as HH:MM");
    expect((await check.db.select().from(s.encounters)).length).toBe(before);
    await check.close();
  });

  it("asks which organization when there are several, and takes --organization", async () => {
    await makeTenantGraph(database.db, "Other");
    const good = file("again.csv", [row("V-5")]);
    const ambiguous = await cli(["import-visits", good]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("say which with --organization <slug>");
    const chosen = await cli(["import-visits", good, "--organization", slug]);
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain("1 new");
  });
});
