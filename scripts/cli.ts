// `npx infusion-pa <command> …`: one entry point, a table of commands. To add one (sweep, simulate, …), write a
// `Command` in scripts/cli/<name>.ts and add it to `commands` below; help and error handling come with it.
import { codeCommand } from "./cli/code";
import { CliInputError, EXIT, writeLine, type CliIo, type Command } from "./cli/command";
import { exportReleasesCommand } from "./cli/export-releases";
import { importCommand } from "./cli/import";
import { importVisitsCommand } from "./cli/import-visits";
import { simulateCommand } from "./cli/simulate";
import { sweepCommand } from "./cli/sweep";

export const commands: readonly Command[] = [codeCommand, importCommand, importVisitsCommand, exportReleasesCommand, sweepCommand, simulateCommand];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "Usage: npx infusion-pa <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    `  ${"help".padEnd(width)}  show this help, or a command's usage: infusion-pa help <command>`,
    "",
    "The database is DATABASE_URL when set, else the embedded one in ./.data/pglite (migrated first).",
    "Exit codes: 0 done (findings included), 1 failed, 2 invalid input or usage.",
  ].join("\n");
}

export async function main(argv: readonly string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    const command = commands.find((c) => c.name === args[0]);
    await writeLine(io.stdout, command ? command.usage : help());
    return EXIT.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    await writeLine(io.stderr, `Unknown command "${name}".\n\n${help()}`);
    return EXIT.invalid;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes: usage errors, not failures.
    const code = (error as NodeJS.ErrnoException).code ?? "";
    if (error instanceof CliInputError || code.startsWith("ERR_PARSE_ARGS")) {
      await writeLine(io.stderr, `infusion-pa ${command.name}: ${(error as Error).message}${error instanceof CliInputError ? "" : `\n${command.usage}`}`);
      return EXIT.invalid;
    }
    await writeLine(io.stderr, `infusion-pa ${command.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.failed;
  }
}
