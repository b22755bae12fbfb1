// evolve(state, event) → state: the only place a case's state changes. replay(events) folds a history.
import type { Approval } from "./commands";
import type { CaseLine, CaseState } from "./case-state";
import type { CaseEvent, EventOf } from "./events";
import type { AuthorizationStatus } from "./vocabulary";

function applyApproval(state: CaseState, approval: Approval, decidedAt: string): CaseState {
  const authorized = new Map(approval.lines.map((line) => [line.lineNumber, line]));
  const lines = state.lines.map((line): CaseLine => {
    const granted = authorized.get(line.lineNumber);
    // A requested line the payer did not list is not authorized.
    if (!granted) return { ...line, authorizedUnits: 0, authorizedVisits: 0 };
    return {
      ...line,
      authorizedUnits: granted.authorizedUnits ?? (granted.authorizedVisits !== undefined ? granted.authorizedVisits * line.unitsPerDose : undefined),
      authorizedVisits: granted.authorizedVisits ?? (granted.authorizedUnits !== undefined ? Math.floor(granted.authorizedUnits / line.unitsPerDose) : undefined),
      mappedHcpcs: [...new Set([...line.mappedHcpcs, ...granted.mappedHcpcs])],
    };
  });
  const siteOfCare = approval.authorizedSiteOfCare ?? state.requested.siteOfCare;
  return {
    ...state,
    status: approval.outcome,
    lines,
    authorization: {
      outcome: approval.outcome,
      authorizationNumber: approval.authorizationNumber,
      effectiveFrom: approval.effectiveFrom,
      effectiveTo: approval.effectiveTo,
      siteOfCare,
      decidedAt,
    },
  };
}

function created(event: EventOf<"case-created">): CaseState {
  const d = event.data;
  return {
    caseId: event.caseId,
    ...(d.caseNumber ? { caseNumber: d.caseNumber } : {}),
    status: "draft",
    version: 0,
    createdAt: event.occurredAt,
    lastEventAt: event.occurredAt,
    patient: d.patient,
    coverage: d.coverage,
    orderingProvider: d.orderingProvider,
    ...(d.renderingNpi ? { renderingNpi: d.renderingNpi } : {}),
    facility: d.facility,
    ...(d.regimenId ? { regimenId: d.regimenId } : {}),
    certificationType: d.certificationType,
    urgency: d.urgency,
    unitType: d.unitType,
    ...(d.unitTypeRule ? { unitTypeRule: d.unitTypeRule } : {}),
    diagnoses: d.diagnoses,
    lines: d.lines,
    requested: { from: d.requestedFrom, to: d.requestedTo, siteOfCare: d.requestedSiteOfCare },
    payerReferences: [],
    informationRequests: [],
    appeals: [],
    links: d.predecessorCaseId ? { predecessorCaseId: d.predecessorCaseId } : {},
    holds: [],
    renewalAlerts: [],
    raised: [],
    tags: d.tags,
    notes: [],
    documents: [],
  };
}

function withStatus(state: CaseState, status: AuthorizationStatus): CaseState {
  return { ...state, status };
}

function markRaised(state: CaseState, key: string): CaseState {
  return state.raised.includes(key) ? state : { ...state, raised: [...state.raised, key] };
}

