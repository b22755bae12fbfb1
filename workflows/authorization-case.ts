// The authorization-case entity workflow (id `authorization-case:{caseId}`): one per case, for the case's life.
// Commands arrive as Updates (validated by the decider, so a refused command writes nothing to history), linked
// commands from other cases as signals, deadlines as the timeout of the main loop's condition. Every write goes
// through an idempotent activity over the same store the embedded engine uses.
import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  TemporalFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  proxySinks,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
  type Sinks,
} from "@temporalio/workflow";
import { WorkflowExecutionAlreadyStartedError } from "@temporalio/common";
import type { CaseEvent, CaseState } from "../app/authorizations";
import type { CaseActivities } from "../activities";
import { CaseEntity, CommandRefused, type CaseCommandMessage, type CaseCommandReply, type InboxItem } from "./case-entity";
import { caseEpisode, episodeEvent } from "./case-episode";
import { episodeMoves } from "./case-episodes";

export const caseWorkflowId = (caseId: string) => `authorization-case:${caseId}`;

/** A command for this case, answered with its outcome (the port's CommandOutcome). */
export const executeCommand = defineUpdate<CaseCommandReply, [CaseCommandMessage]>("executeCommand");
/** A command sent by another case (a renewal supersedes its predecessor): no one waits for the answer. */
export const linkedCommand = defineSignal<[CaseCommandMessage]>("linkedCommand");
/** The case as the decider sees it; undefined until the case is created. */
export const caseState = defineQuery<CaseState | undefined, [organizationId: string]>("caseState");

export interface AuthorizationCaseInput {
  organizationId: string;
  caseId: string;
  /** Signals received but not yet applied when the previous run continued as new. */
  pending?: InboxItem[];
}

/** What tests observe through sinks (replay-safe: called during replay only when registered so). */
export interface CaseProbeSinks extends Sinks {
  caseProbe: {
    observed(snapshot: { version: number; status: string | undefined; nextDeadlineKind: string | null; patchedOutbox: boolean }): void;
  };
}
const { caseProbe } = proxySinks<CaseProbeSinks>();

// Someone is usually waiting on a command (an Update from the web app): a few quick retries, then an answer.
const activities = proxyActivities<CaseActivities>({
  startToCloseTimeout: "30 seconds",
  retry: { initialInterval: "1 second", backoffCoefficient: 2, maximumInterval: "30 seconds", maximumAttempts: 8, nonRetryableErrorTypes: ["CaseHistoryUnreadable", "InvalidPayerRules"] },
});
// Delivering the outbox may wait on email providers and other cases; it is retried for a day before giving up.
const delivery = proxyActivities<CaseActivities>({
  startToCloseTimeout: "2 minutes",
  retry: { initialInterval: "5 seconds", backoffCoefficient: 2, maximumInterval: "10 minutes", maximumAttempts: 50 },
});

/** Change ids for `patched()`: add one per behaviour change, remove it once no running history predates it. */
export const PATCHES = { deliverOutboxAfterCommand: "deliver-outbox-after-command", episodesAsChildWorkflows: "episodes-as-child-workflows" } as const;

/**
 * Peer-to-peer reviews and appeals run as child workflows beside the case: started when one is requested or filed,
 * told its later events, ended by its outcome. ABANDON, so an episode outlives its parent's continue-as-new; a
 * signal to an episode that already ended (or predates this patch) is logged and dropped: the case has the facts.
 */
async function followEpisodes(organizationId: string, caseId: string, result: { events: CaseEvent[]; state: CaseState }) {
  for (const move of episodeMoves(organizationId, caseId, result.events, result.state)) {
    try {
      if (move.action === "start")
        await startChild(caseEpisode, { workflowId: move.workflowId, args: [move.input], parentClosePolicy: ParentClosePolicy.ABANDON });
      else await getExternalWorkflowHandle(move.workflowId).signal(episodeEvent, move.event);
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError) && !(move.action === "signal" && error instanceof TemporalFailure)) throw error;
      log.warn("episode already started or already ended", { caseId, workflowId: move.workflowId, action: move.action });
    }
  }
}

