#!/usr/bin/env node
// `npx infusion-pa <command>`: runs the TypeScript CLI (scripts/cli.ts) through tsx, no build step.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

// A reader that stops early (`… | head`) is not an error: stop quietly, as Unix tools do.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

// The project's tsconfig gives the "~/" path alias, whatever directory the command is run from.
register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
const { main } = await import("../scripts/cli.ts");
process.exitCode = await main(process.argv.slice(2));
