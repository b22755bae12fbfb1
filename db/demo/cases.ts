// Authorization cases as the decider made them: the scripts (case-plan.ts) run through decide/evolve on a virtual
// clock (case-world.ts); the rows are the module's own projection — caseRow/lineRows of the final state, the events
// via toEventRecord with sequence 1..n. After the claims wrote the unit ledger, finishCases syncs each case's usage
// from it (sync-ledger, as the engine does after writing ledger entries) and stores the events and final rows.
import {
  type CaseEvent,
  type CaseState,
  type LedgerEntry,
  type PayerRuleSet,
  caseRow,
  ledgerBalance,
  ledgerSyncCommand,
  lineRows,
  nextDeadline,
  parsePayerRules,
  toEventRecord,
} from "../../app/authorizations";
import { planCases } from "./case-plan";
import type { CaseDraft } from "./case-timeline";
import { CaseWorld, type CaseRecord } from "./case-world";
import type { Organization } from "./organization";
import type { PatientRef } from "./patients";
import { payerLabels } from "./payers";
import { addMinutes, at } from "./random";
import type { Context, Row } from "./types";

export interface CaseRef {
  draft: CaseDraft;
  record: CaseRecord;
  /** The case as the decider left it (updated by finishCases). */
  state: CaseState;
  row: Row<"authorizationCases">;
  /** authorization_lines ids by line number - 1. */
  lineIds: string[];
  lineId: string;
  /** Billing units (or visits) one dose may use. */
  perDose: number;
  /** Authorized units or visits in total (null until a decision). */
  authorizedTotal: number | null;
}

export interface CaseBook {
  world: CaseWorld;
  cases: CaseRef[];
}

/** The demo's "now" for the virtual clock: noon UTC on today (early morning at the center). */
export function demoNow(today: string): Date {
  return new Date(`${today}T12:00:00.000Z`);
}

/** The payer rules the decider reads: the payer_rules rows, validated by the module's own parser. */
export function demoRuleSet(data: Context["data"]): PayerRuleSet {
  const parsed = parsePayerRules(data.payerRules, payerLabels(data.payers));
  if (!parsed.ok) throw new Error(`demo data: invalid payer rules: ${parsed.errors.map((e) => `#${e.index} ${e.path}: ${e.message}`).join("; ")}`);
  return parsed.ruleSet;
}

function projectedRow(ctx: Context, world: CaseWorld, state: CaseState, events: readonly CaseEvent[]): Row<"authorizationCases"> {
  const projected = caseRow(state, nextDeadline(state, world.rules, world.now));
  if (!projected.caseNumber) throw new Error(`demo data: case ${state.caseId} has no case number`);
  return { ...projected, caseNumber: projected.caseNumber, organizationId: ctx.organizationId, createdAt: new Date(events[0]!.occurredAt), updatedAt: new Date(state.lastEventAt) };
}

function quantities(state: CaseState, row: Row<"authorizationCases">): Pick<CaseRef, "perDose" | "authorizedTotal"> {
  const line = state.lines[0]!;
  return { perDose: state.unitType === "visits" ? 1 : line.unitsPerDose, authorizedTotal: row.authorizedQuantity ?? null };
}

export function buildCases(ctx: Context, org: Organization, patients: PatientRef[]): CaseBook {
  const { rng, data, organizationId } = ctx;
  const drafts = planCases(ctx, org, patients);
  const world = new CaseWorld(demoRuleSet(data), org, demoNow(ctx.today));
  for (const draft of drafts) world.add(draft);
  world.run();

  const cases = drafts.map((draft): CaseRef => {
    const record = world.records.get(draft.id)!;
    const state = record.state!;
    const row = projectedRow(ctx, world, state, record.events);
    data.authorizationCases.push(row);
    const lineIds = state.lines.map(() => rng.uuid());
    for (const [i, line] of lineRows(state).entries()) data.authorizationLines.push({ ...line, id: lineIds[i]!, organizationId, createdAt: row.createdAt });
    return { draft, record, state, row, lineIds, lineId: lineIds[0]!, ...quantities(state, row) };
  });
  return { world, cases };
}

/** The ledger entries of a case as the module's ledger reads them. */
function ledgerOf(ctx: Context, c: CaseRef): LedgerEntry[] {
  return ctx.data.unitLedgerEntries
    .filter((e) => e.caseId === c.draft.id)
    .map((e) => ({
      kind: e.kind,
      units: e.units,
      visits: e.visits ?? 0,
      sourceType: e.sourceType,
      sourceId: e.sourceId,
      occurredOn: e.occurredOn,
      lineNumber: Math.max(1, c.lineIds.indexOf(e.lineId ?? "") + 1),
      ...(e.note ? { note: e.note } : {}),
    }));
}

/** Syncs each case's usage from the unit ledger, then stores the events and the final projections. */
export function finishCases(ctx: Context, book: CaseBook): void {
  const { world, cases } = book;
  const { rng, data, organizationId } = ctx;
  for (const c of cases) {
    const entries = ledgerOf(ctx, c);
    if (entries.length === 0) continue;
    const state = c.record.state!;
    const auth = state.authorization;
    const balance = ledgerBalance(
      { unitType: state.unitType, lines: state.lines.map((l) => ({ lineNumber: l.lineNumber, hcpcs: l.hcpcs, authorizedUnits: l.authorizedUnits, authorizedVisits: l.authorizedVisits })), ...(auth ? { effectiveTo: auth.effectiveTo } : {}) },
      entries,
      ctx.today,
    );
    // The engine syncs after the last ledger write (the evening the entry was made), after the case's last event.
    const lastDay = entries.map((e) => e.occurredOn).sort().at(-1)!;
    const afterLast = addMinutes(new Date(state.lastEventAt), 3);
    let when = at(lastDay, 18, 30);
    if (when < afterLast) when = afterLast;
    if (when > world.now) when = world.now;
    world.apply(c.draft.id, ledgerSyncCommand(c.draft.id, balance), when, "system");
  }
  world.sweep(world.now);

  for (const c of cases) {
    const state = c.record.state!;
    c.state = state;
    Object.assign(c.row, projectedRow(ctx, world, state, c.record.events));
    Object.assign(c, quantities(state, c.row));
    c.record.events.forEach((event, i) => {
      const record = toEventRecord(event);
      data.authorizationEvents.push({ ...record, id: rng.uuid(), organizationId, sequence: i + 1, recordedAt: record.occurredAt });
    });
  }
}
