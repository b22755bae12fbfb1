// Which command may act on a case in which status, who may send it, and — when not — the error a coordinator
// reads. Finer checks (windows, appeal order, line numbers) live in the handlers.
import type { CaseCommand, CaseCommandType } from "./commands";
import type { CaseState } from "./case-state";
import { type DomainError, domainError } from "./errors";
import { ACTIVE_STATUSES, AUTHORIZATION_STATUSES, type AuthorizationStatus, type Role, STATUS_WORDS, isClosed } from "./vocabulary";

const ALL = AUTHORIZATION_STATUSES;
const OPEN = AUTHORIZATION_STATUSES.filter((s) => !isClosed(s));
const AWAITING = ["submitted", "pending", "information_requested"] as const;

export const ALLOWED_FROM: Record<Exclude<CaseCommandType, "create-case">, readonly AuthorizationStatus[]> = {
  submit: ["draft"],
  "record-payer-acknowledgement": OPEN.filter((s) => s !== "draft"),
  "pend-for-information": AWAITING,
  "send-information": ["information_requested"],
  "record-decision": AWAITING,
  "request-p2p": ["denied"],
  "schedule-p2p": ["peer_to_peer"],
  "record-p2p-outcome": ["peer_to_peer"],
  "file-appeal": ["denied"],
  "record-appeal-decision": ["appeal"],
  "start-renewal": [...ACTIVE_STATUSES, "exhausted"],
  supersede: [...ACTIVE_STATUSES, "exhausted"],
  "record-regimen-change": ACTIVE_STATUSES,
  cancel: OPEN,
  void: ALL.filter((s) => s !== "voided"),
  "mark-duplicate": ["draft", ...AWAITING],
  assign: ALL.filter((s) => s !== "voided"),
  "add-note": ALL,
  "attach-document": ALL.filter((s) => s !== "voided"),
  "deadline-reached": ALL,
  "sync-ledger": ALL,
};

/** What each command does, for messages ("A biller cannot record a payer decision"). */
export const COMMAND_WORDS: Record<CaseCommandType, string> = {
  "create-case": "open an authorization case",
  submit: "submit the request",
  "record-payer-acknowledgement": "record the payer's reference numbers",
  "pend-for-information": "record a payer request for information",
  "send-information": "send the requested information",
  "record-decision": "record a payer decision",
  "request-p2p": "request a peer-to-peer review",
  "schedule-p2p": "schedule the peer-to-peer call",
  "record-p2p-outcome": "record the peer-to-peer outcome",
  "file-appeal": "file an appeal",
  "record-appeal-decision": "record an appeal decision",
  "start-renewal": "start a renewal",
  supersede: "supersede the authorization",
  "record-regimen-change": "record a regimen change",
  cancel: "cancel the case",
  void: "void the case",
  "mark-duplicate": "mark the case a duplicate",
  assign: "assign the case",
  "add-note": "add a note",
  "attach-document": "attach a document",
  "deadline-reached": "fire a deadline",
  "sync-ledger": "update the unit ledger",
};

const STAFF: readonly Role[] = ["admin", "coordinator"];

/** Who may send each command. A command without an actor comes from the system (engine, sweep) and may send any. */
export const COMMAND_ROLES: Record<CaseCommandType, readonly Role[]> = {
  "create-case": STAFF,
  submit: STAFF,
  "record-payer-acknowledgement": STAFF,
  "pend-for-information": STAFF,
  "send-information": [...STAFF, "clinician"],
  "record-decision": STAFF,
  "request-p2p": [...STAFF, "clinician"],
  "schedule-p2p": [...STAFF, "clinician"],
  "record-p2p-outcome": [...STAFF, "clinician"],
  "file-appeal": STAFF,
  "record-appeal-decision": STAFF,
  "start-renewal": STAFF,
  supersede: STAFF,
  "record-regimen-change": [...STAFF, "clinician"],
  cancel: STAFF,
  void: STAFF,
  "mark-duplicate": STAFF,
  assign: STAFF,
  "add-note": ["admin", "coordinator", "clinician", "biller"],
  "attach-document": ["admin", "coordinator", "clinician", "biller"],
  "deadline-reached": ["admin"],
  "sync-ledger": ["admin", "coordinator", "biller"],
};

const ROLE_WORDS: Record<Role, string> = { admin: "An administrator", coordinator: "A PA coordinator", clinician: "A clinician", biller: "A biller" };

export function forbidden(role: Role, type: CaseCommandType): DomainError | undefined {
  if (COMMAND_ROLES[type].includes(role)) return undefined;
  const who = COMMAND_ROLES[type].includes("coordinator") ? "ask a PA coordinator" : "the system does this on its own";
  return domainError("FORBIDDEN", `${ROLE_WORDS[role]} cannot ${COMMAND_WORDS[type]}; ${who}.`);
}

