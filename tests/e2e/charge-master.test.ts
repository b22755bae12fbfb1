// The real server, a real browser: an administrator opens Settings → Charge master, reads the demo's prices in
// force, uploads a price list with a bad cell (named by row and column, nothing saved) and then the fixed file,
// whose new version shows as scheduled.
import path from "node:path";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir, signInAs, startE2eApp, type E2eApp } from "../support/e2e";

const haveChromium = chromiumAvailable();

describe.skipIf(!haveChromium)("the charge master in a browser", () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp("charge-master");
  });
  afterAll(async () => app?.stop());

  it("an administrator reads the prices in force and uploads a new version, after fixing a bad cell", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "admin", errors);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.waitForURL("**/settings");
    await page.getByRole("link", { name: "Charge master" }).click();
    await page.waitForURL("**/settings/charge-master");
    await page.getByRole("heading", { level: 1, name: "Charge master" }).waitFor();
    const table = page.getByRole("table", { name: "Charges in force and scheduled" });
    const infliximab = table.getByTestId("charge-row").filter({ hasText: "J1745" });
    expect(await infliximab.count()).toBe(1);
    expect(await infliximab.textContent()).toContain("$95.00");
    expect(await infliximab.textContent()).toContain("in force");

    const file = page.getByLabel(/^Price list CSV/);
    await file.setInputFiles({ name: "prices.csv", mimeType: "text/csv", buffer: Buffer.from("code,unit_charge,effective_from\nJ1745,ninety,2099-01-01\n") });
    await page.getByRole("button", { name: "Upload" }).click();
    const error = page.getByTestId("upload-error");
    await error.waitFor();
    expect(await error.textContent()).toContain('expected an amount like 95.00, got "ninety"');
    await page.getByText("Nothing was saved: 1 problem in prices.csv.", { exact: false }).waitFor();
    expect(await table.getByTestId("charge-row").filter({ hasText: "J1745" }).count()).toBe(1);

    await file.setInputFiles({ name: "prices.csv", mimeType: "text/csv", buffer: Buffer.from("code,unit_charge,effective_from,description\nJ1745,99.00,2099-01-01,Infliximab 10 mg\n") });
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByTestId("upload-result").waitFor();
    expect(await page.getByTestId("upload-result").textContent()).toContain("1 charge added, 1 earlier version ended");
    const versions = table.getByTestId("charge-row").filter({ hasText: "J1745" });
    await versions.nth(1).waitFor();
    expect(await versions.nth(0).textContent()).toContain("2098-12-31");
    expect(await versions.nth(1).textContent()).toContain("$99.00");
    expect(await versions.nth(1).textContent()).toContain("scheduled");
    await page.screenshot({ path: path.join(artifactsDir, "settings-charge-master.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
