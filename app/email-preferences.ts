// Who gets which email, as pure rules over the organization's defaults, each member's own choices and each
// ordering provider's delegate nurse. app/email.server.ts loads the rows and applies these; the settings screens
// show their outcome. No I/O here, so every rule has a unit test.
import { z } from "zod";
import { DEFAULT_ACCENT, NOTICE_GROUPS, noticeGroupOf, type EmailBrand, type NoticeGroup } from "../emails/types";

export interface OrganizationEmailDefaults {
  organizationName: string;
  brandName: string | null;
  accentColor: string | null;
  logoUrl: string | null;
  replyTo: string | null;
  digestDefault: boolean;
  digestHour: number;
  /** Resolved: the setting, else the first facility's zone, else America/New_York. */
  timeZone: string;
  noticesOff: string[];
}

export interface MemberPreferences {
  digest: boolean | null;
  notices: Record<string, boolean>;
}

export const DEFAULT_DIGEST_HOUR = 7;
export const FALLBACK_TIME_ZONE = "America/New_York";

export function defaultEmailSettings(organizationName: string, timeZone = FALLBACK_TIME_ZONE): OrganizationEmailDefaults {
  return { organizationName, brandName: null, accentColor: null, logoUrl: null, replyTo: null, digestDefault: true, digestHour: DEFAULT_DIGEST_HOUR, timeZone, noticesOff: [] };
}

export function brandFor(settings: OrganizationEmailDefaults): EmailBrand {
  return { name: settings.brandName?.trim() || settings.organizationName, accentColor: settings.accentColor ?? DEFAULT_ACCENT, ...(settings.logoUrl ? { logoUrl: settings.logoUrl } : {}) };
}

/** The organization's default for a notice group: on unless an admin turned it off. */
export function noticeOnByDefault(settings: Pick<OrganizationEmailDefaults, "noticesOff">, group: NoticeGroup): boolean {
  return !settings.noticesOff.includes(group);
}

/** A member's choice for a group, else the organization's default. Templates outside every group always go. */
export function wantsEmail(settings: Pick<OrganizationEmailDefaults, "noticesOff">, preferences: MemberPreferences | undefined, template: string): boolean {
  const group = noticeGroupOf(template);
  if (!group) return true;
  const own = preferences?.notices[group];
  return typeof own === "boolean" ? own : noticeOnByDefault(settings, group);
}

export function wantsDigest(settings: Pick<OrganizationEmailDefaults, "digestDefault">, preferences: MemberPreferences | undefined): boolean {
  return preferences?.digest ?? settings.digestDefault;
}

export interface ProviderContact {
  name: string;
  email: string | null;
  npi: string;
  delegateName: string | null;
  delegateEmail: string | null;
  delegateMode: "instead" | "also" | null;
}

export interface EmailRecipient {
  email: string;
  name: string;
  kind: "provider" | "delegate" | "member";
  userId?: string;
}

export interface ResolvedRecipients {
  to: EmailRecipient[];
  /** How to greet them. */
  greeting: string;
  /** Nobody is addressed because everyone who would be turned this email off: not a failure. */
  skipped?: string;
  /** Nobody is addressed because no address is on file: a dead letter a coordinator fixes. */
  missing?: string;
}

/**
 * Clinician emails: the provider (unless their delegate receives them instead, or they turned this group off) and
 * the delegate nurse ("instead" or "also"; the organization's defaults apply to a delegate, who has no account
 * preferences). Addresses are compared case-insensitively so nobody gets the same email twice.
 */
