// Replay tests for the authorization-case workflow: each path is written as a history (tests/workflows/
// history-builder.ts) and replayed by the real worker runtime (`Worker.runReplayHistory`). A nondeterministic
// change to the workflow fails these; what the workflow saw is asserted through the `caseProbe` sink.
import { DefaultLogger, Runtime, bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from "@temporalio/worker";
import { fileURLToPath } from "node:url";
import { EMPTY_RULE_SET, decide, replay, type CaseEvent, type CaseState } from "~/authorizations";
import type { ApplyCaseCommandResult } from "../../activities";
import { PATCHES, type AuthorizationCaseInput, type CaseProbeSinks } from "../../workflows/authorization-case";
import type { CaseSnapshot } from "../../workflows/case-entity";
import { HistoryBuilder } from "./history-builder";

type Observation = Parameters<CaseProbeSinks["caseProbe"]["observed"]>[0];

const ORG = "00000000-0000-4000-8000-0000000000aa";
const CASE_ID = "00000000-0000-4000-9000-0000000000c1";
const input: AuthorizationCaseInput = { organizationId: ORG, caseId: CASE_ID };
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** A created case as the decider records it (the workflow trusts the activity for what is stored). */
function createdCase(): { events: CaseEvent[]; state: CaseState } {
  const decision = decide(
    undefined,
    {
      type: "create-case",
      caseId: CASE_ID,
      caseNumber: "PA-000001",
      patient: { patientId: uuid(1), weightKg: 80, weighedOn: "2026-01-02" },
      coverage: { coverageId: uuid(2), payerId: uuid(3), planId: uuid(4), lineOfBusiness: "commercial", memberId: "M123" },
      orderingProvider: { providerId: uuid(5), npi: "1234567893" },
      facility: { facilityId: uuid(6), npi: "1245319599", tin: "123456789", siteOfCare: "office", placeOfService: "11", timeZone: "America/New_York" },
      lines: [
        { hcpcs: "J1745", dose: { value: 5, unit: "mg", basis: "per_kg" }, route: "iv_infusion", intervalDays: 56, unitsPerDose: 40, administrations: 6, administrationCodes: ["96365"] },
      ],
      requestedFrom: "2026-01-15",
      requestedTo: "2026-07-14",
      diagnoses: ["K50.90"],
    },
    { now: new Date("2026-01-05T14:00:00Z"), rules: EMPTY_RULE_SET },
  );
  if (!decision.ok) throw new Error(`fixture case does not decide: ${decision.error.message}`);
  return { events: decision.events, state: replay(decision.events)! };
}

const created = createdCase();
const DEADLINE = { at: "2026-01-05T15:00:00.000Z", kind: "decision-due" };
const snapshot = (nextDeadline: CaseSnapshot["nextDeadline"]): CaseSnapshot => ({ events: created.events, nextDeadline });
/** What applyCaseCommand reports for a command that recorded one more event. */
const applied = (nextDeadline: CaseSnapshot["nextDeadline"]): ApplyCaseCommandResult => {
  const event = { ...created.events[0]!, type: "note-added" } as unknown as CaseEvent;
  return { ok: true, events: [event], state: { ...created.state, version: created.state.version + 1 }, nextDeadline, replayed: false };
};
const noOutbox = { claimed: 0, delivered: 0, retried: 0, dead: 0 };
const linked = { organizationId: ORG, command: { type: "withdraw", caseId: CASE_ID, reason: "renewed" } };

let workflowBundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger("WARN") });
  workflowBundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL("../../workflows/index.ts", import.meta.url)), logger: quiet });
});

async function replayHistory(history: HistoryBuilder): Promise<Observation[]> {
  const observed: Observation[] = [];
  await Worker.runReplayHistory(
    { workflowBundle, sinks: { caseProbe: { observed: { fn: (_info, o: Observation) => void observed.push(o), callDuringReplay: true } } } },
    history.toJSON(),
    `authorization-case:${CASE_ID}`,
  );
  return observed;
}

