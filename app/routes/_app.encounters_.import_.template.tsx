// The visits CSV template: the header row in the documented column order (docs/encounters.md explains each column).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { visitCsvTemplate } from "~/encounter-import.server";
import { encounterRoles } from "~/encounter-screens.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, encounterRoles);
  return new Response(visitCsvTemplate(), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="visits-template.csv"' },
  });
}
