// Every template the outbox can ask for renders in HTML and plain text with what the reader needs — dates, units,
// requested items, the action link — and nothing that identifies the patient beyond initials and the case number.
import { emailTemplateNames, renderEmail, type EmailBase, type EmailMessage, type EmailTemplateName } from "../../../emails";

const base: EmailBase = { organizationName: "Summit Infusion", recipientName: "Ada Lovelace, MD", caseNumber: "PA-000042", patientInitials: "J.D.", caseUrl: "https://pa.example.org/queues" };
const actionUrl = "https://pa.example.org/email-action/abc.def";

function makeMessage(template: EmailTemplateName): EmailMessage {
  switch (template) {
    case "renewal-alert":
      return { template, ...base, band: 14, effectiveTo: "2026-07-14", authorizedUnits: 240, remainingUnits: 80, actionUrl };
    case "renewal-alert-coordinator":
      return { template, ...base, band: "units", effectiveTo: "2026-07-14", remainingUnits: 30 };
    case "information-request":
    case "information-reminder":
      return { template, ...base, items: ["Last 3 months of CRP", "Current weight"], dueOn: "2026-01-20", actionUrl };
    case "information-overdue":
      return { template, ...base, items: ["Last 3 months of CRP"], dueOn: "2026-01-20" };
    case "p2p-call-windows":
      return { template, ...base, deadline: "2026-02-03T05:00:00.000Z", actionUrl };
    case "decision-overdue":
    case "p2p-window-closed":
    case "appeal-window-closed":
    case "site-of-care-transition-due":
      return { template, ...base, dueAt: "2026-02-10T05:00:00.000Z" };
    case "coordinator-digest":
      return {
        template,
        organizationName: base.organizationName,
        recipientName: "Casey Coordinator",
        day: "2026-01-20",
        queueUrl: base.caseUrl,
        items: [{ caseNumber: "PA-000042", patientInitials: "J.D.", dueAt: "2026-01-20T15:00:00.000Z", what: "Payer decision due" }],
      };
  }
}

const clinicianTemplates = new Set<EmailTemplateName>(["renewal-alert", "information-request", "information-reminder", "p2p-call-windows"]);

describe.each(emailTemplateNames)("%s email", (template) => {
  it("renders HTML and text with the case reference, the organization and the right link", async () => {
    const email = await renderEmail(makeMessage(template));
    expect(email.subject).toContain(template === "coordinator-digest" ? "Due today" : "PA-000042");
    for (const body of [email.html, email.text]) {
      expect(body).toContain("PA-000042");
      expect(body).toContain("J.D.");
      expect(body).toContain("Summit Infusion");
      expect(body).toContain(clinicianTemplates.has(template) ? actionUrl : base.caseUrl);
    }
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.text).not.toContain("<");
  });
});

describe("what each clinician needs is in the email", () => {
  it("renewal alert: end date, authorized and remaining units, what the payer will want", async () => {
    const { html, text } = await renderEmail(makeMessage("renewal-alert"));
    for (const body of [html, text]) {
      expect(body).toContain("Jul 14, 2026");
      expect(body).toContain("240 units");
      expect(body).toContain("80 units");
      expect(body).toMatch(/response-to-therapy note/);
      expect(body).toMatch(/recent labs/);
      expect(body).toMatch(/current weight/);
      expect(body).toContain("14 days before the authorization ends");
    }
  });

  it("information request: each requested item and the due date", async () => {
    const { subject, text } = await renderEmail(makeMessage("information-request"));
    expect(subject).toContain("Jan 20, 2026");
    expect(text).toContain("Last 3 months of CRP");
    expect(text).toContain("Current weight");
    expect(text).toContain("Jan 20, 2026");
  });

  it("peer-to-peer: the deadline and a link to pick windows", async () => {
    const { text } = await renderEmail(makeMessage("p2p-call-windows"));
    expect(text).toContain("Feb 3, 2026");
    expect(text).toMatch(/pick call windows/i);
  });

  it("the coordinator digest lists what is due today, by case number and initials", async () => {
    const { subject, html, text } = await renderEmail(makeMessage("coordinator-digest"));
    expect(subject).toBe("Due today (Jan 20, 2026): 1 case");
    for (const body of [html, text]) expect(body).toContain("PA-000042 · J.D. — Payer decision due, due Jan 20, 3:00 PM UTC");
  });

  it("the units band of a coordinator alert says units are running out", async () => {
    const { subject, html, text } = await renderEmail(makeMessage("renewal-alert-coordinator"));
    expect(subject).toContain("units running out");
    for (const body of [html, text]) expect(body).toContain("30 units left");
  });
});
