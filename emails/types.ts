// What each email template is given. Deliberately thin: patient initials and the case number identify the case;
// names, dates of birth, member ids, diagnoses and drugs stay behind sign-in.
/** How an organization's emails look (Settings → Email); the organization's name and the default accent when unset. */
export interface EmailBrand {
  name: string;
  /** "#0d7377"; white button text must stay readable on it. */
  accentColor: string;
  logoUrl?: string;
}

export const DEFAULT_ACCENT = "#0d7377";

export interface EmailBase {
  organizationName: string;
  /** Branding; the organization's name and the default accent when absent. */
  brand?: EmailBrand;
  recipientName: string;
  caseNumber: string;
  patientInitials: string;
  /** The case in the app (sign-in required). */
  caseUrl: string;
}

export type RenewalBand = 30 | 14 | 7 | "units";

export interface RenewalAlertProps extends EmailBase {
  band: RenewalBand;
  /** Last day the current authorization covers (ISO date). */
  effectiveTo: string;
  authorizedUnits?: number;
  remainingUnits?: number;
  /** Signed link to attest continued therapy and enter the current weight. */
  actionUrl: string;
}

export interface RenewalAlertCoordinatorProps extends EmailBase {
  band: RenewalBand;
  effectiveTo: string;
  remainingUnits?: number;
}

export interface InformationRequestProps extends EmailBase {
  items: string[];
  dueOn: string;
  /** Signed link to upload the requested document. */
  actionUrl: string;
}

export interface InformationOverdueProps extends EmailBase {
  items: string[];
  dueOn: string;
}

export interface P2PCallWindowsProps extends EmailBase {
  /** When the payer's peer-to-peer window closes (ISO instant), when known. */
  deadline?: string;
  /** Signed link to pick call windows. */
  actionUrl: string;
}

export type DeadlineNoticeTemplate =
  | "decision-overdue"
  | "p2p-window-closed"
  | "appeal-window-closed"
  | "site-of-care-transition-due";

export interface DeadlineNoticeProps extends EmailBase {
  template: DeadlineNoticeTemplate;
  dueAt: string;
}

export type DecisionStage = "initial" | "peer-to-peer" | "appeal";
export type NoticeAppealLevel = 1 | 2 | "external";

export interface DecisionApprovedProps extends EmailBase {
  stage: DecisionStage;
  appealLevel?: NoticeAppealLevel;
  outcome: "approved" | "partially_approved" | "modified";
  authorizationNumber: string;
  /** ISO dates, as the payer wrote them. */
  effectiveFrom: string;
  effectiveTo: string;
  /** Whether the payer counts units or visits. */
  unitType: "units" | "visits";
  /** Per requested line: what was asked and what the payer authorized (in `unitType`). */
  lines: { lineNumber: number; requested: number; authorized: number }[];
}

/** A clock an adverse decision started: when it ends and the rule that set it. */
export interface NoticeDeadlineProps {
  kind: "p2p-request" | "appeal-filing";
  /** ISO instant (the end of the local day). */
  at: string;
  rule: string;
  source: string;
  description: string;
}

export interface DecisionDeniedProps extends EmailBase {
  stage: DecisionStage;
  appealLevel?: NoticeAppealLevel;
  /** The payer's specific reason, as recorded. */
  reason?: string;
  /** medical_necessity, site_of_care, step_therapy… */
  denialCategory?: string;
  deadlines: NoticeDeadlineProps[];
  /** The facility's time zone: deadlines are shown as its local day and time. */
  timeZone: string;
}

export interface SignInLinkProps {
  organizationName: string;
  brand?: EmailBrand;
  recipientName: string;
  caseNumber: string;
  /** The single-use sign-in link. */
  signInUrl: string;
  expiresInMinutes: number;
}

export interface DigestItem {
  caseNumber: string;
  patientInitials: string;
  /** When it is due (ISO instant). */
  dueAt: string;
  /** What is due, in a coordinator's words ("Payer decision due"). */
  what: string;
}

export interface CoordinatorDigestProps {
  organizationName: string;
  brand?: EmailBrand;
  recipientName: string;
  /** The day the digest is for (ISO date). */
  day: string;
  /** Cases due by the end of that day, most overdue first. */
  items: DigestItem[];
  /** Times are shown in this zone (the organization's); UTC when absent. */
  timeZone?: string;
  queueUrl: string;
}

export interface HoldAgingProps {
  organizationName: string;
  brand?: EmailBrand;
  recipientName: string;
  claimNumber: string;
  patientInitials: string;
  /** The hold's reason in words ("units exceeded"). */
  reason: string;
  /** The aging threshold crossed, in days. */
  thresholdDays: number;
  /** The holds queue, filtered to the reason (details behind sign-in). */
  claimsUrl: string;
}

