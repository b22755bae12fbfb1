// Every template the outbox can ask for renders in HTML and plain text with what the reader needs — dates, units,
// requested items, the action link — and nothing that identifies the patient beyond initials and the case number.
import {
  emailTemplateNames,
  renderEmail,
  type EmailBase,
  type EmailMessage,
  type EmailTemplateName,
} from "../../../emails";

const base: EmailBase = {
  organizationName: "Summit Infusion",
  recipientName: "Ada Lovelace, MD",
  caseNumber: "PA-000042",
  patientInitials: "J.D.",
  caseUrl: "https://pa.example.org/queues",
};
const actionUrl = "https://pa.example.org/email-action/abc.def";

function makeMessage(template: EmailTemplateName): EmailMessage {
  switch (template) {
    case "renewal-alert":
      return {
        template,
        ...base,
        band: 14,
        effectiveTo: "2026-07-14",
        authorizedUnits: 240,
        remainingUnits: 80,
        actionUrl,
      };
    case "renewal-alert-coordinator":
      return {
        template,
        ...base,
        band: "units",
        effectiveTo: "2026-07-14",
        remainingUnits: 30,
      };
    case "information-request":
    case "information-reminder":
      return {
        template,
        ...base,
        items: ["Last 3 months of CRP", "Current weight"],
        dueOn: "2026-01-20",
        actionUrl,
      };
    case "information-overdue":
      return {
        template,
        ...base,
        items: ["Last 3 months of CRP"],
        dueOn: "2026-01-20",
      };
    case "p2p-call-windows":
      return {
        template,
        ...base,
        deadline: "2026-02-03T05:00:00.000Z",
        actionUrl,
      };
    case "decision-overdue":
    case "p2p-window-closed":
    case "appeal-window-closed":
    case "site-of-care-transition-due":
      return { template, ...base, dueAt: "2026-02-10T05:00:00.000Z" };
    case "decision-approved":
      return {
        template,
        ...base,
        stage: "initial",
        outcome: "partially_approved",
        authorizationNumber: "AUTH-7781",
        effectiveFrom: "2026-01-15",
        effectiveTo: "2026-07-14",
        unitType: "units",
        lines: [{ lineNumber: 1, requested: 300, authorized: 240 }],
      };
    case "decision-denied":
      return {
        template,
        ...base,
        stage: "initial",
        reason:
          "Step therapy not met: no trial of a formulary TNF inhibitor documented",
        denialCategory: "step_therapy",
        timeZone: "America/Chicago",
        deadlines: [
          {
            kind: "p2p-request",
            at: "2026-01-20T06:00:00.000Z",
            rule: "summit-health/p2p-window@2025-01-01",
            source: "Summit Health provider manual §4.2",
            description:
              "Last day to request a peer-to-peer review (14 days from the denial)",
          },
          {
            kind: "appeal-filing",
            at: "2026-03-07T06:00:00.000Z",
            rule: "summit-health/appeal-window@2025-01-01",
            source: "Summit Health provider manual §6.1",
            description:
              "Last day to file the level 1 appeal (60 days from the adverse decision)",
          },
        ],
      };
    case "sign-in-link":
      return {
        template,
        organizationName: base.organizationName,
        recipientName: "Ada Lovelace, MD",
        caseNumber: "PA-000042",
        signInUrl: "https://pa.example.org/sign-in/email/org.secret",
        expiresInMinutes: 15,
      };
    case "hold-aging":
      return {
        template,
        organizationName: base.organizationName,
        recipientName: "Blake Biller",
        claimNumber: "CLM-000098",
        patientInitials: "J.D.",
        reason: "units exceeded",
        thresholdDays: 7,
        claimsUrl: "https://pa.example.org/claims?reason=units-exceeded",
      };
    case "coordinator-digest":
      return {
        template,
        organizationName: base.organizationName,
        recipientName: "Casey Coordinator",
        day: "2026-01-20",
        queueUrl: base.caseUrl,
        items: [
          {
            caseNumber: "PA-000042",
            patientInitials: "J.D.",
            dueAt: "2026-01-20T15:00:00.000Z",
            what: "Payer decision due",
          },
        ],
      };
  }
}

const clinicianTemplates = new Set<EmailTemplateName>([
  "renewal-alert",
  "information-request",
  "information-reminder",
  "p2p-call-windows",
]);

