// The real server, a real browser: a coordinator reads a queued renewal alert in the mail viewer, the clinician
// opens its link (not signed in), attests continued therapy with the current weight, and a second use of the same
// link, or an altered one, gets a clear page instead of an error.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { openDatabase } from "../../db/client";
import * as s from "../../db/schema";
import { chromiumAvailable, launchChromium } from "../support/browser";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";
import { signInAs } from "../support/e2e";
import { startServerProcess, type ServerProcess } from "../support/server";

const artifacts = path.resolve(import.meta.dirname, "artifacts");

// The test makes the alert fresh through a second connection to the server's database, so it needs Postgres.
describe.skipIf(!chromiumAvailable() || !postgresServerUrl())("email action links in a browser", () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    database = await createTestDatabase("e2e_email");
    await database.close();
    [server, browser] = await Promise.all([startServerProcess({ SESSION_SECRET: "e2e-session-secret-that-is-long-enough-for-tests", DATABASE_URL: database.url! }), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.destroy();
  });

  /** The demo's emails were queued weeks ago and their links have expired: make one as if it were queued just now. */
  async function freshEmail(keyPattern: string): Promise<string> {
    const handle = openDatabase({ kind: "postgres", url: database.url!, max: 1 });
    try {
      const [row] = await handle.db
        .select({ id: s.outbox.id })
        .from(s.outbox)
        .where(and(eq(s.outbox.topic, "email"), like(s.outbox.businessKey, keyPattern)))
        .limit(1);
      await handle.db.update(s.outbox).set({ createdAt: sql`now()` }).where(eq(s.outbox.id, row!.id));
      return row!.id;
    } finally {
      await handle.close();
    }
  }

  /** The action link (path) in the plain text of an email, read in the mail viewer. */
  async function actionPathIn(page: Page, outboxId: string) {
    await page.goto(`${server.url}/mail?id=${outboxId}`);
    await page.getByRole("tab", { name: "Plain text" }).click();
    const text = await page.locator("pre").innerText();
    const link = /https?:\/\/\S+(\/email-action\/[\w.-]+)/.exec(text);
    expect(link, "the plain-text email carries the action link").not.toBeNull();
    return { path: link![1]!, text };
  }

  it("a clinician attests from a renewal alert link once; reuse and tampering get clear pages", async () => {
    const outboxId = await freshEmail("renewal-alert:%");
    const errors: string[] = [];
    const coordinator = await signInAs({ url: server.url, server, browser, stop: async () => {} }, "coordinator", errors);
    const { path: actionPath, text } = await actionPathIn(coordinator, outboxId);
    await coordinator.getByRole("heading", { name: /Renewal needed/ }).waitFor();
    expect(text).toMatch(/Case PA-\d+/);
    await coordinator.screenshot({ path: path.join(artifacts, "email-mail-viewer.png"), fullPage: true });

    const clinician = await browser.newPage({ viewport: { width: 900, height: 900 } });
    clinician.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const actionUrl = `${server.url}${actionPath}`;
    await clinician.goto(actionUrl);
    await clinician.getByRole("heading", { name: "Attest continued therapy" }).waitFor();
    await clinician.getByRole("button", { name: "Send to the PA team" }).click();
    await clinician.getByText(/Tick the box to attest/).waitFor();
    await clinician.getByRole("checkbox").click();
    await clinician.getByLabel("Response to therapy").fill("Clinical remission since week 14; CRP normal.");
    await clinician.getByLabel("Current weight (kg)").fill("74.2");
    await clinician.getByRole("button", { name: "Send to the PA team" }).click();
    await clinician.getByRole("heading", { name: "Thank you — it is on the case" }).waitFor();
    await clinician.screenshot({ path: path.join(artifacts, "email-action-done.png"), fullPage: true });

    await clinician.goto(actionUrl);
    await clinician.getByRole("heading", { name: "This link was already used" }).waitFor();

    await clinician.goto(`${actionUrl.slice(0, -3)}abc`);
    await clinician.getByRole("heading", { name: "This link is not valid" }).waitFor();

    // The coordinator sees the attestation on the case timeline (the email links the case page).
    const casePath = /\/cases\/[0-9a-f-]{36}/.exec(text);
    expect(casePath, "the email links the case").not.toBeNull();
    await coordinator.goto(`${server.url}${casePath![0]}`);
    await coordinator.getByText(/attests continued therapy/).first().waitFor();
    expect(errors).toEqual([]);
  });

  it("a clinician uploads the document the payer asked for", async () => {
    const outboxId = await freshEmail("information-request:%");
    const errors: string[] = [];
    const coordinator = await signInAs({ url: server.url, server, browser, stop: async () => {} }, "coordinator", errors);
    const { path: actionPath } = await actionPathIn(coordinator, outboxId);
    const clinician = await browser.newPage();
    clinician.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await clinician.goto(`${server.url}${actionPath}`);
    await clinician.getByRole("heading", { name: "Upload the requested document" }).waitFor();
    await clinician.getByLabel(/^Document/).setInputFiles({ name: "labs.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 labs") });
    await clinician.getByLabel(/Note for the PA team/).fill("CRP from last week attached.");
    await clinician.getByRole("button", { name: "Send to the PA team" }).click();
    await clinician.getByRole("heading", { name: "Thank you — it is on the case" }).waitFor();
    expect(errors).toEqual([]);
  });
});
