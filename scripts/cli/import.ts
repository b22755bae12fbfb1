// `infusion-pa import <asp|crosswalk|ptp|mue> <file> [--table …] [--quarter YYYY-MM-DD]`: load a CMS file into
// the database in one transaction and say what was loaded and which rows were rejected, with line numbers.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { isValidIsoDate } from "~/coding/time";
import { EDIT_TABLES, REFERENCE_KINDS, REFERENCE_KIND_LABELS, isEditTable, isReferenceKind, quarterLabel } from "~/reference/reference-file";
import { importReferenceFile } from "~/reference/store.server";
import { CliInputError, EXIT, writeLine, type Command } from "./command";
import { withCliDatabase } from "./database";

const usage = `infusion-pa import <${REFERENCE_KINDS.join("|")}> <file> [--table ${EDIT_TABLES.join("|")}] [--quarter YYYY-MM-DD] [--json]
  --table    PTP: practitioner or hospital; MUE: practitioner or outpatient-hospital (else from the file name or header)
  --quarter  the first day of the quarter the file is in force (else from the preamble or the file name)
  --json     print the result as JSON`;

/** How many rejected rows are printed; the count is always complete. */
const SHOWN_REJECTED = 50;

export const importCommand: Command = {
  name: "import",
  summary: "load a CMS reference file (ASP pricing, NDC crosswalk, NCCI PTP, MUE)",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { table: { type: "string" }, quarter: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      await writeLine(io.stdout, usage);
      return EXIT.ok;
    }
    const [kind, file, ...extra] = positionals;
    if (!kind || !file || extra.length > 0) throw new CliInputError(`Expected a kind and a file.\n${usage}`);
    if (!isReferenceKind(kind)) throw new CliInputError(`"${kind}" is not a file kind: expected one of ${REFERENCE_KINDS.join(", ")}.`);
    if (values.table !== undefined && !isEditTable(values.table)) throw new CliInputError(`--table "${values.table}": expected one of ${EDIT_TABLES.join(", ")}.`);
    if (values.quarter !== undefined && !isValidIsoDate(values.quarter)) throw new CliInputError(`--quarter "${values.quarter}": expected a date YYYY-MM-DD, the first day of the quarter.`);

    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path.resolve(io.cwd, file)));
    } catch (error) {
      throw new CliInputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    const fileName = path.basename(file);
    const table = values.table !== undefined && isEditTable(values.table) ? values.table : undefined;
    const { outcome, where } = await withCliDatabase(io.cwd, async (database) => ({
      where: database.description,
      outcome: await importReferenceFile(database.db, { kind, bytes, fileName, table, effectiveFrom: values.quarter }),
    }));

    if (!outcome.ok) {
      if (values.json) await writeLine(io.stdout, JSON.stringify({ ok: false, error: outcome.error }));
      await writeLine(io.stderr, `${fileName} was not loaded (${outcome.error.code}): ${outcome.error.message}`);
      return outcome.error.code === "DATABASE" ? EXIT.failed : EXIT.invalid;
    }
    const stored = outcome.stored;
    if (values.json) {
      await writeLine(io.stdout, JSON.stringify({ ok: true, ...stored }));
      return EXIT.ok;
    }
    const tableText = stored.table ? ` (${stored.table} table)` : "";
    await writeLine(
      io.stdout,
      `Loaded ${REFERENCE_KIND_LABELS[stored.kind]}${tableText} ${fileName} for ${quarterLabel(stored.effectiveFrom)} (in force from ${stored.effectiveFrom}) into the ${where}.`,
    );
    await writeLine(io.stdout, `  ${stored.rowsLoaded} row(s) loaded, ${stored.rowsRejected} rejected; header on line ${stored.headerLine}, ${stored.encoding}.`);
    if (stored.replaced) await writeLine(io.stdout, `  This replaced the earlier import of the same quarter.`);
    if (stored.rejected.length > 0) {
      await writeLine(io.stdout, "Rejected rows:");
      for (const row of stored.rejected.slice(0, SHOWN_REJECTED)) await writeLine(io.stdout, `  line ${row.line}: ${row.reason}`);
      if (stored.rejected.length > SHOWN_REJECTED) await writeLine(io.stdout, `  … and ${stored.rejected.length - SHOWN_REJECTED} more (use --json for all).`);
    }
    return EXIT.ok;
  },
};
