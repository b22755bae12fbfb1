// The real server and a real browser: an administrator sets the organization's email branding (a colour white text
// cannot be read on is refused, naming the field), the digest hour and a provider's delegate nurse; a coordinator
// turns their own digest off under My email preferences.
import path from "node:path";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir, signInAs, startE2eApp, type E2eApp } from "../support/e2e";

describe.skipIf(!chromiumAvailable())("email settings and preferences in a browser", () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp("email_settings");
  });
  afterAll(async () => app?.stop());

  it("an administrator brands the emails and names a delegate nurse", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "admin", errors);
    await page.goto(`${app.url}/settings`);
    await page.getByRole("link", { name: "Email", exact: true }).click();
    await page.getByRole("heading", { name: "Email", exact: true }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, "email-settings.png"), fullPage: true });

    await page.getByLabel("Accent colour (#rrggbb)").fill("#ffd966");
    await page.getByRole("button", { name: "Save email settings" }).click();
    await page.getByText(/contrast below 4\.5:1/).waitFor();
    await page.getByLabel("Accent colour (#rrggbb)").fill("#7a1f5c");
    await page.getByLabel("Name emails are signed with").fill("Riverside Infusion Partners");
    await page.getByLabel("Reply-to address (optional)").fill("pa-team@riverside.example");
    await page.getByLabel("Sent from").selectOption("6");
    await page.getByRole("button", { name: "Save email settings" }).click();
    await page.getByText("Email settings saved.").waitFor();
    await page.getByText("Riverside Infusion Partners · Prior authorizations").waitFor();

    const delegate = page.getByRole("form", { name: /^Delegate for Samuel Okafor/ });
    await delegate.getByLabel("Clinician emails go to").selectOption("also");
    await delegate.getByRole("button", { name: "Save delegate" }).click();
    await delegate.getByText("Enter the delegate's email, e.g. nurse@clinic.org").waitFor();
    await delegate.getByLabel("Delegate name").fill("Sam Rivera, RN");
    await delegate.getByLabel("Delegate email").fill("sam.rivera@riverside.example");
    // Leaving the field clears its error first, so the button does not move under the pointer.
    await delegate.getByLabel("Delegate email").blur();
    await delegate.getByRole("button", { name: "Save delegate" }).click();
    await page.getByText("Delegate saved.").waitFor();
    await page.reload();
    await page.getByRole("form", { name: /^Delegate for Samuel Okafor/ }).getByLabel("Delegate email").and(page.locator('[value="sam.rivera@riverside.example"]')).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, "email-settings-saved.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("a coordinator turns their daily digest off; a clinician names their own delegate", async () => {
    const errors: string[] = [];
    const coordinator = await signInAs(app, "coordinator", errors);
    await coordinator.getByRole("link", { name: "My email preferences" }).click();
    await coordinator.getByRole("heading", { name: "My email preferences" }).waitFor();
    await coordinator.getByRole("checkbox", { name: /Daily digest/ }).click();
    await coordinator.getByRole("checkbox", { name: "Deadline notices" }).click();
    await coordinator.getByRole("button", { name: "Save my preferences" }).click();
    await coordinator.getByText("Your email preferences are saved.").waitFor();
    await coordinator.reload();
    expect(await coordinator.getByRole("checkbox", { name: /Daily digest/ }).getAttribute("aria-checked")).toBe("false");
    expect(await coordinator.getByRole("checkbox", { name: "Deadline notices" }).getAttribute("aria-checked")).toBe("false");
    expect(await coordinator.getByRole("checkbox", { name: "Decision notices" }).getAttribute("aria-checked")).toBe("true");
    await coordinator.screenshot({ path: path.join(artifactsDir, "email-my-preferences.png"), fullPage: true });

    const clinician = await signInAs(app, "clinician", errors);
    await clinician.goto(`${app.url}/preferences/email`);
    await clinician.getByRole("heading", { name: "My delegate nurse" }).waitFor();
    const form = clinician.getByRole("form", { name: "My delegate" });
    await form.getByLabel("Clinician emails go to").selectOption("instead");
    await form.getByLabel("Delegate name").fill("Jamie Chen, RN");
    await form.getByLabel("Delegate email").fill("jamie.chen@riverside.example");
    await form.getByRole("button", { name: "Save delegate" }).click();
    await clinician.getByText("Delegate saved.").waitFor();
    await clinician.screenshot({ path: path.join(artifactsDir, "email-my-preferences-clinician.png"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
