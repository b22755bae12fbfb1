// Domain errors: typed values with a stable code and a message a coordinator understands. Routes map
// `category` to a form error or an HTTP status in one place; nothing here throws.

export const DOMAIN_ERROR_CODES = [
  "INVALID_COMMAND",
  "FORBIDDEN",
  "CASE_NOT_FOUND",
  "CASE_ALREADY_EXISTS",
  "CASE_MISMATCH",
  "CASE_CLOSED",
  "NOT_SUBMITTED",
  "ALREADY_SUBMITTED",
  "ALREADY_DECIDED",
  "DENIAL_NEEDS_REVIEW",
  "REVIEW_IN_PROGRESS",
  "NO_OPEN_INFORMATION_REQUEST",
  "P2P_REQUIRES_DENIAL",
  "P2P_ALREADY_HELD",
  "P2P_AFTER_APPEAL",
  "P2P_WINDOW_CLOSED",
  "P2P_NOT_SCHEDULED",
  "APPEAL_REQUIRES_DENIAL",
  "APPEAL_LEVEL_OUT_OF_ORDER",
  "APPEAL_WINDOW_CLOSED",
  "NO_APPEAL_PENDING",
  "NOT_ACTIVE",
  "RETRO_WINDOW_EXCEEDED",
  "UNKNOWN_LINE",
  "OUTCOME_MISMATCH",
  "SELF_REFERENCE",
  "INVALID_TRANSITION",
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export type DomainErrorCategory = "validation" | "forbidden" | "not_found" | "conflict";

export interface FieldIssue {
  /** JSON path such as "lines[0].dose.value". */
  path: string;
  message: string;
}

export interface DomainError {
  code: DomainErrorCode;
  category: DomainErrorCategory;
  message: string;
  /** The command field the error is about, when there is one. */
  field?: string;
  /** Every field problem, for INVALID_COMMAND. */
  issues?: FieldIssue[];
}

const CATEGORY: Record<DomainErrorCode, DomainErrorCategory> = {
  INVALID_COMMAND: "validation",
  FORBIDDEN: "forbidden",
  CASE_NOT_FOUND: "not_found",
  CASE_ALREADY_EXISTS: "conflict",
  CASE_MISMATCH: "validation",
  CASE_CLOSED: "conflict",
  NOT_SUBMITTED: "conflict",
  ALREADY_SUBMITTED: "conflict",
  ALREADY_DECIDED: "conflict",
  DENIAL_NEEDS_REVIEW: "conflict",
  REVIEW_IN_PROGRESS: "conflict",
  NO_OPEN_INFORMATION_REQUEST: "conflict",
  P2P_REQUIRES_DENIAL: "conflict",
  P2P_ALREADY_HELD: "conflict",
  P2P_AFTER_APPEAL: "conflict",
  P2P_WINDOW_CLOSED: "conflict",
  P2P_NOT_SCHEDULED: "conflict",
  APPEAL_REQUIRES_DENIAL: "conflict",
  APPEAL_LEVEL_OUT_OF_ORDER: "conflict",
  APPEAL_WINDOW_CLOSED: "conflict",
  NO_APPEAL_PENDING: "conflict",
  NOT_ACTIVE: "conflict",
  RETRO_WINDOW_EXCEEDED: "validation",
  UNKNOWN_LINE: "validation",
  OUTCOME_MISMATCH: "validation",
  SELF_REFERENCE: "validation",
  INVALID_TRANSITION: "conflict",
};

export function domainError(code: DomainErrorCode, message: string, extra: { field?: string; issues?: FieldIssue[] } = {}): DomainError {
  return { code, category: CATEGORY[code], message, ...extra };
}

export type Decision<T> = { ok: true; events: T[] } | { ok: false; error: DomainError };

export function accept<T>(events: T[]): Decision<T> {
  return { ok: true, events };
}

export function reject<T>(error: DomainError): Decision<T> {
  return { ok: false, error };
}

/** "lines[0].dose.value" from a zod issue path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === "number" ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), "");
}
