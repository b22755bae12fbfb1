// The state of one authorization case, rebuilt by replaying its events. `caseRow`/`lineRows` in projection.ts
// map it onto authorization_cases and authorization_lines.
import type { IsoDate } from "./calendar";
import type { AffectedItem, DecisionOutcome, DenialCategory, RegimenLine } from "./commands";
import type { AppealLevel } from "./payer-rules";
import type { ChecklistEntry, ChecklistEvaluation } from "./site-of-care";
import type {
  AuthorizationStatus,
  BillingUnit,
  CertificationType,
  DoseBasis,
  LineOfBusiness,
  Route,
  SiteOfCare,
  SubmissionChannel,
  UnitType,
  Urgency,
} from "./vocabulary";

export interface Dose {
  value: number;
  unit: BillingUnit;
  basis: DoseBasis;
}

export interface CaseLine {
  lineNumber: number;
  hcpcs: string;
  drugId?: string;
  ndc11?: string;
  /** Set when the drug is a biosimilar: the HCPCS of its reference product. */
  referenceHcpcs?: string;
  dose: Dose;
  route?: Route;
  intervalDays?: number;
  unitsPerDose: number;
  administrations: number;
  administrationCodes: string[];
  requestedUnits: number;
  requestedVisits: number;
  authorizedUnits?: number;
  authorizedVisits?: number;
  /** Other HCPCS the payer accepts under this line (mapped biosimilars). */
  mappedHcpcs: string[];
}

export interface CaseFacility {
  facilityId: string;
  npi: string;
  tin: string;
  siteOfCare: SiteOfCare;
  placeOfService: string;
  timeZone: string;
}

export interface CaseCoverage {
  coverageId: string;
  payerId: string;
  planId: string;
  lineOfBusiness: LineOfBusiness;
  memberId: string;
  delegatedVendor?: string;
}

export interface PayerReference {
  kind: "payer-reference" | "portal-case-id" | "fax-confirmation" | "call-reference" | "x12-trace" | "other";
  value: string;
}

export interface AuthorizationGranted {
  outcome: "approved" | "partially_approved" | "modified";
  authorizationNumber: string;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate;
  siteOfCare: SiteOfCare;
  decidedAt: string;
}

export interface InformationRequest {
  requestId: string;
  requestedAt: string;
  items: string[];
  dueOn: IsoDate;
  dueRule: string;
  answeredAt?: string;
}

export interface PeerToPeer {
  stage: "requested" | "scheduled" | "overturned" | "upheld";
  requestedAt: string;
  callWindows: string[];
  scheduledFor?: string;
  decidedAt?: string;
}

export interface Appeal {
  level: AppealLevel;
  kind: "medical_necessity" | "site_of_care";
  filedAt: string;
  channel: SubmissionChannel;
  proofReference: string;
  documentIds: string[];
  siteOfCare?: { requestedSite: SiteOfCare; checklist: ChecklistEntry[]; evaluation: ChecklistEvaluation };
  outcome?: "overturned" | "upheld";
  decidedAt?: string;
  reason?: string;
}

export type HoldField = "hcpcs" | "units" | "site" | "dates";

/** Something a regimen change uncovered: services from `from` on fail coverage with this field until released. */
export interface CoverageHold {
  holdId: string;
  field: HoldField;
  lineNumber: number;
  /** The HCPCS the hold applies to (the new regimen's drug). */
  hcpcs: string;
  from: IsoDate;
  message: string;
  fix: string;
  releasedAt?: string;
}

export interface LineUsage {
  lineNumber: number;
  usedUnits: number;
  usedVisits: number;
}

export interface UpcomingDose {
  on: IsoDate;
  lineNumber: number;
  units: number;
  visits: number;
}

export interface CaseState {
  caseId: string;
  caseNumber?: string;
  status: AuthorizationStatus;
  /** Events applied: the projection's optimistic-concurrency version. */
  version: number;
  createdAt: string;
  lastEventAt: string;
  patient: { patientId: string; weightKg?: number; bsaM2?: number; weighedOn?: IsoDate };
  coverage: CaseCoverage;
  orderingProvider: { providerId: string; npi: string };
  renderingNpi?: string;
  facility: CaseFacility;
  regimenId?: string;
  certificationType: CertificationType;
  urgency: Urgency;
  unitType: UnitType;
  /** The rule that set the unit type, when a payer rule did. */
  unitTypeRule?: string;
  diagnoses: string[];
  lines: CaseLine[];
  requested: { from: IsoDate; to: IsoDate; siteOfCare: SiteOfCare };
  authorization?: AuthorizationGranted;
  decision?: { outcome: DecisionOutcome; decidedAt: string; reason?: string; denialCategory?: DenialCategory };
  siteOfCareException?: "requested" | "granted" | "denied";
  payerReferences: PayerReference[];
  submission?: { channel: SubmissionChannel; proofReference: string; submittedAt: string };
  /** Last contact with the payer: the follow-up cadence counts from here. */
  lastPayerTouchAt?: string;
  informationRequests: InformationRequest[];
  peerToPeer?: PeerToPeer;
  appeals: Appeal[];
  /** The denial or upheld appeal the next appeal answers; its filing window counts from here. */
  lastAdverseDecisionAt?: string;
  links: { predecessorCaseId?: string; successorCaseId?: string; supersededBy?: string; duplicateOf?: string; revisedCaseId?: string };
  /** Superseded cases keep covering dates before this one. */
  supersededFrom?: IsoDate;
  regimenChange?: { effectiveFrom: IsoDate; newRegimen: RegimenLine; onHold: AffectedItem[] };
  holds: CoverageHold[];
  usage?: { syncedAt: string; lines: LineUsage[]; upcoming: UpcomingDose[] };
  /** Renewal alert bands already raised (30, 14, 7, "units"). */
  renewalAlerts: (number | "units")[];
  /** Deadline keys already handled: a deadline is raised once. */
  raised: string[];
  assigneeId?: string | null;
  tags: string[];
  notes: { at: string; authorUserId?: string; text: string; payerContact: boolean }[];
  documents: { documentId: string; kind: string; requestedByPayer: boolean; sentAt?: string; attachedAt: string }[];
  closedReason?: string;
}
