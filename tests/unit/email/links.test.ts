// Action links: signed (an altered token is refused), expiring, and bound to one action on one case.
import { EMAIL_LINK_TTL_MS, emailActionUrl, signEmailLink, verifyEmailLink, type EmailLink } from "~/email-links.server";

const secret = "x".repeat(40);
const now = new Date("2026-06-14T12:00:00Z");
const makeLink = (overrides: Partial<EmailLink> = {}): EmailLink => ({
  organizationId: "11111111-1111-4111-8111-111111111111",
  caseId: "22222222-2222-4222-8222-222222222222",
  providerId: "33333333-3333-4333-8333-333333333333",
  businessKey: "renewal-alert:22222222-2222-4222-8222-222222222222:30d",
  action: "attest-continued-therapy",
  expiresAt: new Date(now.getTime() + EMAIL_LINK_TTL_MS),
  ...overrides,
});

describe("email action links", () => {
  it("round-trips what the action needs", () => {
    const link = makeLink();
    expect(verifyEmailLink(signEmailLink(link, secret), secret, now)).toEqual({ ok: true, link });
  });

  it("is the same token for the same email (the viewer shows the link that was sent)", () => {
    expect(signEmailLink(makeLink(), secret)).toBe(signEmailLink(makeLink(), secret));
  });

  it("refuses an expired link", () => {
    const token = signEmailLink(makeLink({ expiresAt: new Date(now.getTime() - 1) }), secret);
    expect(verifyEmailLink(token, secret, now)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token signed with another secret or with its body altered", () => {
    const token = signEmailLink(makeLink(), secret);
    expect(verifyEmailLink(token, "y".repeat(40), now)).toEqual({ ok: false, reason: "invalid" });
    const [, mac] = token.split(".");
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()), a: "pick-p2p-windows" })).toString("base64url");
    expect(verifyEmailLink(`${forgedBody}.${mac}`, secret, now)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyEmailLink("garbage", secret, now)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyEmailLink("a.b.c", secret, now)).toEqual({ ok: false, reason: "invalid" });
  });

  it("builds an absolute URL under the app", () => {
    expect(emailActionUrl("https://pa.example.org", "abc.def")).toBe("https://pa.example.org/email-action/abc.def");
  });
});
