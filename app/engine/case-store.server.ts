// Applying one command to one case inside a tenant transaction: lock the case row, replay its events, decide,
// append the new events, update the projection the queues read, and write outbox rows for the effects — all or
// nothing. Shared by the embedded driver and (through activities) the Temporal driver.
import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../../db/client";
import * as s from "../../db/schema";
import {
  caseRow,
  decide,
  domainError,
  effectsOf,
  evolve,
  fromEventRecord,
  lineRows,
  linkedCommands,
  nextDeadline,
  parseCommand,
  parsePayerRules,
  replay,
  toEventRecord,
  type Actor,
  type CaseEvent,
  type CaseState,
  type PayerRuleSet,
} from "../authorizations";
import type { CommandOutcome } from "./port";

/** The case's stored history, in order, read back into domain events. */
export async function loadCaseEvents(tx: Transaction, caseId: string): Promise<CaseEvent[]> {
  const rows = await tx.select().from(s.authorizationEvents).where(eq(s.authorizationEvents.caseId, caseId)).orderBy(asc(s.authorizationEvents.sequence));
  const events: CaseEvent[] = [];
  for (const row of rows) {
    const event = fromEventRecord({ ...row, payload: row.payload });
    if (!event) throw new Error(`Case ${caseId} has event #${row.sequence} of unknown type "${row.type}"`);
    events.push(event);
  }
  return events;
}

export async function loadCaseState(tx: Transaction, caseId: string): Promise<CaseState | undefined> {
  const [row] = await tx
    .select({ id: s.authorizationCases.id, version: s.authorizationCases.version, state: s.authorizationCases.state })
    .from(s.authorizationCases)
    .where(eq(s.authorizationCases.id, caseId));
  return (row ? snapshotOf(row) : undefined) ?? replay(await loadCaseEvents(tx, caseId));
}

/** A case row's stored state, when it is the state after the row's last event (else the history must be replayed). */
export interface CaseSnapshotRow {
  id: string;
  version: number;
  state: unknown;
}

function snapshotOf(row: CaseSnapshotRow): CaseState | undefined {
  const state = row.state as CaseState | null;
  return state && typeof state === "object" && state.caseId === row.id && state.version === row.version && typeof state.patient === "object" ? state : undefined;
}

/** The states of several cases: the stored snapshot where it is current, the replayed history otherwise. */
export async function loadCaseStates(tx: Transaction, caseIds: readonly string[]): Promise<CaseState[]> {
  if (caseIds.length === 0) return [];
  const rows = await tx
    .select({ id: s.authorizationCases.id, version: s.authorizationCases.version, state: s.authorizationCases.state })
    .from(s.authorizationCases)
    .where(sql`${s.authorizationCases.id} = any(${sql.param([...new Set(caseIds)])}::uuid[])`);
  return caseStatesOf(tx, rows);
}

/** The states of case rows read by the caller (with id, version and state): snapshots, and one replay query for the rest. */
export async function caseStatesOf(tx: Transaction, rows: readonly CaseSnapshotRow[]): Promise<CaseState[]> {
  const states: CaseState[] = [];
  const stale: string[] = [];
  for (const row of rows) {
    const state = snapshotOf(row);
    if (state) states.push(state);
    else stale.push(row.id);
  }
  if (stale.length > 0) states.push(...(await replayCases(tx, stale)));
  // In case id order, as the replay always gave them: the gate's ties then fall the same way on every read.
  return states.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
}

/** Replays several cases at once: one query for all their events. */
export async function replayCases(tx: Transaction, caseIds: readonly string[]): Promise<CaseState[]> {
  if (caseIds.length === 0) return [];
  const rows = await tx
    .select()
    .from(s.authorizationEvents)
    .where(inArray(s.authorizationEvents.caseId, [...caseIds]))
    .orderBy(asc(s.authorizationEvents.caseId), asc(s.authorizationEvents.sequence));
  const byCase = new Map<string, CaseEvent[]>();
  for (const row of rows) {
    const event = fromEventRecord({ ...row, payload: row.payload });
    if (!event) throw new Error(`Case ${row.caseId} has event #${row.sequence} of unknown type "${row.type}"`);
    (byCase.get(row.caseId) ?? byCase.set(row.caseId, []).get(row.caseId)!).push(event);
  }
  // A history whose first event does not name the patient (hand-made rows) cannot cover anything.
  return [...byCase.values()].map((events) => replay(events)).filter((state): state is CaseState => state !== undefined && typeof state.patient === "object");
}