export async function authorizationCase(input: AuthorizationCaseInput): Promise<void> {
  const entity = new CaseEntity(input.organizationId, input.caseId);
  for (const item of input.pending ?? []) entity.inbox.push(item);
  let patchedOutbox = false;
  const observe = () =>
    caseProbe.observed({ version: entity.version, status: entity.state?.status, nextDeadlineKind: entity.nextDeadline?.kind ?? null, patchedOutbox });

  setHandler(caseState, (organizationId) => (organizationId === input.organizationId ? entity.state : undefined));
  setHandler(linkedCommand, (message) => {
    if (message.organizationId === input.organizationId) entity.enqueue(message, false);
    else log.warn("linked command from another organization ignored", { caseId: input.caseId });
  });
  setHandler(
    executeCommand,
    async (message) => {
      const ticket = entity.enqueue(message, true)!;
      await condition(() => entity.replies.has(ticket));
      const reply = entity.replies.get(ticket)!;
      entity.replies.delete(ticket);
      if (reply instanceof Error) throw ApplicationFailure.create({ message: `The command could not be applied: ${reply.message}`, type: "CommandFailed", nonRetryable: true, cause: reply });
      return reply;
    },
    {
      validator: (message: CaseCommandMessage) => {
        try {
          entity.validate(message, message.issuedAt ? new Date(message.issuedAt) : new Date());
        } catch (error) {
          // The domain error travels as the failure's details, so the client returns it exactly as the embedded engine does.
          if (error instanceof CommandRefused) throw ApplicationFailure.create({ message: error.message, type: error.error.code, nonRetryable: true, details: [error.error] });
          throw error;
        }
      },
    },
  );

  entity.hydrate(await activities.loadCase({ organizationId: input.organizationId, caseId: input.caseId }));
  observe();

  for (;;) {
    const deadline = entity.nextDeadline;
    const arrived = deadline
      ? await condition(() => entity.inbox.length > 0, Math.max(1, Date.parse(deadline.at) - Date.now()))
      : (await condition(() => entity.inbox.length > 0), true);
    const deadlineItem = arrived ? undefined : entity.deadlineCommand();
    if (deadlineItem) entity.inbox.push(deadlineItem);

    while (entity.inbox.length > 0) {
      const item = entity.inbox.shift()!;
      let result: Awaited<ReturnType<CaseActivities["applyCaseCommand"]>>;
      try {
        result = await activities.applyCaseCommand({
          organizationId: input.organizationId,
          command: item.command,
          ...(item.actor ? { actor: item.actor } : {}),
          expectedVersion: entity.version,
          now: item.issuedAt ?? new Date().toISOString(),
          // A deadline has no sender: its id is made here (uuid4 is replay-safe), so every retry of the activity shares it.
          commandId: item.commandId ?? uuid4(),
        });
      } catch (error) {
        // Retries are exhausted or the failure is not retryable: the caller hears of it, the case lives on.
        if (!(error instanceof ActivityFailure)) throw error;
        log.error("command could not be applied", { caseId: input.caseId, error: error.cause?.message ?? error.message });
        if (item.replyTo) entity.replies.set(item.replyTo, error);
        if (item === deadlineItem) entity.nextDeadline = null;
        observe();
        continue;
      }
      if (result.ok) {
        const before = entity.nextDeadline;
        entity.record(result);
        if (result.events.length > 0 && patched(PATCHES.episodesAsChildWorkflows)) await followEpisodes(input.organizationId, input.caseId, result);
        // A due deadline the decider does not act on must not fire again and again (the sweep skips it too).
        if (item === deadlineItem && result.events.length === 0 && before && entity.nextDeadline?.at === before.at) {
          log.warn("deadline not acted on; waiting for the next command", { caseId: input.caseId, kind: before.kind });
          entity.nextDeadline = null;
        }
      }
      if (item.replyTo)
        entity.replies.set(item.replyTo, result.ok ? { ok: true, caseId: input.caseId, events: result.events, state: result.state } : { ok: false, error: result.error });
      observe();
    }

    // No case came of it (an unknown id, a refused create-case): this workflow has nothing to hold.
    if (!entity.state) {
      await condition(allHandlersFinished);
      if (entity.inbox.length === 0) return;
      continue;
    }

    if (patched(PATCHES.deliverOutboxAfterCommand)) {
      patchedOutbox = true;
      // Undelivered rows stay in the outbox for the next round: a delivery outage must not end the case's workflow.
      await delivery.deliverOutbox().catch((error: unknown) => {
        if (!(error instanceof ActivityFailure)) throw error;
        log.error("outbox delivery failed; the rows wait for the next command", { caseId: input.caseId, error: error.cause?.message ?? error.message });
      });
      observe();
    }

    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof authorizationCase>({ organizationId: input.organizationId, caseId: input.caseId, pending: entity.inbox.filter((i) => !i.replyTo) });
    }
  }
}
