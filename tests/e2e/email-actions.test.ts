// The real server, a real browser, the real Resend SDK against a local capture server: a coordinator reads a queued
// renewal alert in the mail viewer; the clinician opens its link (not signed in), asks for a sign-in link, follows
// it from the captured email (signed in), attests continued therapy, then uploads the document an information request
// asked for; the coordinator sees both on the case timelines. A reused, an expired and an altered link get clear pages.
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { openDatabase } from "../../db/client";
import * as s from "../../db/schema";
import { chromiumAvailable, launchChromium } from "../support/browser";
import { createTestDatabase, postgresServerUrl, type TestDatabase } from "../support/database";
import { artifactsDir, signInAs } from "../support/e2e";
import { startResendCapture, type ResendCapture } from "../support/resend-capture";
import { startServerProcess, type ServerProcess } from "../support/server";

const CLINICIAN_EMAIL = "clinician@riverside.example";

// The test reshapes demo rows through a second connection to the server's database, so it needs Postgres.
describe.skipIf(!chromiumAvailable() || !postgresServerUrl())("email action links in a browser", () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let browser: Browser;
  let capture: ResendCapture;

  beforeAll(async () => {
    database = await createTestDatabase("e2e_email");
    await database.close();
    capture = await startResendCapture();
    [server, browser] = await Promise.all([
      startServerProcess({
        SESSION_SECRET: "e2e-session-secret-that-is-long-enough-for-tests",
        DATABASE_URL: database.url!,
        RESEND_API_KEY: "re_e2e_key",
        RESEND_BASE_URL: capture.url,
        EMAIL_FROM: "Riverside PA <pa@riverside.example>",
        SWEEP_INTERVAL_MS: "2000",
      }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await capture?.close();
    await database?.destroy();
  });

  async function withDb<T>(work: (db: ReturnType<typeof openDatabase>["db"]) => Promise<T>): Promise<T> {
    const handle = openDatabase({ kind: "postgres", url: database.url!, max: 1 });
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
    }
  }

  /**
   * The demo's emails were queued weeks ago and their links have expired: make one of Dr. Lee's (the demo clinician,
   * who has an account) as if it were queued `ageMs` ago.
   */
  function freshEmail(keyPattern: string, ageMs = 0): Promise<{ id: string; caseId: string }> {
    return withDb(async (db) => {
      const [lee] = await db.select({ id: s.providers.id }).from(s.providers).where(eq(s.providers.email, CLINICIAN_EMAIL));
      const [row] = await db
        .select({ id: s.outbox.id, payload: s.outbox.payload })
        .from(s.outbox)
        .where(and(eq(s.outbox.topic, "email"), like(s.outbox.businessKey, keyPattern), sql`${s.outbox.payload}->>'providerId' = ${lee!.id}`))
        .orderBy(s.outbox.businessKey)
        .limit(1);
      expect(row, `the demo has a ${keyPattern} email for Dr. Lee`).toBeDefined();
      await db
        .update(s.outbox)
        .set({ createdAt: sql`now() - make_interval(secs => ${ageMs / 1000})` })
        .where(eq(s.outbox.id, row!.id));
      return { id: row!.id, caseId: (row!.payload as { caseId: string }).caseId };
    });
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

  /** Waits for the capture server to receive the sign-in email for `to` after `since`, and returns its link's path. */
  async function signInPathSentTo(to: string, since: number): Promise<string> {
    for (let i = 0; i < 50; i++) {
      const email = capture.sent.slice(since).find((e) => e.idempotencyKey?.startsWith("sign-in-link:") && (e.body.to as string[]).includes(to));
      if (email) {
        const match = /\/sign-in\/email\/[\w.-]+/.exec(String(email.body.text));
        expect(match, "the sign-in email carries the link").not.toBeNull();
        expect(String(email.body.subject)).toMatch(/^Your sign-in link for case PA-\d+/);
        return match![0];
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no sign-in email reached ${to}`);
  }

  const watch = (page: Page, errors: string[]) => {
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    return page;
  };

  it("a clinician signs in by emailed link from a renewal alert, attests, uploads a note; the coordinator sees both; reuse and tampering get clear pages", async () => {
    const errors: string[] = [];
    const renewal = await freshEmail("renewal-alert:%");
    const request = await freshEmail("information-request:%");
    const coordinator = await signInAs({ url: server.url, server, browser, stop: async () => {} }, "coordinator", errors);
    const { path: attestPath, text } = await actionPathIn(coordinator, renewal.id);
    await coordinator.getByRole("heading", { name: /Renewal needed/ }).waitFor();
    expect(text).toMatch(/Case PA-\d+/);
    await coordinator.screenshot({ path: path.join(artifactsDir, "email-mail-viewer.png") });
    const { path: uploadPath } = await actionPathIn(coordinator, request.id);

    // Not signed in: the link alone opens only the offer of a sign-in link to the address on file.
    const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
    const clinician = watch(await context.newPage(), errors);
    await clinician.goto(`${server.url}${attestPath}`);
    await clinician.getByRole("heading", { name: "Sign in to answer" }).waitFor();
    await clinician.screenshot({ path: path.join(artifactsDir, "email-action-sign-in.png"), fullPage: true });
    const since = capture.sent.length;
    await clinician.getByRole("button", { name: "Email me a sign-in link" }).click();
    await clinician.getByText(/We sent a sign-in link to the email address on file/).waitFor();
    const signInPath = await signInPathSentTo(CLINICIAN_EMAIL, since);

    await clinician.goto(`${server.url}${signInPath}`);
    await clinician.getByRole("heading", { name: /Continue to case PA-\d+/ }).waitFor();
    await clinician.screenshot({ path: path.join(artifactsDir, "email-sign-in-continue.png"), fullPage: true });
    await clinician.getByRole("button", { name: "Sign in and continue" }).click();
    await clinician.getByRole("heading", { name: "Attest continued therapy" }).waitFor();
    await clinician.getByText(/answering as/).waitFor();
    await clinician.getByRole("button", { name: "Send to the PA team" }).click();
    await clinician.getByText(/Tick the box to attest/).waitFor();
    await clinician.getByRole("checkbox").click();
    await clinician.getByLabel("Response to therapy").fill("Clinical remission since week 14; CRP normal.");
    await clinician.getByLabel("Current weight (kg)").fill("74.2");
    await clinician.screenshot({ path: path.join(artifactsDir, "email-action-attest.png"), fullPage: true });
    await clinician.getByRole("button", { name: "Send to the PA team" }).click();
    await clinician.getByRole("heading", { name: "Thank you — it is on the case" }).waitFor();
    await clinician.screenshot({ path: path.join(artifactsDir, "email-action-done.png"), fullPage: true });

    // Now signed in (the sign-in link created the session): the information request opens its form directly.
    await clinician.goto(`${server.url}${uploadPath}`);
    await clinician.getByRole("heading", { name: "Upload the requested document" }).waitFor();
    await clinician.getByLabel(/^Document/).setInputFiles({ name: "response-note.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 response to therapy") });
    await clinician.getByLabel(/Note for the PA team/).fill("Response-to-therapy note attached.");
    await clinician.getByRole("button", { name: "Send to the PA team" }).click();
    await clinician.getByRole("heading", { name: "Thank you — it is on the case" }).waitFor();

    // Each link works once; the sign-in link too.
    await clinician.goto(`${server.url}${attestPath}`);
    await clinician.getByRole("heading", { name: "This link was already used" }).waitFor();
    await clinician.screenshot({ path: path.join(artifactsDir, "email-action-used.png"), fullPage: true });
    await clinician.goto(`${server.url}${signInPath}`);
    await clinician.getByRole("heading", { name: "This sign-in link was already used" }).waitFor();
    await clinician.goto(`${server.url}${attestPath.slice(0, -3)}abc`);
    await clinician.getByRole("heading", { name: "This link is not valid" }).waitFor();
    await context.close();

    // The coordinator sees the attestation and the uploaded note on the case timelines.
    await coordinator.goto(`${server.url}/cases/${renewal.caseId}`);
    await coordinator.getByRole("list", { name: "Case timeline" }).getByText(/attests continued therapy/).first().waitFor();
    await coordinator.getByRole("list", { name: "Case timeline" }).getByText(/signed in\)/).first().waitFor();
    await coordinator.goto(`${server.url}/cases/${request.caseId}`);
    await coordinator.getByRole("list", { name: "Case timeline" }).getByText(/Response-to-therapy note attached/).first().waitFor();
    await coordinator.getByRole("list", { name: "Case timeline" }).screenshot({ path: path.join(artifactsDir, "email-case-timeline.png") });
    expect(errors).toEqual([]);
  });

  it("an expired link gets a clear page, not an error", async () => {
    const errors: string[] = [];
    const expired = await freshEmail("p2p-call-windows:%", 15 * 24 * 60 * 60 * 1000);
    const coordinator = await signInAs({ url: server.url, server, browser, stop: async () => {} }, "coordinator", errors);
    const { path: actionPath } = await actionPathIn(coordinator, expired.id);
    const page = watch(await browser.newPage({ viewport: { width: 900, height: 700 } }), errors);
    await page.goto(`${server.url}${actionPath}`);
    await page.getByRole("heading", { name: "This link has expired" }).waitFor();
    await page.screenshot({ path: path.join(artifactsDir, "email-action-expired.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("the decision notices read right in the mail viewer", async () => {
    const errors: string[] = [];
    const coordinator = await signInAs({ url: server.url, server, browser, stop: async () => {} }, "coordinator", errors);
    for (const template of ["decision-approved", "decision-denied"]) {
      const [row] = await withDb((db) => db.select({ id: s.outbox.id }).from(s.outbox).where(like(s.outbox.businessKey, `${template}:%`)).orderBy(s.outbox.businessKey).limit(1));
      expect(row, `the demo has a ${template} email`).toBeDefined();
      await coordinator.goto(`${server.url}/mail?id=${row!.id}`);
      await coordinator.getByRole("heading", { name: template === "decision-approved" ? /^(Approved|Denial overturned)/ : /(Denied|upheld the denial)/ }).waitFor();
      // The email itself, as the viewer renders it (the list beside it is long).
      await coordinator.locator('iframe[title="Email preview"]').screenshot({ path: path.join(artifactsDir, `email-${template}.png`) });
      await coordinator.getByRole("tab", { name: "Plain text" }).click();
      const text = await coordinator.locator("pre").innerText();
      if (template === "decision-denied") expect(text).toMatch(/Rule: /);
      else expect(text).toMatch(/Authorization number \S+, valid from/);
    }
    expect(errors).toEqual([]);
  });
});
