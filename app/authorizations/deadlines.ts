// Every clock on a case, computed from its state and the payer's dated rules. Each deadline names the rule that
// produced it; when several apply, the strictest (earliest) wins. Handled deadlines (state.raised) drop out.
import { type IsoDate, addBusinessDays, addDays, addHours, endOfLocalDay, localDate, startOfLocalDay } from "./calendar";
import type { DeadlineKind } from "./commands";
import type { CaseState } from "./case-state";
import { lineRemaining } from "./ledger";
import { type AppealLevel, type DefaultedRuleKind, type PayerRuleSet, type ResolvedRule, type RuleScope, resolveRule, resolveRuleOrDefault } from "./payer-rules";
import { isActive, isAwaitingDecision, isHospitalSite } from "./vocabulary";

export interface Deadline {
  kind: DeadlineKind;
  at: Date;
  /** The rule that produced it: "summit-health/decision-timeframe@2026-01-01", "default/rfi-due"… */
  rule: string;
  ruleId?: string;
  source: string;
  /** Stable key: a deadline with this key is raised once (also the outbox business-key suffix). */
  key: string;
  /** What is due, in a coordinator's words. */
  description: string;
  band?: number | "units";
  appealLevel?: AppealLevel;
  /** The rule's window in days, for window deadlines (site-of-care first-dose window). */
  windowDays?: number;
  /** `at` has been reached at the `now` asked about. */
  overdue?: boolean;
}

/** Ties break in this order, most pressing first. */
const KIND_ORDER: readonly DeadlineKind[] = ["expiry", "decision-due", "rfi-due", "p2p-request", "appeal-filing", "renewal-alert", "site-of-care-transition", "follow-up"];

/** The rule scope of a case: its payer, plan, line of business and drugs (or one drug), on a date. */
export function caseScope(state: CaseState, on: IsoDate, hcpcs?: string, appealLevel?: AppealLevel): RuleScope {
  return {
    payerId: state.coverage.payerId,
    planId: state.coverage.planId,
    lineOfBusiness: state.coverage.lineOfBusiness,
    hcpcs: hcpcs ?? state.lines.map((l) => l.hcpcs),
    on,
    ...(appealLevel !== undefined ? { appealLevel } : {}),
  };
}

/**
 * Resolves a rule for each drug line (a HCPCS-specific rule may differ per line) and keeps the strictest result.
 */
function strictest<K extends DefaultedRuleKind>(
  state: CaseState,
  ruleSet: PayerRuleSet,
  kind: K,
  on: IsoDate,
  compute: (rule: ResolvedRule<K>) => Date,
  appealLevel?: AppealLevel,
): { at: Date; rule: ResolvedRule<K> } {
  const hcpcsList = [...new Set(state.lines.map((l) => l.hcpcs))];
  const candidates = (hcpcsList.length > 0 ? hcpcsList : [undefined]).map((hcpcs) => {
    const rule = resolveRuleOrDefault(ruleSet, kind, caseScope(state, on, hcpcs, appealLevel));
    return { at: compute(rule), rule };
  });
  return candidates.reduce((best, c) => (c.at.getTime() < best.at.getTime() ? c : best));
}

function fromRule(kind: DeadlineKind, found: { at: Date; rule: ResolvedRule<DefaultedRuleKind> }, key: string, description: string, extra: Partial<Deadline> = {}): Deadline {
  return { kind, at: found.at, rule: found.rule.label, ...(found.rule.ruleId ? { ruleId: found.rule.ruleId } : {}), source: found.rule.source, key, description, ...extra };
}

export function decisionDeadline(state: CaseState, ruleSet: PayerRuleSet): Deadline | undefined {
  if (!state.submission) return undefined;
  const tz = state.facility.timeZone;
  const submittedAt = new Date(state.submission.submittedAt);
  const on = localDate(submittedAt, tz);
  const found = strictest(state, ruleSet, "decision-timeframe", on, (r) =>
    state.urgency === "expedited" ? addHours(submittedAt, r.value.expeditedHours) : endOfLocalDay(addDays(on, r.value.standardDays), tz),
  );
  const span = state.urgency === "expedited" ? `${found.rule.value.expeditedHours} hours, expedited` : `${found.rule.value.standardDays} calendar days, standard`;
  return fromRule("decision-due", found, "decision-due", `Payer decision due (${span})`);
}

