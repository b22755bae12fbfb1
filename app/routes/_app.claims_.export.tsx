// Download of released claims: /claims/export?format=csv|jsonl&from=YYYY-MM-DD&to=YYYY-MM-DD (billers and admins).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { releasedClaimRows, toCsv, toJsonLines } from "~/billing/export.server";
import { databaseHandle } from "~/db.server";

const day = (value: string | null, name: string) => {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Response(`${name}: expected a date as YYYY-MM-DD, got "${value}".`, { status: 400 });
  return new Date(`${value}T00:00:00Z`);
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["biller", "admin"]);
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (format !== "csv" && format !== "jsonl") throw new Response(`format: expected csv or jsonl, got "${format}".`, { status: 400 });
  const from = day(url.searchParams.get("from"), "from");
  const to = day(url.searchParams.get("to"), "to");
  const rows = await releasedClaimRows(databaseHandle().db, { organizationId: user.organizationId, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const body = format === "csv" ? toCsv(rows) : toJsonLines(rows);
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="released-claims.${format}"`,
    },
  });
}