/** The patched outbox delivery after a batch of commands (first run: marker, then the activity). */
function deliverOutbox(h: HistoryBuilder, next: { suggestContinueAsNew?: boolean } = {}) {
  h.patchMarker(PATCHES.deliverOutboxAfterCommand);
  const deliver = h.scheduleActivity("deliverOutbox");
  h.completeActivity(deliver, noOutbox).nextTask(next).completeTask();
}

/** Start, load the case (one hour before its deadline), wait on the deadline timer. */
function startedWithDeadline(): { h: HistoryBuilder; timer: string } {
  const h = new HistoryBuilder("authorizationCase", [input]);
  h.completeTask();
  const load = h.scheduleActivity("loadCase", { organizationId: ORG, caseId: CASE_ID });
  h.completeActivity(load, snapshot(DEADLINE)).nextTask().completeTask();
  const timer = h.startTimer(3_600_000);
  return { h, timer };
}

test("timer first: the deadline fires, the case is told, the outbox is delivered, the next timer starts", async () => {
  const { h, timer } = startedWithDeadline();
  h.advance(3_600_000).fireTimer(timer).nextTask().completeTask();
  const command = h.scheduleActivity("applyCaseCommand", { command: { type: "deadline-reached", caseId: CASE_ID, kind: "decision-due" } });
  h.completeActivity(command, applied({ at: "2026-01-06T15:00:00.000Z", kind: "decision-due" })).nextTask().completeTask();
  deliverOutbox(h);
  h.startTimer(86_400_000);

  const observed = await replayHistory(h);
  expect(observed.at(0)).toMatchObject({ version: created.state.version, nextDeadlineKind: "decision-due" });
  expect(observed.at(-1)).toMatchObject({ version: created.state.version + 1, patchedOutbox: true });
});

test("signal before timer: a linked command cancels the wait, is applied, and the deadline is still pending", async () => {
  const { h, timer } = startedWithDeadline();
  h.advance(60_000).signal("linkedCommand", linked).nextTask().completeTask();
  h.cancelTimer(timer);
  const command = h.scheduleActivity("applyCaseCommand", { command: linked.command });
  h.completeActivity(command, applied(DEADLINE)).nextTask().completeTask();
  deliverOutbox(h);
  h.startTimer(3_540_000);

  const observed = await replayHistory(h);
  expect(observed.at(-1)).toMatchObject({ version: created.state.version + 1, nextDeadlineKind: "decision-due" });
});

test("update before timer: the command is accepted, applied by the main loop and answered", async () => {
  const { h, timer } = startedWithDeadline();
  const message = { organizationId: ORG, command: { type: "add-note", caseId: CASE_ID, text: "called the payer" }, issuedAt: "2026-01-05T14:01:00.000Z" };
  h.advance(60_000).nextTask().completeTask();
  h.acceptUpdate("executeCommand", "update-1", message);
  h.cancelTimer(timer);
  const command = h.scheduleActivity("applyCaseCommand", message);
  const result = applied(DEADLINE);
  h.completeActivity(command, result).nextTask().completeTask();
  if (!result.ok) throw new Error("unreachable");
  // The main loop runs on to the outbox before the waiting handler resumes: its reply is the task's last command.
  h.patchMarker(PATCHES.deliverOutboxAfterCommand);
  const deliver = h.scheduleActivity("deliverOutbox");
  h.completeUpdate("update-1", { ok: true, caseId: CASE_ID, events: result.events, state: result.state });
  h.completeActivity(deliver, noOutbox).nextTask().completeTask();
  h.startTimer(3_540_000);

  const observed = await replayHistory(h);
  expect(observed.at(-1)).toMatchObject({ version: created.state.version + 1, nextDeadlineKind: "decision-due", patchedOutbox: true });
});

