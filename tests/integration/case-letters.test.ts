// The letter editor through its routes: drafted from the case (a site-of-care appeal with its checklist, a
// medical-necessity appeal with the denial), the edited text downloaded as a PDF that holds it, and saved to the
// case as an appeal-letter document on the timeline; bad addresses and roles are refused.
import { and, eq } from "drizzle-orm";
import { installDatabaseHandle } from "~/db.server";
import { action as caseAction, loader as caseLoader } from "~/routes/_app.cases.$caseId";
import { action as saveAction, loader as letterLoader } from "~/routes/_app.cases.$caseId_.letters.$kind";
import { action as pdfAction } from "~/routes/_app.cases.$caseId_.letters.$kind.pdf";
import { loader as documentLoader } from "~/routes/documents.$documentId";
import { demoToday, seedDemoData } from "../../db/seed";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { makeTenantGraph } from "../support/factories";
import { pdfText } from "../support/pdf";
import { getAs, postAs, settle, type Identity } from "../support/requests";

let database: TestDatabase;
const who: Record<string, Identity> = {};
let deniedCaseId: string;
let strangerCaseId: string;

beforeAll(async () => {
  database = await createTestDatabase("case_letters");
  installDatabaseHandle(database);
  await seedDemoData(database.db, { today: demoToday(), passwordHash: "not-a-hash" });
  for (const role of ["coordinator", "clinician", "biller"]) {
    const [user] = await database.db.select().from(s.users).where(eq(s.users.email, `${role}@riverside.example`));
    const [membership] = await database.db.select().from(s.memberships).where(eq(s.memberships.userId, user!.id));
    who[role] = { userId: user!.id, organizationId: membership!.organizationId };
  }
  const [denied] = await database.db
    .select()
    .from(s.authorizationCases)
    .where(and(eq(s.authorizationCases.organizationId, who.coordinator!.organizationId), eq(s.authorizationCases.status, "denied")));
  deniedCaseId = denied!.id;
  strangerCaseId = (await makeTenantGraph(database.db, "Stranger")).caseId;
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

const params = (caseId: string, kind: string) => ({ caseId, kind });
const letterPath = (caseId: string, kind: string) => `/cases/${caseId}/letters/${kind}`;
const loadLetter = async (role: string, caseId: string, kind: string) => settle(letterLoader({ request: await getAs(who[role]!, letterPath(caseId, kind)), params: params(caseId, kind), context: {} }));
const loadCase = async (caseId: string) => caseLoader({ request: await getAs(who.coordinator!, `/cases/${caseId}`), params: { caseId }, context: {} });

describe("drafting letters from the case", () => {
  it("drafts a medical-necessity appeal from the denied case: patient, member, payer, drug, diagnosis and the denial", async () => {
    const { value } = await loadLetter("coordinator", deniedCaseId, "medical-necessity");
    const page = await loadCase(deniedCaseId);
    expect(value!.title).toMatch(/^Level 1 appeal of the denial of /);
    expect(value!.text).toContain(`Patient: ${page.header.patientLastName}, ${page.header.patientFirstName}`);
    expect(value!.text).toContain(`Member ID: ${page.header.memberId}`);
    expect(value!.text).toContain(page.header.payerName);
    expect(value!.text).toContain(`“${page.header.decisionReason}”`);
    expect(value!.text).toContain(`(${page.lines[0]!.hcpcs})`);
    expect(value!.text).toMatch(/Diagnosis: [A-Z]\d\d\.?\w*/);
    expect(value!.fileName).toBe(`${page.header.caseNumber}-medical-necessity-letter.pdf`);
    // The enclosed records are the case's clinical documents, not the payer's own letter.
    expect(value!.text).toContain(`${page.header.caseNumber}-letter-of-medical-necessity.pdf`);
    expect(value!.text).not.toContain("payer-decision.pdf");
  });

  it("drafts the site-of-care letter from the checklist filed with a site-of-care appeal, evidence included", async () => {
    const filed = await settle(
      caseAction({
        request: await postAs(who.coordinator!, `/cases/${deniedCaseId}`, {
          intent: "file-appeal",
          level: "1",
          kind: "site_of_care",
          channel: "fax",
          proofReference: "FAX-SOC-1",
          "siteOfCare.requestedSite": "hopd_on_campus",
          "siteOfCare.checklist[6].met": "on",
          "siteOfCare.checklist[6].evidence[0].description": "Grade 3 reaction on 2026-01-10 despite premedication",
        }),
        params: { caseId: deniedCaseId },
        context: {},
      }),
    );
    expect(filed.value?.saved).toBe(true);
    const { value } = await loadLetter("coordinator", deniedCaseId, "site-of-care");
    expect(value!.title).toMatch(/^Level 1 appeal for a site-of-care exception: .+ at hospital outpatient \(on campus\)$/);
    expect(value!.text).toContain("  7. Prior moderate or severe infusion reactions (dates, premedications).\n     Evidence: Grade 3 reaction on 2026-01-10 despite premedication");
    expect(value!.text).not.toContain("  1. Infusion complexity");
  });

  it("answers 404 for an unknown letter or another organization's case, and 403 for a biller", async () => {
    expect((await loadLetter("coordinator", deniedCaseId, "thank-you")).response?.status).toBe(404);
    expect((await loadLetter("coordinator", strangerCaseId, "site-of-care")).response?.status).toBe(404);
    expect((await loadLetter("biller", deniedCaseId, "site-of-care")).response?.status).toBe(403);
    expect((await loadLetter("clinician", deniedCaseId, "site-of-care")).value?.text).toBeTruthy();
  });
});

describe("the letter as a PDF", () => {
  const edited = (text: string) => `${text}\n\nAddendum typed by the coordinator: CRP 48 mg/L on 2026-02-01, calprotectin 900 µg/g.`;

  it("downloads the edited text as a PDF that parses and contains it", async () => {
    const { value: letter } = await loadLetter("coordinator", deniedCaseId, "medical-necessity");
    const request = await postAs(who.coordinator!, `${letterPath(deniedCaseId, "medical-necessity")}/pdf`, { intent: "download", text: edited(letter!.text) });
    const response = await pdfAction({ request, params: params(deniedCaseId, "medical-necessity"), context: {} });
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${letter!.fileName}"`);
    const { text } = await pdfText(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain("Dear Medical Director,");
    expect(text).toContain("Addendum typed by the coordinator: CRP 48 mg/L on 2026-02-01, calprotectin 900 µg/g.");
    expect(text).toContain(letter!.text.split("\n").find((l) => l.startsWith("Patient: "))!);
  });

  it("refuses an empty letter on its field", async () => {
    const request = await postAs(who.coordinator!, letterPath(deniedCaseId, "medical-necessity"), { intent: "save", text: "  " });
    const { value } = await settle(saveAction({ request, params: params(deniedCaseId, "medical-necessity"), context: {} }));
    expect((value as { reply: { error?: Record<string, string[]> } }).reply.error?.text?.[0]).toMatch(/too short/);
  });

  it("saves the edited letter to the case as an appeal-letter PDF, attached on the timeline", async () => {
    const { value: letter } = await loadLetter("coordinator", deniedCaseId, "site-of-care");
    const request = await postAs(who.coordinator!, letterPath(deniedCaseId, "site-of-care"), { intent: "save", text: edited(letter!.text) });
    const { response } = await settle(saveAction({ request, params: params(deniedCaseId, "site-of-care"), context: {} }));
    expect(response?.status).toBe(302);
    expect(response?.headers.get("Location")).toBe(`/cases/${deniedCaseId}`);
    const page = await loadCase(deniedCaseId);
    const saved = page.documents.find((d) => d.fileName === letter!.fileName)!;
    expect(saved).toMatchObject({ kind: "appeal-letter", contentType: "application/pdf", attached: true, uploadedBy: "Casey Coordinator" });
    expect(page.events.at(-1)).toMatchObject({ type: "document-attached", payload: { documentId: saved.id, kind: "appeal-letter" } });
    const served = await documentLoader({ request: await getAs(who.coordinator!, `/documents/${saved.id}`), params: { documentId: saved.id }, context: {} });
    const { text } = await pdfText(new Uint8Array(await served.arrayBuffer()));
    expect(text).toContain("Addendum typed by the coordinator");
  });
});
