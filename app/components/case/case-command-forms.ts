// The case page's action forms validated by the decider's own command schemas, on the client and the server.
// A form posts only the fields a person types; the command type and case id are added before validation, and
// a few form shapes (one item per line, "nobody") are turned into the command's shape. Three forms are not one
// command: starting a renewal (it opens the renewal case, then links it), uploading a document (stored, then
// attached) and recounting the unit ledger (the engine's syncLedger).
import { z } from "zod";
import { count, isoDate } from "~/authorizations/command-fields";
import {
  AddNoteCommandSchema,
  AssignCommandSchema,
  AttachDocumentCommandSchema,
  CancelCommandSchema,
  FileAppealCommandSchema,
  MarkDuplicateCommandSchema,
  PendForInformationCommandSchema,
  RecordAppealDecisionCommandSchema,
  RecordDecisionCommandSchema,
  RecordP2POutcomeCommandSchema,
  RecordPayerAcknowledgementCommandSchema,
  RecordRegimenChangeCommandSchema,
  RequestP2PCommandSchema,
  ScheduleP2PCommandSchema,
  SendInformationCommandSchema,
  SubmitCommandSchema,
  SupersedeCommandSchema,
  VoidCommandSchema,
} from "~/authorizations/commands";
import { SITE_OF_CARE_CRITERIA } from "~/authorizations/site-of-care";
import { UploadDocumentSchema } from "./document-forms";

export const CASE_FORM_COMMANDS = [
  "assign",
  "add-note",
  "submit",
  "record-payer-acknowledgement",
  "pend-for-information",
  "record-decision",
  "send-information",
  "cancel",
  "void",
  "request-p2p",
  "schedule-p2p",
  "record-p2p-outcome",
  "file-appeal",
  "record-appeal-decision",
  "record-regimen-change",
  "attach-document",
  "mark-duplicate",
  "supersede",
] as const;
export type CaseFormCommand = (typeof CASE_FORM_COMMANDS)[number];

/** Forms that are not a single command as typed: the action expands them (see the route). */
export const CASE_PAGE_FORMS = ["start-renewal", "upload-document", "sync-ledger"] as const;
export type CasePageForm = (typeof CASE_PAGE_FORMS)[number];
export type CaseFormIntent = CaseFormCommand | CasePageForm;

/** The lifecycle command each form ends in, for the role the engine checks and for ALLOWED_FROM. */
export const INTENT_COMMAND = {
  "start-renewal": "start-renewal",
  "upload-document": "attach-document",
  "sync-ledger": "sync-ledger",
} as const satisfies Record<CasePageForm, string>;

export function commandOfIntent(intent: CaseFormIntent): CaseFormCommand | (typeof INTENT_COMMAND)[CasePageForm] {
  return intent in INTENT_COMMAND ? INTENT_COMMAND[intent as CasePageForm] : (intent as CaseFormCommand);
}

/** The renewal request as a coordinator adjusts it: its dates and the administrations per line. */
export const StartRenewalFormSchema = z
  .object({
    requestedFrom: isoDate,
    requestedTo: isoDate,
    lines: z
      .array(z.object({ lineNumber: count.positive(), administrations: count.positive({ error: "expected at least 1 administration" }) }))
      .default([]),
  })
  .refine((f) => f.requestedTo >= f.requestedFrom, { error: "expected the end on or after the start", path: ["requestedTo"] });

const SCHEMAS = {
  assign: AssignCommandSchema,
  "add-note": AddNoteCommandSchema,
  submit: SubmitCommandSchema,
  "record-payer-acknowledgement": RecordPayerAcknowledgementCommandSchema,
  "pend-for-information": PendForInformationCommandSchema,
  "record-decision": RecordDecisionCommandSchema,
  "send-information": SendInformationCommandSchema,
  cancel: CancelCommandSchema,
  void: VoidCommandSchema,
  "request-p2p": RequestP2PCommandSchema,
  "schedule-p2p": ScheduleP2PCommandSchema,
  "record-p2p-outcome": RecordP2POutcomeCommandSchema,
  "file-appeal": FileAppealCommandSchema,
  "record-appeal-decision": RecordAppealDecisionCommandSchema,
  "record-regimen-change": RecordRegimenChangeCommandSchema,
  "attach-document": AttachDocumentCommandSchema,
  "mark-duplicate": MarkDuplicateCommandSchema,
  supersede: SupersedeCommandSchema,
} as const;

/** The zone a date-time box on the case page is read in (the page shows times in the same zone). */
export const CASE_TIME_ZONE = "America/New_York";

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** A date-time box's value ("2026-01-05T09:00") read in the page's zone, as an instant with an offset. */
export function localDateTimeToInstant(local: string, zone: string = CASE_TIME_ZONE): string {
  const asUtc = new Date(`${local}Z`);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(asUtc);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const zoned = Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute"), part("second"));
  return new Date(asUtc.getTime() - (zoned - asUtc.getTime())).toISOString();
}

