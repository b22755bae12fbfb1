// A small builder for Temporal workflow histories in the proto-JSON shape `temporal workflow show -o json` prints,
// so replay tests can describe a path event by event and run it through `Worker.runReplayHistory` without a server.
//
// How to use: construct with the workflow type and its input (this writes WorkflowExecutionStarted and the first
// workflow task's Scheduled/Started), then alternate what the worker did (`completeTask()` followed by the command
// events it produced: `acceptUpdate`, `completeUpdate`, `scheduleActivity`, `startTimer`, `cancelTimer`, `patchMarker`,
// `startChild`, `signalExternal`, `continueAsNew`, `completeWorkflow`, `failWorkflow`) with what the server delivered
// (`completeActivity`, `failActivity`, `fireTimer`, `signal`, `childStarted`, `externalSignalled`, then `nextTask()` to open the
// next workflow task). Times advance with `advance(ms)`; each workflow task's start time is the workflow's
// `Date.now()` on replay. Core matches commands to events by type and sequence (activity ids and timer ids are the
// workflow's 1-based counters), not by input, so inputs here are informative and results are what the workflow sees.
//
// For histories captured from a real server, see tests/workflows/fixtures/README.md.
const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

export const jsonPayload = (value: unknown) => ({ metadata: { encoding: base64("json/plain") }, data: base64(JSON.stringify(value)) });
const payloads = (...values: unknown[]) => ({ payloads: values.map(jsonPayload) });

export interface FailureSpec {
  message: string;
  type?: string;
  nonRetryable?: boolean;
}
const failure = (spec: FailureSpec) => ({
  message: spec.message,
  source: "TypeScriptSDK",
  applicationFailureInfo: { type: spec.type ?? "Error", nonRetryable: spec.nonRetryable ?? false },
});

type HistoryEvent = Record<string, unknown> & { eventId: string; eventType: string };

export class HistoryBuilder {
  private readonly events: HistoryEvent[] = [];
  private now: number;
  private readonly taskQueue: string;
  private lastCompletedTask = 0;
  private openTask: { scheduled: number; started: number } | undefined;
  private activitySeq = 0;
  private timerSeq = 0;
  private readonly activities = new Map<string, { scheduled: number; started?: number }>();
  private readonly timers = new Map<string, number>();
  private readonly updates = new Map<string, number>();

  constructor(
    private readonly workflowType: string,
    input: unknown[],
    options: { startedAt: string; taskQueue?: string } = { startedAt: "2026-01-05T14:00:00Z" },
  ) {
    this.now = Date.parse(options.startedAt);
    this.taskQueue = options.taskQueue ?? "replay-test";
    this.add("WorkflowExecutionStarted", {
      workflowType: { name: workflowType },
      taskQueue: { name: this.taskQueue, kind: "TASK_QUEUE_KIND_NORMAL" },
      input: payloads(...input),
      workflowTaskTimeout: "10s",
      originalExecutionRunId: "run-1",
      firstExecutionRunId: "run-1",
      attempt: 1,
      identity: "history-builder",
    });
    this.nextTask();
  }

  private add(type: string, attributes: Record<string, unknown>): number {
    const eventId = this.events.length + 1;
    const key = `${type[0]!.toLowerCase()}${type.slice(1)}EventAttributes`;
    const constant = type.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
    this.events.push({ eventId: String(eventId), eventTime: new Date(this.now).toISOString(), eventType: `EVENT_TYPE_${constant}`, [key]: attributes });
    return eventId;
  }

  advance(ms: number): this {
    this.now += ms;
    return this;
  }

  /** The server hands the worker a workflow task (after a signal, a timer, an activity result…). */
  nextTask(options: { suggestContinueAsNew?: boolean } = {}): this {
    const scheduled = this.add("WorkflowTaskScheduled", { taskQueue: { name: this.taskQueue, kind: "TASK_QUEUE_KIND_NORMAL" }, startToCloseTimeout: "10s", attempt: 1 });
    const started = this.add("WorkflowTaskStarted", {
      scheduledEventId: String(scheduled),
      identity: "history-builder",
      requestId: `request-${scheduled}`,
      historySizeBytes: "1024",
      ...(options.suggestContinueAsNew ? { suggestContinueAsNew: true } : {}),
    });
    this.openTask = { scheduled, started };
    return this;
  }

