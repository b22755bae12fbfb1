// The coordinator's named queues, their filters and the keyset cursor: pure, shared by the loader and the page.
import { AUTHORIZATION_STATUSES, HOSPITAL_SITES, isClosed, SITE_OF_CARE_TYPES, type AuthorizationStatus, type SiteOfCare } from "./authorizations/vocabulary";

/** A condition beyond status that the database evaluates on authorization_cases. */
export type QueueCondition = "assigned-to-me" | "regimen-changed" | "site-of-care";

export interface QueueDefinition {
  id: QueueId;
  label: string;
  description: string;
  /** The statuses the queue holds; every status when undefined. */
  statuses?: readonly AuthorizationStatus[];
  condition?: QueueCondition;
}

export const QUEUE_IDS = [
  "my-work",
  "needs-submission",
  "awaiting-payer",
  "information-requested",
  "denied",
  "peer-to-peer",
  "appeals",
  "renewal-due",
  "regimen-changed",
  "site-of-care",
  "expired-exhausted",
  "all",
] as const;
export type QueueId = (typeof QUEUE_IDS)[number];

/** Every status in which work can still happen (exhausted included: it needs a renewal). */
const OPEN_STATUSES: readonly AuthorizationStatus[] = AUTHORIZATION_STATUSES.filter((status) => !isClosed(status));

export const QUEUES: readonly QueueDefinition[] = [
  { id: "my-work", label: "My work", description: "Open cases assigned to you", statuses: OPEN_STATUSES, condition: "assigned-to-me" },
  { id: "needs-submission", label: "Needs submission", description: "Drafts to send to the payer", statuses: ["draft"] },
  { id: "awaiting-payer", label: "Awaiting payer", description: "Submitted, waiting for the payer's decision", statuses: ["submitted", "pending"] },
  { id: "information-requested", label: "Information requested", description: "The payer asked for more", statuses: ["information_requested"] },
  { id: "denied", label: "Denied", description: "Peer-to-peer and appeal windows counting down", statuses: ["denied"] },
  { id: "peer-to-peer", label: "Peer-to-peer", description: "Peer-to-peer reviews requested or scheduled", statuses: ["peer_to_peer"] },
  { id: "appeals", label: "Appeals", description: "Appeals filed, waiting for a decision", statuses: ["appeal"] },
  { id: "renewal-due", label: "Renewal due", description: "Authorizations ending or units running out", statuses: ["renewal_due"] },
  {
    id: "regimen-changed",
    label: "Regimen changed",
    description: "Revised requests after a regimen change",
    statuses: OPEN_STATUSES.filter((s) => s !== "exhausted"),
    condition: "regimen-changed",
  },
  { id: "site-of-care", label: "Site of care", description: "Hospital-outpatient requests that need a site-of-care case", statuses: OPEN_STATUSES, condition: "site-of-care" },
  { id: "expired-exhausted", label: "Expired/exhausted", description: "Authorizations that no longer cover care", statuses: ["expired", "exhausted"] },
  { id: "all", label: "All", description: "Every case, open and closed" },
];

export function queueById(id: string | null | undefined): QueueDefinition | undefined {
  return QUEUES.find((q) => q.id === id);
}

export const HOSPITAL_SITE_LIST: readonly SiteOfCare[] = HOSPITAL_SITES;

/** Case counts grouped by what the queue conditions look at; the database returns one row per combination. */
export interface CountGroup {
  status: AuthorizationStatus;
  assignedToMe: boolean;
  revised: boolean;
  hospitalSite: boolean;
  cases: number;
}

function conditionHolds(condition: QueueCondition | undefined, group: CountGroup): boolean {
  switch (condition) {
    case undefined:
      return true;
    case "assigned-to-me":
      return group.assignedToMe;
    case "regimen-changed":
      return group.revised;
    case "site-of-care":
      return group.hospitalSite;
  }
}

export function inQueue(queue: QueueDefinition, group: Omit<CountGroup, "cases">): boolean {
  return (queue.statuses === undefined || queue.statuses.includes(group.status)) && conditionHolds(queue.condition, { ...group, cases: 0 });
}

/** Every queue's live count from one grouped count query. */
export function queueCounts(groups: readonly CountGroup[]): Record<QueueId, number> {
  const counts = Object.fromEntries(QUEUE_IDS.map((id) => [id, 0])) as Record<QueueId, number>;
  for (const queue of QUEUES) {
    counts[queue.id] = groups.filter((g) => inQueue(queue, g)).reduce((sum, g) => sum + g.cases, 0);
  }
  return counts;
}