export function providerRecipients(
  provider: ProviderContact,
  template: string,
  settings: Pick<OrganizationEmailDefaults, "noticesOff">,
  providerPreferences: MemberPreferences | undefined,
): ResolvedRecipients {
  const to: EmailRecipient[] = [];
  let turnedOff = false;
  if (provider.delegateMode !== "instead" && provider.email) {
    if (wantsEmail(settings, providerPreferences, template)) to.push({ email: provider.email, name: provider.name, kind: "provider" });
    else turnedOff = true;
  }
  if (provider.delegateEmail && provider.delegateMode) {
    if (wantsEmail(settings, undefined, template)) {
      if (!to.some((r) => r.email.toLowerCase() === provider.delegateEmail!.toLowerCase()))
        to.push({ email: provider.delegateEmail, name: provider.delegateName ?? "Care team", kind: "delegate" });
    } else turnedOff = true;
  }
  const delegate = to.find((r) => r.kind === "delegate");
  const greeting = delegate ? (to.length > 1 ? `${provider.name} and ${delegate.name}` : `${delegate.name} (for ${provider.name})`) : provider.name;
  if (to.length > 0) return { to, greeting };
  if (turnedOff) return { to, greeting, skipped: "the ordering provider (and their delegate) turned this email off in their preferences" };
  return { to, greeting, missing: `the ordering provider (NPI ${provider.npi}) has no email address on file and no delegate` };
}

export interface MemberContact {
  userId: string;
  email: string;
  name: string;
  preferences?: MemberPreferences;
}

/** Coordinator emails: the assignee, else every coordinator (they share the queue); each by their own choice. */
export function memberRecipients(members: MemberContact[], template: string, settings: Pick<OrganizationEmailDefaults, "noticesOff">, greeting: string): ResolvedRecipients {
  const seen = new Set<string>();
  const to: EmailRecipient[] = [];
  for (const m of members) {
    if (!wantsEmail(settings, m.preferences, template) || seen.has(m.email.toLowerCase())) continue;
    seen.add(m.email.toLowerCase());
    to.push({ email: m.email, name: m.name, kind: "member", userId: m.userId });
  }
  if (to.length > 0) return { to, greeting: to.length === 1 ? to[0]!.name : greeting };
  if (members.length > 0) return { to, greeting, skipped: "every coordinator it would go to turned this email off in their preferences" };
  return { to, greeting, missing: "the case has no assignee and the organization has no coordinators" };
}

// ---------------------------------------------------------------- forms (Settings → Email, My email preferences)

/** WCAG relative luminance of "#rrggbb". */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast of white button text on the accent colour (WCAG: at least 4.5 for normal text). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional();

const timeZoneSchema = z
  .string()
  .trim()
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "Enter an IANA time zone such as America/Chicago");

export const OrganizationEmailSettingsSchema = z.object({
  brandName: optionalText(80, "Keep the brand name to 80 characters"),
  accentColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, "Enter a colour as #rrggbb, e.g. #0d7377")
    .refine((hex) => contrastWithWhite(hex) >= 4.5, "White button text is hard to read on this colour (contrast below 4.5:1); choose a darker one")
    .optional(),
  logoUrl: z.url({ protocol: /^https$/, error: "Enter an https:// address of the logo image" }).optional(),
  replyTo: z.email("Enter the reply-to address, e.g. pa-team@clinic.org").optional(),
  digestDefault: z.literal("on").optional(),
  digestHour: z.coerce.number({ error: "Choose the hour the digest goes out" }).int("Choose a whole hour").min(0, "Choose an hour from 0 to 23").max(23, "Choose an hour from 0 to 23"),
  timeZone: timeZoneSchema.optional(),
  noticesOn: z.array(z.enum(NOTICE_GROUPS)).default([]),
});

export const MyEmailPreferencesSchema = z.object({
  digest: z.literal("on").optional(),
  noticesOn: z.array(z.enum(NOTICE_GROUPS)).default([]),
});

export const DelegateSchema = z
  .object({
    delegateName: optionalText(120, "Keep the name to 120 characters"),
    delegateEmail: z.email("Enter the delegate's email, e.g. nurse@clinic.org").optional(),
    delegateMode: z.enum(["instead", "also", "none"], { error: "Choose who receives the emails" }),
  })
  .superRefine((value, ctx) => {
    if (value.delegateMode === "none") return;
    if (!value.delegateEmail) ctx.addIssue({ code: "custom", path: ["delegateEmail"], message: "Enter the delegate's email, e.g. nurse@clinic.org" });
    if (!value.delegateName) ctx.addIssue({ code: "custom", path: ["delegateName"], message: "Enter the delegate's name" });
  });
