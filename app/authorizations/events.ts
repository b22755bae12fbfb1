// Case events: what happened, append-only. Each maps onto an authorization_events row (type, payload = data,
// actor, channel, proof reference, occurred at) with toEventRecord/fromEventRecord.
import type { IsoDate } from "./calendar";
import type {
  AffectedItem,
  Approval,
  CreateCaseCommandInput,
  DeadlineKind,
  DecisionOutcome,
  DenialCategory,
  RegimenLine,
} from "./commands";
import type {
  Appeal,
  CaseCoverage,
  CaseFacility,
  CaseLine,
  CoverageHold,
  LineUsage,
  PayerReference,
  UpcomingDose,
} from "./case-state";
import type { AppealLevel } from "./payer-rules";
import type { RegimenDifference } from "./regimen-change";
import type { CertificationType, SiteOfCare, SubmissionChannel, UnitType, Urgency } from "./vocabulary";

/** Data of a timer event: which deadline, when it was due, and the rule that set it. */
export interface DeadlineData {
  key: string;
  dueAt: string;
  rule: string;
}

export interface CaseEventData {
  "case-created": {
    caseNumber?: string;
    regimenId?: string;
    patient: { patientId: string; weightKg?: number; bsaM2?: number; weighedOn?: IsoDate };
    coverage: CaseCoverage;
    orderingProvider: { providerId: string; npi: string };
    renderingNpi?: string;
    facility: CaseFacility;
    lines: CaseLine[];
    requestedFrom: IsoDate;
    requestedTo: IsoDate;
    requestedSiteOfCare: SiteOfCare;
    diagnoses: string[];
    urgency: Urgency;
    certificationType: CertificationType;
    unitType: UnitType;
    unitTypeRule?: string;
    predecessorCaseId?: string;
    tags: string[];
  };
  submitted: { submittedAt: string };
  "payer-acknowledged": { references: PayerReference[] };
  "information-requested": { requestId: string; items: string[]; dueOn: IsoDate; dueRule: string; note?: string };
  "information-sent": { requestId: string; documentIds: string[]; note?: string };
  "decision-recorded": { outcome: DecisionOutcome; decidedAt: string; reason?: string; denialCategory?: DenialCategory; approval?: Approval };
  "p2p-requested": { callWindows: string[]; note?: string };
  "p2p-scheduled": { scheduledFor: string; reviewer?: string };
  "p2p-outcome-recorded": { outcome: "overturned" | "upheld"; decidedAt: string; approval?: Approval; reason?: string };
  "appeal-filed": Pick<Appeal, "level" | "kind" | "documentIds" | "siteOfCare">;
  "appeal-decided": { level: AppealLevel; outcome: "overturned" | "upheld"; decidedAt: string; approval?: Approval; reason?: string };
  "renewal-started": { successorCaseId: string };
  superseded: { successorCaseId: string; from: IsoDate; reason: "renewal" | "revision" };
  "regimen-changed": {
    newRegimen: RegimenLine;
    changes: RegimenDifference[];
    covered: boolean;
    revisedCaseId?: string;
    /** The drafted revised request (certification type "revised"), for the engine to open as the linked case. */
    revisedRequest?: CreateCaseCommandInput;
    holds: CoverageHold[];
    onHold: AffectedItem[];
  };
  cancelled: { reason: string };
  voided: { reason: string };
  "marked-duplicate": { duplicateOfCaseId: string };
  assigned: { assigneeId: string | null };
  "note-added": { text: string; payerContact: boolean; tags: string[] };
  "document-attached": { documentId: string; kind: string; requestedByPayer: boolean; sentAt?: string };
  "ledger-synced": { lines: LineUsage[]; upcoming: UpcomingDose[] };
  "units-exhausted": { remainingUnits: number; remainingVisits: number };
  "decision-overdue": DeadlineData;
  "follow-up-due": DeadlineData;
  "information-overdue": DeadlineData & { requestId: string };
  "p2p-window-closed": DeadlineData;
  "appeal-window-closed": DeadlineData & { level: AppealLevel };
  "renewal-alert-raised": DeadlineData & { band: number | "units"; effectiveTo: IsoDate; skippedBands: (number | "units")[] };
  "site-of-care-transition-due": DeadlineData & { firstDoseWindowDays: number };
  expired: DeadlineData & { effectiveTo: IsoDate };
}

export type CaseEventType = keyof CaseEventData;

export interface CaseEventEnvelope {
  caseId: string;
  /** ISO instant, UTC. */
  occurredAt: string;
  actorUserId?: string;
  channel?: SubmissionChannel;
  proofReference?: string;
}

export type CaseEvent = { [T in CaseEventType]: CaseEventEnvelope & { type: T; data: CaseEventData[T] } }[CaseEventType];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const CASE_EVENT_TYPES = [
  "case-created",
  "submitted",
  "payer-acknowledged",
  "information-requested",
  "information-sent",
  "decision-recorded",
  "p2p-requested",
  "p2p-scheduled",
  "p2p-outcome-recorded",
  "appeal-filed",
  "appeal-decided",
  "renewal-started",
  "superseded",
  "regimen-changed",
  "cancelled",
  "voided",
  "marked-duplicate",
  "assigned",
  "note-added",
  "document-attached",
  "ledger-synced",
  "units-exhausted",
  "decision-overdue",
  "follow-up-due",
  "information-overdue",
  "p2p-window-closed",
  "appeal-window-closed",
  "renewal-alert-raised",
  "site-of-care-transition-due",
  "expired",
] as const satisfies readonly CaseEventType[];

/** Which timer event each deadline kind produces. */
export const DEADLINE_EVENT: Record<DeadlineKind, CaseEventType> = {
  "decision-due": "decision-overdue",
  "follow-up": "follow-up-due",
  "rfi-due": "information-overdue",
  "p2p-request": "p2p-window-closed",
  "appeal-filing": "appeal-window-closed",
  "renewal-alert": "renewal-alert-raised",
  "site-of-care-transition": "site-of-care-transition-due",
  expiry: "expired",
};

/** The columns of an authorization_events row, minus the ones the engine owns (id, organization, sequence). */
export interface CaseEventRecord {
  caseId: string;
  type: string;
  payload: unknown;
  actorUserId: string | null;
  channel: SubmissionChannel | null;
  proofReference: string | null;
  occurredAt: Date;
}

export function toEventRecord(event: CaseEvent): CaseEventRecord {
  return {
    caseId: event.caseId,
    type: event.type,
    payload: event.data,
    actorUserId: event.actorUserId ?? null,
    channel: event.channel ?? null,
    proofReference: event.proofReference ?? null,
    occurredAt: new Date(event.occurredAt),
  };
}

/** Reads a stored row back; undefined for an event type this version does not know. */
export function fromEventRecord(record: CaseEventRecord): CaseEvent | undefined {
  if (!(CASE_EVENT_TYPES as readonly string[]).includes(record.type)) return undefined;
  return {
    type: record.type,
    caseId: record.caseId,
    occurredAt: record.occurredAt.toISOString(),
    ...(record.actorUserId ? { actorUserId: record.actorUserId } : {}),
    ...(record.channel ? { channel: record.channel } : {}),
    ...(record.proofReference ? { proofReference: record.proofReference } : {}),
    data: record.payload,
  } as CaseEvent;
}
