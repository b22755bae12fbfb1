import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { tenantTransaction } from "~/db.server";
import { readDocument } from "~/documents.server";
import { sectionById } from "~/permissions";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One document, inline in the browser (PDF viewer, image) or as a download with `?download`. Whoever may open a
 * patient's page may read their documents; another organization's document is simply not found (RLS).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, sectionById("patients").roles);
  const documentId = params.documentId ?? "";
  if (!UUID.test(documentId)) throw new Response("There is no document at this address.", { status: 404 });
  const document = await tenantTransaction(user.organizationId, (tx) => readDocument(tx, documentId));
  if (!document) throw new Response("That document is not on file in this organization.", { status: 404 });
  const download = new URL(request.url).searchParams.has("download");
  const name = document.fileName.replace(/["\\\r\n]/g, "_");
  return new Response(document.bytes as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": document.contentType,
      "Content-Length": String(document.bytes.byteLength),
      "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${name}"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      // Documents carry PHI: never cached by a proxy or kept by the browser beyond the page.
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
