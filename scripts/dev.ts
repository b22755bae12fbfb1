// The app server `npm run dev` runs under `remix dev --manual`: it serves the newest build and tells the
// dev server (live reload) each time a rebuild lands.
import { watch } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { buildEntry, startServer } from "./server";

const server = await startServer({ dev: true });
let timer: NodeJS.Timeout | undefined;
watch(path.dirname(buildEntry), () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    import(`${pathToFileURL(buildEntry).href}?t=${Date.now()}`).then(
      (build: ServerBuild) => broadcastDevReady(build),
      (error: unknown) => console.error("Could not load the new build:", error),
    );
  }, 100);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