const CLOSED_HINT: Partial<Record<AuthorizationStatus, string>> = {
  cancelled: "Open a new case if therapy continues.",
  superseded: "Work on the case that replaced it.",
  expired: "Open a new case; an expired authorization cannot be extended.",
  voided: "It is kept for the record only.",
  duplicate: "Work on the original case.",
};

/** The coordinator-readable refusal for a command the status does not allow. */
export function refusal(state: CaseState, command: CaseCommand): DomainError {
  const s = state.status;
  const words = STATUS_WORDS[s];
  if (isClosed(s)) return domainError("CASE_CLOSED", `This case is ${words}; it can no longer be changed. ${CLOSED_HINT[s] ?? ""}`.trim());
  switch (command.type) {
    case "submit":
      return domainError(
        "ALREADY_SUBMITTED",
        state.submission
          ? `This case was already submitted on ${state.submission.submittedAt.slice(0, 10)} by ${state.submission.channel}; record the payer's response instead.`
          : `This case is ${words} and cannot be submitted again.`,
      );
    case "record-decision":
      if (s === "draft") return domainError("NOT_SUBMITTED", "A draft case has no payer decision yet; submit it to the payer first.");
      if (s === "denied") {
        return command.outcome === "denied"
          ? domainError("ALREADY_DECIDED", "This case is already denied; request a peer-to-peer review or file an appeal.")
          : domainError("DENIAL_NEEDS_REVIEW", `A denied case cannot be ${command.outcome === "no_auth_required" ? "marked no authorization required" : "approved"}; record an appeal decision instead.`);
      }
      if (s === "peer_to_peer") return domainError("REVIEW_IN_PROGRESS", "This case is in peer-to-peer review; record the peer-to-peer outcome instead.");
      if (s === "appeal") return domainError("REVIEW_IN_PROGRESS", "This case is in appeal; record the appeal decision instead.");
      return domainError("ALREADY_DECIDED", `The payer already decided this case (${words}); to change what is authorized, record a regimen change or start a renewal.`);
    case "pend-for-information":
    case "record-payer-acknowledgement":
      if (s === "draft") return domainError("NOT_SUBMITTED", "This case has not been submitted yet; submit it to the payer first.");
      return domainError("ALREADY_DECIDED", `The payer already decided this case (${words}); send more information with an appeal instead.`);
    case "send-information":
      if (s === "draft") return domainError("NOT_SUBMITTED", "This case has not been submitted yet; attach the document and submit the case.");
      return domainError("NO_OPEN_INFORMATION_REQUEST", "The payer has not asked for information on this case; attach the document or add a note instead.");
    case "request-p2p":
      if (s === "peer_to_peer") return domainError("P2P_ALREADY_HELD", "A peer-to-peer review is already under way on this case.");
      return domainError("P2P_REQUIRES_DENIAL", `A peer-to-peer review can only be requested after a denial; this case is ${words}.`);
    case "schedule-p2p":
    case "record-p2p-outcome":
      if (s === "denied" && state.peerToPeer) return domainError("P2P_ALREADY_HELD", `The peer-to-peer review is over (${state.peerToPeer.stage}); file an appeal instead.`);
      return domainError("P2P_REQUIRES_DENIAL", "No peer-to-peer review has been requested on this case; request one after a denial.");
    case "file-appeal":
      if (s === "peer_to_peer") return domainError("REVIEW_IN_PROGRESS", "Record the peer-to-peer outcome first; if the denial is upheld, file the appeal then.");
      if (s === "appeal") return domainError("REVIEW_IN_PROGRESS", "An appeal is already pending; record its decision before filing the next level.");
      return domainError("APPEAL_REQUIRES_DENIAL", `Only a denial can be appealed; this case is ${words}.`);
    case "record-appeal-decision":
      return domainError("NO_APPEAL_PENDING", `No appeal is pending on this case (it is ${words}); file one first.`);
    case "start-renewal":
    case "supersede":
    case "record-regimen-change":
      return domainError("NOT_ACTIVE", `Only an approved, active authorization can ${command.type === "start-renewal" ? "be renewed" : command.type === "supersede" ? "be superseded" : "take a regimen change"}; this case is ${words}.`);
    case "mark-duplicate":
      return domainError("INVALID_TRANSITION", `Only a case the payer has not decided can be marked a duplicate; this case is ${words}. Void it instead if it was entered in error.`);
    default:
      return domainError("INVALID_TRANSITION", `Cannot ${COMMAND_WORDS[command.type]} on a case that is ${words}.`);
  }
}

export function allowed(state: CaseState, type: Exclude<CaseCommandType, "create-case">): boolean {
  return ALLOWED_FROM[type].includes(state.status);
}

