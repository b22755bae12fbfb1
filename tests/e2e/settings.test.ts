// The real server, a real browser: an administrator supersedes Summit Health's decision timeframe with a new dated
// version (a wrong value is named first) and sees it in force; a coordinator is told Settings is not for them.
import path from "node:path";
import type { Page } from "playwright-core";
import { demoSignIns } from "../../db/demo-data";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir, startE2eApp, type E2eApp } from "../support/e2e";

const artifacts = artifactsDir;
const haveChromium = chromiumAvailable();

describe.skipIf(!haveChromium)("payer rules in Settings in a browser", () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp("settings");
  });
  afterAll(async () => app?.stop());

  async function signIn(role: "admin" | "coordinator", errors: string[], redirectTo = "/"): Promise<Page> {
    const who = demoSignIns.find((s) => s.role === role)!;
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${app.url}/login?redirectTo=${encodeURIComponent(redirectTo)}`);
    await page.getByLabel("Work email").fill(who.email);
    await page.getByLabel("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    return page;
  }

  const summit = (page: Page) => page.getByRole("region", { name: "Summit Health" });
  const inForceTable = (page: Page) => page.getByRole("table", { name: "Summit Health: rules in force today" });

  it("an administrator supersedes Summit Health's decision timeframe and sees the new version in force", async () => {
    const errors: string[] = [];
    const page = await signIn("admin", errors);
    await page.getByTestId("user-name").waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.waitForURL("**/settings");
    await page.getByRole("heading", { level: 1, name: "Settings" }).waitFor();

    // Every demo payer with its plans; Summit's rules in force, in words.
    for (const payer of ["Keystone Medicare Advantage", "Summit Health", "Commonwealth Medicaid Plan"]) await page.getByRole("heading", { level: 2, name: payer }).waitFor();
    await summit(page).getByText("Summit Choice PPO · Commercial").waitFor();
    const decisionRow = inForceTable(page).getByRole("row").filter({ hasText: "Decision timeframe" });
    expect(await decisionRow.getByTestId("rule-value").textContent()).toBe("Decision due in 15 calendar days (72 h expedited)");
    await page.screenshot({ path: path.join(artifacts, "settings-admin.png"), fullPage: true });

    await decisionRow.getByRole("link", { name: /^New version of Decision timeframe/ }).click();
    await page.waitForURL(/\/settings\/payer-rules\/[^/]+\/supersede$/);
    await page.getByRole("heading", { level: 1, name: "New version: decision timeframe" }).waitFor();

    // A wrong value is named, in plain words, beside its field before anything is sent.
    const standard = page.getByLabel("Standard decision (calendar days)");
    expect(await standard.inputValue()).toBe("15");
    await standard.fill("0");
    await standard.blur();
    await page.getByText("Standard decision (calendar days): expected at least 1 day").waitFor();
    expect(await standard.getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: path.join(artifacts, "settings-supersede-error.png"), fullPage: true });

    // Corrected with the keyboard only: type, tab through the fields, submit with Enter.
    await standard.fill("10");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("48");
    const effectiveFrom = await page.getByLabel("New version in force from").inputValue();
    await page.getByLabel("Source").fill("Summit Health medical policy UM-100 (2026 edition): 10 calendar days standard, 48 hours urgent");
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/settings\?saved=superseded/);
    await page.getByRole("status").getByText(/New version saved: Summit Health, decision timeframe/).waitFor();
    const newRow = inForceTable(page).getByRole("row").filter({ hasText: "Decision timeframe" });
    expect(await newRow.count()).toBe(1);
    expect(await newRow.getByTestId("rule-value").textContent()).toBe("Decision due in 10 calendar days (48 h expedited)");
    expect(await newRow.textContent()).toContain(effectiveFrom);

    // The replaced version is in the history, no longer in force from the day the new one starts.
    await summit(page).getByText(/History and scheduled versions/).click();
    const history = page.getByRole("table", { name: "Summit Health: earlier and scheduled versions" });
    const oldRow = history.getByRole("row").filter({ hasText: "Decision due in 15 calendar days (72 h expedited)" });
    expect(await oldRow.textContent()).toContain(`until ${effectiveFrom}`);
    await page.screenshot({ path: path.join(artifacts, "settings-superseded.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("refuses a second version that overlaps the one in force, and says why", async () => {
    const errors: string[] = [];
    const page = await signIn("admin", errors, "/settings");
    await summit(page).getByRole("link", { name: "Add a rule for Summit Health" }).click();
    await page.waitForURL(/\/settings\/payer-rules\/new\?payer=/);
    await page.getByRole("link", { name: "Peer-to-peer window", exact: true }).click();
    await page.getByLabel("Peer-to-peer within (days of the denial)").fill("10");
    await page.getByLabel("Source").fill("Summit Health UM-100 §5 draft");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByRole("alert").filter({ hasText: /overlap the peer-to-peer window version for all plans/ }).waitFor();
    await page.screenshot({ path: path.join(artifacts, "settings-overlap.png"), fullPage: true });
    expect(errors.filter((e) => !/status of 400|Failed to load resource/.test(e))).toEqual([]);
    await page.close();
  });

  it("a coordinator who opens Settings is told it is for administrators", async () => {
    const errors: string[] = [];
    const page = await signIn("coordinator", errors, "/settings");
    await page.getByText("Not available for your role").waitFor();
    expect(await page.getByText(/This page is for admin roles; you are signed in as coordinator/).count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, "settings-coordinator-403.png"), fullPage: true });
    await page.close();
  });
});
