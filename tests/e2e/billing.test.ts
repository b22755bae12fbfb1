// The biller's journey in a real browser on the real server over the demo data: the holds queue, a claim held for
// want of an authorization, the hold's link to the case; the coordinator records the payer's approval on that case;
// the embedded engine's sweep delivers the claim-reevaluation outbox row and the claim releases by itself.
// Screenshots of each step go to tests/e2e/artifacts/.
import path from "node:path";
import type { Page } from "playwright-core";
import { chromiumAvailable } from "../support/browser";
import { artifactsDir, signInAs, startE2eApp, type E2eApp } from "../support/e2e";

const haveChromium = chromiumAvailable();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!haveChromium)("the biller's holds in a browser", () => {
  let app: E2eApp;
  beforeAll(async () => {
    // The server's own sweep (as in production, every SWEEP_INTERVAL_MS) delivers the re-evaluation; short here.
    app = await startE2eApp("billing", { SWEEP_INTERVAL_MS: "1500" });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("works a hold to its case; the coordinator's approval releases the claim automatically", async () => {
    const errors: string[] = [];
    const biller = await signInAs(app, "biller", errors);
    // Billers land on their claims: the holds queue, most dollars at risk first.
    await biller.waitForURL(/\/claims$/);
    await biller.getByTestId("hold-row").first().waitFor();
    await biller.locator('select[name="sort"]').selectOption("dollars");
    await biller.getByRole("button", { name: "Apply" }).click();
    await biller.waitForURL(/sort=dollars/);
    const rows = biller.getByTestId("hold-row");
    expect(await rows.count()).toBeGreaterThan(1);
    const atRisk = await rows.locator("td:nth-child(5)").allInnerTexts();
    expect(atRisk[0]).toMatch(/^\$[1-9]/);
    await shot(biller, "billing-holds-queue");

    // The claim held because no approved authorization covers it yet; its case is waiting on the payer.
    await biller.locator('select[name="reason"]').selectOption("no-authorization");
    await biller.getByRole("button", { name: "Apply" }).click();
    await biller.waitForURL(/reason=no-authorization/);
    // The URL can change before the filtered rows replace the sorted ones: wait until only that reason is listed.
    await vi.waitFor(
      async () => {
        const texts = await rows.allInnerTexts();
        if (texts.length === 0 || !texts.every((t) => t.includes("no authorization"))) throw new Error(`rows not filtered yet: ${texts.length}`);
      },
      { timeout: 15_000, interval: 200 },
    );
    const row = rows.first();
    const claimNumber = (await row.getByRole("rowheader").innerText()).trim();
    await row.getByRole("rowheader").getByRole("link").click();
    await biller.getByRole("heading", { level: 1, name: `Claim ${claimNumber}` }).waitFor();
    const claimUrl = biller.url();
    await biller.getByTestId("claim-status").getByText("Held").waitFor();
    const hold = biller.getByTestId("claim-hold").first();
    await hold.getByText(/No approved authorization covers/).waitFor();
    await hold.getByText(/Fix: Record the payer's decision/).waitFor();
    expect(await biller.getByTestId("claim-line").count()).toBeGreaterThan(1);
    // A biller re-evaluates but may not override: the form is not there.
    await biller.getByRole("button", { name: "Re-evaluate now" }).waitFor();
    expect(await biller.getByRole("form", { name: "Override the holds" }).count()).toBe(0);
    await shot(biller, "billing-claim-held");

    const caseLink = hold.getByTestId("hold-case-link");
    const caseNumber = (await caseLink.innerText()).trim();
    await caseLink.click();
    await biller.waitForURL(/\/cases\//, { waitUntil: "commit" });
    const caseUrl = biller.url();
    await biller.getByText(caseNumber, { exact: false }).first().waitFor();
    await biller.getByText("PA coordinators and administrators record what happens on it.").waitFor();
    await shot(biller, "billing-case-from-hold");

    // The coordinator records the payer's approval on that case, with the units the request asked for.
    const coordinator = await signInAs(app, "coordinator", errors);
    await coordinator.goto(caseUrl);
    await coordinator.getByTestId("case-status").waitFor();
    const requested = (await coordinator.getByTestId("drug-line").allInnerTexts()).map((text) => Number(/requested (\d+(?:\.\d+)?) units/.exec(text)?.[1]));
    expect(requested.every((n) => n > 0)).toBe(true);
    const decision = coordinator.getByRole("form", { name: "Record the payer's decision" });
    await decision.getByLabel("Outcome").selectOption("approved");
    await decision.getByLabel("Authorization number").fill("E2E-AUTH-7001");
    await decision.getByLabel("Effective from").fill(isoDay(-90));
    await decision.getByLabel("Effective to").fill(isoDay(270));
    for (const [i, units] of requested.entries()) await decision.getByLabel(`Line ${i + 1}: authorized units`).fill(String(units));
    await decision.getByRole("button", { name: "Record decision" }).click();
    await coordinator.getByTestId("authorization-number").getByText("E2E-AUTH-7001").waitFor();
    await coordinator.getByTestId("case-status").getByText("Approved").waitFor();
    await shot(coordinator, "billing-case-approved");
    await coordinator.close();

    // Back on the claim: the approval wrote a claim-reevaluation outbox row; the server's sweep re-runs the gate.
    await biller.goto(claimUrl);
    await expect
      .poll(
        async () => {
          await biller.reload();
          return (await biller.getByTestId("claim-status").innerText()).trim();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe("Released");
    await biller.getByText("Released: no open holds.").waitFor();
    expect(await biller.getByTestId("claim-released-at").innerText()).not.toBe("Not yet");
    await biller.locator('[data-testid="claim-history"][data-kind="released"]').getByText(/Released to billing by the gate \(automatic\)/).waitFor();
    expect(await biller.getByRole("button", { name: "Re-evaluate now" }).count()).toBe(0);
    await shot(biller, "billing-claim-released");

    // The queue no longer lists the claim.
    await biller.goto(`${app.url}/claims`);
    await biller.getByTestId("hold-row").first().waitFor();
    expect(await biller.getByRole("rowheader", { name: claimNumber }).count()).toBe(0);
    expect(errors).toEqual([]);
    await biller.close();
  });

  it("an admin overrides a hold with a reason; a missing reason is named on the field", async () => {
    const errors: string[] = [];
    const admin = await signInAs(app, "admin", errors);
    await admin.goto(`${app.url}/claims?reason=missing-ndc`);
    const row = admin.getByTestId("hold-row").first();
    const claimNumber = (await row.getByRole("rowheader").innerText()).trim();
    await row.getByRole("rowheader").getByRole("link").click();
    await admin.getByRole("heading", { level: 1, name: `Claim ${claimNumber}` }).waitFor();
    const form = admin.getByRole("form", { name: "Override the holds" });
    await form.getByRole("button", { name: "Override and release" }).click();
    await form.getByRole("alert").getByText(/Reason: say why the claim may go/).waitFor();
    await admin.getByTestId("claim-status").getByText("Held").waitFor();
    await form.getByLabel("Reason for the override").fill("Payer confirmed the NDC by phone, reference 55-1");
    await form.getByRole("button", { name: "Override and release" }).click();
    await admin.getByTestId("claim-status").getByText("Released").waitFor();
    await admin.locator('[data-testid="claim-history"][data-kind="hold-overridden"]').getByText(/Payer confirmed the NDC by phone/).waitFor();
    await shot(admin, "billing-claim-overridden");
    expect(errors).toEqual([]);
    await admin.close();
  });
});