test("activity failure and retry: a retried attempt's result is used; a non-retryable failure leaves the case running", async () => {
  const { h, timer } = startedWithDeadline();
  h.advance(60_000).signal("linkedCommand", linked).nextTask().completeTask();
  h.cancelTimer(timer);
  const first = h.scheduleActivity("applyCaseCommand", { command: linked.command });
  h.advance(4_000).completeActivity(first, applied(DEADLINE), { attempt: 3, lastFailure: { message: "connection reset" } });
  h.nextTask().completeTask();
  deliverOutbox(h);
  const wait = h.startTimer(3_536_000);
  h.signal("linkedCommand", linked).nextTask().completeTask();
  h.cancelTimer(wait);
  const second = h.scheduleActivity("applyCaseCommand", { command: linked.command });
  h.failActivity(second, { message: "Payer has invalid rules", type: "InvalidPayerRules", nonRetryable: true }).nextTask().completeTask();
  const deliverAgain = h.scheduleActivity("deliverOutbox");
  h.completeActivity(deliverAgain, noOutbox).nextTask().completeTask();
  h.startTimer(3_536_000);

  const observed = await replayHistory(h);
  // The retried command counted once; the failed one changed nothing and the deadline is still awaited.
  expect(observed.at(-1)).toMatchObject({ version: created.state.version + 1, nextDeadlineKind: "decision-due" });
});

test("continue-as-new suggested: the run hands over after its handlers finish", async () => {
  const { h, timer } = startedWithDeadline();
  h.advance(3_600_000).fireTimer(timer).nextTask().completeTask();
  const command = h.scheduleActivity("applyCaseCommand", {});
  h.completeActivity(command, applied(null)).nextTask().completeTask();
  deliverOutbox(h, { suggestContinueAsNew: true });
  h.continueAsNew({ ...input, pending: [] });

  const observed = await replayHistory(h);
  expect(observed.at(-1)).toMatchObject({ version: created.state.version + 1, nextDeadlineKind: null });
});

test("patch off: a history recorded before the outbox delivery existed replays on the old path", async () => {
  const { h, timer } = startedWithDeadline();
  h.advance(3_600_000).fireTimer(timer).nextTask().completeTask();
  const command = h.scheduleActivity("applyCaseCommand", {});
  h.completeActivity(command, applied({ at: "2026-01-06T15:00:00.000Z", kind: "decision-due" })).nextTask().completeTask();
  h.startTimer(86_400_000);

  const observed = await replayHistory(h);
  expect(observed.at(-1)).toMatchObject({ version: created.state.version + 1, patchedOutbox: false });
});

/** What applyCaseCommand reports for a command that recorded one event of `type` (the episode code reads type, data, state). */
const appliedEvent = (type: string, data: unknown, state: Partial<CaseState> = {}): ApplyCaseCommandResult => {
  const event = { ...created.events[0]!, type, data } as unknown as CaseEvent;
  return { ok: true, events: [event], state: { ...created.state, version: created.state.version + 1, ...state }, nextDeadline: DEADLINE, replayed: false };
};
const P2P_ID = `authorization-case:${CASE_ID}:p2p:1`;

test("patch on: a requested peer-to-peer starts its child workflow (ABANDON), and its outcome is signalled to it", async () => {
  const { h, timer } = startedWithDeadline();
  h.advance(60_000).signal("linkedCommand", linked).nextTask().completeTask();
  h.cancelTimer(timer);
  const request = h.scheduleActivity("applyCaseCommand", {});
  const requested = appliedEvent("p2p-requested", { callWindows: ["2026-01-06T15:00:00Z"] }, { status: "denied" });
  h.completeActivity(request, requested).nextTask().completeTask();
  h.patchMarker(PATCHES.episodesAsChildWorkflows);
  const child = h.startChild("caseEpisode", P2P_ID, {}, { parentClosePolicy: "ABANDON" });
  h.childStarted(child, "caseEpisode", P2P_ID).nextTask().completeTask();
  deliverOutbox(h);
  const wait = h.startTimer(3_540_000);
  h.signal("linkedCommand", linked).nextTask().completeTask();
  h.cancelTimer(wait);
  const outcome = h.scheduleActivity("applyCaseCommand", {});
  h.completeActivity(outcome, appliedEvent("p2p-outcome-recorded", { outcome: "overturned", decidedAt: "2026-01-06T16:00:00Z" })).nextTask().completeTask();
  const told = h.signalExternal(P2P_ID, "episodeEvent", {});
  h.externalSignalled(told, P2P_ID).nextTask().completeTask();
  const deliverAgain = h.scheduleActivity("deliverOutbox");
  h.completeActivity(deliverAgain, noOutbox).nextTask().completeTask();
  h.startTimer(3_540_000);

  const observed = await replayHistory(h);
  expect(observed.at(-1)).toMatchObject({ nextDeadlineKind: "decision-due", patchedOutbox: true });
});

