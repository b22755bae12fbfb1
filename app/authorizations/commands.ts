// Case commands: one zod schema per flow, a discriminated union on `type`, and a parser whose errors name
// each field's path. The web form, the engine and the Temporal update validator all use these.
import { z } from "zod";
import {
  AffectedItemSchema,
  ApprovalSchema,
  AuthorizedLineSchema,
  CoverageSchema,
  DrugLineSchema,
  FacilitySchema,
  PatientSchema,
  RegimenLineSchema,
  channel,
  count,
  icd10,
  id,
  instant,
  isoDate,
  npi,
  proofReference,
  siteOfCare,
  text,
} from "./command-fields";
import { type DomainError, domainError, fieldPath } from "./errors";
import { AppealLevelSchema } from "./payer-rules";
import type { SiteOfCareCriterionNumber } from "./site-of-care";
import { CERTIFICATION_TYPES, UNIT_TYPES, URGENCIES } from "./vocabulary";

const base = <T extends string>(type: T) => ({ type: z.literal(type), caseId: id });

export const CreateCaseCommandSchema = z
  .object({
    ...base("create-case"),
    /** Human case number (PA-000123), assigned by the engine. */
    caseNumber: text.optional(),
    regimenId: id.optional(),
    patient: PatientSchema,
    coverage: CoverageSchema,
    orderingProvider: z.object({ providerId: id, npi }),
    renderingNpi: npi.optional(),
    facility: FacilitySchema,
    lines: z.array(DrugLineSchema).min(1, { error: "expected at least one drug line" }),
    requestedFrom: isoDate,
    requestedTo: isoDate,
    /** Defaults to the facility's site of care. */
    requestedSiteOfCare: siteOfCare.optional(),
    diagnoses: z.array(icd10).min(1, { error: "expected at least one ICD-10-CM diagnosis" }),
    urgency: z.enum(URGENCIES, { error: 'expected "standard" or "expedited"' }).default("standard"),
    certificationType: z.enum(CERTIFICATION_TYPES, { error: `expected one of ${CERTIFICATION_TYPES.join(", ")}` }).default("initial"),
    /** Units or visits; when omitted the payer's unit-type rule decides. */
    unitType: z.enum(UNIT_TYPES, { error: 'expected "units" or "visits"' }).optional(),
    predecessorCaseId: id.optional(),
    tags: z.array(text).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.requestedTo < c.requestedFrom) ctx.addIssue({ code: "custom", path: ["requestedTo"], message: "expected requestedTo on or after requestedFrom" });
    if (["renewal", "revised", "extension", "appeal"].includes(c.certificationType) && !c.predecessorCaseId) {
      ctx.addIssue({ code: "custom", path: ["predecessorCaseId"], message: `expected the case this ${c.certificationType} request continues` });
    }
    if (c.predecessorCaseId === c.caseId) ctx.addIssue({ code: "custom", path: ["predecessorCaseId"], message: "expected another case than this one" });
  });

export const SubmitCommandSchema = z.object({ ...base("submit"), channel, proofReference, submittedAt: instant.optional() });

export const RecordPayerAcknowledgementCommandSchema = z.object({
  ...base("record-payer-acknowledgement"),
  references: z
    .array(
      z.object({
        kind: z.enum(["payer-reference", "portal-case-id", "fax-confirmation", "call-reference", "x12-trace", "other"], {
          error: "expected payer-reference, portal-case-id, fax-confirmation, call-reference, x12-trace or other",
        }),
        value: text,
      }),
    )
    .min(1, { error: "expected at least one payer reference number" }),
});

export const PendForInformationCommandSchema = z.object({
  ...base("pend-for-information"),
  /** What the payer asked for, item by item ("last 3 months of CRP", "weight"). */
  items: z.array(text).min(1, { error: "expected what the payer asked for" }),
  /** When the payer wants it; defaults to the payer's rfi-due rule. */
  dueOn: isoDate.optional(),
  note: text.optional(),
});

export const SendInformationCommandSchema = z
  .object({
    ...base("send-information"),
    requestId: text.optional(),
    documentIds: z.array(id).default([]),
    channel,
    proofReference,
    note: text.optional(),
  })
  .refine((c) => c.documentIds.length > 0 || c.note !== undefined, { error: "expected the documents sent or a note of what was answered", path: ["documentIds"] });

export const DECISION_OUTCOMES = ["approved", "partially_approved", "modified", "denied", "no_auth_required"] as const;
export const DENIAL_CATEGORIES = ["medical_necessity", "site_of_care", "step_therapy", "administrative", "not_covered", "other"] as const;

