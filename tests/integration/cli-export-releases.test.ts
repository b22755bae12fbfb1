// `infusion-pa export-releases`, run in process against a real database: released claim lines come out as CSV or
// JSON lines, the day window includes both ends, a held claim never appears, and a bad option names itself.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { RELEASE_COLUMNS } from "~/billing/export.server";
import { main } from "../../scripts/cli";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";
import { makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;
let slug: string;
const work = mkdtempSync(path.join(tmpdir(), "infusion-pa-export-"));
const savedUrl = process.env.DATABASE_URL;

async function cli(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const code = await main(args, { stdin: new PassThrough(), stdout, stderr, cwd: work });
  return { code, stdout: out, stderr: err };
}

beforeAll(async () => {
  if (!postgresServerUrl()) throw new Error("The export CLI test runs against a Postgres server: set DATABASE_URL.");
  database = await createTestDatabase("cli_export");
  process.env.DATABASE_URL = database.url!;
  graph = await makeTenantGraph(database.db, "Export");
  const [org] = await database.db.select().from(s.organizations).where(eq(s.organizations.id, graph.organizationId));
  slug = org!.slug;
  // The factory's claim is held; a second organization's released claim must never leak into this one's export.
  await database.db.update(s.claims).set({ status: "released", releasedAt: new Date("2026-03-04T16:30:00Z") }).where(eq(s.claims.id, graph.claimId));
  const other = await makeTenantGraph(database.db, "Elsewhere");
  await database.db.update(s.claims).set({ status: "released", releasedAt: new Date("2026-03-04T10:00:00Z") }).where(eq(s.claims.id, other.claimId));
});

afterAll(async () => {
  process.env.DATABASE_URL = savedUrl;
  await database?.destroy();
  rmSync(work, { recursive: true, force: true });
});

describe("infusion-pa export-releases", () => {
  it("writes the organization's released lines as CSV with the documented header, the to-day included", async () => {
    const run = await cli(["export-releases", "--organization", slug, "--from", "2026-03-04", "--to", "2026-03-04"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\r\n");
    expect(lines[0]).toBe(RELEASE_COLUMNS.join(","));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^CL-\d+,2026-03-04T16:30:00\.000Z,professional,/);
  });

  it("writes JSON lines to a file and says how much it wrote; a window after the release is empty", async () => {
    const run = await cli(["export-releases", "--organization", slug, "--format", "jsonl", "--output", "out.jsonl"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^Wrote 1 line\(s\) of 1 released claim\(s\) of .+ to out\.jsonl\.\n$/);
    const rows = readFileSync(path.join(work, "out.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!)).toEqual([...RELEASE_COLUMNS]);
    expect(rows[0]!.ndc11).toBe("57894016001");
    const later = await cli(["export-releases", "--organization", slug, "--from", "2026-03-05"]);
    expect(later.stdout.trimEnd().split("\r\n")).toEqual([RELEASE_COLUMNS.join(",")]);
  });

  it("names the option that is wrong and what it expected, exiting 2", async () => {
    const badDay = await cli(["export-releases", "--organization", slug, "--from", "2026-02-30"]);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toContain('--from: expected a date as YYYY-MM-DD, got "2026-02-30".');
    const backwards = await cli(["export-releases", "--organization", slug, "--from", "2026-03-05", "--to", "2026-03-01"]);
    expect(backwards.stderr).toContain("--to: expected a date on or after from (2026-03-05)");
    const format = await cli(["export-releases", "--organization", slug, "--format", "x12"]);
    expect(format.stderr).toContain('--format: expected csv or jsonl, got "x12".');
    const ambiguous = await cli(["export-releases"]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("more than one organization");
  });
});