  /** The worker completed the open workflow task; the command events that follow are what it asked for. */
  completeTask(): this {
    if (!this.openTask) throw new Error("no workflow task is open");
    this.lastCompletedTask = this.add("WorkflowTaskCompleted", {
      scheduledEventId: String(this.openTask.scheduled),
      startedEventId: String(this.openTask.started),
      identity: "history-builder",
    });
    this.openTask = undefined;
    return this;
  }

  scheduleActivity(activityType: string, ...input: unknown[]): string {
    const activityId = String(++this.activitySeq);
    const scheduled = this.add("ActivityTaskScheduled", {
      activityId,
      activityType: { name: activityType },
      taskQueue: { name: this.taskQueue, kind: "TASK_QUEUE_KIND_NORMAL" },
      input: payloads(...input),
      startToCloseTimeout: "30s",
      workflowTaskCompletedEventId: String(this.lastCompletedTask),
    });
    this.activities.set(activityId, { scheduled });
    return activityId;
  }

  /** The attempt that finished: attempt > 1 with `lastFailure` is what a retried activity looks like. */
  private startActivity(activityId: string, attempt: number, lastFailure?: FailureSpec) {
    const activity = this.activities.get(activityId);
    if (!activity) throw new Error(`activity ${activityId} was never scheduled`);
    activity.started = this.add("ActivityTaskStarted", {
      scheduledEventId: String(activity.scheduled),
      identity: "history-builder",
      requestId: `activity-${activityId}`,
      attempt,
      ...(lastFailure ? { lastFailure: failure(lastFailure) } : {}),
    });
    return activity as { scheduled: number; started: number };
  }

  completeActivity(activityId: string, result: unknown, options: { attempt?: number; lastFailure?: FailureSpec } = {}): this {
    const { scheduled, started } = this.startActivity(activityId, options.attempt ?? 1, options.lastFailure);
    this.add("ActivityTaskCompleted", { result: payloads(result), scheduledEventId: String(scheduled), startedEventId: String(started), identity: "history-builder" });
    return this;
  }

  failActivity(activityId: string, spec: FailureSpec, options: { attempt?: number } = {}): this {
    const { scheduled, started } = this.startActivity(activityId, options.attempt ?? 1);
    this.add("ActivityTaskFailed", {
      failure: failure(spec),
      scheduledEventId: String(scheduled),
      startedEventId: String(started),
      identity: "history-builder",
      retryState: spec.nonRetryable ? "RETRY_STATE_NON_RETRYABLE_FAILURE" : "RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED",
    });
    return this;
  }

  startTimer(ms: number): string {
    const timerId = String(++this.timerSeq);
    const started = this.add("TimerStarted", { timerId, startToFireTimeout: `${ms / 1000}s`, workflowTaskCompletedEventId: String(this.lastCompletedTask) });
    this.timers.set(timerId, started);
    return timerId;
  }

  fireTimer(timerId: string): this {
    this.add("TimerFired", { timerId, startedEventId: String(this.timers.get(timerId)) });
    return this;
  }

  cancelTimer(timerId: string): this {
    this.add("TimerCanceled", { timerId, startedEventId: String(this.timers.get(timerId)), workflowTaskCompletedEventId: String(this.lastCompletedTask), identity: "history-builder" });
    return this;
  }

  signal(signalName: string, ...input: unknown[]): this {
    this.add("WorkflowExecutionSignaled", { signalName, input: payloads(...input), identity: "history-builder" });
    return this;
  }

  /**
   * An Update the workflow accepted in the task just completed (its validator passed); on replay the handler runs
   * again from this event, the validator does not. A rejected Update leaves no event at all.
   */
  acceptUpdate(updateName: string, updateId: string, ...args: unknown[]): number {
    const accepted = this.add("WorkflowExecutionUpdateAccepted", {
      protocolInstanceId: updateId,
      acceptedRequestMessageId: `${updateId}/request`,
      acceptedRequestSequencingEventId: String(this.lastCompletedTask - 1),
      acceptedRequest: { meta: { updateId, identity: "history-builder" }, input: { name: updateName, args: payloads(...args) } },
    });
    this.updates.set(updateId, accepted);
    return accepted;
  }

