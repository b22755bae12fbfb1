// Signed, expiring links from an email to one action on one case. The token carries what the action needs
// (organization, case, who it was sent to, which email) and an HMAC over it with the session secret, so it cannot
// be forged or altered. It is deterministic for an outbox row (expiry counts from the row's creation), so the mail
// viewer shows exactly the link that was sent. Single use is enforced where the action is performed.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const emailActions = ["attest-continued-therapy", "upload-requested-document", "pick-p2p-windows"] as const;
export type EmailAction = (typeof emailActions)[number];

const EmailLinkSchema = z.object({
  /** Organization, case, ordering provider, the outbox business key (the link's identity), action, expiry (ms). */
  o: z.uuid(),
  c: z.uuid(),
  p: z.uuid(),
  k: z.string().min(1),
  a: z.enum(emailActions),
  e: z.number().int().positive(),
});

export interface EmailLink {
  organizationId: string;
  caseId: string;
  providerId: string;
  businessKey: string;
  action: EmailAction;
  expiresAt: Date;
}

/** How long a clinician has to use a link. */
export const EMAIL_LINK_TTL_MS = 14 * 24 * 60 * 60 * 1000;

const signature = (body: string, secret: string) => createHmac("sha256", secret).update(`email-link.v1.${body}`).digest("base64url");

export function signEmailLink(link: EmailLink, secret: string): string {
  const body = Buffer.from(
    JSON.stringify({ o: link.organizationId, c: link.caseId, p: link.providerId, k: link.businessKey, a: link.action, e: link.expiresAt.getTime() }),
  ).toString("base64url");
  return `${body}.${signature(body, secret)}`;
}

export type EmailLinkCheck = { ok: true; link: EmailLink } | { ok: false; reason: "invalid" | "expired" };

/** Checks the signature first, then the expiry; never trusts the body of a token that does not verify. */
export function verifyEmailLink(token: string, secret: string, now: Date): EmailLinkCheck {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(signature(body, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const parsed = EmailLinkSchema.safeParse(decoded);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const t = parsed.data;
  const link: EmailLink = { organizationId: t.o, caseId: t.c, providerId: t.p, businessKey: t.k, action: t.a, expiresAt: new Date(t.e) };
  if (link.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, link };
}

export function emailActionUrl(appUrl: string, token: string): string {
  return new URL(`/email-action/${token}`, appUrl).toString();
}