function apply(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case "case-created":
      return state;
    case "submitted":
      return { ...state, status: "submitted", submission: { channel: event.channel ?? "portal", proofReference: event.proofReference ?? "", submittedAt: event.data.submittedAt }, lastPayerTouchAt: event.data.submittedAt };
    case "payer-acknowledged":
      return {
        ...state,
        status: state.status === "submitted" ? "pending" : state.status,
        payerReferences: [...state.payerReferences, ...event.data.references.filter((r) => !state.payerReferences.some((p) => p.kind === r.kind && p.value === r.value))],
        lastPayerTouchAt: event.occurredAt,
      };
    case "information-requested":
      return {
        ...state,
        status: "information_requested",
        informationRequests: [...state.informationRequests, { requestId: event.data.requestId, requestedAt: event.occurredAt, items: event.data.items, dueOn: event.data.dueOn, dueRule: event.data.dueRule }],
        lastPayerTouchAt: event.occurredAt,
      };
    case "information-sent":
      return {
        ...state,
        status: "pending",
        informationRequests: state.informationRequests.map((r) => (r.requestId === event.data.requestId ? { ...r, answeredAt: event.occurredAt } : r)),
        lastPayerTouchAt: event.occurredAt,
      };
    case "decision-recorded": {
      const d = event.data;
      const decided: CaseState = { ...state, decision: { outcome: d.outcome, decidedAt: d.decidedAt, ...(d.reason ? { reason: d.reason } : {}), ...(d.denialCategory ? { denialCategory: d.denialCategory } : {}) } };
      if (d.approval) return applyApproval(decided, d.approval, d.decidedAt);
      if (d.outcome === "denied") return { ...decided, status: "denied", lastAdverseDecisionAt: d.decidedAt, siteOfCareException: d.denialCategory === "site_of_care" ? "denied" : state.siteOfCareException };
      return withStatus(decided, d.outcome);
    }
    case "p2p-requested":
      return { ...state, status: "peer_to_peer", peerToPeer: { stage: "requested", requestedAt: event.occurredAt, callWindows: event.data.callWindows } };
    case "p2p-scheduled":
      return state.peerToPeer ? { ...state, peerToPeer: { ...state.peerToPeer, stage: "scheduled", scheduledFor: event.data.scheduledFor } } : state;
    case "p2p-outcome-recorded": {
      const peerToPeer = state.peerToPeer ? { ...state.peerToPeer, stage: event.data.outcome, decidedAt: event.data.decidedAt } : undefined;
      const next: CaseState = { ...state, ...(peerToPeer ? { peerToPeer } : {}) };
      if (event.data.approval) return applyApproval(next, event.data.approval, event.data.decidedAt);
      // An upheld peer-to-peer does not restart the appeal clock: it still runs from the denial.
      return { ...next, status: "denied" };
    }
    case "appeal-filed":
      return {
        ...state,
        status: "appeal",
        appeals: [...state.appeals, { ...event.data, filedAt: event.occurredAt, channel: event.channel ?? "portal", proofReference: event.proofReference ?? "" }],
        siteOfCareException: event.data.kind === "site_of_care" ? "requested" : state.siteOfCareException,
      };
    case "appeal-decided": {
      const appeals = state.appeals.map((a) => (a.level === event.data.level && !a.outcome ? { ...a, outcome: event.data.outcome, decidedAt: event.data.decidedAt, ...(event.data.reason ? { reason: event.data.reason } : {}) } : a));
      const siteAppeal = appeals.some((a) => a.level === event.data.level && a.kind === "site_of_care");
      const next: CaseState = { ...state, appeals };
      if (event.data.approval) return { ...applyApproval(next, event.data.approval, event.data.decidedAt), ...(siteAppeal ? { siteOfCareException: "granted" as const } : {}) };
      return { ...next, status: "denied", lastAdverseDecisionAt: event.data.decidedAt, ...(siteAppeal ? { siteOfCareException: "denied" as const } : {}) };
    }
    case "renewal-started":
      return { ...state, status: state.status === "exhausted" ? state.status : "renewal_due", links: { ...state.links, successorCaseId: event.data.successorCaseId } };
    case "superseded":
      return {
        ...state,
        status: "superseded",
        supersededFrom: event.data.from,
        links: { ...state.links, supersededBy: event.data.successorCaseId },
        holds: state.holds.map((h) => (h.releasedAt ? h : { ...h, releasedAt: event.occurredAt })),
      };
    case "regimen-changed":
      return {
        ...state,
        holds: [...state.holds, ...event.data.holds],
        regimenChange: { effectiveFrom: event.data.newRegimen.effectiveFrom, newRegimen: event.data.newRegimen, onHold: event.data.onHold },
        links: event.data.revisedCaseId ? { ...state.links, revisedCaseId: event.data.revisedCaseId } : state.links,
      };
    case "cancelled":
      return { ...state, status: "cancelled", closedReason: event.data.reason };
    case "voided":
      return { ...state, status: "voided", closedReason: event.data.reason };
    case "marked-duplicate":
      return { ...state, status: "duplicate", links: { ...state.links, duplicateOf: event.data.duplicateOfCaseId } };
    case "assigned":
      return { ...state, assigneeId: event.data.assigneeId };
    case "note-added":
      return {
        ...state,
        notes: [...state.notes, { at: event.occurredAt, ...(event.actorUserId ? { authorUserId: event.actorUserId } : {}), text: event.data.text, payerContact: event.data.payerContact }],
        tags: [...new Set([...state.tags, ...event.data.tags])],
        ...(event.data.payerContact ? { lastPayerTouchAt: event.occurredAt } : {}),
      };
    case "document-attached":
      return {
        ...state,
        documents: [
          ...state.documents.filter((d) => d.documentId !== event.data.documentId),
          { documentId: event.data.documentId, kind: event.data.kind, requestedByPayer: event.data.requestedByPayer, ...(event.data.sentAt ? { sentAt: event.data.sentAt } : {}), attachedAt: event.occurredAt },
        ],
      };
    case "ledger-synced":
      return { ...state, usage: { syncedAt: event.occurredAt, lines: event.data.lines, upcoming: event.data.upcoming } };
    case "units-exhausted":
      return withStatus(state, "exhausted");
    case "decision-overdue":
    case "information-overdue":
    case "p2p-window-closed":
    case "appeal-window-closed":
    case "site-of-care-transition-due":
      return markRaised(state, event.data.key);
    case "follow-up-due":
      return { ...markRaised(state, event.data.key), lastPayerTouchAt: event.data.dueAt };
    case "renewal-alert-raised": {
      const bands = [...new Set([...state.renewalAlerts, event.data.band, ...event.data.skippedBands])];
      const status = state.status === "approved" || state.status === "partially_approved" || state.status === "modified" ? "renewal_due" : state.status;
      return { ...markRaised(state, event.data.key), status, renewalAlerts: bands };
    }
    case "expired":
      return { ...markRaised(state, event.data.key), status: "expired" };
  }
}

/** Applies one event. The first event of a case must be case-created. */
export function evolve(state: CaseState | undefined, event: CaseEvent): CaseState {
  const base = state ?? (event.type === "case-created" ? created(event) : undefined);
  if (!base) throw new Error(`Event ${event.type} cannot start case ${event.caseId}; the first event must be case-created.`);
  const next = apply(base, event);
  return { ...next, version: base.version + 1, lastEventAt: event.occurredAt };
}

/** Folds a case's history; undefined for an empty history. */
export function replay(events: readonly CaseEvent[], from?: CaseState): CaseState | undefined {
  return events.reduce<CaseState | undefined>((state, event) => evolve(state, event), from);
}
