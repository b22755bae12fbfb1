// Who gets which email: the organization's defaults, a member's own choices, and a provider's delegate nurse
// ("instead" or "also"), each rule on its own.
import {
  DelegateSchema,
  OrganizationEmailSettingsSchema,
  contrastWithWhite,
  defaultEmailSettings,
  memberRecipients,
  providerRecipients,
  wantsDigest,
  wantsEmail,
  type ProviderContact,
} from "~/email-preferences";

const org = defaultEmailSettings("Summit Infusion");
const provider: ProviderContact = { name: "Ada Lovelace, MD", email: "ada@clinic.example", npi: "1234567893", delegateName: null, delegateEmail: null, delegateMode: null };
const nurse = { delegateName: "Grace Hopper, RN", delegateEmail: "grace@clinic.example" };

describe("notice groups and defaults", () => {
  it("everything is on by default; an organization default off turns it off for those without their own choice", () => {
    expect(wantsEmail(org, undefined, "renewal-alert")).toBe(true);
    const quiet = { ...org, noticesOff: ["renewal-alerts"] };
    expect(wantsEmail(quiet, undefined, "renewal-alert")).toBe(false);
    expect(wantsEmail(quiet, undefined, "renewal-alert-coordinator")).toBe(false);
    expect(wantsEmail(quiet, undefined, "decision-denied")).toBe(true);
    expect(wantsEmail(quiet, { digest: null, notices: { "renewal-alerts": true } }, "renewal-alert")).toBe(true);
  });

  it("a member's choice beats the default either way", () => {
    expect(wantsEmail(org, { digest: null, notices: { decisions: false } }, "decision-approved")).toBe(false);
  });

  it("an email outside every group (a new template) always goes", () => {
    expect(wantsEmail({ noticesOff: ["renewal-alerts", "decisions"] }, { digest: null, notices: {} }, "claim-hold-aging")).toBe(true);
  });

  it("the digest follows the member's choice, else the organization's default", () => {
    expect(wantsDigest(org, undefined)).toBe(true);
    expect(wantsDigest({ digestDefault: false }, undefined)).toBe(false);
    expect(wantsDigest({ digestDefault: false }, { digest: true, notices: {} })).toBe(true);
    expect(wantsDigest(org, { digest: false, notices: {} })).toBe(false);
  });
});

describe("clinician emails and the delegate nurse", () => {
  it("no delegate: the provider", () => {
    expect(providerRecipients(provider, "renewal-alert", org, undefined)).toEqual({ to: [{ email: "ada@clinic.example", name: "Ada Lovelace, MD", kind: "provider" }], greeting: "Ada Lovelace, MD" });
  });

  it("delegate instead: only the delegate, greeted on the provider's behalf", () => {
    const r = providerRecipients({ ...provider, ...nurse, delegateMode: "instead" }, "renewal-alert", org, undefined);
    expect(r.to.map((t) => [t.email, t.kind])).toEqual([["grace@clinic.example", "delegate"]]);
    expect(r.greeting).toBe("Grace Hopper, RN (for Ada Lovelace, MD)");
  });

  it("delegate also: both, once each (the same address twice is one recipient)", () => {
    const r = providerRecipients({ ...provider, ...nurse, delegateMode: "also" }, "information-request", org, undefined);
    expect(r.to.map((t) => t.kind)).toEqual(["provider", "delegate"]);
    expect(r.greeting).toBe("Ada Lovelace, MD and Grace Hopper, RN");
    const same = providerRecipients({ ...provider, delegateName: "Front desk", delegateEmail: "ADA@clinic.example", delegateMode: "also" }, "information-request", org, undefined);
    expect(same.to).toHaveLength(1);
  });

  it("the provider turned a group off: they are left out, their delegate still hears; alone, it is skipped (not a failure)", () => {
    const off = { digest: null, notices: { "renewal-alerts": false } };
    expect(providerRecipients({ ...provider, ...nurse, delegateMode: "also" }, "renewal-alert", org, off).to.map((t) => t.kind)).toEqual(["delegate"]);
    const alone = providerRecipients(provider, "renewal-alert", org, off);
    expect(alone.to).toEqual([]);
    expect(alone.skipped).toMatch(/turned this email off/);
    expect(alone.missing).toBeUndefined();
  });

  it("no address and no delegate: a missing recipient a coordinator must fix", () => {
    const r = providerRecipients({ ...provider, email: null }, "renewal-alert", org, undefined);
    expect(r.missing).toBe("the ordering provider (NPI 1234567893) has no email address on file and no delegate");
    expect(providerRecipients({ ...provider, email: null, ...nurse, delegateMode: "also" }, "renewal-alert", org, undefined).to.map((t) => t.kind)).toEqual(["delegate"]);
  });
});

describe("coordinator emails", () => {
  const casey = { userId: "u1", email: "casey@clinic.example", name: "Casey" };
  const jordan = { userId: "u2", email: "jordan@clinic.example", name: "Jordan" };
  it("each coordinator by their own choice; everyone off → skipped; nobody → missing", () => {
    const r = memberRecipients([casey, { ...jordan, preferences: { digest: null, notices: { deadlines: false } } }], "decision-overdue", org, "PA team");
    expect(r.to.map((t) => t.email)).toEqual(["casey@clinic.example"]);
    expect(r.greeting).toBe("Casey");
    expect(memberRecipients([{ ...casey, preferences: { digest: null, notices: { deadlines: false } } }], "decision-overdue", org, "PA team").skipped).toBeDefined();
    expect(memberRecipients([], "decision-overdue", org, "PA team").missing).toBeDefined();
  });
});

describe("settings forms", () => {
  it("rejects an accent colour white text cannot be read on, naming the field", () => {
    expect(contrastWithWhite("#0d7377")).toBeGreaterThan(4.5);
    const pale = OrganizationEmailSettingsSchema.safeParse({ accentColor: "#ffd966", digestHour: "7" });
    expect(pale.success).toBe(false);
    expect(pale.error?.issues[0]).toMatchObject({ path: ["accentColor"], message: expect.stringContaining("contrast below 4.5:1") as string });
    expect(OrganizationEmailSettingsSchema.safeParse({ accentColor: "teal", digestHour: "7" }).error?.issues[0]?.message).toBe("Enter a colour as #rrggbb, e.g. #0d7377");
  });

  it("a logo must be https, the hour 0–23 and the time zone a real one", () => {
    const bad = OrganizationEmailSettingsSchema.safeParse({ logoUrl: "http://cdn.example/logo.png", digestHour: "24", timeZone: "Mars/Olympus" });
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(["digestHour", "logoUrl", "timeZone"]);
    expect(OrganizationEmailSettingsSchema.parse({ digestHour: "6", timeZone: "America/Chicago", noticesOn: ["decisions"] })).toMatchObject({ digestHour: 6, noticesOn: ["decisions"] });
  });

  it("a delegate needs a name and an email unless there is none", () => {
    expect(DelegateSchema.safeParse({ delegateMode: "none" }).success).toBe(true);
    const missing = DelegateSchema.safeParse({ delegateMode: "also" });
    expect(missing.error?.issues.map((i) => i.path[0]).sort()).toEqual(["delegateEmail", "delegateName"]);
  });
});
