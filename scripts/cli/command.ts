// What every `infusion-pa` command is: a name, a one-line summary, its usage, and a run function that
// gets the arguments after the command name and the process streams, and answers an exit code.
import type { Readable, Writable } from "node:stream";

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Where relative file arguments are resolved. */
  cwd: string;
}

export interface Command {
  name: string;
  summary: string;
  /** Usage lines shown by `infusion-pa help <command>` and on a usage error. */
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 done (findings included), 1 failed (database, unexpected), 2 bad input or usage. */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

/** A usage or input problem the command reports in plain words, then exits with code 2. */
export class CliInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliInputError";
  }
}

/** Writes and waits for the stream to drain when it asks to, so large outputs never pile up in memory. */
export async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once("drain", resolve));
}

export function writeLine(stream: Writable, text = ""): Promise<void> {
  return write(stream, `${text}\n`);
}
