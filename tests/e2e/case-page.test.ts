// The case page in a real browser on the real server: deny → peer-to-peer → overturned; a regimen change that
// drafts the revised request and puts the booked visits on hold; an upload that lands on the timeline; the letter
// editor downloading and saving a PDF. Screenshots of each state go to tests/e2e/artifacts/.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir, signInAs, startE2eApp, type E2eApp } from "../support/e2e";
import { tinyPdf } from "../../db/demo/documents";

const haveChromium = chromiumAvailable();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });

describe.skipIf(!haveChromium)("the case page in a browser", () => {
  let app: E2eApp;
  beforeAll(async () => {
    // A short sweep so the revised request a regimen change drafts opens within seconds.
    app = await startE2eApp("case_page", { SWEEP_INTERVAL_MS: "1500" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** Opens the first case of a queue view and waits for the page. */
  async function openFirst(page: Page, query: string): Promise<string> {
    await page.goto(`${app.url}/queues?${query}`);
    const link = page.getByTestId("queue-row").first().getByRole("rowheader").getByRole("link").first();
    const name = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL(/\/cases\//, { waitUntil: "commit" });
    await page.getByRole("heading", { level: 1, name }).waitFor();
    return page.url();
  }

  const status = (page: Page) => page.getByTestId("case-status");

  it("denies a request, runs the peer-to-peer review and records the overturn", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await openFirst(page, "queue=awaiting-payer&status=pending");

    const decision = page.getByRole("form", { name: "Record the payer's decision" });
    await decision.getByLabel("Outcome").selectOption("denied");
    await decision.getByLabel("Denial category").selectOption("medical_necessity");
    await decision.getByLabel("Payer's reason (required for a denial)").fill("Not medically necessary: no objective disease activity documented");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await status(page).getByText("Denied").waitFor();
    await page.getByTestId("timeline-event").first().getByText(/Payer denied/).waitFor();
    await shot(page, "case-denied");

    const p2p = page.getByRole("form", { name: "Request a peer-to-peer review" });
    await p2p.getByLabel(/When the ordering provider can take the call/).fill("Tue 12–1 pm\nThu 4–5 pm");
    await p2p.getByRole("button", { name: "Record request" }).click();
    await status(page).getByText("Peer-to-peer").waitFor();

    const schedule = page.getByRole("form", { name: "Schedule the peer-to-peer call" });
    await schedule.getByLabel("Scheduled for (Eastern time)").fill("2030-01-08T13:30");
    await schedule.getByLabel("Payer's reviewer").fill("Dr. Reviewer");
    await schedule.getByRole("button", { name: "Save schedule" }).click();
    await page.getByTestId("timeline-event").first().getByText(/Peer-to-peer call scheduled for 2030-01-08 18:30 with Dr. Reviewer/).waitFor();
    await shot(page, "case-peer-to-peer");

    // An overturn without the approval's terms is named on the form; what was typed stays.
    const outcome = page.getByRole("form", { name: "Record the peer-to-peer outcome" });
    await outcome.getByLabel("Outcome").selectOption("overturned");
    await outcome.getByRole("button", { name: "Record outcome" }).click();
    await outcome.getByRole("alert").first().waitFor();
    await outcome.getByLabel("Authorization number").fill("P2P-OVERTURN-1");
    await outcome.getByLabel("Effective from").fill("2030-01-10");
    await outcome.getByLabel("Effective to").fill("2030-12-31");
    await outcome.getByLabel("Line 1: authorized units").fill("120");
    await outcome.getByRole("button", { name: "Record outcome" }).click();
    // Fewer units than requested is not "approved as requested": the engine says so in plain words.
    await outcome.getByText(/The payer authorized 120 of \d+ units on line 1 .*record the decision as partially approved/).waitFor();
    expect(await outcome.getByLabel("Authorization number").inputValue()).toBe("P2P-OVERTURN-1");
    await shot(page, "case-overturn-refused");
    await outcome.getByLabel("Approved as").selectOption("partially_approved");
    await outcome.getByRole("button", { name: "Record outcome" }).click();
    await status(page).getByText("Partially approved").waitFor();
    await page.getByTestId("authorization-number").getByText("P2P-OVERTURN-1").waitFor();
    await page.getByTestId("timeline-event").first().getByText("Peer-to-peer reviewer overturned the denial").waitFor();
    await shot(page, "case-overturned");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("records a regimen change: the preview, the hold on booked visits and the revised request it drafts", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await openFirst(page, "queue=all&status=approved");
    const form = page.getByRole("form", { name: "Record a regimen change" });
    const dose = form.getByLabel("Dose", { exact: true });
    const doubled = Number(await dose.inputValue()) * 2;
    const unitsBefore = Number(await form.getByLabel("Billing units per dose").inputValue());
    await dose.fill(String(doubled));
    // Units per dose follow the dose, and the preview says what the change does before anything is saved.
    await expect.poll(async () => Number(await form.getByLabel("Billing units per dose").inputValue())).toBeGreaterThan(unitsBefore);
    const preview = form.getByTestId("regimen-change-preview");
    await preview.getByText("The current authorization does not cover the new regimen.").waitFor();
    await preview.getByText(/Drafts a revised request/).waitFor();
    await shot(page, "case-regimen-change-preview");

    await form.getByRole("button", { name: "Record regimen change" }).click();
    await page.getByTestId("case-holds").waitFor();
    await page.getByTestId("timeline-event").first().getByText(/Regimen changed; a revised request is needed and was drafted/).waitFor();
    await page.getByTestId("booked-beyond-warning").waitFor();
    expect(await page.locator('[data-testid="upcoming-visit"][data-covered="no"]').count()).toBeGreaterThan(0);

    // The engine opens the revised request from the outbox; the link appears once it exists.
    const link = page.getByTestId("link-revised-request").getByRole("link");
    await expect
      .poll(
        async () => {
          await page.reload();
          return link.count();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);
    await shot(page, "case-regimen-changed-hold");
    await link.click();
    await page.waitForURL(/\/cases\//, { waitUntil: "commit" });
    await page.getByText("Revised request", { exact: true }).first().waitFor();
    await status(page).getByText("Draft").waitFor();
    await shot(page, "case-revised-request");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("uploads a document, refuses one that is not a PDF or image, and shows the upload on the timeline", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await openFirst(page, "queue=information-requested");
    const upload = page.getByRole("form", { name: "Upload a document" });

    await upload.getByLabel("File").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("not a document") });
    await upload.getByRole("button", { name: "Upload and attach" }).click();
    await upload.getByText("Upload a PDF, PNG, JPEG or TIFF file").waitFor();
    // A file that claims to be a PDF is checked by its bytes on the server.
    await upload.getByLabel("File").setInputFiles({ name: "fake.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>hello</html>") });
    await upload.getByRole("button", { name: "Upload and attach" }).click();
    await upload.getByText(/not a PDF, PNG, JPEG or TIFF/).waitFor();

    await upload.getByLabel("File").setInputFiles({ name: "crp-results.pdf", mimeType: "application/pdf", buffer: Buffer.from(tinyPdf(["CRP 12 mg/L"])) });
    await upload.getByLabel("Kind of document").selectOption("labs");
    await upload.getByLabel("The payer asked for this document").check();
    await upload.getByRole("button", { name: "Upload and attach" }).click();
    await upload.getByText("crp-results.pdf uploaded and attached.").waitFor();
    const first = page.getByTestId("timeline-event").first();
    await first.getByText("Document attached: lab results, requested by the payer").waitFor();
    await first.getByRole("link", { name: "crp-results.pdf" }).waitFor();
    const row = page.getByTestId("case-document").filter({ hasText: "crp-results.pdf" });
    await row.getByText("Lab results").waitFor();
    await shot(page, "case-documents");

    // The document opens inline with its real type.
    const href = await row.getByRole("link", { name: "crp-results.pdf", exact: true }).getAttribute("href");
    const response = await page.request.get(`${app.url}${href}`);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("drafts a letter from a denied case, downloads it as a PDF and saves it to the case", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await openFirst(page, "queue=denied&status=denied");
    await page.getByRole("link", { name: "Medical-necessity appeal" }).click();
    await page.getByRole("heading", { level: 1, name: /appeal of the denial/ }).waitFor();
    const text = page.getByLabel("Letter text");
    expect(await text.inputValue()).toContain("Dear Medical Director,");
    await page.getByTestId("letter-prompts").getByText(/still to write/).waitFor();
    await shot(page, "letter-editor");

    await text.fill(`${await text.inputValue()}\n\nPS: typed in the editor.`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PDF" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^PA-\d+-medical-necessity-letter\.pdf$/);
    const saved = await download.path();
    expect(readFileSync(saved).subarray(0, 5).toString()).toBe("%PDF-");

    await page.getByRole("button", { name: "Save to the case as a PDF" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]+$/);
    await page.getByTestId("case-document").filter({ hasText: "medical-necessity-letter.pdf" }).getByText("Appeal letter").waitFor();
    await page.getByTestId("timeline-event").first().getByText("Document attached: appeal letter").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
