// Which child workflow a case's events start or tell (pure; the replay tests run the same moves through the worker).
import { CASE_EVENT_TYPES, type CaseEvent, type CaseState } from "~/authorizations";
import { episodeEnd, episodeMoves, episodeWorkflowId } from "../../workflows/case-episodes";

const ORG = "00000000-0000-4000-8000-0000000000aa";
const CASE_ID = "00000000-0000-4000-9000-0000000000c1";
const event = (type: string, data: unknown) => ({ type, data, at: "2026-01-06T15:00:00.000Z" }) as unknown as CaseEvent;
const state = (over: Partial<CaseState>) => ({ status: "denied", appeals: [], ...over }) as CaseState;

test("a requested peer-to-peer starts `…:p2p:1`; its schedule and outcome are signalled to it", () => {
  const requested = event("p2p-requested", { callWindows: [] });
  expect(episodeMoves(ORG, CASE_ID, [requested], state({}))).toEqual([
    { action: "start", workflowId: `authorization-case:${CASE_ID}:p2p:1`, input: { organizationId: ORG, caseId: CASE_ID, kind: "p2p", key: "1", opened: requested } },
  ]);
  const outcome = event("p2p-outcome-recorded", { outcome: "upheld", decidedAt: "2026-01-07T00:00:00Z" });
  expect(episodeMoves(ORG, CASE_ID, [event("p2p-scheduled", { scheduledFor: "x" }), outcome], state({}))).toEqual([
    { action: "signal", workflowId: episodeWorkflowId(CASE_ID, "p2p", 1), event: expect.objectContaining({ type: "p2p-scheduled" }) as unknown },
    { action: "signal", workflowId: episodeWorkflowId(CASE_ID, "p2p", 1), event: outcome },
  ]);
});

test("each appeal level is its own episode, named by the level", () => {
  const filed = event("appeal-filed", { level: "external", kind: "medical_necessity", documentIds: [] });
  expect(episodeMoves(ORG, CASE_ID, [filed], state({}))).toMatchObject([{ action: "start", workflowId: `authorization-case:${CASE_ID}:appeal:external` }]);
  expect(episodeMoves(ORG, CASE_ID, [event("appeal-decided", { level: 2, outcome: "upheld", decidedAt: "x" })], state({}))).toMatchObject([
    { action: "signal", workflowId: `authorization-case:${CASE_ID}:appeal:2` },
  ]);
  expect(episodeMoves(ORG, CASE_ID, [event("note-added", { text: "x" })], state({}))).toEqual([]);
});

test("a case that closes tells its open episodes, and only those", () => {
  const cancelled = event("cancelled", { reason: "patient moved" });
  const closed = state({
    status: "cancelled",
    peerToPeer: { stage: "scheduled", requestedAt: "x", callWindows: [] },
    appeals: [{ level: 1, outcome: "upheld" } as CaseState["appeals"][number], { level: 2 } as CaseState["appeals"][number]],
  });
  expect(episodeMoves(ORG, CASE_ID, [cancelled], closed).map((m) => m.workflowId)).toEqual([episodeWorkflowId(CASE_ID, "p2p", 1), episodeWorkflowId(CASE_ID, "appeal", 2)]);
});

test("episodeEnd: an episode ends on its own outcome, its window closing or its case closing; not on another level's decision", () => {
  const appeal1 = { kind: "appeal" as const, key: "1" };
  expect(episodeEnd(appeal1, event("appeal-decided", { level: 2, outcome: "upheld", decidedAt: "x" }))).toBeUndefined();
  expect(episodeEnd(appeal1, event("appeal-decided", { level: 1, outcome: "overturned", decidedAt: "d" }))).toEqual({ outcome: "overturned", decidedAt: "d" });
  const p2p = { kind: "p2p" as const, key: "1" };
  expect(episodeEnd(p2p, event("p2p-scheduled", {}))).toBeUndefined();
  expect(episodeEnd(p2p, event("p2p-window-closed", {}))).toEqual({ outcome: "window-closed" });
  expect(episodeEnd(p2p, event("voided", {}))).toEqual({ outcome: "case-closed", by: "voided" });
});

test("the event types episodes follow are the decider's own", () => {
  for (const type of ["p2p-requested", "p2p-scheduled", "p2p-outcome-recorded", "p2p-window-closed", "appeal-filed", "appeal-decided"]) expect(CASE_EVENT_TYPES).toContain(type);
});