/** Every template the outbox can ask for, with its props. */
export type EmailMessage =
  | ({ template: "renewal-alert" } & RenewalAlertProps)
  | ({ template: "renewal-alert-coordinator" } & RenewalAlertCoordinatorProps)
  | ({ template: "information-request" } & InformationRequestProps)
  | ({ template: "information-reminder" } & InformationRequestProps)
  | ({ template: "information-overdue" } & InformationOverdueProps)
  | ({ template: "p2p-call-windows" } & P2PCallWindowsProps)
  | DeadlineNoticeProps
  | ({ template: "decision-approved" } & DecisionApprovedProps)
  | ({ template: "decision-denied" } & DecisionDeniedProps)
  | ({ template: "coordinator-digest" } & CoordinatorDigestProps)
  | ({ template: "sign-in-link" } & SignInLinkProps)
  | ({ template: "hold-aging" } & HoldAgingProps);

export type EmailTemplateName = EmailMessage["template"];

export const emailTemplateNames = [
  "renewal-alert",
  "renewal-alert-coordinator",
  "information-request",
  "information-reminder",
  "information-overdue",
  "p2p-call-windows",
  "decision-overdue",
  "p2p-window-closed",
  "appeal-window-closed",
  "site-of-care-transition-due",
  "decision-approved",
  "decision-denied",
  "coordinator-digest",
  "sign-in-link",
  "hold-aging",
] as const satisfies readonly EmailTemplateName[];

/** Templates the outbox queues for a case (the digest and sign-in links are composed differently). */
export type CaseEmailTemplate = Exclude<
  EmailTemplateName,
  "coordinator-digest" | "sign-in-link" | "hold-aging"
>;

/**
 * Notice groups people turn on or off (Settings → Email for the organization's defaults, My email preferences for
 * oneself). Every case email belongs to exactly one group; sign-in links and the digest are not notices.
 */
export const noticeGroups = {
  "renewal-alerts": {
    label: "Renewal alerts",
    description:
      "30, 14 and 7 days before an authorization ends, and when units run short",
    templates: ["renewal-alert", "renewal-alert-coordinator"],
  },
  "information-requests": {
    label: "Payer information requests",
    description: "What the payer asked for, reminders and overdue notices",
    templates: [
      "information-request",
      "information-reminder",
      "information-overdue",
    ],
  },
  "peer-to-peer": {
    label: "Peer-to-peer scheduling",
    description: "Call windows to offer and a closed peer-to-peer window",
    templates: ["p2p-call-windows", "p2p-window-closed"],
  },
  decisions: {
    label: "Decision notices",
    description:
      "Approved (dates, units, authorization number) and denied (reason, P2P and appeal deadlines)",
    templates: ["decision-approved", "decision-denied"],
  },
  deadlines: {
    label: "Deadline notices",
    description:
      "Payer decision overdue, appeal window closed, site-of-care transition due",
    templates: [
      "decision-overdue",
      "appeal-window-closed",
      "site-of-care-transition-due",
    ],
  },
} as const satisfies Record<
  string,
  {
    label: string;
    description: string;
    templates: readonly CaseEmailTemplate[];
  }
>;

export type NoticeGroup = keyof typeof noticeGroups;
export const NOTICE_GROUPS = Object.keys(noticeGroups) as NoticeGroup[];

/** The group a template belongs to; undefined for an email nobody can turn off (it then always goes out). */
export function noticeGroupOf(template: string): NoticeGroup | undefined {
  return NOTICE_GROUPS.find((group) =>
    (noticeGroups[group].templates as readonly string[]).includes(template),
  );
}

/**
 * A deadline that ends with a local day (stored as the next local midnight, exclusive): "Jan 19, 2026 (end of the
 * day, CST)".
 */
export function formatDeadlineDay(iso: string, timeZone: string): string {
  const last = new Date(new Date(iso).getTime() - 1);
  const day = last.toLocaleDateString("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone,
  });
  const zone = last
    .toLocaleTimeString("en-US", { timeZone, timeZoneName: "short" })
    .split(" ")
    .at(-1);
  return `${day} (end of the day, ${zone})`;
}

/** A local day and time in a time zone: "Jan 19, 2026, 11:59 PM EST". */
export function formatInstant(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
}

/** "2026-07-14" → "Jul 14, 2026"; dates are shown as the payer wrote them, without a time zone shift. */
export function formatDay(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });
}

export function bandLabel(band: RenewalBand): string {
  return band === "units"
    ? "units for the next doses are running out"
    : `${band} days before the authorization ends`;
}