export const DUE_WINDOWS = ["overdue", "today", "7d", "30d"] as const;
export type DueWindow = (typeof DUE_WINDOWS)[number];
export const DUE_WINDOW_LABELS: Record<DueWindow, string> = { overdue: "Overdue", today: "Due by end of today", "7d": "Due within 7 days", "30d": "Due within 30 days" };

/** The end of a due window (exclusive upper bound on next_deadline_at); overdue means before now. */
export function dueWindowEnd(window: DueWindow, now: Date): Date {
  const day = 24 * 60 * 60 * 1000;
  switch (window) {
    case "overdue":
      return now;
    case "today": {
      const end = new Date(now);
      end.setUTCHours(24, 0, 0, 0);
      return end;
    }
    case "7d":
      return new Date(now.getTime() + 7 * day);
    case "30d":
      return new Date(now.getTime() + 30 * day);
  }
}

export interface QueueFilters {
  payerId?: string;
  drugId?: string;
  /** A user id, or "unassigned". */
  assignee?: string;
  status?: AuthorizationStatus;
  due?: DueWindow;
  facilityId?: string;
  planId?: string;
  siteOfCare?: SiteOfCare;
  search?: string;
  /** A renewal band in days before the end date (whatever the payer's renewal-lead rule raised), or units running out. */
  band?: RenewalBandFilter;
}

export type RenewalBandFilter = number | "units";

export const FILTER_PARAMS = ["payer", "drug", "assignee", "status", "due", "facility", "plan", "site", "q", "band"] as const;

/** "7 days", "Units running out": the Renewal due queue's band labels. */
export function renewalBandWords(band: RenewalBandFilter): string {
  return band === "units" ? "Units running out" : `${band} days`;
}

/** The bands a row shows: the date band raised ("14-day band"), and units running out when that alert was raised too. */
export function renewalBandLabels(row: { renewalBand: number | null; unitsRunningOut: boolean }): { label: string; title: string; units: boolean }[] {
  return [
    ...(row.renewalBand !== null ? [{ label: `${row.renewalBand}-day band`, title: `The authorization ends within ${row.renewalBand} days`, units: false }] : []),
    ...(row.unitsRunningOut ? [{ label: "Units running out", title: "Fewer units are left than the next scheduled doses need", units: true }] : []),
  ];
}

