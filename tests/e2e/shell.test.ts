// The real server, a real browser: each demo role signs in and sees its navigation; the guard answers the rest.
import path from "node:path";
import type { Browser } from "playwright-core";
import { demoSignIns } from "../../db/demo-data";
import { homePathFor, sectionsFor } from "~/permissions";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir, startE2eApp, type E2eApp } from "../support/e2e";
import type { ServerProcess } from "../support/server";

const artifacts = artifactsDir;
const haveChromium = chromiumAvailable();

describe.skipIf(!haveChromium)("the signed-in shell in a browser", () => {
  let app: E2eApp;
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    app = await startE2eApp("shell");
    ({ server, browser } = app);
  });

  afterAll(async () => app?.stop());

  it("prints the URL and the demo sign-ins when it starts", () => {
    expect(server.output()).toMatch(/Infusion PA is running at http:\/\/localhost:\d+/);
    for (const signIn of demoSignIns) expect(server.output()).toContain(signIn.email);
  });

  it.each(demoSignIns.map((s) => [s.role, s] as const))("%s signs in and sees the navigation for that role", async (role, signIn) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel("Work email").fill(signIn.email);
    await page.getByLabel("Password").fill(signIn.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("user-name").waitFor();

    const nav = page.getByRole("navigation", { name: "Main" });
    // innerText, not textContent: Radix tabs carry a hidden copy of each label to keep their width stable.
    const labels = await nav.getByRole("link").evaluateAll((links) => links.map((link) => (link as HTMLElement).innerText.trim()));
    expect(labels).toEqual(sectionsFor([role]).map((s) => s.label));
    expect(await page.getByTestId("organization-name").textContent()).toBe("Riverside Infusion Center");
    expect(await page.getByTestId("user-name").textContent()).toBe(signIn.name);
    expect(new URL(page.url()).pathname).toBe(homePathFor([role]));
    await page.screenshot({ path: path.join(artifacts, `shell-${role}.png`), fullPage: true });

    // Every section the role may open renders inside the shell.
    for (const section of sectionsFor([role])) {
      // The section already open (the role's home) is not clicked again: that navigation would finish instantly by
      // URL and heading, and the next click would abort its revalidation (an AbortError in the console).
      if (new URL(page.url()).pathname !== section.path) {
        await nav.getByRole("link", { name: section.label }).click();
        await page.waitForURL(`**${section.path}`);
      }
      // The heading of the section's page, once its loader's data has rendered.
      await page.getByRole("heading", { level: 1, name: section.label, exact: true }).waitFor({ timeout: 10_000 });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("answers 403 in plain words when a biller opens Settings, and signs out", async () => {
    const biller = demoSignIns.find((s) => s.role === "biller")!;
    const page = await browser.newPage();
    await page.goto(`${server.url}/login?redirectTo=%2Fsettings`);
    await page.getByLabel("Work email").fill(biller.email);
    await page.getByLabel("Password").fill(biller.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Not available for your role").waitFor();
    expect(await page.getByText(/signed in as biller/).count()).toBe(1);
    // The refusal shows inside the shell, so the biller can go on to their own sections.
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Claims" }).count()).toBe(1);
    await page.screenshot({ path: path.join(artifacts, "forbidden-in-shell.png") });
    await page.goto(`${server.url}/claims`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${server.url}/claims`);
    await page.waitForURL(/\/login\?redirectTo=%2Fclaims/);
    await page.close();
  });

  it("tells a user whose password is wrong, without saying which part", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Work email").fill(demoSignIns[0]!.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/do not match an active account/);
    await page.screenshot({ path: path.join(artifacts, "sign-in-error.png") });
    await page.close();
  });
});