  completeUpdate(updateId: string, result: unknown): this {
    this.add("WorkflowExecutionUpdateCompleted", { meta: { updateId, identity: "history-builder" }, acceptedEventId: String(this.updates.get(updateId)), outcome: { success: payloads(result) } });
    return this;
  }

  /** The workflow started a child workflow (its options as the workflow gave them; the id and type are checked). */
  startChild(workflowType: string, workflowId: string, input: unknown, options: { parentClosePolicy?: "ABANDON" | "TERMINATE" } = {}): number {
    return this.add("StartChildWorkflowExecutionInitiated", {
      namespace: "default",
      workflowId,
      workflowType: { name: workflowType },
      taskQueue: { name: this.taskQueue, kind: "TASK_QUEUE_KIND_NORMAL" },
      input: payloads(input),
      parentClosePolicy: `PARENT_CLOSE_POLICY_${options.parentClosePolicy ?? "TERMINATE"}`,
      workflowIdReusePolicy: "WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE",
      workflowTaskCompletedEventId: String(this.lastCompletedTask),
    });
  }

  /** The server started the child the workflow asked for. */
  childStarted(initiatedEventId: number, workflowType: string, workflowId: string): this {
    this.add("ChildWorkflowExecutionStarted", {
      namespace: "default",
      initiatedEventId: String(initiatedEventId),
      workflowExecution: { workflowId, runId: `child-run-${initiatedEventId}` },
      workflowType: { name: workflowType },
    });
    return this;
  }

  /** The workflow signalled another workflow by id; `delivered` is the server's confirmation. */
  signalExternal(workflowId: string, signalName: string, ...input: unknown[]): number {
    return this.add("SignalExternalWorkflowExecutionInitiated", {
      workflowTaskCompletedEventId: String(this.lastCompletedTask),
      namespace: "default",
      workflowExecution: { workflowId },
      signalName,
      input: payloads(...input),
      childWorkflowOnly: false,
    });
  }

  externalSignalled(initiatedEventId: number, workflowId: string): this {
    this.add("ExternalWorkflowExecutionSignaled", { initiatedEventId: String(initiatedEventId), namespace: "default", workflowExecution: { workflowId } });
    return this;
  }

  /** The marker `patched(id)` records the first time a new execution takes the patched path. */
  patchMarker(patchId: string): this {
    this.add("MarkerRecorded", {
      markerName: "core_patch",
      details: { "patch-data": payloads({ id: patchId, deprecated: false }) },
      workflowTaskCompletedEventId: String(this.lastCompletedTask),
    });
    return this;
  }

  continueAsNew(...input: unknown[]): this {
    this.add("WorkflowExecutionContinuedAsNew", {
      newExecutionRunId: "run-2",
      workflowType: { name: this.workflowType },
      taskQueue: { name: this.taskQueue, kind: "TASK_QUEUE_KIND_NORMAL" },
      input: payloads(...input),
      workflowTaskTimeout: "10s",
      workflowTaskCompletedEventId: String(this.lastCompletedTask),
      initiator: "CONTINUE_AS_NEW_INITIATOR_WORKFLOW",
    });
    return this;
  }

  completeWorkflow(result?: unknown): this {
    this.add("WorkflowExecutionCompleted", {
      ...(result === undefined ? {} : { result: payloads(result) }),
      workflowTaskCompletedEventId: String(this.lastCompletedTask),
    });
    return this;
  }

  /** The workflow failed (an ApplicationFailure it threw); replay checks the workflow fails there too. */
  failWorkflow(spec: FailureSpec): this {
    this.add("WorkflowExecutionFailed", {
      failure: failure(spec),
      retryState: "RETRY_STATE_RETRY_POLICY_NOT_SET",
      workflowTaskCompletedEventId: String(this.lastCompletedTask),
    });
    return this;
  }

  /** Proto JSON, as `temporal workflow show -o json` writes it; `runReplayHistory` accepts it directly. */
  toJSON(): { events: HistoryEvent[] } {
    return { events: this.events.map((e) => ({ ...e })) };
  }
}
