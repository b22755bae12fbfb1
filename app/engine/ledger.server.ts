// The unit ledger, kept from what happened: each scheduled infusion and each documented administration of a
// case's drug becomes a ledger entry in HCPCS billing units (dose, mg/kg × the latest weight, or mg/m² × BSA,
// converted with the coding engine's rules), billed claim lines true it up, and the case learns its balance
// through a `sync-ledger` command — all in the caller's tenant transaction.
import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import type { Transaction } from "../../db/client";
import * as s from "../../db/schema";
import { ledgerBalance, ledgerSyncCommand, localDate, trueUp, unitsForDose, type CaseState, type LedgerEntry } from "../authorizations";
import { applyCommand, loadCaseState } from "./case-store.server";
import type { CommandOutcome } from "./port";

type Weight = { measuredOn: string; weightKg: number; heightCm: number | null };

/** The latest weight documented on or before `day`; BSA by Mosteller when a height is on file. */
export function bodyOn(weights: readonly Weight[], day: string): { weightKg?: number; bsa?: number } {
  const w = weights.filter((x) => x.measuredOn <= day).at(-1) ?? weights[0];
  if (!w) return {};
  return { weightKg: w.weightKg, ...(w.heightCm ? { bsa: Math.round(Math.sqrt((w.heightCm * w.weightKg) / 3600) * 100) / 100 } : {}) };
}

export interface LedgerSyncResult {
  entriesWritten: number;
  problems: string[];
  outcome?: CommandOutcome;
}

