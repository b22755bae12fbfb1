// The real server, a real browser: a biller documents today's visit from the patient's regimen, is told on the
// stop-time field that the infusion has no stop time, charts it, codes the visit and reads the claim lines; then
// uploads a day's CSV with a bad row (nothing imported, the row named) and the corrected file.
import path from "node:path";
import type { Page } from "playwright-core";
import { buildDemoData } from "../../db/demo-data";
import { demoToday } from "../../db/seed";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir as artifacts, signInAs, startE2eApp, type E2eApp } from "../support/e2e";

const haveChromium = chromiumAvailable();

/** The demo's patients are built from a fixed seed: the server seeds the same rows the test reads here. */
function demoPatient(hcpcs: string) {
  const data = buildDemoData({ today: demoToday(), passwordHash: "unused" });
  const drug = data.drugs.find((d) => d.hcpcs === hcpcs)!;
  const regimen = data.regimens.find((r) => r.drugId === drug.id && r.status === "active")!;
  const patient = data.patients.find((p) => p.id === regimen.patientId)!;
  const facility = data.facilities.find((f) => f.id === regimen.facilityId)!;
  const provider = data.providers.find((p) => p.id === regimen.orderingProviderId)!;
  return { patient, facility, provider };
}

describe.skipIf(!haveChromium)("documenting, coding and importing visits in a browser", () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp("encounters");
  });

  afterAll(async () => {
    await app?.stop();
  });

  const lineCodes = (page: Page) => page.getByTestId("line-code").evaluateAll((cells) => cells.map((c) => c.textContent?.trim() ?? ""));

  it("a biller documents a visit from the regimen, charts the missing stop time, codes it and sees the claim lines", async () => {
    // Vedolizumab, 300 mg fixed: its dose does not depend on a weight the demo might not have on the day.
    const { patient } = demoPatient("J3380");
    const errors: string[] = [];
    const page = await signInAs(app, "biller", errors);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Visits" }).click();
    await page.getByRole("heading", { level: 1, name: "Visits" }).waitFor();
    await page.getByRole("link", { name: "Document a visit" }).click();
    await page.waitForURL("**/encounters/new");

    await page.getByLabel("Patient", { exact: true }).selectOption(patient.id!);
    await page.getByRole("button", { name: "Fill from regimen" }).click();
    await page.getByText("Filled from the regimen.").waitFor();
    const row = page.getByRole("group", { name: "Administration 1" });
    expect(await row.getByLabel("HCPCS").inputValue()).toBe("J3380");
    expect(await row.getByLabel("Dose", { exact: true }).inputValue()).toBe("300");
    expect(await row.getByLabel("Stop time").inputValue()).toBe("");
    expect(await page.getByLabel("Facility", { exact: true }).inputValue()).not.toBe("");
    // The nurse charted the start; the stop was forgotten.
    await row.getByLabel("Start time").fill("09:00");
    await page.screenshot({ path: path.join(artifacts, "encounter-form.png"), fullPage: true });

    // A diagnosis typed wrong is refused on its field, and nothing else typed or filled is lost.
    const diagnoses = page.getByLabel("Diagnoses (ICD-10-CM)");
    const filledDiagnoses = await diagnoses.inputValue();
    await diagnoses.fill("Crohn's");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText(`"Crohn's" is not an ICD-10-CM code`).waitFor();
    expect(await diagnoses.getAttribute("aria-invalid")).toBe("true");
    expect(await row.getByLabel("Start time").inputValue()).toBe("09:00");
    expect(await row.getByLabel("HCPCS").inputValue()).toBe("J3380");
    expect(new URL(page.url()).pathname).toBe("/encounters/new");
    await page.screenshot({ path: path.join(artifacts, "encounter-save-errors.png"), fullPage: true });
    await diagnoses.fill(filledDiagnoses);

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/\/encounters\/[0-9a-f-]{36}\?saved=1$/);
    await page.getByText("Saved. Code the visit when the documentation is complete.").waitFor();

    await page.getByRole("button", { name: "Code this visit" }).click();
    const stopError = page.getByRole("group", { name: "Administration 1" }).getByRole("alert");
    await stopError.waitFor();
    expect(await stopError.textContent()).toMatch(/a1 has no stop time/);
    expect(await page.getByRole("group", { name: "Administration 1" }).getByLabel("Stop time").getAttribute("aria-invalid")).toBe("true");
    // What was typed is still there.
    expect(await page.getByRole("group", { name: "Administration 1" }).getByLabel("Start time").inputValue()).toBe("09:00");
    await page.screenshot({ path: path.join(artifacts, "encounter-errors.png"), fullPage: true });

    await page.getByRole("group", { name: "Administration 1" }).getByLabel("Stop time").fill("09:35");
    await page.getByRole("button", { name: "Code this visit" }).click();
    // Saved and coded again: the stop-time error is gone from the field and from the findings.
    await page.getByText("has no stop time").first().waitFor({ state: "detached" });
    await page.getByText(/^Coded into claim CLM-\d+/).waitFor();
    await page.getByRole("table", { name: "Claim lines" }).waitFor();
    expect(await lineCodes(page)).toEqual(expect.arrayContaining(["96365", "J3380"]));
    expect(await page.getByRole("group", { name: "Administration 1" }).getByRole("alert").count()).toBe(0);
    expect(await page.getByText("has no stop time").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Open the claim" }).getAttribute("href")).toMatch(/^\/claims\/[0-9a-f-]{36}$/);
    await page.getByRole("region", { name: "Coded claim" }).screenshot({ path: path.join(artifacts, "encounter-coded.png") });

    // Today's list shows the coded visit by initials and MRN.
    await page.getByRole("link", { name: "Back to visits" }).click();
    const listed = page.getByTestId("visit-row").filter({ hasText: patient.mrn });
    await listed.waitFor();
    expect(await listed.textContent()).toContain(`${patient.firstName[0]}.${patient.lastName[0]}.`);
    expect(await listed.textContent()).toContain("coded");
    expect(await page.getByText(patient.lastName).count()).toBe(0);
    await page.screenshot({ path: path.join(artifacts, "encounter-list.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a biller uploads a day's CSV with a bad row, reads which cell is wrong, then uploads the fixed file", async () => {
    const { patient, facility, provider } = demoPatient("J2323");
    const today = demoToday();
    const header = "visit_id,mrn,date_of_service,facility_npi,rendering_npi,diagnoses,administration_id,kind,route,start,stop,primary,hcpcs,dose,dose_unit";
    const file = (dose: string) =>
      Buffer.from(`${header}\nE2E-1,${patient.mrn},${today},${facility.npi},${provider.npi},G35,a1,therapeutic,iv-infusion,13:00,14:05,yes,J2323,${dose},mg\n`);
    const errors: string[] = [];
    const page = await signInAs(app, "biller", errors);
    await page.goto(`${app.url}/encounters`);
    await page.getByRole("link", { name: "Import a day's CSV" }).click();
    await page.getByRole("heading", { level: 1, name: "Import visits" }).waitFor();
    expect(await page.getByRole("link", { name: "Download the template" }).getAttribute("href")).toBe("/encounters/import/template");

    await page.getByLabel(/Visits CSV/).setInputFiles({ name: "day.csv", mimeType: "text/csv", buffer: file("three hundred") });
    await page.getByRole("button", { name: "Import" }).click();
    const table = page.getByRole("table", { name: "Import errors" });
    await table.waitFor();
    const cells = await page.getByTestId("import-error").evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent?.trim())));
    expect(cells).toEqual([["2", "dose", 'expected a number, got "three hundred"']]);
    expect(await page.getByText("Nothing was imported").count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, "encounter-import-errors.png"), fullPage: true });

    await page.getByLabel(/Visits CSV/).setInputFiles({ name: "day.csv", mimeType: "text/csv", buffer: file("300") });
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByTestId("import-result").waitFor();
    expect(await page.getByTestId("import-result").textContent()).toMatch(/1 visit created, 0 updated, 0 unchanged/);

    await page.getByRole("link", { name: "See the visits" }).click();
    await page.getByTestId("visit-row").filter({ hasText: "Imported E2E-1" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
