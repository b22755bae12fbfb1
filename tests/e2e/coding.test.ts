// The real server, a real browser: a biller codes a visit (form and JSON) and reads the lines and findings; an
// administrator loads a CMS sample file and sees its rejected rows; a biller may not load files.
import path from "node:path";
import type { Page } from "playwright-core";
import { demoSignIns } from "../../db/demo-data";
import { referenceSamplePath } from "../../db/reference-samples";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir as artifacts, signInAs, startE2eApp, type E2eApp } from "../support/e2e";

const haveChromium = chromiumAvailable();

describe.skipIf(!haveChromium)("coding a visit and loading reference files in a browser", () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp("coding");
  });

  afterAll(async () => {
    await app?.stop();
  });

  const signIn = (role: "biller" | "admin", errors: string[]) => signInAs(app, role, errors);

  const lineSummary = (page: Page) =>
    page.getByTestId("claim-line").evaluateAll((rows) =>
      rows.map((row) => {
        const text = (id: string) => row.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? "";
        const modifiers = text("line-modifiers").replace("—", "");
        return `${text("line-code")}×${text("line-units")}${modifiers ? `[${modifiers}]` : ""}`;
      }),
    );

  it("a biller codes the example visit from the Claims page and sees lines, reasons and findings", async () => {
    const errors: string[] = [];
    const page = await signIn("biller", errors);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Claims" }).click();
    await page.getByRole("link", { name: "Code a visit" }).click();
    await page.waitForURL("**/claims/code");
    await page.getByRole("heading", { level: 1, name: "Code a visit" }).waitFor();

    // The form starts from the documented example; change the dose as a biller would, then code it.
    await page.getByLabel("Date of service").fill("2025-03-04");
    const dose = page.getByRole("group", { name: "Administration 1" }).getByLabel("Dose", { exact: true });
    await dose.fill("360");
    await page.getByRole("button", { name: "Code this visit" }).click();
    await page.getByRole("table", { name: "Claim lines" }).waitFor();
    expect(await lineSummary(page)).toEqual(["96365×1", "96375×1", "96366×1", "J1200×1[JZ]", "J1745×36", "J1745×4[JW]"]);
    expect(await page.getByRole("table", { name: "Claim lines" }).getByText("360 mg ÷ 10 mg per unit = 36, rounded up to 36 unit(s)").count()).toBe(1);
    expect(await page.getByText("No findings: the documentation supports every line.").count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, "coding-form-result.png"), fullPage: true });

    // A field the engine refuses is marked on the form, in the biller's words.
    await dose.fill("");
    await page.getByRole("button", { name: "Code this visit" }).click();
    await page.getByText("expected a number").first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a biller pastes encounter JSON; invalid JSON is answered with the JSON paths", async () => {
    const errors: string[] = [];
    const page = await signIn("biller", errors);
    await page.goto(`${app.url}/claims/code`);
    await page.getByRole("tab", { name: "JSON" }).click();
    const json = page.getByRole("textbox", { name: /Encounter JSON/ });
    const bad = { setting: "clinic", dateOfService: "2025-03-04", payer: { kind: "medicare" }, administrations: [{ id: "a1", kind: "therapeutic", route: "iv-infusion", start: "9am" }] };
    await json.fill(JSON.stringify(bad, null, 2));
    await page.getByRole("button", { name: "Code this JSON" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "The encounter is not valid" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("$.setting");
    expect(await alert.textContent()).toContain("$.administrations[0].start");
    await page.screenshot({ path: path.join(artifacts, "coding-json-errors.png"), fullPage: true });

    const good = { ...bad, setting: "facility", administrations: [{ id: "c1", kind: "chemotherapy", route: "iv-infusion", start: "2025-03-04T09:00", stop: "2025-03-04T13:05", drug: { hcpcs: "J9271", ndc: "00006-3026-02", dose: { value: 200, unit: "mg" }, vials: [{ quantity: 100, unit: "mg" }], singleDose: true } }] };
    await json.fill(JSON.stringify(good, null, 2));
    await page.getByRole("button", { name: "Code this JSON" }).click();
    await page.getByRole("table", { name: "Claim lines" }).waitFor();
    expect(await lineSummary(page)).toEqual(["96413×1", "96415×3", "J9271×200[JZ]"]);
    expect(await page.getByRole("columnheader", { name: "Rev. code" }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an administrator loads a CMS sample file and sees what was loaded and the rejected rows with line numbers", async () => {
    const errors: string[] = [];
    const page = await signIn("admin", errors);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reference data" }).click();
    await page.waitForURL("**/reference");
    await page.getByLabel("Kind of file").selectOption("asp");
    await page.getByLabel(/^File/).setInputFiles(referenceSamplePath("asp-pricing-2025-01.csv"));
    await page.getByRole("button", { name: "Load the file" }).click();
    const result = page.getByTestId("upload-result");
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Loaded ASP pricing file asp-pricing-2025-01\.csv for 2025 Q1: \d+ rows loaded, 3 rejected/);
    expect(await result.getByTestId("rejected-row").allTextContents()).toEqual([
      expect.stringMatching(/^43J9999: no HCPCS code dosage/),
      expect.stringMatching(/^44J1234: payment limit "N\/A" is not a number/),
      expect.stringMatching(/^46"End of file" is not a HCPCS code/),
    ]);
    const listed = page.getByTestId("reference-import");
    // The list comes from the loader revalidating after the action; on a busy machine it lands after the result.
    await listed.first().waitFor();
    expect(await listed.count()).toBe(1);
    expect(await listed.first().textContent()).toMatch(new RegExp(`ASP pricing file.*2025 Q1.*${demoSignIns.find((s) => s.role === "admin")!.name}`));
    await page.screenshot({ path: path.join(artifacts, "reference-upload.png"), fullPage: true });

    // A spreadsheet or archive is refused before anything is read into the tables.
    await page.getByLabel(/^File/).setInputFiles({ name: "mue.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from("PK\u0003\u0004rest") });
    await page.getByRole("button", { name: "Load the file" }).click();
    await page.getByText(/is not a \.csv or \.txt file/).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a biller sees the loaded files but cannot load one, even by posting directly", async () => {
    const page = await signIn("biller", []);
    await page.goto(`${app.url}/reference`);
    expect(await page.getByTestId("reference-import").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Load the file" }).count()).toBe(0);
    const response = await page.request.post(`${app.url}/reference`, {
      multipart: { kind: "asp", file: { name: "asp.csv", mimeType: "text/csv", buffer: Buffer.from("HCPCS Code,Payment Limit\n") } },
    });
    expect(response.status()).toBe(403);
    // The biller's coding now reads the loaded quarter.
    await page.goto(`${app.url}/claims/code`);
    expect(await page.getByTestId("reference-loaded").textContent()).toContain("ASP pricing file 2025 Q1");
    await page.close();
  });
});