export function p2pRequestDeadline(state: CaseState, ruleSet: PayerRuleSet): Deadline | undefined {
  if (state.decision?.outcome !== "denied") return undefined;
  const tz = state.facility.timeZone;
  const on = localDate(new Date(state.decision.decidedAt), tz);
  const found = strictest(state, ruleSet, "p2p-window", on, (r) => endOfLocalDay(addDays(on, r.value.days), tz));
  return fromRule("p2p-request", found, "p2p-request", `Last day to request a peer-to-peer review (${found.rule.value.days} days from the denial)`);
}

/** The appeal levels that may be filed next: 1 first, then 2 or external review after an upheld level. */
export function nextAppealLevels(state: CaseState): AppealLevel[] {
  const last = state.appeals[state.appeals.length - 1];
  if (!last) return [1];
  if (last.outcome !== "upheld") return [];
  if (last.level === 1) return [2, "external"];
  if (last.level === 2) return ["external"];
  return [];
}

export function appealFilingDeadline(state: CaseState, ruleSet: PayerRuleSet, level: AppealLevel): Deadline | undefined {
  if (!state.lastAdverseDecisionAt) return undefined;
  const tz = state.facility.timeZone;
  const on = localDate(new Date(state.lastAdverseDecisionAt), tz);
  const found = strictest(state, ruleSet, "appeal-window", on, (r) => endOfLocalDay(addDays(on, r.value.days), tz), level);
  const name = level === "external" ? "external review" : `level ${level} appeal`;
  return fromRule("appeal-filing", found, `appeal-filing:${level}`, `Last day to file the ${name} (${found.rule.value.days} days from the adverse decision)`, { appealLevel: level });
}

function followUp(state: CaseState, ruleSet: PayerRuleSet): Deadline | undefined {
  if (state.status !== "submitted" && state.status !== "pending") return undefined;
  if (!state.lastPayerTouchAt) return undefined;
  const tz = state.facility.timeZone;
  const anchor = localDate(new Date(state.lastPayerTouchAt), tz);
  const found = strictest(state, ruleSet, "follow-up-cadence", anchor, (r) => startOfLocalDay(addBusinessDays(anchor, r.value.businessDays), tz));
  const dueOn = localDate(found.at, tz);
  return fromRule("follow-up", found, `follow-up:${dueOn}`, `Follow up with the payer (every ${found.rule.value.businessDays} business days)`);
}

function informationDue(state: CaseState): Deadline | undefined {
  if (state.status !== "information_requested") return undefined;
  const open = state.informationRequests.filter((r) => !r.answeredAt);
  const request = open[open.length - 1];
  if (!request) return undefined;
  return {
    kind: "rfi-due",
    at: endOfLocalDay(request.dueOn, state.facility.timeZone),
    rule: request.dueRule,
    source: request.dueRule.startsWith("payer-request") ? "The payer's request" : "Payer rule for answering information requests",
    key: `rfi-due:${request.requestId}`,
    description: `Information the payer asked for is due (${request.items.join(", ")})`,
  };
}

function renewalAlerts(state: CaseState, ruleSet: PayerRuleSet): Deadline[] {
  const auth = state.authorization;
  if (!auth || !isActive(state.status)) return [];
  const tz = state.facility.timeZone;
  const on = localDate(new Date(auth.decidedAt), tz);
  const rule = resolveRuleOrDefault(ruleSet, "renewal-lead", caseScope(state, on));
  const base = { rule: rule.label, ...(rule.ruleId ? { ruleId: rule.ruleId } : {}), source: rule.source };
  const alerts: Deadline[] = rule.value.days
    .filter((band) => !state.renewalAlerts.includes(band))
    .map((band) => ({
      kind: "renewal-alert",
      at: startOfLocalDay(addDays(auth.effectiveTo, -band), tz),
      ...base,
      key: `renewal-alert:${band}d`,
      description: `Renewal due: the authorization ends ${auth.effectiveTo} (${band} days)`,
      band,
    }));
  if (state.usage && !state.renewalAlerts.includes("units") && rule.value.dosesAhead > 0) {
    const short = state.lines.find((line) => {
      const left = lineRemaining(state, line.lineNumber);
      const next = (state.usage?.upcoming ?? []).filter((d) => d.lineNumber === line.lineNumber).sort((a, b) => (a.on < b.on ? -1 : 1)).slice(0, rule.value.dosesAhead);
      if (next.length === 0) return false;
      return state.unitType === "visits" ? left.remainingVisits < next.reduce((s, d) => s + d.visits, 0) : left.remainingUnits < next.reduce((s, d) => s + d.units, 0);
    });
    if (short) {
      alerts.push({
        kind: "renewal-alert",
        at: new Date(state.usage.syncedAt),
        ...base,
        key: "renewal-alert:units",
        description: `Renewal due: ${short.hcpcs} has less left than the next ${rule.value.dosesAhead} scheduled doses need`,
        band: "units",
      });
    }
  }
  return alerts;
}