export const SORT_KEYS = ["deadline", "patient", "payer", "last-touch"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";
export interface QueueSort {
  key: SortKey;
  dir: SortDirection;
}
export const DEFAULT_SORT: QueueSort = { key: "deadline", dir: "asc" };
export const SORT_LABELS: Record<SortKey, string> = { deadline: "Next deadline", patient: "Patient", payer: "Payer", "last-touch": "Last touch" };

/** `?sort=deadline|patient|payer|last-touch&dir=asc|desc`; anything else is the default (deadline, soonest first). */
export function parseSort(params: URLSearchParams): QueueSort {
  const key = params.get("sort");
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  if (key && (SORT_KEYS as readonly string[]).includes(key)) return { key: key as SortKey, dir };
  return { ...DEFAULT_SORT, dir };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrUndefined = (value: string | null) => (value && UUID.test(value) ? value : undefined);

/** Filters from the URL; an unknown or malformed value is ignored rather than refused, so old bookmarks still open. */
export function parseFilters(params: URLSearchParams, statuses: readonly AuthorizationStatus[]): QueueFilters {
  const filters: QueueFilters = {};
  const payerId = uuidOrUndefined(params.get("payer"));
  if (payerId) filters.payerId = payerId;
  const drugId = uuidOrUndefined(params.get("drug"));
  if (drugId) filters.drugId = drugId;
  const facilityId = uuidOrUndefined(params.get("facility"));
  if (facilityId) filters.facilityId = facilityId;
  const planId = uuidOrUndefined(params.get("plan"));
  if (planId) filters.planId = planId;
  const site = params.get("site");
  if (site && (SITE_OF_CARE_TYPES as readonly string[]).includes(site)) filters.siteOfCare = site as SiteOfCare;
  const assignee = params.get("assignee");
  if (assignee === "unassigned" || uuidOrUndefined(assignee)) filters.assignee = assignee!;
  const status = params.get("status");
  if (status && (statuses as readonly string[]).includes(status)) filters.status = status as AuthorizationStatus;
  const due = params.get("due");
  if (due && (DUE_WINDOWS as readonly string[]).includes(due)) filters.due = due as DueWindow;
  const search = params.get("q")?.trim();
  if (search) filters.search = search.slice(0, 100);
  const band = params.get("band");
  if (band === "units") filters.band = "units";
  else if (band && /^[1-9][0-9]{0,2}$/.test(band)) filters.band = Number(band);
  return filters;
}

/** The position after the last row of a page in deadline order: its next deadline (null sorts last) and id. */
export interface DeadlineCursor {
  sort?: "deadline";
  deadline: string | null;
  id: string;
}
/** In last-touch order: the last event's instant and the id. */
export interface TouchCursor {
  sort: "last-touch";
  lastEventAt: string;
  id: string;
}
/** In patient order: lower(last name), lower(first name), the patient's id, then the case id. */
export interface PatientSortCursor {
  sort: "patient";
  lastName: string;
  firstName: string;
  patientId: string;
  id: string;
}
/** In payer order: the payer (names are unique in an organization), then deadline and id within it. */
export interface PayerCursor {
  sort: "payer";
  payerId: string;
  deadline: string | null;
  id: string;
}
export type QueueCursor = DeadlineCursor | TouchCursor | PatientSortCursor | PayerCursor;

function cursorKey(cursor: QueueCursor): SortKey {
  return cursor.sort ?? "deadline";
}

export function encodeCursor(cursor: QueueCursor): string {
  switch (cursor.sort) {
    case undefined:
    case "deadline":
      return `${cursor.deadline ?? "none"}_${cursor.id}`;
    case "last-touch":
      return `t.${cursor.lastEventAt}_${cursor.id}`;
    case "patient":
      return `p.${JSON.stringify([cursor.lastName, cursor.firstName, cursor.patientId, cursor.id])}`;
    case "payer":
      return `y.${cursor.payerId}_${cursor.deadline ?? "none"}_${cursor.id}`;
  }
}

const isoOrUndefined = (value: string) => (Number.isNaN(Date.parse(value)) ? undefined : new Date(value).toISOString());

/**
 * A cursor read back for the sort in force; one written for another sort (or edited by hand) reads as no cursor,
 * so the page starts at the top instead of skipping or repeating rows.
 */
export function decodeCursor(value: string | null | undefined, sort: SortKey = "deadline"): QueueCursor | undefined {
  const cursor = decodeAnyCursor(value);
  return cursor && cursorKey(cursor) === sort ? cursor : undefined;
}

function decodeAnyCursor(value: string | null | undefined): QueueCursor | undefined {
  if (!value) return undefined;
  if (value.startsWith("t.")) {
    const [at, id] = value.slice(2).split("_");
    const lastEventAt = at ? isoOrUndefined(at) : undefined;
    return lastEventAt && id && UUID.test(id) ? { sort: "last-touch", lastEventAt, id } : undefined;
  }
  if (value.startsWith("y.")) {
    const [payerId, deadline, id] = value.slice(2).split("_");
    if (!payerId || !UUID.test(payerId) || !id || !UUID.test(id) || !deadline) return undefined;
    if (deadline === "none") return { sort: "payer", payerId, deadline: null, id };
    const at = isoOrUndefined(deadline);
    return at ? { sort: "payer", payerId, deadline: at, id } : undefined;
  }
  if (value.startsWith("p.")) {
    try {
      const parsed: unknown = JSON.parse(value.slice(2));
      if (!Array.isArray(parsed) || parsed.length !== 4 || !parsed.every((v) => typeof v === "string")) return undefined;
      const [lastName, firstName, patientId, id] = parsed;
      return UUID.test(patientId!) && UUID.test(id!) ? { sort: "patient", lastName: lastName!, firstName: firstName!, patientId: patientId!, id: id! } : undefined;
    } catch {
      return undefined;
    }
  }
  const at = value.lastIndexOf("_");
  if (at < 0) return undefined;
  const deadline = value.slice(0, at);
  const id = value.slice(at + 1);
  if (!UUID.test(id)) return undefined;
  if (deadline === "none") return { deadline: null, id };
  return Number.isNaN(Date.parse(deadline)) ? undefined : { deadline: new Date(deadline).toISOString(), id };
}

/** Deadline kinds in a coordinator's words. */
export const DEADLINE_WORDS: Record<string, string> = {
  "decision-due": "Payer decision due",
  "follow-up": "Follow up with payer",
  "rfi-due": "Information due to payer",
  "p2p-request": "Request peer-to-peer by",
  "appeal-filing": "File appeal by",
  "renewal-alert": "Start renewal",
  "site-of-care-transition": "Site-of-care transition",
  expiry: "Authorization expires",
};

export function deadlineWords(kind: string | null | undefined): string {
  if (!kind) return "No deadline";
  return DEADLINE_WORDS[kind] ?? kind.replace(/-/g, " ");
}