/** The payer's dated rules (all versions: the decider picks the one in force on each date). */
export async function loadPayerRules(tx: Transaction, payerId: string): Promise<PayerRuleSet> {
  const [payer] = await tx.select({ name: s.payers.name }).from(s.payers).where(eq(s.payers.id, payerId));
  const rows = await tx.select().from(s.payerRules).where(eq(s.payerRules.payerId, payerId));
  const parsed = parsePayerRules(
    rows.map((r) => ({
      ...r,
      planId: r.planId ?? undefined,
      lineOfBusiness: r.lineOfBusiness ?? undefined,
      hcpcs: r.hcpcs ?? undefined,
      effectiveTo: r.effectiveTo ?? undefined,
    })),
    payer ? { [payerId]: payer.name.toLowerCase().replace(/[^a-z0-9]+/g, "-") } : {},
  );
  if (!parsed.ok)
    throw new Error(`Payer ${payerId} has invalid rules: ${parsed.errors.map((e) => `${e.ruleId ?? e.index} ${e.path}: ${e.message}`).join("; ")}`);
  return parsed.ruleSet;
}

/** The next human case number in the organization (PA-000123). The unique key catches a race; the caller retries. */
async function nextCaseNumber(tx: Transaction): Promise<string> {
  const [last] = await tx
    .select({ n: sql<number | null>`max(substring(${s.authorizationCases.caseNumber} from 4)::int)` })
    .from(s.authorizationCases)
    .where(sql`${s.authorizationCases.caseNumber} ~ '^PA-[0-9]{1,9}$'`);
  return `PA-${String((last?.n ?? 0) + 1).padStart(6, "0")}`;
}

export interface ApplyOptions {
  organizationId: string;
  command: unknown;
  actor?: Actor;
  now: Date;
  /** The sender's id for this command, stored on its events so a retry can find them (the Temporal activity does). */
  commandId?: string;
}

/**
 * Applies one command in the caller's tenant transaction. The case row is locked first, so commands on one
 * case are serialised; different cases proceed in parallel.
 */