describe.each(emailTemplateNames)("%s email", (template) => {
  it("renders HTML and text with the case reference, the organization and the right link", async () => {
    const email = await renderEmail(makeMessage(template));
    expect(email.subject).toContain(
      template === "coordinator-digest"
        ? "Due today"
        : template === "hold-aging"
          ? "CLM-000098"
          : "PA-000042",
    );
    for (const body of [email.html, email.text]) {
      expect(body).toContain(
        template === "hold-aging" ? "CLM-000098" : "PA-000042",
      );
      if (template !== "sign-in-link") expect(body).toContain("J.D.");
      expect(body).toContain("Summit Infusion");
      expect(body).toContain(
        clinicianTemplates.has(template)
          ? actionUrl
          : template === "sign-in-link"
            ? "https://pa.example.org/sign-in/email/org.secret"
            : template === "hold-aging"
              ? "https://pa.example.org/claims?reason=units-exceeded"
              : base.caseUrl,
      );
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
    const { subject, text } = await renderEmail(
      makeMessage("information-request"),
    );
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
    const { subject, html, text } = await renderEmail(
      makeMessage("coordinator-digest"),
    );
    expect(subject).toBe("Due today (Jan 20, 2026): 1 case");
    for (const body of [html, text])
      expect(body).toContain(
        "PA-000042 · J.D. — Payer decision due, due Jan 20, 3:00 PM UTC",
      );
  });

  it("a hold-aging alert names the claim, the initials, the reason and the threshold, and links to the queue", async () => {
    const { subject, html, text } = await renderEmail(
      makeMessage("hold-aging"),
    );
    expect(subject).toBe("Claim CLM-000098 held 7+ days: units exceeded");
    for (const body of [html, text]) {
      expect(body).toContain(
        "Claim CLM-000098 (patient J.D.) is still held: units exceeded.",
      );
      expect(body).toMatch(/held for 7 days/i);
    }
  });

  it("the units band of a coordinator alert says units are running out", async () => {
    const { subject, html, text } = await renderEmail(
      makeMessage("renewal-alert-coordinator"),
    );
    expect(subject).toContain("units running out");
    for (const body of [html, text]) expect(body).toContain("30 units left");
  });
});

describe("decision notices", () => {
  it("approved: authorization number, dates, authorized and requested units per line", async () => {
    const { subject, html, text } = await renderEmail(
      makeMessage("decision-approved"),
    );
    expect(subject).toBe(
      "Approved: authorization AUTH-7781, Jan 15, 2026 – Jul 14, 2026 (case PA-000042)",
    );
    for (const body of [html, text]) {
      expect(body).toContain("AUTH-7781");
      expect(body).toContain("Jan 15, 2026");
      expect(body).toContain("Jul 14, 2026");
      expect(body).toContain(
        "Line 1: 240 units authorized (300 units requested)",
      );
      expect(body).toContain("partially approved");
    }
  });

  it("approved after an appeal, in visits, says how it was won", async () => {
    const message = {
      ...makeMessage("decision-approved"),
      stage: "appeal",
      appealLevel: 2,
      outcome: "approved",
      unitType: "visits",
      lines: [{ lineNumber: 1, requested: 6, authorized: 6 }],
    } as EmailMessage;
    const { subject, text } = await renderEmail(message);
    expect(subject).toMatch(
      /^Denial overturned on appeal: authorization AUTH-7781/,
    );
    expect(text).toContain("after the level 2 appeal overturned the denial");
    expect(text).toContain("Line 1: 6 visits authorized");
    expect(text).not.toContain("requested)");
  });

  it("denied: the payer's specific reason and each deadline with the rule that set it, in the facility's time zone", async () => {
    const { subject, html, text } = await renderEmail(
      makeMessage("decision-denied"),
    );
    expect(subject).toBe(
      "Denied: case PA-000042 — peer-to-peer by Jan 19, 2026",
    );
    for (const body of [html, text]) {
      expect(body).toContain(
        "Step therapy not met: no trial of a formulary TNF inhibitor documented",
      );
      expect(body).toContain("(step therapy)");
      expect(body).toContain(
        "Request a peer-to-peer review by Jan 19, 2026 (end of the day, CST)",
      );
      expect(body).toContain(
        "File the appeal by Mar 6, 2026 (end of the day, CST)",
      );
      expect(body).toContain("summit-health/p2p-window@2025-01-01");
      expect(body).toContain("Summit Health provider manual §6.1");
    }
  });

  it("an upheld appeal with no further level says so; a missing reason is called out", async () => {
    const message = {
      ...makeMessage("decision-denied"),
      stage: "appeal",
      appealLevel: "external",
      reason: undefined,
      deadlines: [],
    } as EmailMessage;
    const { subject, text } = await renderEmail(message);
    expect(subject).toBe("External review upheld the denial: case PA-000042");
    expect(text).toContain("the payer gave no specific reason");
    expect(text).toContain("No further review is open");
  });

  it("the sign-in link says it works once and when it expires", async () => {
    const { subject, text } = await renderEmail(makeMessage("sign-in-link"));
    expect(subject).toBe("Your sign-in link for case PA-000042");
    expect(text).toContain("expires in 15 minutes");
    expect(text).toContain("https://pa.example.org/sign-in/email/org.secret");
  });
});

describe("branding", () => {
  it("uses the organization's brand name, accent colour and logo; the default accent otherwise", async () => {
    const plain = await renderEmail(makeMessage("decision-approved"));
    expect(plain.html).toContain("#0d7377");
    const branded = await renderEmail({
      ...makeMessage("decision-approved"),
      brand: {
        name: "Summit Infusion Partners",
        accentColor: "#7a1f5c",
        logoUrl: "https://cdn.summit.example/logo.png",
      },
    });
    expect(branded.html).toContain(
      "Summit Infusion Partners · Prior authorizations",
    );
    expect(branded.html).toContain("#7a1f5c");
    expect(branded.html).not.toContain("#0d7377");
    expect(branded.html).toContain('src="https://cdn.summit.example/logo.png"');
    expect(branded.text).toContain("Sent by Summit Infusion Partners");
  });
});
