// The unit ledger (unit_ledger_entries) as pure math: authorized, used, scheduled and remaining units and visits,
// the projected exhaustion date from the schedule, and the true-up of administrations against billed claim lines.
//
// Conventions: deductions are negative. `administered`, `billed`, `adjustment` and `reversal` entries consume;
// a `reversal` that names a `scheduled` entry's source cancels that reservation instead. A scheduled dose is open
// while it is on or after today, not reversed, and nothing was administered or billed on its line that day.
import type { IsoDate } from "./calendar";
import type { CaseState, UpcomingDose } from "./case-state";
import type { LedgerEntryKind, UnitType } from "./vocabulary";

export interface LedgerEntry {
  kind: LedgerEntryKind;
  /** Signed billing units. */
  units: number;
  /** Signed visits. */
  visits: number;
  sourceType: string;
  sourceId: string;
  occurredOn: IsoDate;
  /** The authorization line; line 1 when omitted. */
  lineNumber?: number;
  note?: string;
}

export interface AuthorizedLine {
  lineNumber: number;
  hcpcs: string;
  authorizedUnits?: number;
  authorizedVisits?: number;
}

export interface LineBalance {
  lineNumber: number;
  hcpcs: string;
  authorizedUnits: number;
  usedUnits: number;
  scheduledUnits: number;
  remainingUnits: number;
  authorizedVisits: number;
  usedVisits: number;
  scheduledVisits: number;
  remainingVisits: number;
  upcoming: UpcomingDose[];
  /** The scheduled dose that uses the last unit (or visit); undefined when the schedule never gets there. */
  projectedExhaustionOn?: IsoDate;
  /** The first scheduled dose the remaining quantity cannot cover. */
  firstUncoveredOn?: IsoDate;
}

export interface LedgerBalance {
  unitType: UnitType;
  lines: LineBalance[];
  /** Earliest projected exhaustion across lines. */
  projectedExhaustionOn?: IsoDate;
  /** True when the schedule runs out before the authorization's end date. */
  exhaustsBeforeEnd: boolean;
}

const CONSUMING: readonly LedgerEntryKind[] = ["administered", "billed", "adjustment", "reversal"];
const sourceKey = (e: Pick<LedgerEntry, "sourceType" | "sourceId">) => `${e.sourceType}:${e.sourceId}`;
const lineOf = (e: LedgerEntry) => e.lineNumber ?? 1;
const round2 = (n: number) => Math.round(n * 100) / 100;

function openScheduled(entries: readonly LedgerEntry[], today: IsoDate): LedgerEntry[] {
  const scheduledKeys = new Set(entries.filter((e) => e.kind === "scheduled").map(sourceKey));
  const cancelled = new Set(entries.filter((e) => e.kind === "reversal" && scheduledKeys.has(sourceKey(e))).map(sourceKey));
  const consumedDays = new Set(entries.filter((e) => e.kind === "administered" || e.kind === "billed").map((e) => `${lineOf(e)}@${e.occurredOn}`));
  return entries.filter((e) => e.kind === "scheduled" && e.occurredOn >= today && !cancelled.has(sourceKey(e)) && !consumedDays.has(`${lineOf(e)}@${e.occurredOn}`));
}

function consumption(entries: readonly LedgerEntry[]): LedgerEntry[] {
  const scheduledKeys = new Set(entries.filter((e) => e.kind === "scheduled").map(sourceKey));
  return entries.filter((e) => CONSUMING.includes(e.kind) && !(e.kind === "reversal" && scheduledKeys.has(sourceKey(e))));
}

function project(remaining: number, upcoming: readonly UpcomingDose[], per: (d: UpcomingDose) => number): { projectedExhaustionOn?: IsoDate; firstUncoveredOn?: IsoDate } {
  let left = remaining;
  let projectedExhaustionOn: IsoDate | undefined;
  let firstUncoveredOn: IsoDate | undefined;
  for (const dose of upcoming) {
    if (left <= 0) {
      firstUncoveredOn ??= dose.on;
      break;
    }
    left = round2(left - per(dose));
    if (left <= 0) projectedExhaustionOn ??= dose.on;
    if (left < 0) firstUncoveredOn ??= dose.on;
  }
  return { ...(projectedExhaustionOn ? { projectedExhaustionOn } : {}), ...(firstUncoveredOn ? { firstUncoveredOn } : {}) };
}

export function ledgerBalance(
  authorization: { unitType: UnitType; lines: readonly AuthorizedLine[]; effectiveTo?: IsoDate },
  entries: readonly LedgerEntry[],
  today: IsoDate,
): LedgerBalance {
  const used = consumption(entries);
  const open = openScheduled(entries, today);
  const lines = authorization.lines.map((line): LineBalance => {
    const mine = (e: LedgerEntry) => lineOf(e) === line.lineNumber;
    const upcoming = open
      .filter(mine)
      .map((e) => ({ on: e.occurredOn, lineNumber: line.lineNumber, units: Math.abs(e.units), visits: Math.abs(e.visits) || 1 }))
      .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    const authorizedUnits = line.authorizedUnits ?? 0;
    const authorizedVisits = line.authorizedVisits ?? 0;
    const usedUnits = round2(-used.filter(mine).reduce((sum, e) => sum + e.units, 0));
    const usedVisits = -used.filter(mine).reduce((sum, e) => sum + e.visits, 0);
    const remainingUnits = round2(authorizedUnits - usedUnits);
    const remainingVisits = authorizedVisits - usedVisits;
    const projection = authorization.unitType === "visits" ? project(remainingVisits, upcoming, (d) => d.visits) : project(remainingUnits, upcoming, (d) => d.units);
    return {
      lineNumber: line.lineNumber,
      hcpcs: line.hcpcs,
      authorizedUnits,
      usedUnits,
      scheduledUnits: round2(upcoming.reduce((sum, d) => sum + d.units, 0)),
      remainingUnits,
      authorizedVisits,
      usedVisits,
      scheduledVisits: upcoming.reduce((sum, d) => sum + d.visits, 0),
      remainingVisits,
      upcoming,
      ...projection,
    };
  });
  const projectedExhaustionOn = lines
    .map((l) => l.projectedExhaustionOn)
    .filter((d): d is IsoDate => d !== undefined)
    .sort()[0];
  return {
    unitType: authorization.unitType,
    lines,
    ...(projectedExhaustionOn ? { projectedExhaustionOn } : {}),
    exhaustsBeforeEnd: projectedExhaustionOn !== undefined && authorization.effectiveTo !== undefined && projectedExhaustionOn < authorization.effectiveTo,
  };
}

