// `infusion-pa import-visits <file.csv> [--organization <slug>] [--json]`: load a day's visits from the infusion
// system (docs/encounters.md lists the columns). All or nothing: a bad row saves nothing and is named by row and column.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatRowError, importVisitsCsv } from "~/encounter-import.server";
import { CliInputError, EXIT, writeLine, type Command } from "./command";
import { withCliDatabase } from "./database";
import { resolveCliOrganization } from "./organization";

const usage = `infusion-pa import-visits <file.csv> [--organization <slug>] [--json]
  --organization  the organization's slug (needed when the database holds more than one)
  --json          print the result as JSON`;

/** How many row errors are printed; the count is always complete. */
const SHOWN_ERRORS = 50;

export const importVisitsCommand: Command = {
  name: "import-visits",
  summary: "load a day's infusion visits from the infusion system's CSV (all or nothing)",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { organization: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      await writeLine(io.stdout, usage);
      return EXIT.ok;
    }
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new CliInputError(`Expected one CSV file.\n${usage}`);
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, file), "utf8");
    } catch (error) {
      throw new CliInputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    const fileName = path.basename(file);
    const { result, organization, where } = await withCliDatabase(io.cwd, async (database) => {
      const org = await resolveCliOrganization(database.db, values.organization);
      return { organization: org, where: database.description, result: await importVisitsCsv(database.db, { organizationId: org.id, text }) };
    });
    if (values.json) await writeLine(io.stdout, JSON.stringify(result));
    if (!result.ok) {
      await writeLine(io.stderr, `${fileName} was not imported: ${result.errors.length} problem(s); nothing was saved.`);
      for (const error of result.errors.slice(0, SHOWN_ERRORS)) await writeLine(io.stderr, `  ${formatRowError(error)}`);
      if (result.errors.length > SHOWN_ERRORS) await writeLine(io.stderr, `  … and ${result.errors.length - SHOWN_ERRORS} more (use --json for all).`);
      return EXIT.invalid;
    }
    if (values.json) return EXIT.ok;
    await writeLine(io.stdout, `Imported ${fileName} into ${organization.name} (${where}): ${result.visits.length} visit(s) — ${result.created} new, ${result.updated} updated, ${result.unchanged} unchanged.`);
    for (const visit of result.visits) await writeLine(io.stdout, `  ${visit.visitId}: ${visit.outcome} (encounter ${visit.encounterId})`);
    return EXIT.ok;
  },
};
