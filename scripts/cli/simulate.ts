// `infusion-pa simulate <scenario.json | ->`: replay a timeline of commands on a scratch embedded database with a
// virtual clock and print the events, deadlines and outbox — to explain "why did this alert fire".
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { simulate } from "~/engine/simulation.server";
import { CliInputError, EXIT, writeLine, type Command } from "./command";

const usage = `infusion-pa simulate <scenario.json | -> [--json]
  A scenario is { "start": ISO time, "payer": { "name", "rules": [{ "kind", "value", "effectiveFrom" }] },
  "steps": [{ "at"?, "case": "A", "command": { "type": "create-case", … } } | { "at", "sweep": true }] }.
  Patient, coverage, provider and facility are filled in for create-case; "$A" stands for case A's id.
  See docs/lifecycle.md for a complete example.`;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = "";
  for await (const chunk of stream) text += typeof chunk === "string" ? chunk : chunk.toString("utf8");
  return text;
}

export const simulateCommand: Command = {
  name: "simulate",
  summary: "replay a scenario of commands with a virtual clock and print events, deadlines and outbox",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      await writeLine(io.stdout, usage);
      return EXIT.ok;
    }
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new CliInputError(`Expected one scenario file (or - for standard input).\n${usage}`);
    let text: string;
    try {
      text = file === "-" ? await readAll(io.stdin) : await readFile(path.resolve(io.cwd, file), "utf8");
    } catch (error) {
      throw new CliInputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
    }
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch (error) {
      throw new CliInputError(`${file} is not valid JSON: ${(error as Error).message}`);
    }
    const outcome = await simulate(input);
    if (!outcome.ok) throw new CliInputError(`The scenario is not valid:\n${outcome.errors.map((e) => `  - ${e}`).join("\n")}`);
    const { result } = outcome;
    if (values.json) {
      await writeLine(io.stdout, JSON.stringify(result, null, 2));
      return result.timeline.every((t) => t.ok) ? EXIT.ok : EXIT.invalid;
    }
    await writeLine(io.stdout, "Timeline");
    for (const step of result.timeline) {
      const head = `  ${step.at.slice(0, 16).replace("T", " ")}  ${(step.case ?? "").padEnd(3)} ${step.step.padEnd(28)}`;
      if (!step.ok) await writeLine(io.stdout, `${head} REFUSED ${step.error ?? ""}`);
      else
        await writeLine(
          io.stdout,
          `${head} → ${step.events.map((e) => `${step.step === "sweep" ? `${e.case}:` : ""}${e.type}${e.rule ? ` [${e.rule}]` : ""}`).join(", ") || "(no change)"}`,
        );
    }
    await writeLine(io.stdout, "\nCases");
    for (const c of result.cases) {
      const next = c.nextDeadline ? `next: ${c.nextDeadline.kind} at ${c.nextDeadline.at} (${c.nextDeadline.rule ?? "no rule"})` : "no open deadline";
      await writeLine(io.stdout, `  ${c.case.padEnd(3)} ${c.caseNumber}  ${c.status.padEnd(22)} ${next}`);
    }
    await writeLine(io.stdout, "\nOutbox");
    for (const o of result.outbox)
      await writeLine(
        io.stdout,
        `  ${o.createdAt.slice(0, 16).replace("T", " ")}  ${o.topic.padEnd(18)} ${o.businessKey}${o.dead ? "  (dead-lettered)" : o.delivered ? "  (delivered)" : ""}`,
      );
    return result.timeline.every((t) => t.ok) ? EXIT.ok : EXIT.invalid;
  },
};
