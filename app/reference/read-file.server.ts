// Reads a CMS reference file from disk as bytes; the importers decode and parse them.
import { readFile } from "node:fs/promises";

export async function readReferenceFile(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}
