// Replay tests for the claim-release workflow: each path is a built history replayed by the real worker runtime;
// what the workflow saw is asserted through the `claimProbe` sink.
import type { ClaimEvaluation } from "../../activities";
import { nextAgingAlert, type ClaimProbeSinks, type ClaimReleaseInput } from "../../workflows/claim-release";
import { HistoryBuilder } from "./history-builder";
import { replayObserving, workflowBundle } from "./replay-support";

type Observation = Parameters<ClaimProbeSinks["claimProbe"]["observed"]>[0];

const ORG = "00000000-0000-4000-8000-0000000000aa";
const CLAIM_ID = "00000000-0000-4000-9200-0000000000c1";
const CASE_ID = "00000000-0000-4000-9000-0000000000c1";
const STARTED = "2026-01-05T14:00:00.000Z";
const DAY = 86_400_000;
const input: ClaimReleaseInput = { organizationId: ORG, claimId: CLAIM_ID, agingThresholdDays: [7, 14] };

const hold = (openedAt: string) => ({
  reason: "no-authorization",
  field: "lines[0].authorization",
  message: "No approved authorization covers J1745 on 2026-01-02.",
  fix: "Record the payer's approval on case PA-000001.",
  caseId: CASE_ID,
  openedAt,
});
const held = (openedAt: string): ClaimEvaluation => ({ claimId: CLAIM_ID, status: "held", openHolds: [hold(openedAt)], releasedAt: null });
const released: ClaimEvaluation = { claimId: CLAIM_ID, status: "released", openHolds: [], releasedAt: "2026-01-06T09:00:00.000Z" };
const approval = { organizationId: ORG, caseId: CASE_ID, reason: "decision-recorded" };

beforeAll(async () => {
  await workflowBundle();
});
const replay = (h: HistoryBuilder) => replayObserving<Observation>(h, `claim-release:${CLAIM_ID}`, "claimProbe");

/** Start and evaluate the gate once (the claim is held), then wait on the first aging timer. */
function startedHeld(openedAt: string): { h: HistoryBuilder; timer: string } {
  const h = new HistoryBuilder("claimRelease", [input], { startedAt: STARTED });
  h.completeTask();
  const evaluate = h.scheduleActivity("evaluateClaim", { organizationId: ORG, claimId: CLAIM_ID });
  h.completeActivity(evaluate, held(openedAt)).nextTask().completeTask();
  const timer = h.startTimer(Date.parse(openedAt) + 7 * DAY - Date.parse(STARTED));
  return { h, timer };
}

/** A coverage change arrives: the timer is cancelled, the gate releases the claim, the workflow ends. */
function signalledAndReleased(h: HistoryBuilder, timer: string) {
  h.advance(60_000).signal("coverageChanged", approval).nextTask().completeTask();
  h.cancelTimer(timer);
  const evaluate = h.scheduleActivity("evaluateClaim", { organizationId: ORG, claimId: CLAIM_ID });
  h.completeActivity(evaluate, released).nextTask().completeTask();
  h.completeWorkflow({ outcome: "released", releasedAt: released.releasedAt });
}

test("held, then a coverage change: the gate runs again and the released claim ends the workflow", async () => {
  const { h, timer } = startedHeld("2026-01-05T09:00:00.000Z");
  signalledAndReleased(h, timer);

  const observed = await replay(h);
  expect(observed.at(0)).toMatchObject({ evaluations: 1, status: "held", openHolds: 1 });
  expect(observed.at(-1)).toMatchObject({ evaluations: 2, status: "released", openHolds: 0, notifiedThresholdDays: [] });
});

test("timer first: the hold ages past 7 days, billers are told once, the next threshold waits, then the claim releases", async () => {
  const { h, timer } = startedHeld("2025-12-30T14:00:00.000Z"); // six days old: the 7-day alert falls a day later
  h.advance(DAY).fireTimer(timer).nextTask().completeTask();
  const notify = h.scheduleActivity("notifyHoldAging", { organizationId: ORG, claimId: CLAIM_ID, thresholdDays: 7 });
  h.completeActivity(notify, null).nextTask().completeTask();
  const fourteen = h.startTimer(7 * DAY);
  signalledAndReleased(h, fourteen);

  const observed = await replay(h);
  expect(observed.map((o) => o.notifiedThresholdDays)).toEqual([[], [7], [7]]);
  expect(observed.at(-1)).toMatchObject({ evaluations: 2, status: "released" });
});

test("activity failure and retry: a retried evaluation's result is used; a gate that cannot run at all is tried again later", async () => {
  const h = new HistoryBuilder("claimRelease", [input], { startedAt: STARTED });
  h.completeTask();
  const first = h.scheduleActivity("evaluateClaim", { organizationId: ORG, claimId: CLAIM_ID });
  h.failActivity(first, { message: "The worker was started without billing.evaluateClaim", type: "MissingDependency", nonRetryable: true }).nextTask().completeTask();
  const retryLater = h.startTimer(3_600_000);
  h.advance(3_600_000).fireTimer(retryLater).nextTask().completeTask();
  const second = h.scheduleActivity("evaluateClaim", { organizationId: ORG, claimId: CLAIM_ID });
  h.advance(6_000).completeActivity(second, held("2026-01-05T09:00:00.000Z"), { attempt: 3, lastFailure: { message: "connection reset" } });
  h.nextTask().completeTask();
  const aging = h.startTimer(7 * DAY);
  signalledAndReleased(h, aging);

  const observed = await replay(h);
  expect(observed.map((o) => o.status)).toEqual(["evaluating", "held", "released"]);
});

test("a claim with nothing held (voided, or released by someone else) ends the workflow at once", async () => {
  const h = new HistoryBuilder("claimRelease", [input], { startedAt: STARTED });
  h.completeTask();
  const evaluate = h.scheduleActivity("evaluateClaim", { organizationId: ORG, claimId: CLAIM_ID });
  h.completeActivity(evaluate, { claimId: CLAIM_ID, status: "unchanged", openHolds: [], releasedAt: null }).nextTask().completeTask();
  h.completeWorkflow({ outcome: "nothing-held" });

  expect(await replay(h)).toEqual([{ evaluations: 1, status: "unchanged", openHolds: 0, notifiedThresholdDays: [] }]);
});

test("a history where the workflow did not evaluate the gate first fails the replay", async () => {
  const h = new HistoryBuilder("claimRelease", [input], { startedAt: STARTED });
  h.completeTask();
  h.startTimer(1_000);
  await expect(replay(h)).rejects.toThrow(/[Nn]ondeterminism/);
});

test("nextAgingAlert: the smallest threshold not yet notified, counted from the oldest open hold", () => {
  const opened = "2026-01-01T00:00:00.000Z";
  expect(nextAgingAlert([14, 7], [], opened)).toEqual({ days: 7, at: Date.parse(opened) + 7 * DAY });
  expect(nextAgingAlert([7, 14], [7], opened)).toEqual({ days: 14, at: Date.parse(opened) + 14 * DAY });
  expect(nextAgingAlert([7, 14], [7, 14], opened)).toBeUndefined();
  expect(nextAgingAlert([7], [], undefined)).toBeUndefined();
});