function lines(value: string): string[] {
  return value
    .split("\n")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Units boxes left empty are not authorized lines. */
function enteredLines(value: unknown): unknown {
  return Array.isArray(value) ? (value as { authorizedUnits?: unknown }[]).filter((line) => line.authorizedUnits !== undefined && line.authorizedUnits !== "") : value;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** An overturn's approval from its boxes; an upheld review carries none. */
function reviewApproval(fields: Record<string, unknown>) {
  if (fields.outcome !== "overturned") delete fields.approval;
  else if (fields.approval !== undefined) {
    const approval = { ...record(fields.approval) };
    approval.lines = enteredLines(approval.lines);
    fields.approval = approval;
  }
}

/** The site-of-care checklist: one entry per criterion, in order, met when ticked, with its evidence text. */
function siteOfCareChecklist(value: unknown) {
  const soc = record(value);
  const entries = Array.isArray(soc.checklist) ? (soc.checklist as unknown[]) : [];
  const checklist = SITE_OF_CARE_CRITERIA.map((criterion, i) => {
    const entry = record(entries[i]);
    const evidence = (Array.isArray(entry.evidence) ? (entry.evidence as unknown[]) : [])
      .map((e) => record(e).description)
      .filter((d): d is string => typeof d === "string" && d.trim() !== "")
      .map((description) => ({ description }));
    return { criterion: criterion.number, met: entry.met === true || entry.met === "on", evidence };
  });
  return { requestedSite: soc.requestedSite, checklist };
}

export const UNASSIGNED = "nobody";

export function isCaseFormCommand(value: unknown): value is CaseFormCommand {
  return typeof value === "string" && (CASE_FORM_COMMANDS as readonly string[]).includes(value);
}

export function isCaseFormIntent(value: unknown): value is CaseFormIntent {
  return isCaseFormCommand(value) || (typeof value === "string" && (CASE_PAGE_FORMS as readonly string[]).includes(value));
}

function fromForm(type: CaseFormCommand, caseId: string, input: unknown): unknown {
  const fields = { ...(typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {}) };
  delete fields.intent;
  if (type === "pend-for-information" && typeof fields.items === "string") {
    fields.items = fields.items
      .split("\n")
      .map((item) => item.trim())
      .filter(Boolean);
  }
  // A decision form shows one units box per line; a line left empty (a denial) is not an authorized line.
  if (type === "record-decision" && Array.isArray(fields.lines)) {
    fields.lines = (fields.lines as { authorizedUnits?: unknown }[]).filter((line) => line.authorizedUnits !== undefined && line.authorizedUnits !== "");
  }
  if (type === "send-information" && fields.documentIds === undefined) fields.documentIds = [];
  if (type === "request-p2p") fields.callWindows = typeof fields.callWindows === "string" ? lines(fields.callWindows) : [];
  if (type === "schedule-p2p" && typeof fields.scheduledFor === "string" && LOCAL_DATE_TIME.test(fields.scheduledFor)) fields.scheduledFor = localDateTimeToInstant(fields.scheduledFor);
  if (type === "record-p2p-outcome" || type === "record-appeal-decision") reviewApproval(fields);
  if ((type === "file-appeal" || type === "record-appeal-decision") && (fields.level === "1" || fields.level === "2")) fields.level = Number(fields.level);
  if (type === "file-appeal") {
    if (fields.kind === "site_of_care") fields.siteOfCare = siteOfCareChecklist(fields.siteOfCare);
    else delete fields.siteOfCare;
  }
  if (type === "assign") fields.assigneeId = fields.assigneeId === UNASSIGNED || fields.assigneeId === undefined ? null : fields.assigneeId;
  if (type === "attach-document" && typeof fields.sentAt === "string" && LOCAL_DATE_TIME.test(fields.sentAt)) fields.sentAt = localDateTimeToInstant(fields.sentAt);
  return { ...fields, type, caseId };
}

/**
 * The form's schema: the decider's command schema, fed the form's fields plus the command type and case id; for
 * the three expanded forms, their own schema (the commands they end in are validated again by the engine).
 */
export function caseFormSchema(type: CaseFormIntent, caseId: string): z.ZodType {
  switch (type) {
    case "start-renewal":
      return StartRenewalFormSchema;
    case "upload-document":
      return UploadDocumentSchema;
    case "sync-ledger":
      return z.object({});
    default:
      return z.preprocess((input) => fromForm(type, caseId, input), SCHEMAS[type] as z.ZodType);
  }
}