function siteOfCareTransition(state: CaseState, ruleSet: PayerRuleSet): Deadline | undefined {
  const auth = state.authorization;
  if (!auth || !isActive(state.status) || !isHospitalSite(auth.siteOfCare) || state.siteOfCareException === "granted") return undefined;
  const tz = state.facility.timeZone;
  const rules = state.lines.map((l) => resolveRule(ruleSet, "site-of-care", caseScope(state, auth.effectiveFrom, l.hcpcs))).filter((r) => r !== undefined);
  const candidates = rules.map((rule) => ({ at: startOfLocalDay(addDays(auth.effectiveFrom, rule.value.firstDoseWindowDays), tz), rule }));
  const found = candidates.reduce<(typeof candidates)[number] | undefined>((best, c) => (!best || c.at.getTime() < best.at.getTime() ? c : best), undefined);
  if (!found) return undefined;
  return {
    kind: "site-of-care-transition",
    at: found.at,
    rule: found.rule.label,
    ...(found.rule.ruleId ? { ruleId: found.rule.ruleId } : {}),
    source: found.rule.source,
    key: "site-of-care-transition",
    windowDays: found.rule.value.firstDoseWindowDays,
    description: `Move later doses to a non-hospital site or file a site-of-care exception (first ${found.rule.value.firstDoseWindowDays} days at the hospital)`,
  };
}

function expiry(state: CaseState): Deadline | undefined {
  const auth = state.authorization;
  if (!auth || !isActive(state.status)) return undefined;
  return {
    kind: "expiry",
    at: endOfLocalDay(auth.effectiveTo, state.facility.timeZone),
    rule: `authorization/${auth.authorizationNumber}@${auth.effectiveTo}`,
    source: `Authorization ${auth.authorizationNumber} ends ${auth.effectiveTo}`,
    key: "expiry",
    description: `Authorization ${auth.authorizationNumber} expires after ${auth.effectiveTo}`,
  };
}

/**
 * Every pending deadline of the case, earliest first, each marked overdue when `now` has reached it. Clocks run
 * from the case's own events (submission, denial, approval), so the answer only changes with `now` in `overdue`.
 */
export function deadlines(state: CaseState, ruleSet: PayerRuleSet, now: Date): Deadline[] {
  const all: (Deadline | undefined)[] = [];
  if (isAwaitingDecision(state.status)) all.push(decisionDeadline(state, ruleSet));
  all.push(followUp(state, ruleSet), informationDue(state));
  if (state.status === "denied" && !state.peerToPeer && state.appeals.length === 0) all.push(p2pRequestDeadline(state, ruleSet));
  if (state.status === "denied" || (state.status === "peer_to_peer" && state.appeals.length === 0)) {
    // Filing either of two next levels (2 or external) meets the deadline: the earliest is the one to show.
    const levels = state.status === "peer_to_peer" ? [1 as const] : nextAppealLevels(state);
    const filing = levels.map((level) => appealFilingDeadline(state, ruleSet, level)).filter((d) => d !== undefined);
    all.push(filing.sort((a, b) => a.at.getTime() - b.at.getTime())[0]);
  }
  all.push(...renewalAlerts(state, ruleSet), siteOfCareTransition(state, ruleSet), expiry(state));
  return all
    .filter((d): d is Deadline => d !== undefined && !state.raised.includes(d.key))
    .map((d) => ({ ...d, overdue: d.at.getTime() <= now.getTime() }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
}

/** The deadline the case's queue position and the sweep go by: the earliest, or null when nothing is due. */
export function nextDeadline(state: CaseState, ruleSet: PayerRuleSet, now: Date): Deadline | null {
  return deadlines(state, ruleSet, now)[0] ?? null;
}
