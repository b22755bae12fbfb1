// Download of released claims: /claims/export?format=csv|jsonl&from=YYYY-MM-DD&to=YYYY-MM-DD (billers and admins).
// Both days are included. `npx infusion-pa export-releases` gives the same rows from the command line.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { formatReleaseRows, parseReleaseExportRequest, RELEASE_CONTENT_TYPES, releasedClaimRows } from "~/billing/export.server";
import { databaseHandle } from "~/db.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["biller", "admin"]);
  const url = new URL(request.url);
  const parsed = parseReleaseExportRequest({ format: url.searchParams.get("format"), from: url.searchParams.get("from"), to: url.searchParams.get("to") });
  if (!parsed.ok) throw new Response(parsed.message, { status: 400 });
  const { format, from, to } = parsed.request;
  const rows = await releasedClaimRows(databaseHandle().db, { organizationId: user.organizationId, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  return new Response(formatReleaseRows(rows, format), {
    headers: { "Content-Type": RELEASE_CONTENT_TYPES[format], "Content-Disposition": `attachment; filename="released-claims.${format}"` },
  });
}