test("patch off: a peer-to-peer requested before episodes existed replays without a child workflow", async () => {
  const { h, timer } = startedWithDeadline();
  h.advance(60_000).signal("linkedCommand", linked).nextTask().completeTask();
  h.cancelTimer(timer);
  const request = h.scheduleActivity("applyCaseCommand", {});
  h.completeActivity(request, appliedEvent("p2p-requested", { callWindows: [] }, { status: "denied" })).nextTask().completeTask();
  deliverOutbox(h);
  h.startTimer(3_540_000);

  const observed = await replayHistory(h);
  expect(observed.at(-1)).toMatchObject({ status: "denied", patchedOutbox: true });
});

// Core checks the commands, not whether the run ended where the history does: the outcome itself is asserted on
// episodeEnd in case-episodes.test.ts; this proves the child's commands replay deterministically.
test("the episode child: it listens to its case's events and completes on its own level's decision", async () => {
  const opened = { ...created.events[0]!, type: "appeal-filed", data: { level: 1, kind: "medical_necessity", documentIds: [] } };
  const h = new HistoryBuilder("caseEpisode", [{ organizationId: ORG, caseId: CASE_ID, kind: "appeal", key: "1", opened }]);
  h.completeTask();
  h.advance(86_400_000).signal("episodeEvent", { ...opened, type: "note-added", data: {} });
  h.signal("episodeEvent", { ...opened, type: "appeal-decided", data: { level: 2, outcome: "upheld", decidedAt: "2026-01-20T00:00:00Z" } }).nextTask().completeTask();
  h.advance(86_400_000).signal("episodeEvent", { ...opened, type: "appeal-decided", data: { level: 1, outcome: "overturned", decidedAt: "2026-01-21T00:00:00Z" } }).nextTask().completeTask();
  h.completeWorkflow({ outcome: "overturned", decidedAt: "2026-01-21T00:00:00Z" });
  await Worker.runReplayHistory({ workflowBundle }, h.toJSON(), `authorization-case:${CASE_ID}:appeal:1`);
});

test("an unknown case: the command is answered CASE_NOT_FOUND and the workflow ends instead of lingering", async () => {
  const h = new HistoryBuilder("authorizationCase", [input]);
  const message = { organizationId: ORG, command: { type: "add-note", caseId: CASE_ID, text: "hello" }, issuedAt: "2026-01-05T14:00:00.000Z" };
  h.completeTask();
  h.acceptUpdate("executeCommand", "update-1", message);
  const load = h.scheduleActivity("loadCase", { organizationId: ORG, caseId: CASE_ID });
  h.completeActivity(load, { events: [], nextDeadline: null }).nextTask().completeTask();
  const command = h.scheduleActivity("applyCaseCommand", message);
  const notFound = { ok: false, error: { code: "CASE_NOT_FOUND", category: "not_found", message: "That case does not exist in this organization." } };
  h.completeActivity(command, notFound).nextTask().completeTask();
  h.completeUpdate("update-1", notFound);
  h.completeWorkflow();

  const observed = await replayHistory(h);
  expect(observed.at(-1)).toMatchObject({ version: 0, status: undefined });
});

test("a history that does not match the workflow fails the replay", async () => {
  const h = new HistoryBuilder("authorizationCase", [input]);
  h.completeTask();
  h.startTimer(1_000); // the workflow loads the case first: a timer here is a nondeterminism error
  await expect(replayHistory(h)).rejects.toThrow(/[Nn]ondeterminism/);
});

const quiet = { trace: () => {}, debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, log: () => {} };