export const RecordDecisionCommandSchema = z
  .object({
    ...base("record-decision"),
    outcome: z.enum(DECISION_OUTCOMES, { error: `expected one of ${DECISION_OUTCOMES.join(", ")}` }),
    authorizationNumber: text.optional(),
    effectiveFrom: isoDate.optional(),
    effectiveTo: isoDate.optional(),
    authorizedSiteOfCare: siteOfCare.optional(),
    lines: z.array(AuthorizedLineSchema).default([]),
    /** The payer's specific reason (denial text, or what was cut). */
    reason: text.optional(),
    denialCategory: z.enum(DENIAL_CATEGORIES, { error: `expected one of ${DENIAL_CATEGORIES.join(", ")}` }).optional(),
    decidedAt: instant.optional(),
  })
  // The output keeps the flat fields beside `approval`, so a parsed command parses again to itself.
  .transform((c, ctx) => {
    const { outcome, reason, denialCategory } = c;
    if (outcome === "denied") {
      if (!reason || reason.length < 8) ctx.addIssue({ code: "custom", path: ["reason"], message: "expected the payer's specific denial reason (e.g. 'step therapy: no trial of methotrexate')" });
      return { ...c, outcome, denialCategory: denialCategory ?? ("other" as const) };
    }
    if (outcome === "no_auth_required") return { ...c, outcome };
    const approval = ApprovalSchema.safeParse({ ...c, outcome });
    if (!approval.success) {
      for (const issue of approval.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { ...c, outcome, approval: approval.data };
  });

export const RequestP2PCommandSchema = z.object({
  ...base("request-p2p"),
  /** Windows the ordering provider can take the call ("Tue 12–1 pm"). */
  callWindows: z.array(text).default([]),
  note: text.optional(),
});

export const ScheduleP2PCommandSchema = z.object({ ...base("schedule-p2p"), scheduledFor: instant, reviewer: text.optional() });

const reviewOutcome = z.enum(["overturned", "upheld"], { error: 'expected "overturned" or "upheld"' });

const overturnNeedsApproval = (c: { outcome: string; approval?: unknown; reason?: string }, ctx: z.RefinementCtx) => {
  if (c.outcome === "overturned" && !c.approval) ctx.addIssue({ code: "custom", path: ["approval"], message: "expected the approval (authorization number, dates, lines) when overturned" });
  if (c.outcome === "upheld" && !c.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "expected the reason the denial was upheld" });
};

export const RecordP2POutcomeCommandSchema = z
  .object({ ...base("record-p2p-outcome"), outcome: reviewOutcome, approval: ApprovalSchema.optional(), reason: text.optional(), decidedAt: instant.optional() })
  .superRefine(overturnNeedsApproval);

export const ChecklistEntrySchema = z.object({
  criterion: count
    .min(1, { error: "expected a checklist number from 1 to 11" })
    .max(11, { error: "expected a checklist number from 1 to 11" })
    .transform((n) => n as SiteOfCareCriterionNumber),
  met: z.boolean().default(true),
  evidence: z.array(z.object({ description: text, documentId: id.optional() })).default([]),
});

export const FileAppealCommandSchema = z
  .object({
    ...base("file-appeal"),
    level: AppealLevelSchema,
    kind: z.enum(["medical_necessity", "site_of_care"], { error: 'expected "medical_necessity" or "site_of_care"' }).default("medical_necessity"),
    channel,
    proofReference,
    documentIds: z.array(id).default([]),
    siteOfCare: z.object({ requestedSite: siteOfCare, checklist: z.array(ChecklistEntrySchema).min(1, { error: "expected the checklist of criteria" }) }).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === "site_of_care" && !c.siteOfCare) ctx.addIssue({ code: "custom", path: ["siteOfCare"], message: "expected the site-of-care checklist with evidence for a site-of-care appeal" });
    c.siteOfCare?.checklist.forEach((entry, i) => {
      if (entry.met && entry.evidence.length === 0) {
        ctx.addIssue({ code: "custom", path: ["siteOfCare", "checklist", i, "evidence"], message: `expected evidence for criterion ${entry.criterion}` });
      }
    });
  });

export const RecordAppealDecisionCommandSchema = z
  .object({
    ...base("record-appeal-decision"),
    level: AppealLevelSchema,
    outcome: reviewOutcome,
    approval: ApprovalSchema.optional(),
    reason: text.optional(),
    /** The date on the payer's decision letter; the next level's filing window counts from it. */
    decidedAt: instant.optional(),
  })
  .superRefine(overturnNeedsApproval);

export const StartRenewalCommandSchema = z.object({ ...base("start-renewal"), successorCaseId: id });

export const SupersedeCommandSchema = z.object({
  ...base("supersede"),
  successorCaseId: id,
  /** First day the successor covers; this case keeps covering the days before. */
  from: isoDate,
  reason: z.enum(["renewal", "revision"], { error: 'expected "renewal" or "revision"' }),
});

