// Documents on the case page: an upload is checked by its bytes (not its name or the browser's type), stored in
// Postgres or in DOCUMENTS_DIR, attached through the engine so it lands on the timeline, served inline with its
// real content type to the organization's users only; a refused attachment leaves nothing behind.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { withTenant } from "../../db/tenant";
import { installDatabaseHandle } from "~/db.server";
import { readDocument, storeDocument } from "~/documents.server";
import { action, loader } from "~/routes/_app.cases.$caseId";
import { loader as documentLoader } from "~/routes/documents.$documentId";
import { tinyPdf } from "../../db/demo/documents";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTenantGraph } from "../support/factories";
import { getAs, sessionCookie, settle, type Identity } from "../support/requests";

let database: TestDatabase;
const who: Record<string, Identity> = {};
let caseId: string;
let voidedCaseId: string;
let strangerDocumentId: string;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

beforeAll(async () => {
  database = await createTestDatabase("case_documents");
  installDatabaseHandle(database);
  await seedDemoData(database.db, { today: demoToday(), passwordHash: "not-a-hash" });
  for (const role of ["coordinator", "clinician", "biller"]) {
    const [user] = await database.db.select().from(s.users).where(eq(s.users.email, `${role}@riverside.example`));
    const [membership] = await database.db.select().from(s.memberships).where(eq(s.memberships.userId, user!.id));
    who[role] = { userId: user!.id, organizationId: membership!.organizationId };
  }
  const org = who.coordinator!.organizationId;
  const [pending] = await database.db.select().from(s.authorizationCases).where(and(eq(s.authorizationCases.organizationId, org), eq(s.authorizationCases.status, "pending")));
  caseId = pending!.id;
  const [voided] = await database.db.select().from(s.authorizationCases).where(and(eq(s.authorizationCases.organizationId, org), eq(s.authorizationCases.status, "voided")));
  voidedCaseId = voided!.id;
  const stranger = await makeTenantGraph(database.db, "Stranger");
  const [theirs] = await database.db.select({ id: s.documents.id }).from(s.documents).where(eq(s.documents.organizationId, stranger.organizationId));
  strangerDocumentId = theirs!.id;
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

const args = (request: Request, id: string) => ({ request, params: { caseId: id }, context: {} });
const load = async (id = caseId) => loader(args(await getAs(who.coordinator!, `/cases/${id}`), id));

async function upload(file: File, fields: Record<string, string> = {}, id = caseId) {
  const body = new FormData();
  body.set("intent", "upload-document");
  body.set("kind", "labs");
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  body.set("document", file);
  const request = new Request(`http://localhost/cases/${id}`, { method: "POST", headers: { Cookie: await sessionCookie(who.coordinator!) }, body });
  return settle(action(args(request, id)));
}

async function fetchDocument(role: string, documentId: string, query = "") {
  const request = await getAs(who[role]!, `/documents/${documentId}${query}`);
  return settle(documentLoader({ request, params: { documentId }, context: {} }));
}

const documentCount = async () => (await database.db.select({ n: count() }).from(s.documents))[0]!.n;

describe("uploading a document on the case page", () => {
  it("stores a PDF, attaches it through the engine and shows it in the list and on the timeline", async () => {
    const pdf = tinyPdf(["CRP 12 mg/L on 2026-02-01"]);
    const { value } = await upload(new File([pdf as Uint8Array<ArrayBuffer>], "crp-results.pdf", { type: "application/pdf" }), { requestedByPayer: "on" });
    expect(value?.reply.error ?? {}).toEqual({});
    expect(value).toMatchObject({ saved: true, message: "crp-results.pdf uploaded and attached." });
    const page = await load();
    const doc = page.documents.find((d) => d.fileName === "crp-results.pdf")!;
    expect(doc).toMatchObject({ kind: "labs", contentType: "application/pdf", sizeBytes: pdf.byteLength, requestedByPayer: true, attached: true, uploadedBy: "Casey Coordinator" });
    expect(page.events.at(-1)).toMatchObject({ type: "document-attached", payload: { documentId: doc.id, kind: "labs", requestedByPayer: true }, actorName: "Casey Coordinator" });

    const served = await fetchDocument("coordinator", doc.id);
    expect(served.response?.status).toBe(200);
    expect(served.response?.headers.get("Content-Type")).toBe("application/pdf");
    expect(served.response?.headers.get("Content-Disposition")).toMatch(/^inline; filename="crp-results.pdf"/);
    expect(served.response?.headers.get("Cache-Control")).toBe("private, no-store");
    expect(new Uint8Array(await served.response!.arrayBuffer())).toEqual(pdf);
    const download = await fetchDocument("coordinator", doc.id, "?download");
    expect(download.response?.headers.get("Content-Disposition")).toMatch(/^attachment;/);
  });

  it("goes by the file's bytes: a PNG named .pdf is stored and served as a PNG", async () => {
    const { value } = await upload(new File([PNG], "scan.pdf", { type: "application/pdf" }));
    expect(value?.saved).toBe(true);
    const doc = (await load()).documents.find((d) => d.fileName === "scan.pdf")!;
    expect(doc.contentType).toBe("image/png");
    expect((await fetchDocument("clinician", doc.id)).response?.headers.get("Content-Type")).toBe("image/png");
  });

  it("refuses a file whose contents are not a PDF or image, whatever it claims, and saves nothing", async () => {
    const before = { documents: await documentCount(), events: (await load()).events.length };
    const { value } = await upload(new File(["<html>not a pdf</html>"], "letter.pdf", { type: "application/pdf" }));
    expect(value?.saved).toBe(false);
    expect(value?.reply.error?.document?.[0]).toMatch(/not a PDF, PNG, JPEG or TIFF/);
    const wrongType = await upload(new File(["plain text"], "notes.txt", { type: "text/plain" }));
    expect(wrongType.value?.reply.error?.document?.[0]).toBe("Upload a PDF, PNG, JPEG or TIFF file");
    expect(await documentCount()).toBe(before.documents);
    expect((await load()).events.length).toBe(before.events);
  });

  it("refuses a file over 25 MB with the limit in the message", async () => {
    const big = new Uint8Array(25 * 1024 * 1024 + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const before = await documentCount();
    const { value } = await upload(new File([big], "huge.pdf", { type: "application/pdf" }));
    expect(value?.saved).toBe(false);
    expect(value?.reply.error?.document?.[0]).toMatch(/too large: documents must be 25\.0 MB or smaller/);
    expect(await documentCount()).toBe(before);
  });

  it("takes the stored file back when the engine refuses to attach it (a voided case)", async () => {
    const before = await documentCount();
    const { value } = await upload(new File([tinyPdf(["late"]) as Uint8Array<ArrayBuffer>], "late.pdf", { type: "application/pdf" }), {}, voidedCaseId);
    expect(value?.saved).toBe(false);
    expect(value?.reply.error?.[""]?.[0]).toMatch(/voided/);
    expect(await documentCount()).toBe(before);
  });

  it("asks for the file and its kind", async () => {
    const body = new FormData();
    body.set("intent", "upload-document");
    const request = new Request(`http://localhost/cases/${caseId}`, { method: "POST", headers: { Cookie: await sessionCookie(who.coordinator!) }, body });
    const { value } = await settle(action(args(request, caseId)));
    expect(value?.reply.error?.document?.[0]).toMatch(/Choose the file to upload/);
    expect(value?.reply.error?.kind?.[0]).toMatch(/Choose what kind of document/);
  });
});

describe("reading documents", () => {
  it("answers 404 for another organization's document and for an address that is not a document", async () => {
    expect((await fetchDocument("coordinator", strangerDocumentId)).response?.status).toBe(404);
    expect((await fetchDocument("coordinator", "not-a-document")).response?.status).toBe(404);
    const stranger = await withTenant(database.db, who.coordinator!.organizationId, (tx) => readDocument(tx, strangerDocumentId));
    expect(stranger).toBeUndefined();
  });

  it("lets a biller read a patient's document, and sends anyone signed out to sign in", async () => {
    const [doc] = await database.db.select({ id: s.documents.id }).from(s.documents).where(eq(s.documents.organizationId, who.coordinator!.organizationId)).limit(1);
    expect((await fetchDocument("biller", doc!.id)).response?.status).toBe(200);
    const anonymous = await settle(documentLoader({ request: new Request(`http://localhost/documents/${doc!.id}`), params: { documentId: doc!.id }, context: {} }));
    expect(anonymous.response?.status).toBe(302);
    expect(anonymous.response?.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("documents in DOCUMENTS_DIR", () => {
  it("writes the file under the organization and document id, keeps only its path in the row, and checks it on read", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ipa-documents-"));
    try {
      const org = who.coordinator!.organizationId;
      const [patientCase] = await database.db.select({ patientId: s.authorizationCases.patientId }).from(s.authorizationCases).where(eq(s.authorizationCases.id, caseId));
      const pdf = tinyPdf(["stored on disk"]);
      const stored = await withTenant(database.db, org, (tx) => storeDocument(tx, { organizationId: org, patientId: patientCase!.patientId, caseId, kind: "clinical-note", fileName: "../../etc/passwd.pdf", bytes: pdf }, { dir }));
      if (!stored.ok) throw new Error(stored.message);
      expect(stored.fileName).toBe("passwd.pdf");
      expect(readdirSync(path.join(dir, org))).toEqual([stored.documentId]);
      const [row] = await database.db.select().from(s.documents).where(eq(s.documents.id, stored.documentId));
      expect(row).toMatchObject({ content: null, storagePath: `${org}/${stored.documentId}`, sizeBytes: pdf.byteLength });
      const read = await withTenant(database.db, org, (tx) => readDocument(tx, stored.documentId, { dir }));
      expect(read?.bytes).toEqual(pdf);
      writeFileSync(path.join(dir, org, stored.documentId), tinyPdf(["changed after upload"]));
      await expect(withTenant(database.db, org, (tx) => readDocument(tx, stored.documentId, { dir }))).rejects.toThrow(/does not match its checksum/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