export async function applyCommand(tx: Transaction, options: ApplyOptions): Promise<CommandOutcome & { replayed?: true }> {
  const raw = options.command;
  const withId =
    raw && typeof raw === "object" && (raw as { type?: unknown }).type === "create-case" && !(raw as { caseId?: unknown }).caseId
      ? { ...raw, caseId: randomUUID() }
      : raw;
  const parsed = parseCommand(withId);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  let command = parsed.command;
  const caseId = command.caseId;

  const [locked] = await tx
    .select({ id: s.authorizationCases.id, payerId: s.authorizationCases.payerId, version: s.authorizationCases.version, state: s.authorizationCases.state })
    .from(s.authorizationCases)
    .where(eq(s.authorizationCases.id, caseId))
    .for("update");
  // The row is locked, so its snapshot cannot move under us: when it is the state after the row's last event, the
  // history need not be read at all (it still is for a repeated command id, and for rows without a current snapshot).
  const snapshot = locked ? snapshotOf(locked) : undefined;
  let history: CaseEvent[] | undefined;
  const loadHistory = async () => (history ??= locked ? await loadCaseEvents(tx, caseId) : []);
  // A command sent again under the same id (a retried request or activity) gets the events it already recorded.
  if (locked && options.commandId) {
    const ours = await tx
      .select({ sequence: s.authorizationEvents.sequence })
      .from(s.authorizationEvents)
      .where(and(eq(s.authorizationEvents.caseId, caseId), eq(s.authorizationEvents.commandId, options.commandId)))
      .orderBy(asc(s.authorizationEvents.sequence));
    if (ours.length > 0) {
      const recorded = await loadHistory();
      return { ok: true, caseId, events: ours.map((r) => recorded[r.sequence - 1]!), state: replay(recorded)!, replayed: true };
    }
  }
  const before = snapshot ?? replay(await loadHistory());
  if (!locked && command.type !== "create-case") return { ok: false, error: domainError("CASE_NOT_FOUND", "That case does not exist in this organization.") };

  if (command.type === "create-case" && !command.caseNumber) command = { ...command, caseNumber: await nextCaseNumber(tx) };
  const payerId = before?.coverage.payerId ?? (command.type === "create-case" ? command.coverage.payerId : undefined);
  const rules = payerId ? await loadPayerRules(tx, payerId) : { rules: [], payerLabels: {} };

  const decision = decide(before, command, { now: options.now, actor: options.actor, rules });
  if (!decision.ok) return decision;
  if (decision.events.length === 0) return { ok: true, caseId, events: [], state: before! };

  // Evolve event by event: each event's effects are computed from the state right after it.
  let state = before;
  const effects: ReturnType<typeof effectsOf> = [];
  for (const event of decision.events) {
    state = evolve(state, event);
    effects.push(...effectsOf(state, event, rules));
  }
  const after = state!;
  const next = nextDeadline(after, rules, options.now);
  const row = caseRow(after, next);
  const { id: _id, caseNumber, ...projection } = row;
  // The state itself rides along with the projection, so readers of whole cases need not replay the history.
  const values = { ...projection, state: after, organizationId: options.organizationId, updatedAt: options.now };

  if (!locked) {
    await tx.insert(s.authorizationCases).values({ id: caseId, caseNumber: caseNumber ?? (await nextCaseNumber(tx)), ...values, createdAt: options.now });
  } else {
    await tx.update(s.authorizationCases).set(values).where(eq(s.authorizationCases.id, caseId));
  }

  // Lines: the decider owns them; upsert by line number and drop lines it no longer has.
  const lines = lineRows(after);
  for (const line of lines) {
    await tx
      .insert(s.authorizationLines)
      .values({ ...line, organizationId: options.organizationId })
      .onConflictDoUpdate({ target: [s.authorizationLines.caseId, s.authorizationLines.lineNumber], set: { ...line } });
  }
  await tx
    .delete(s.authorizationLines)
    .where(and(eq(s.authorizationLines.caseId, caseId), sql`${s.authorizationLines.lineNumber} <> all(${sql.param(lines.map((l) => l.lineNumber))}::int[])`));

  // Each event raises the version by one from 0, so a current snapshot's version is the number of events on file; a
  // wrong count could only collide with (case_id, sequence), never write a gap.
  let sequence = snapshot ? snapshot.version : (await loadHistory()).length;
  await tx
    .insert(s.authorizationEvents)
    .values(
      decision.events.map((event) => ({ ...toEventRecord(event), organizationId: options.organizationId, sequence: ++sequence, recordedAt: options.now, commandId: options.commandId ?? null })),
    );

  // Effects and linked commands go out through the outbox, written in this same transaction.
  const outboxRows: (typeof s.outbox.$inferInsert)[] = effects.map((effect) => ({
    organizationId: options.organizationId,
    topic: effect.topic,
    businessKey: effect.businessKey,
    payload: effect.payload,
    availableAt: options.now,
    createdAt: options.now,
  }));
  // A granted authorization gets its unit ledger built from the schedule (once per grant).
  if (decision.events.some((e) => "data" in e && typeof e.data === "object" && e.data !== null && "approval" in e.data && e.data.approval)) {
    outboxRows.push({ organizationId: options.organizationId, topic: "ledger-sync", businessKey: `ledger-sync:${caseId}:${after.version}`, payload: { caseId }, availableAt: options.now, createdAt: options.now });
  }
  linkedCommands(after, decision.events).forEach((linked, i) => {
    outboxRows.push({
      organizationId: options.organizationId,
      topic: "case-command",
      businessKey: `case-command:${caseId}:${after.version}:${i}`,
      payload: { command: linked },
      availableAt: options.now,
      createdAt: options.now,
    });
  });
  if (outboxRows.length > 0)
    await tx
      .insert(s.outbox)
      .values(outboxRows)
      .onConflictDoNothing({ target: [s.outbox.organizationId, s.outbox.businessKey] });

  await tx.insert(s.auditLog).values({
    organizationId: options.organizationId,
    actorUserId: options.actor?.userId ?? null,
    action: `case.${command.type}`,
    entityType: "authorization_case",
    entityId: caseId,
    detail: { events: decision.events.map((e) => e.type), version: after.version },
    occurredAt: options.now,
  });
  return { ok: true, caseId, events: decision.events, state: after };
}