export const RecordRegimenChangeCommandSchema = z.object({
  ...base("record-regimen-change"),
  newRegimen: RegimenLineSchema,
  /** The id for the revised request the change drafts, when it needs one. */
  revisedCaseId: id.optional(),
  /** Upcoming visits and claims on this case, so the ones the change uncovers go on hold. */
  affected: z.array(AffectedItemSchema).default([]),
});

export const CancelCommandSchema = z.object({ ...base("cancel"), reason: text });
export const VoidCommandSchema = z.object({ ...base("void"), reason: text });
export const MarkDuplicateCommandSchema = z.object({ ...base("mark-duplicate"), duplicateOfCaseId: id });
export const AssignCommandSchema = z.object({ ...base("assign"), assigneeId: id.nullable() });
export const AddNoteCommandSchema = z.object({ ...base("add-note"), text, payerContact: z.boolean().default(false), tags: z.array(text).default([]) });
export const AttachDocumentCommandSchema = z.object({
  ...base("attach-document"),
  documentId: id,
  /** clinical-note, labs, letter-of-medical-necessity, payer-letter, fax-receipt, portal-screenshot, appeal-letter… */
  kind: z.string().regex(/^[a-z0-9-]+$/, { error: "expected a document kind such as clinical-note" }),
  requestedByPayer: z.boolean().default(false),
  sentAt: instant.optional(),
});

export const DEADLINE_KINDS = ["decision-due", "follow-up", "rfi-due", "p2p-request", "appeal-filing", "renewal-alert", "site-of-care-transition", "expiry"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DeadlineReachedCommandSchema = z.object({
  ...base("deadline-reached"),
  kind: z.enum(DEADLINE_KINDS, { error: `expected one of ${DEADLINE_KINDS.join(", ")}` }),
  /** Renewal alerts: the band (30, 14, 7 days, or "units"); the most urgent due band when omitted. */
  band: z.union([count.positive(), z.literal("units")], { error: 'expected a number of days or "units"' }).optional(),
});

/** The ledger's state for the case, as the engine computed it from unit_ledger_entries (see ledger.ts). */
export const SyncLedgerCommandSchema = z.object({
  ...base("sync-ledger"),
  lines: z.array(z.object({ lineNumber: count.positive(), usedUnits: z.number().nonnegative(), usedVisits: count.nonnegative() })),
  upcoming: z.array(z.object({ on: isoDate, lineNumber: count.positive(), units: z.number().nonnegative(), visits: count.nonnegative().default(1) })).default([]),
});

export const CaseCommandSchema = z.discriminatedUnion("type", [
  CreateCaseCommandSchema,
  SubmitCommandSchema,
  RecordPayerAcknowledgementCommandSchema,
  PendForInformationCommandSchema,
  SendInformationCommandSchema,
  RecordDecisionCommandSchema,
  RequestP2PCommandSchema,
  ScheduleP2PCommandSchema,
  RecordP2POutcomeCommandSchema,
  FileAppealCommandSchema,
  RecordAppealDecisionCommandSchema,
  StartRenewalCommandSchema,
  SupersedeCommandSchema,
  RecordRegimenChangeCommandSchema,
  CancelCommandSchema,
  VoidCommandSchema,
  MarkDuplicateCommandSchema,
  AssignCommandSchema,
  AddNoteCommandSchema,
  AttachDocumentCommandSchema,
  DeadlineReachedCommandSchema,
  SyncLedgerCommandSchema,
]);

export type CaseCommand = z.output<typeof CaseCommandSchema>;
export type CaseCommandInput = z.input<typeof CaseCommandSchema>;
export type CaseCommandType = CaseCommand["type"];
export type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;
export type CreateCaseCommand = CommandOf<"create-case">;
export type CreateCaseCommandInput = z.input<typeof CreateCaseCommandSchema>;
export type Approval = z.output<typeof ApprovalSchema>;
export type RegimenLine = z.output<typeof RegimenLineSchema>;
export type RegimenLineInput = z.input<typeof RegimenLineSchema>;
export type AffectedItem = z.output<typeof AffectedItemSchema>;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

export type ParsedCommand = { ok: true; command: CaseCommand } | { ok: false; error: DomainError };

/** Validates a command from a form or a queue; the error lists every field problem with its path. */
export function parseCommand(input: unknown): ParsedCommand {
  const result = CaseCommandSchema.safeParse(input);
  if (result.success) return { ok: true, command: result.data };
  const issues = result.error.issues.map((issue) => ({ path: fieldPath(issue.path), message: issue.message }));
  const first = issues[0];
  const summary = first ? `${first.path || "command"}: ${first.message}` : "invalid command";
  return {
    ok: false,
    error: domainError("INVALID_COMMAND", issues.length > 1 ? `${summary} (and ${issues.length - 1} more)` : summary, { field: first?.path, issues }),
  };
}
