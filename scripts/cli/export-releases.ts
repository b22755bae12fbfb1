// `infusion-pa export-releases [--format csv|jsonl] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--output <file>]`: the
// released claim lines for the billing system, the same rows and columns as /claims/export (docs/billing.md).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatReleaseRows, parseReleaseExportRequest, releasedClaimRows } from "~/billing/export.server";
import { CliInputError, EXIT, write, writeLine, type Command } from "./command";
import { withCliDatabase } from "./database";
import { resolveCliOrganization } from "./organization";

const usage = `infusion-pa export-releases [--format csv|jsonl] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--output <file>] [--organization <slug>]
  --format        csv (default, with a header row) or jsonl (one JSON object per line)
  --from, --to    released on these days (UTC), both included; default: everything released
  --output        write to this file instead of standard output
  --organization  the organization's slug (needed when the database holds more than one)`;

export const exportReleasesCommand: Command = {
  name: "export-releases",
  summary: "write released claim lines as CSV or JSON lines for the billing system",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        format: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        output: { type: "string", short: "o" },
        organization: { type: "string" },
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
    const parsed = parseReleaseExportRequest({ format: values.format, from: values.from, to: values.to });
    if (!parsed.ok) throw new CliInputError(`--${parsed.message}`);
    const { format, from, to } = parsed.request;
    const { rows, organization } = await withCliDatabase(io.cwd, async (database) => {
      const org = await resolveCliOrganization(database.db, values.organization);
      return { organization: org, rows: await releasedClaimRows(database.db, { organizationId: org.id, ...(from ? { from } : {}), ...(to ? { to } : {}) }) };
    });
    const body = formatReleaseRows(rows, format);
    if (values.output) {
      const target = path.resolve(io.cwd, values.output);
      await writeFile(target, body);
      const claims = new Set(rows.map((r) => r.claim_number)).size;
      await writeLine(io.stderr, `Wrote ${rows.length} line(s) of ${claims} released claim(s) of ${organization.name} to ${values.output}.`);
    } else {
      await write(io.stdout, body);
    }
    return EXIT.ok;
  },
};
