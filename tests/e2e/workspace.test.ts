// The coordinator's workspace in a real browser on the real server: work the Awaiting payer queue, record an
// approval that ends within two weeks and watch the case land in the Renewal due queue's 14-day band; sort a queue
// from its column headers; the patient list and page; the calendar's month and week grids from the keyboard and its
// .ics feed fetched without a session. Screenshots of each screen go to tests/e2e/artifacts/.
import path from "node:path";
import type { Page } from "playwright-core";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir, signInAs, startE2eApp, type E2eApp } from "../support/e2e";

const haveChromium = chromiumAvailable();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });

/** Today in the clinic's zone plus `days`, as the date inputs want it. */
function clinicDay(days: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const date = new Date(`${parts}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe.skipIf(!haveChromium)("the coordinator's workspace in a browser", () => {
  let app: E2eApp;
  beforeAll(async () => {
    // A short sweep so the renewal alert of a fresh approval is raised within seconds.
    app = await startE2eApp("workspace", { SWEEP_INTERVAL_MS: "1500" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("works Awaiting payer: an approval ending in 10 days shows in Renewal due, in the 14-day band", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await page.goto(`${app.url}/queues?queue=awaiting-payer&status=pending`);
    const link = page.getByTestId("queue-row-case").first();
    const name = (await link.innerText()).trim();
    await link.click();
    await page.waitForURL(/\/cases\//, { waitUntil: "commit" });
    await page.getByRole("heading", { level: 1, name }).waitFor();
    const caseId = new URL(page.url()).pathname.split("/").pop()!;

    const requested = await page.getByTestId("drug-line").evaluateAll((lines) => lines.map((li) => Number(/requested (\d+(?:\.\d+)?) units/.exec((li as HTMLElement).innerText)?.[1])));
    const decision = page.getByRole("form", { name: "Record the payer's decision" });
    await decision.getByLabel("Outcome").selectOption("approved");
    await decision.getByLabel("Authorization number").fill("E2E-RENEW-14");
    await decision.getByLabel("Effective from").fill(clinicDay(-20));
    await decision.getByLabel("Effective to").fill(clinicDay(10));
    for (const [i, units] of requested.entries()) await decision.getByLabel(`Line ${i + 1}: authorized units`).fill(String(units));
    await decision.getByRole("button", { name: "Record decision" }).click();
    await page.getByTestId("authorization-number").getByText("E2E-RENEW-14").waitFor();

    // The sweep raises the renewal alert: 30 days is already past, so the narrowest band due (14) is the one raised.
    const row = page.locator(`[data-testid="queue-row"]:has(a[href="/cases/${caseId}"])`);
    await expect
      .poll(
        async () => {
          await page.goto(`${app.url}/queues?queue=renewal-due&band=14`);
          return row.count();
        },
        { timeout: 30_000, interval: 1500 },
      )
      .toBe(1);
    expect(await row.getByTestId("renewal-band").allInnerTexts()).toContain("14-day band");
    await shot(page, "queues-renewal-due-band-14");
    // It is not in the 7-day band.
    await page.goto(`${app.url}/queues?queue=renewal-due&band=7`);
    await page.getByRole("heading", { level: 1, name: "Queues" }).waitFor();
    expect(await row.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("sorts a queue from its column headers, keeping the sort in the URL", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await page.goto(`${app.url}/queues?queue=all`);
    await page.getByTestId("sort-patient").click();
    await page.waitForURL(/sort=patient&dir=asc/, { waitUntil: "commit" });
    await expect.poll(async () => page.getByRole("columnheader", { name: /Patient/ }).getAttribute("aria-sort")).toBe("ascending");
    const names = async () => (await page.getByTestId("queue-row-case").allInnerTexts()).map((n) => n.trim().toLowerCase());
    const asc = await names();
    expect(asc.length).toBeGreaterThan(1);
    expect(asc[0]! <= asc.at(-1)!).toBe(true);
    await page.getByTestId("sort-patient").click();
    await page.waitForURL(/sort=patient&dir=desc/, { waitUntil: "commit" });
    await expect.poll(async () => (await names())[0]).not.toBe(asc[0]);
    await shot(page, "queues-sorted-by-patient");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("finds a patient and shows coverages, regimens, cases, upcoming infusions and the ledger", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await page.goto(`${app.url}/queues?queue=all&status=approved`);
    const patientLink = page.getByTestId("queue-row-patient").first();
    const label = (await patientLink.getAttribute("aria-label"))!;
    await patientLink.click();
    await page.waitForURL(/\/patients\//, { waitUntil: "commit" });
    for (const heading of ["Authorization cases", "Upcoming visits", "Unit ledger per authorization", "Coverages", "Regimens", "Documents"]) {
      await page.getByRole("heading", { name: heading, exact: true }).waitFor();
    }
    expect(await page.getByTestId("patient-coverage").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("patient-case").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("patient-ledger").count()).toBeGreaterThan(0);
    await shot(page, "patient-page");

    // The list finds the same patient by MRN.
    const mrn = /MRN (\S+)$/.exec(label)![1]!;
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Patients" }).click();
    await page.waitForURL(/\/patients$/, { waitUntil: "commit" });
    await page.getByLabel("Name or MRN").fill(mrn);
    await page.getByLabel("Name or MRN").press("Enter");
    await page.waitForURL(new RegExp(`q=${mrn}`), { waitUntil: "commit" });
    await expect.poll(async () => page.getByTestId("patient-row").count()).toBe(1);
    await shot(page, "patients-search");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("moves through the calendar by keyboard and serves its feed without a session", async () => {
    const errors: string[] = [];
    const page = await signInAs(app, "coordinator", errors);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
    await page.waitForURL(/\/calendar/, { waitUntil: "commit" });
    const grid = page.getByRole("grid", { name: /Deadlines/ });
    await grid.waitFor();
    const focused = page.locator('[role="gridcell"][tabindex="0"]');
    const start = (await focused.getAttribute("data-date"))!;
    await focused.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => page.evaluate(() => document.activeElement?.getAttribute("data-date"))).not.toBe(start);
    const right = await page.evaluate(() => document.activeElement?.getAttribute("data-date"));
    await page.keyboard.press("ArrowDown");
    const down = await page.evaluate(() => document.activeElement?.getAttribute("data-date"));
    expect(Date.parse(down!) - Date.parse(right!)).toBe(7 * 86_400_000);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowLeft");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-date"))).toBe(start);
    await shot(page, "calendar-month");

    await page.getByRole("group", { name: "Calendar view" }).getByRole("link", { name: "Week" }).click();
    await page.waitForURL(/view=week/, { waitUntil: "commit" });
    await expect.poll(async () => page.getByTestId("calendar-day").count()).toBe(7);
    await shot(page, "calendar-week");

    // Find a week with a deadline by stepping forward, so the week screenshot shows entries.
    for (let i = 0; i < 8 && (await page.getByTestId("calendar-entry").count()) === 0; i++) {
      await page.getByRole("link", { name: "Next week" }).click();
      await page.waitForLoadState("networkidle");
    }
    expect(await page.getByTestId("calendar-entry").count()).toBeGreaterThan(0);
    await shot(page, "calendar-week-with-deadlines");

    await page.getByRole("button", { name: /feed link/ }).click();
    const feedUrl = (await page.getByTestId("feed-url").innerText()).trim();
    await shot(page, "calendar-feed-link");
    // A calendar app sends no cookie.
    const feed = await fetch(feedUrl.replace(/^https?:\/\/[^/]+/, app.url));
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await feed.text();
    expect(text).toContain("BEGIN:VEVENT");
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z/);
    const refused = await fetch(`${app.url}/calendar.ics?token=not-a-token`);
    expect(refused.status).toBe(403);
    expect(errors).toEqual([]);
    await page.close();
  });
});
