// `infusion-pa code <encounter.json | ->` and `infusion-pa code --batch <file.ndjson | ->`: code encounters
// against the reference data in the database and print CodedClaim JSON.
import { createReadStream } from "node:fs";
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { codeEncounter, formatEncounterErrors, parseEncounterJson, type CodingReference, type ParsedEncounter } from "~/coding";
import { loadReferenceSet } from "~/reference/store.server";
import { CliInputError, EXIT, write, writeLine, type CliIo, type Command } from "./command";
import { withCliDatabase } from "./database";

const usage = `infusion-pa code <encounter.json | ->            print the CodedClaim of one encounter as JSON
infusion-pa code --batch <file.ndjson | ->       one encounter per line in, one CodedClaim per line out, in order`;

function inputStream(source: string, io: CliIo): Readable {
  return source === "-" ? io.stdin : createReadStream(path.resolve(io.cwd, source));
}

async function readAll(source: string, io: CliIo): Promise<string> {
  if (source !== "-") {
    try {
      return await readFile(path.resolve(io.cwd, source), "utf8");
    } catch (error) {
      throw new CliInputError(`Cannot read ${source}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

async function codeOne(source: string, io: CliIo): Promise<number> {
  const parsed = parseEncounterJson(await readAll(source, io));
  if (!parsed.success) {
    await writeLine(io.stderr, `Invalid encounter in ${source === "-" ? "standard input" : source}:\n${formatEncounterErrors(parsed.errors).replace(/^/gm, "  ")}`);
    return EXIT.invalid;
  }
  const { encounter } = parsed;
  const claim = await withCliDatabase(io.cwd, async ({ db }) => codeEncounter(encounter, await loadReferenceSet(db, { dateOfService: encounter.dateOfService })));
  await writeLine(io.stdout, JSON.stringify(claim, null, 2));
  return EXIT.ok;
}

/** One output line per input line: a CodedClaim, or {"error": {...}} naming the line and the JSON paths. */
export async function codeLines(lines: AsyncIterable<string>, reference: CodingReference, emit: (line: string) => Promise<void>): Promise<{ coded: number; invalid: number }> {
  let lineNumber = 0;
  let coded = 0;
  let invalid = 0;
  for await (const raw of lines) {
    lineNumber++;
    const text = raw.trim();
    const parsed: ParsedEncounter = text === "" ? { success: false, errors: [{ path: "$", message: "empty line: expected one encounter as JSON" }] } : parseEncounterJson(text);
    if (!parsed.success) {
      invalid++;
      await emit(JSON.stringify({ error: { line: lineNumber, message: `invalid encounter: ${formatEncounterErrors(parsed.errors).replace(/\n/g, "; ")}`, errors: parsed.errors } }));
      continue;
    }
    try {
      await emit(JSON.stringify(codeEncounter(parsed.encounter, reference)));
      coded++;
    } catch (error) {
      invalid++;
      await emit(JSON.stringify({ error: { line: lineNumber, message: `could not code this encounter: ${error instanceof Error ? error.message : String(error)}` } }));
    }
  }
  return { coded, invalid };
}

async function codeBatch(source: string, io: CliIo): Promise<number> {
  if (source !== "-") {
    try {
      await access(path.resolve(io.cwd, source));
    } catch {
      throw new CliInputError(`Cannot read ${source}: no such file`);
    }
  }
  return withCliDatabase(io.cwd, async ({ db }) => {
    // Every quarter: a batch may span dates of service, and each date reads its own quarter.
    const reference = await loadReferenceSet(db);
    let buffer: string[] = [];
    const flush = async () => {
      if (buffer.length === 0) return;
      const text = `${buffer.join("\n")}\n`;
      buffer = [];
      await write(io.stdout, text);
    };
    const lines = createInterface({ input: inputStream(source, io), crlfDelay: Infinity });
    const { coded, invalid } = await codeLines(lines, reference, async (line) => {
      buffer.push(line);
      if (buffer.length >= 256) await flush();
    });
    await flush();
    await writeLine(io.stderr, `Coded ${coded} encounter(s)${invalid > 0 ? `; ${invalid} line(s) invalid (see {"error": …} lines)` : ""}.`);
    return invalid > 0 ? EXIT.invalid : EXIT.ok;
  });
}

export const codeCommand: Command = {
  name: "code",
  summary: "code encounters (JSON or NDJSON) into claim lines with findings",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args, options: { batch: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
    if (values.help) {
      await writeLine(io.stdout, usage);
      return EXIT.ok;
    }
    const [source, ...extra] = positionals;
    if (!source || extra.length > 0) throw new CliInputError(`Expected one input: a file or - for standard input.\n${usage}`);
    return values.batch ? codeBatch(source, io) : codeOne(source, io);
  },
};
