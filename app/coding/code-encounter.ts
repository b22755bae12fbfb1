// codeEncounter: a validated encounter and the reference data in, a CodedClaim out. Pure and deterministic.
import { codeAdministrations, isAddOnWithoutBase } from "./administration-lines";
import { auditBilledLines } from "./audit";
import type { ClaimLine, CodeOptions, CodedClaim, CodingContext, DraftLine } from "./claim";
import { codeDrugLines } from "./drug-lines";
import { applyMue, applyPtp } from "./edits";
import type { Administration, Encounter } from "./encounter";
import { applyFacilityRules } from "./facility";
import { FindingLog } from "./findings";
import { resolvePolicy } from "./policy";
import type { CodingReference } from "./reference";
import { resolveRules } from "./rules";

/** Start time, then id: the output never depends on the order administrations were entered in. */
export function canonicalOrder(administrations: readonly Administration[]): Administration[] {
  return [...administrations].sort((a, b) => {
    const byStart = (a.start ?? "~").localeCompare(b.start ?? "~");
    return byStart !== 0 ? byStart : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

function checkAddOnBases(lines: readonly DraftLine[], ctx: CodingContext): void {
  const codes = new Set(lines.map((l) => l.code));
  for (const line of lines) {
    if (isAddOnWithoutBase(line, codes)) {
      ctx.findings.add("ADMIN_ADDON_WITHOUT_BASE", `${line.code} is an add-on code, but none of its primary codes is on the claim.`, { line });
    }
  }
}

function checkAuthorizations(lines: readonly DraftLine[], options: CodeOptions, ctx: CodingContext): void {
  const authorizations = options.authorizations;
  if (!authorizations) return;
  const unitsByCode = new Map<string, number>();
  for (const line of lines) if (line.kind === "drug") unitsByCode.set(line.code, (unitsByCode.get(line.code) ?? 0) + line.units);
  for (const line of lines) {
    if (line.kind !== "drug" || line.drug?.isWasteLine) continue;
    const units = unitsByCode.get(line.code) ?? line.units;
    const covering = authorizations.filter((a) => a.hcpcs === line.code && a.from <= line.dateOfService && line.dateOfService <= a.to);
    if (covering.length === 0) {
      ctx.findings.add("DRUG_NOT_AUTHORIZED", `${line.code} on ${line.dateOfService} is not covered by a valid authorization.`, { line });
    } else if (!covering.some((a) => a.remainingUnits === undefined || a.remainingUnits >= units)) {
      const most = Math.max(...covering.map((a) => a.remainingUnits ?? 0));
      ctx.findings.add("DRUG_NOT_AUTHORIZED", `${line.code}: ${units} unit(s) billed, but the authorization has only ${most} unit(s) left.`, { line });
    }
  }
}

function publicLine(line: DraftLine): ClaimLine {
  const out: ClaimLine = {
    code: line.code,
    units: line.units,
    modifiers: [...line.modifiers],
    dateOfService: line.dateOfService,
    administrations: [...line.administrations],
    label: line.label,
    explanation: line.explanation,
  };
  if (line.ndc) out.ndc = { ...line.ndc };
  if (line.revenueCode !== undefined) out.revenueCode = line.revenueCode;
  if (line.note !== undefined) out.note = line.note;
  return out;
}

export function codeEncounter(encounter: Encounter, reference: CodingReference, options: CodeOptions = {}): CodedClaim {
  const dateOfService = encounter.dateOfService;
  const ctx: CodingContext = {
    encounter,
    reference,
    policy: resolvePolicy(encounter.payer, dateOfService, reference.payerPolicies ?? [], encounter.policy),
    rules: resolveRules(reference.rules),
    dateOfService,
    findings: new FindingLog<DraftLine>(),
  };
  const administrations = canonicalOrder(encounter.administrations);
  const administrationLines = codeAdministrations(administrations, ctx);
  const drugLines = codeDrugLines(administrations, ctx, administrationLines.length);
  const lines = [...administrationLines, ...drugLines];
  checkAddOnBases(lines, ctx);
  applyFacilityRules(lines, ctx);
  applyMue(lines, ctx);
  applyPtp(lines, ctx);
  checkAuthorizations(lines, options, ctx);
  if (encounter.billedLines) auditBilledLines(encounter.billedLines, lines, ctx);

  const numbers = new Map(lines.map((line, i) => [line, i + 1]));
  const claim: CodedClaim = {
    setting: encounter.setting,
    dateOfService,
    lines: lines.map(publicLine),
    findings: ctx.findings.resolve((line) => numbers.get(line)),
  };
  if (encounter.setting === "facility") claim.typeOfBill = ctx.rules.typeOfBill;
  return claim;
}
