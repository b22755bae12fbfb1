// The case page's action forms validated by the decider's own command schemas, on the client and the server.
// A form posts only the fields a person types; the command type and case id are added before validation, and
// a few form shapes (one item per line, "nobody") are turned into the command's shape.
import { z } from "zod";
import {
  AddNoteCommandSchema,
  AssignCommandSchema,
  PendForInformationCommandSchema,
  RecordDecisionCommandSchema,
  RecordPayerAcknowledgementCommandSchema,
  SubmitCommandSchema,
} from "~/authorizations/commands";

export const CASE_FORM_COMMANDS = ["assign", "add-note", "submit", "record-payer-acknowledgement", "pend-for-information", "record-decision"] as const;
export type CaseFormCommand = (typeof CASE_FORM_COMMANDS)[number];

const SCHEMAS = {
  assign: AssignCommandSchema,
  "add-note": AddNoteCommandSchema,
  submit: SubmitCommandSchema,
  "record-payer-acknowledgement": RecordPayerAcknowledgementCommandSchema,
  "pend-for-information": PendForInformationCommandSchema,
  "record-decision": RecordDecisionCommandSchema,
} as const;

export const UNASSIGNED = "nobody";

export function isCaseFormCommand(value: unknown): value is CaseFormCommand {
  return typeof value === "string" && (CASE_FORM_COMMANDS as readonly string[]).includes(value);
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
  if (type === "assign") fields.assigneeId = fields.assigneeId === UNASSIGNED || fields.assigneeId === undefined ? null : fields.assigneeId;
  return { ...fields, type, caseId };
}

/** The form's schema: the decider's command schema, fed the form's fields plus the command type and case id. */
export function caseFormSchema(type: CaseFormCommand, caseId: string) {
  return z.preprocess((input) => fromForm(type, caseId, input), SCHEMAS[type] as z.ZodType);
}