export interface BilledClaimLine {
  claimLineId: string;
  lineNumber?: number;
  units: number;
  dateOfService: IsoDate;
}

export interface TrueUp {
  /** Entries to append: a billed entry per new claim line and a reversal of the administrations it replaces. */
  entries: LedgerEntry[];
  differences: { claimLineId: string; dateOfService: IsoDate; administeredUnits: number; billedUnits: number; deltaUnits: number }[];
}

/** Billed claim lines replace the administrations of their line and day; running it twice appends nothing. */
export function trueUp(entries: readonly LedgerEntry[], claimLines: readonly BilledClaimLine[]): TrueUp {
  const known = new Set(entries.map((e) => `${e.kind}:${sourceKey(e)}`));
  const out: LedgerEntry[] = [];
  const differences: TrueUp["differences"] = [];
  for (const claim of claimLines) {
    const lineNumber = claim.lineNumber ?? 1;
    if (known.has(`billed:claim_line:${claim.claimLineId}`)) continue;
    const replaced = [...entries, ...out].filter(
      (e) => e.kind === "administered" && lineOf(e) === lineNumber && e.occurredOn === claim.dateOfService && !known.has(`reversal:${sourceKey(e)}`),
    );
    const administeredUnits = round2(-replaced.reduce((sum, e) => sum + e.units, 0));
    const visits = -replaced.reduce((sum, e) => sum + e.visits, 0);
    // A second line for the same day (a JW waste line) is the same visit.
    const dayBilled = [...entries, ...out].some((e) => e.kind === "billed" && lineOf(e) === lineNumber && e.occurredOn === claim.dateOfService);
    const billedVisits = replaced.length > 0 ? visits : dayBilled ? 0 : 1;
    out.push({ kind: "billed", units: -claim.units, visits: -billedVisits, sourceType: "claim_line", sourceId: claim.claimLineId, occurredOn: claim.dateOfService, lineNumber });
    for (const e of replaced) {
      out.push({ kind: "reversal", units: -e.units, visits: -e.visits, sourceType: e.sourceType, sourceId: e.sourceId, occurredOn: claim.dateOfService, lineNumber, note: `replaced by claim line ${claim.claimLineId}` });
      known.add(`reversal:${sourceKey(e)}`);
    }
    known.add(`billed:claim_line:${claim.claimLineId}`);
    differences.push({ claimLineId: claim.claimLineId, dateOfService: claim.dateOfService, administeredUnits, billedUnits: claim.units, deltaUnits: round2(claim.units - administeredUnits) });
  }
  return { entries: out, differences };
}

/** What the case itself knows: authorized minus used (from the last ledger sync) for one line. */
export function lineRemaining(state: CaseState, lineNumber: number): { authorizedUnits: number; authorizedVisits: number; usedUnits: number; usedVisits: number; remainingUnits: number; remainingVisits: number } {
  const line = state.lines.find((l) => l.lineNumber === lineNumber);
  const usage = state.usage?.lines.find((l) => l.lineNumber === lineNumber);
  const authorizedUnits = line?.authorizedUnits ?? 0;
  const authorizedVisits = line?.authorizedVisits ?? 0;
  const usedUnits = usage?.usedUnits ?? 0;
  const usedVisits = usage?.usedVisits ?? 0;
  return { authorizedUnits, authorizedVisits, usedUnits, usedVisits, remainingUnits: round2(authorizedUnits - usedUnits), remainingVisits: authorizedVisits - usedVisits };
}

/** True when every authorized line has nothing left (units or visits, per the case's unit type). */
export function isExhausted(state: CaseState): boolean {
  const limited = state.lines.filter((l) => (state.unitType === "visits" ? l.authorizedVisits !== undefined : l.authorizedUnits !== undefined));
  if (limited.length === 0) return false;
  return limited.every((l) => {
    const left = lineRemaining(state, l.lineNumber);
    return state.unitType === "visits" ? left.remainingVisits <= 0 : left.remainingUnits <= 0;
  });
}

/** The sync-ledger command the engine sends after writing ledger entries. */
export function ledgerSyncCommand(caseId: string, balance: LedgerBalance): { type: "sync-ledger"; caseId: string; lines: { lineNumber: number; usedUnits: number; usedVisits: number }[]; upcoming: UpcomingDose[] } {
  return {
    type: "sync-ledger",
    caseId,
    lines: balance.lines.map((l) => ({ lineNumber: l.lineNumber, usedUnits: Math.max(0, l.usedUnits), usedVisits: Math.max(0, l.usedVisits) })),
    upcoming: balance.lines.flatMap((l) => l.upcoming),
  };
}