export async function syncCaseLedger(tx: Transaction, options: { organizationId: string; caseId: string; now: Date }): Promise<LedgerSyncResult> {
  const state: CaseState | undefined = await loadCaseState(tx, options.caseId);
  if (!state?.authorization) return { entriesWritten: 0, problems: [] };
  const { effectiveFrom, effectiveTo } = state.authorization;
  const timeZone = state.facility.timeZone ?? "America/New_York";
  const today = localDate(options.now, timeZone);
  const lineRows = await tx
    .select({ id: s.authorizationLines.id, lineNumber: s.authorizationLines.lineNumber })
    .from(s.authorizationLines)
    .where(eq(s.authorizationLines.caseId, options.caseId));
  const lineId = new Map(lineRows.map((l) => [l.lineNumber, l.id]));
  const hcpcsCodes = state.lines.flatMap((l) => [l.hcpcs, ...l.mappedHcpcs]);
  const drugs = await tx.select().from(s.drugs).where(inArray(s.drugs.hcpcs, hcpcsCodes));
  const lineFor = (hcpcs: string) => state.lines.find((l) => l.hcpcs === hcpcs || l.mappedHcpcs.includes(hcpcs));
  const weights = await tx
    .select({ measuredOn: s.patientWeights.measuredOn, weightKg: s.patientWeights.weightKg, heightCm: s.patientWeights.heightCm })
    .from(s.patientWeights)
    .where(eq(s.patientWeights.patientId, state.patient.patientId))
    .orderBy(asc(s.patientWeights.measuredOn));

  const entries: LedgerEntry[] = [];
  const problems: string[] = [];

  // Scheduled infusions of the case's regimen inside the authorization window.
  if (state.regimenId) {
    const [regimen] = await tx.select().from(s.regimens).where(eq(s.regimens.id, state.regimenId));
    const drug = regimen ? drugs.find((d) => d.id === regimen.drugId) : undefined;
    const line = drug ? lineFor(drug.hcpcs) : undefined;
    if (regimen && drug && line) {
      const visits = await tx
        .select({ id: s.scheduledInfusions.id, scheduledAt: s.scheduledInfusions.scheduledAt })
        .from(s.scheduledInfusions)
        .where(and(eq(s.scheduledInfusions.regimenId, regimen.id), eq(s.scheduledInfusions.status, "scheduled")));
      for (const visit of visits) {
        const day = localDate(visit.scheduledAt, timeZone);
        if (day < effectiveFrom || day > effectiveTo) continue;
        const units = unitsForDose({ dose: regimen.doseValue, unit: regimen.doseUnit, basis: regimen.doseBasis, ...bodyOn(weights, day) }, drug);
        if (!units.ok) {
          problems.push(`scheduled infusion on ${day}: ${units.error.message}`);
          continue;
        }
        entries.push({
          kind: "scheduled",
          units: -units.units,
          visits: -1,
          sourceType: "scheduled_infusion",
          sourceId: visit.id,
          occurredOn: day,
          lineNumber: line.lineNumber,
        });
      }
    }
  }

  // Documented administrations of the case's drug(s) for this patient inside the window.
  const given = await tx
    .select({
      id: s.administrations.id,
      drugId: s.administrations.drugId,
      doseValue: s.administrations.doseValue,
      doseUnit: s.administrations.doseUnit,
      day: s.encounters.dateOfService,
    })
    .from(s.administrations)
    .innerJoin(s.encounters, eq(s.encounters.id, s.administrations.encounterId))
    .where(
      and(eq(s.encounters.patientId, state.patient.patientId), gte(s.encounters.dateOfService, effectiveFrom), lte(s.encounters.dateOfService, effectiveTo)),
    );
  for (const a of given) {
    const drug = drugs.find((d) => d.id === a.drugId);
    const line = drug ? lineFor(drug.hcpcs) : undefined;
    if (!drug || !line || a.doseValue === null || a.doseUnit === null) continue;
    const units = unitsForDose({ dose: a.doseValue, unit: a.doseUnit, basis: "fixed" }, drug);
    if (!units.ok) {
      problems.push(`administration on ${a.day}: ${units.error.message}`);
      continue;
    }
    entries.push({
      kind: "administered",
      units: -units.units,
      visits: -1,
      sourceType: "administration",
      sourceId: a.id,
      occurredOn: a.day,
      lineNumber: line.lineNumber,
    });
  }

  // Billed claim lines true the ledger up (a billed line replaces the administration it bills).
  const billed = await tx
    .select({ id: s.claimLines.id, code: s.claimLines.code, units: s.claimLines.units, day: s.claimLines.dateOfService, modifiers: s.claimLines.modifiers })
    .from(s.claimLines)
    .innerJoin(s.claims, eq(s.claims.id, s.claimLines.claimId))
    .where(
      and(
        eq(s.claims.patientId, state.patient.patientId),
        eq(s.claims.status, "released"),
        inArray(s.claimLines.code, hcpcsCodes),
        gte(s.claimLines.dateOfService, effectiveFrom),
        lte(s.claimLines.dateOfService, effectiveTo),
      ),
    )
    .orderBy(desc(s.claimLines.dateOfService));
  const claimLines = billed
    .filter((b) => !b.modifiers.includes("JW")) // discarded drug is billed but not administered
    .map((b) => ({ claimLineId: b.id, lineNumber: lineFor(b.code)?.lineNumber ?? 1, units: b.units, dateOfService: b.day }));
  entries.push(...trueUp(entries, claimLines).entries);

  // Store what we know (idempotent by source), then tell the case its balance.
  let entriesWritten = 0;
  for (const entry of entries) {
    const written = await tx
      .insert(s.unitLedgerEntries)
      .values({
        organizationId: options.organizationId,
        caseId: options.caseId,
        lineId: lineId.get(entry.lineNumber ?? 1) ?? null,
        kind: entry.kind,
        units: entry.units,
        visits: entry.visits,
        sourceType: entry.sourceType,
        sourceId: entry.sourceId,
        occurredOn: entry.occurredOn,
        note: entry.note ?? null,
      })
      .onConflictDoUpdate({
        target: [s.unitLedgerEntries.caseId, s.unitLedgerEntries.kind, s.unitLedgerEntries.sourceType, s.unitLedgerEntries.sourceId],
        set: { units: entry.units, visits: entry.visits, occurredOn: entry.occurredOn },
      })
      .returning({ id: s.unitLedgerEntries.id });
    entriesWritten += written.length;
  }
  const balance = ledgerBalance({ unitType: state.unitType, lines: state.lines, effectiveTo }, entries, today);
  const outcome = await applyCommand(tx, { organizationId: options.organizationId, command: ledgerSyncCommand(options.caseId, balance), now: options.now });
  return { entriesWritten, problems, outcome };
}
