// Runs the case scripts through the decider on a virtual clock, as the lifecycle engine would: commands in time
// order across all cases, linked commands routed to their cases (a renewal starts on its predecessor, an approval
// supersedes it, a regimen change opens the revised request), and the engine's sweep firing each case's timers when
// they come due. A refused command throws with the case number and the decider's error: no invalid story passes.
import {
  type Actor,
  type CaseCommandInput,
  type CaseEvent,
  type CaseState,
  type PayerRuleSet,
  decide,
  deadlines,
  evolve,
  linkedCommands,
} from "../../app/authorizations";
import type { ActorKind, CaseDraft } from "./case-timeline";
import type { Organization } from "./organization";

type Deadline = ReturnType<typeof deadlines>[number];

export interface CaseRecord {
  draft: CaseDraft;
  state: CaseState | undefined;
  events: CaseEvent[];
  /** The earliest pending deadline of the case's timer kinds; undefined when stale (the state changed). */
  timer?: Deadline | null;
}

export class CaseWorld {
  readonly records = new Map<string, CaseRecord>();
  private opened = 0;

  constructor(
    readonly rules: PayerRuleSet,
    private readonly org: Organization,
    /** The demo's "now": nothing happens after it. */
    readonly now: Date,
    private readonly firstCaseNumber = 101,
  ) {}

  add(draft: CaseDraft): void {
    this.records.set(draft.id, { draft, state: undefined, events: [] });
  }

  private actorFor(record: CaseRecord, kind: ActorKind): Actor | undefined {
    if (kind === "system") return undefined;
    if (kind === "clinician") return { userId: this.org.users.clinician, role: "clinician" };
    return { userId: record.draft.assigneeId ?? this.org.users.coordinator, role: "coordinator" };
  }

  private label(record: CaseRecord, command?: CaseCommandInput): string {
    const planned = command?.type === "create-case" ? command.caseNumber : undefined;
    return record.state?.caseNumber ?? planned ?? `case ${record.draft.id} (patient ${record.draft.patient.index + 1}, ${record.draft.patient.scenario.story.kind})`;
  }

  /** Decides and applies one command; linked commands follow at the same instant, from the system. */
  apply(caseId: string, input: CaseCommandInput, at: Date, actorKind: ActorKind): CaseEvent[] {
    const record = this.records.get(caseId);
    if (!record) throw new Error(`demo data: a ${input.type} command was routed to case ${caseId}, which the demo does not plan`);
    if (at.getTime() > this.now.getTime()) throw new Error(`demo data: ${this.label(record)} would ${input.type} at ${at.toISOString()}, after the demo's now`);
    const command = input.type === "create-case" && !input.caseNumber ? { ...input, caseNumber: `PA-${String(this.firstCaseNumber + this.opened++).padStart(6, "0")}` } : input;
    const actor = this.actorFor(record, actorKind);
    const result = decide(record.state, command, { now: at, rules: this.rules, ...(actor ? { actor } : {}) });
    if (!result.ok) {
      const field = result.error.field ? ` [${result.error.field}]` : "";
      throw new Error(`demo data: ${this.label(record, command)}: the decider refused ${command.type} at ${at.toISOString()}: ${result.error.code}${field} ${result.error.message}`);
    }
    for (const event of result.events) record.state = evolve(record.state, event);
    record.events.push(...result.events);
    if (result.events.length > 0) record.timer = undefined;
    if (record.state) {
      for (const linked of linkedCommands(record.state, result.events)) this.apply(linked.caseId, linked, at, "system");
    }
    return result.events;
  }

  /** Fires, in time order, every timer of a case's timer kinds that is due by `until` (the engine's sweep). */
  sweep(until: Date): void {
    for (let guard = 0; guard < 10_000; guard++) {
      let next: { record: CaseRecord; due: Deadline } | undefined;
      for (const record of this.records.values()) {
        if (!record.state) continue;
        // A deadline's time depends on the state only (not on now), so it is computed once per state.
        if (record.timer === undefined) record.timer = deadlines(record.state, this.rules, until).find((d) => record.draft.timers.includes(d.kind)) ?? null;
        const due = record.timer;
        if (due && due.at.getTime() <= until.getTime() && (!next || due.at.getTime() < next.due.at.getTime())) next = { record, due };
      }
      if (!next) return;
      const { record, due } = next;
      const last = new Date(record.state!.lastEventAt);
      const fireAt = due.at.getTime() > last.getTime() ? due.at : last;
      const events = this.apply(record.draft.id, { type: "deadline-reached", caseId: record.draft.id, kind: due.kind, ...(due.band !== undefined ? { band: due.band } : {}) }, fireAt, "system");
      if (events.length === 0) throw new Error(`demo data: the ${due.key} timer of ${this.label(record)} fired nothing`);
    }
    throw new Error("demo data: the timer sweep did not settle");
  }

  /** Runs every script in time order (ties in plan order), the sweep catching up before each command. */
  run(): void {
    const steps = [...this.records.values()].flatMap((record, r) => record.draft.steps.map((step, s) => ({ record, step, r, s })));
    steps.sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || a.r - b.r || a.s - b.s);
    for (const { record, step } of steps) {
      this.sweep(step.at);
      if (!record.state && step.command.type !== "create-case") {
        throw new Error(`demo data: case ${record.draft.id} has a ${step.command.type} step before it was opened`);
      }
      this.apply(record.draft.id, { ...step.command, caseId: record.draft.id }, step.at, step.actor);
    }
    this.sweep(this.now);
    for (const record of this.records.values()) {
      if (!record.state) throw new Error(`demo data: case ${record.draft.id} was planned but never opened`);
    }
  }
}
