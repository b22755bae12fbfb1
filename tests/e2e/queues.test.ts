// The real server, a real browser: a coordinator opens a queue, moves with j and k, opens the case with Enter,
// adds a note and sees it at the top of the timeline; / jumps to the search box and the search stays in the URL.
import path from "node:path";
import type { Page } from "playwright-core";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir, signInAs, startE2eApp, type E2eApp } from "../support/e2e";

const haveChromium = chromiumAvailable();

describe.skipIf(!haveChromium)("working the queues in a browser", () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp("queues");
  });
  afterAll(async () => {
    await app?.stop();
  });

  const selectedRow = (page: Page) => page.locator('[data-testid="queue-row"][aria-selected="true"]');
  const rowName = async (page: Page) => (await selectedRow(page).getByRole("rowheader").getByRole("link").first().innerText()).trim();

  it("a coordinator works the Awaiting payer queue with the keyboard and adds a note to a case", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await page.waitForURL(/\/queues/);
    await page.getByRole("heading", { level: 1, name: "Queues" }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, "queues-my-work.png"), fullPage: true });

    await page.getByRole("navigation", { name: "Queues" }).getByRole("link", { name: /Awaiting payer/ }).click();
    await page.waitForURL(/queue=awaiting-payer/, { waitUntil: "commit" });
    await page.getByText("Submitted, waiting for the payer's decision").waitFor();
    const rows = page.getByTestId("queue-row");
    expect(await rows.count()).toBeGreaterThan(1);
    expect(await rowName(page)).toBe((await rows.nth(0).getByRole("rowheader").getByRole("link").first().innerText()).trim());

    await page.locator("body").press("j");
    const second = (await rows.nth(1).getByRole("rowheader").getByRole("link").first().innerText()).trim();
    expect(await rowName(page)).toBe(second);
    await page.locator("body").press("j");
    await page.locator("body").press("k");
    expect(await rowName(page)).toBe(second);
    await page.screenshot({ path: path.join(artifactsDir, "queues-awaiting-payer.png"), fullPage: true });

    await page.locator("body").press("Enter");
    await page.waitForURL(/\/cases\//, { waitUntil: "commit" });
    await page.getByRole("heading", { level: 1, name: second }).waitFor();
    await page.getByRole("heading", { name: "Timeline" }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, "case-page.png"), fullPage: true });

    // An empty note is named before anything is sent; the typed note then lands in the timeline.
    const noteForm = page.getByRole("form", { name: "Add a note" });
    await noteForm.getByRole("button", { name: "Add note" }).click();
    await noteForm.getByRole("alert").waitFor();
    await noteForm.getByLabel("Note").fill("Called the payer: decision expected by Friday, reference 55-XY.");
    await noteForm.getByRole("button", { name: "Add note" }).click();
    const first = page.getByTestId("timeline-event").first();
    await first.getByText("Note: Called the payer: decision expected by Friday, reference 55-XY.").waitFor();
    expect(await first.innerText()).toContain("Casey Coordinator");
    expect(await noteForm.getByLabel("Note").inputValue()).toBe("");
    await page.screenshot({ path: path.join(artifactsDir, "case-page-note-added.png"), fullPage: true });

    // A denial without the payer's specific reason is named on the field, and what was typed stays.
    const decision = page.getByRole("form", { name: "Record the payer's decision" });
    await decision.getByLabel("Outcome").selectOption("denied");
    await decision.getByLabel("Payer's reason (required for a denial)").fill("no");
    await decision.getByRole("button", { name: "Record decision" }).click();
    await decision.getByText(/expected the payer's specific denial reason/).waitFor();
    expect(await decision.getByLabel("Payer's reason (required for a denial)").inputValue()).toBe("no");
    await page.screenshot({ path: path.join(artifactsDir, "case-page-decision-error.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("/ focuses the search, and a search and filter stay in the URL", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await page.goto(`${app.url}/queues?queue=all`);
    await page.getByTestId("queue-row").first().waitFor();
    const lastName = (await page.getByTestId("queue-row").first().getByRole("rowheader").getByRole("link").first().innerText()).split(",")[0]!.trim();
    await page.locator("body").press("/");
    const search = page.getByLabel("Search (patient, MRN, authorization or payer reference)");
    expect(await search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill(lastName);
    await search.press("Enter");
    await page.waitForURL(new RegExp(`q=${encodeURIComponent(lastName)}`), { waitUntil: "commit" });
    const names = () => page.getByTestId("queue-row-case").allInnerTexts();
    await expect.poll(async () => (await names()).every((name) => name.includes(lastName)), { timeout: 10_000 }).toBe(true);
    expect((await names()).length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifactsDir, "queues-search.png"), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a takes the selected unassigned case", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await page.goto(`${app.url}/queues?queue=all&assignee=unassigned`);
    const rows = page.getByTestId("queue-row");
    await rows.first().waitFor();
    const before = await rows.count();
    const taken = (await rows.first().getByRole("rowheader").getByRole("link").first().innerText()).trim();
    await page.locator("body").press("a");
    await page.getByRole("status").getByText("Assigned to you.").waitFor();
    await expect.poll(async () => rows.count(), { timeout: 10_000 }).toBe(before - 1);
    await page.goto(`${app.url}/queues?queue=my-work&q=${encodeURIComponent(taken.split(",")[0]!)}`);
    await rows.first().waitFor();
    expect(await rows.first().innerText()).toContain("Casey Coordinator");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("x selects rows and a bulk assign hands them to another coordinator in one go", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await page.goto(`${app.url}/queues?queue=all`);
    const rows = page.getByTestId("queue-row");
    await rows.nth(1).waitFor();
    const names = [
      (await rows.nth(0).getByRole("rowheader").getByRole("link").first().innerText()).trim(),
      (await rows.nth(1).getByRole("rowheader").getByRole("link").first().innerText()).trim(),
    ];
    await page.locator("body").press("x");
    await page.locator("body").press("j");
    await page.locator("body").press("x");
    const bulk = page.getByRole("region", { name: "Bulk assign" });
    await bulk.getByText("2 selected").waitFor();
    const choice = bulk.getByLabel("Assign to").locator("option").nth(1);
    const assigneeId = await choice.getAttribute("value");
    const assigneeName = (await choice.innerText()).trim();
    await bulk.getByLabel("Assign to").selectOption(assigneeId);
    await page.screenshot({ path: path.join(artifactsDir, "queues-bulk-assign.png"), fullPage: true });
    await bulk.getByRole("button", { name: "Assign 2" }).click();
    await page.getByRole("status").getByText("Assigned 2 cases to the chosen coordinator.").waitFor();
    expect(await bulk.count()).toBe(0);
    // Both cases are now in the chosen coordinator's hands.
    await page.goto(`${app.url}/queues?queue=all&assignee=${assigneeId}`);
    await rows.first().waitFor();
    const theirs = await rows.allInnerTexts();
    for (const name of names) expect(theirs.some((t) => t.includes(name) && t.includes(assigneeName))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a clinician reads a case without action forms", async () => {
    const page = await signInAs(app, "clinician");
    await page.goto(`${app.url}/queues?queue=all`);
    await page.getByTestId("queue-row").first().getByRole("rowheader").getByRole("link").first().click();
    await page.waitForURL(/\/cases\//, { waitUntil: "commit" });
    await page.getByText("You can read this case.").waitFor();
    expect(await page.getByRole("form", { name: "Add a note" }).count()).toBe(0);
    await page.close();
  });
});
