// Payer rules in the database: the rule book Settings shows (payers, plans, every dated version in words) and the
// three changes an administrator makes — add, supersede, end — each in one tenant transaction with its audit row.
import { and, asc, eq, gt, isNull, lt, ne, or, type SQL } from "drizzle-orm";
import type { Transaction } from "../db/client";
import * as s from "../db/schema";
import { DEFAULT_TIME_ZONE, localDate } from "~/authorizations/calendar";
import { PayerRuleValueSchemas, parsePayerRules, type PayerRuleKind } from "~/authorizations/payer-rules";
import type { LineOfBusiness } from "~/authorizations/vocabulary";
import { tenantTransaction } from "~/db.server";
import {
  LINE_OF_BUSINESS_WORDS,
  RULE_KIND_WORDS,
  VERSION_STATUS_WORDS,
  compareRules,
  describeEffective,
  describeRuleValue,
  describeScope,
  ruleKindFrom,
  versionStatus,
  type VersionStatus,
} from "~/payer-rule-words";

type RuleRow = typeof s.payerRules.$inferSelect;

export interface RuleView {
  id: string;
  kind: string;
  kindWords: string;
  /** The value in words, or why the stored value cannot be read. */
  valueWords: string;
  valueProblem: boolean;
  scopeWords: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  effectiveWords: string;
  status: VersionStatus;
  statusWords: string;
  source: string;
}

export interface PayerView {
  id: string;
  name: string;
  payerCode: string;
  plans: { id: string; name: string; lineOfBusiness: LineOfBusiness; lineOfBusinessWords: string }[];
  inForce: RuleView[];
  /** Ended and scheduled versions, newest first within each kind. */
  history: RuleView[];
}

/** Today in the organization's (first facility's) time zone: when a version is "in force" is a local question. */
async function organizationToday(tx: Transaction, now: Date): Promise<string> {
  const [facility] = await tx.select({ timeZone: s.facilities.timeZone }).from(s.facilities).orderBy(asc(s.facilities.createdAt)).limit(1);
  return localDate(now, facility?.timeZone ?? DEFAULT_TIME_ZONE);
}

function ruleView(row: RuleRow, planNames: Record<string, string>, today: string): RuleView {
  const parsed = parsePayerRules([row]);
  const kind = ruleKindFrom(row.kind);
  const status = versionStatus(row, today);
  const problem = parsed.ok ? undefined : parsed.errors.map((e) => e.message).join("; ");
  return {
    id: row.id,
    kind: row.kind,
    kindWords: kind ? RULE_KIND_WORDS[kind] : `Unknown kind "${row.kind}"`,
    valueWords: parsed.ok && parsed.ruleSet.rules[0] ? describeRuleValue(parsed.ruleSet.rules[0]) : `The stored value cannot be read (${problem}); supersede it with a corrected version.`,
    valueProblem: !parsed.ok,
    scopeWords: describeScope(row, { plans: planNames }),
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    effectiveWords: describeEffective(row),
    status,
    statusWords: VERSION_STATUS_WORDS[status],
    source: row.source,
  };
}

/** Every payer with its plans, the rules in force today and their history, sorted by kind. */
export async function loadPayerRuleBook(organizationId: string, now: Date): Promise<{ today: string; payers: PayerView[] }> {
  return tenantTransaction(organizationId, async (tx) => {
    const today = await organizationToday(tx, now);
    const payers = await tx.select({ id: s.payers.id, name: s.payers.name, payerCode: s.payers.payerCode }).from(s.payers).orderBy(asc(s.payers.name));
    const plans = await tx.select().from(s.payerPlans).orderBy(asc(s.payerPlans.name));
    const rules = await tx.select().from(s.payerRules);
    const planNames = Object.fromEntries(plans.map((p) => [p.id, p.name]));
    return {
      today,
      payers: payers.map((payer) => {
        const views = rules
          .filter((r) => r.payerId === payer.id)
          .sort(compareRules)
          .map((r) => ruleView(r, planNames, today));
        return {
          ...payer,
          plans: plans
            .filter((p) => p.payerId === payer.id)
            .map((p) => ({ id: p.id, name: p.name, lineOfBusiness: p.lineOfBusiness, lineOfBusinessWords: LINE_OF_BUSINESS_WORDS[p.lineOfBusiness] })),
          inForce: views.filter((v) => v.status === "in-force"),
          history: views.filter((v) => v.status !== "in-force"),
        };
      }),
    };
  });
}

export interface PayerForForm {
  id: string;
  name: string;
  plans: { id: string; name: string; lineOfBusinessWords: string }[];
  today: string;
}

/** The payer an "add a rule" form is for; undefined when it is not this organization's. */
export async function loadPayerForForm(organizationId: string, payerId: string, now: Date): Promise<PayerForForm | undefined> {
  if (!isUuid(payerId)) return undefined;
  return tenantTransaction(organizationId, async (tx) => {
    const [payer] = await tx.select({ id: s.payers.id, name: s.payers.name }).from(s.payers).where(eq(s.payers.id, payerId));
    if (!payer) return undefined;
    const plans = await tx.select().from(s.payerPlans).where(eq(s.payerPlans.payerId, payerId)).orderBy(asc(s.payerPlans.name));
    return { ...payer, plans: plans.map((p) => ({ id: p.id, name: p.name, lineOfBusinessWords: LINE_OF_BUSINESS_WORDS[p.lineOfBusiness] })), today: await organizationToday(tx, now) };
  });
}

export interface RuleForForm {
  rule: RuleView & { kind: PayerRuleKind; value: unknown; payerId: string };
  payerName: string;
  today: string;
}

/** A rule to supersede or end, in words; undefined when it is not this organization's or its kind is unknown. */
export async function loadRuleForForm(organizationId: string, ruleId: string, now: Date): Promise<RuleForForm | undefined> {
  if (!isUuid(ruleId)) return undefined;
  return tenantTransaction(organizationId, async (tx) => {
    const [row] = await tx.select().from(s.payerRules).where(eq(s.payerRules.id, ruleId));
    const kind = ruleKindFrom(row?.kind);
    if (!row || !kind) return undefined;
    const [payer] = await tx.select({ name: s.payers.name }).from(s.payers).where(eq(s.payers.id, row.payerId));
    const plans = await tx.select({ id: s.payerPlans.id, name: s.payerPlans.name }).from(s.payerPlans).where(eq(s.payerPlans.payerId, row.payerId));
    const today = await organizationToday(tx, now);
    const view = ruleView(row, Object.fromEntries(plans.map((p) => [p.id, p.name])), today);
    return { rule: { ...view, kind, value: row.value, payerId: row.payerId }, payerName: payer?.name ?? "", today };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Scope columns as drizzle conditions: a null column matches only null (IS NOT DISTINCT FROM). */
function sameScope(scope: { payerId: string; kind: string; planId: string | null; lineOfBusiness: LineOfBusiness | null; hcpcs: string | null }): SQL {
  return and(
    eq(s.payerRules.payerId, scope.payerId),
    eq(s.payerRules.kind, scope.kind),
    scope.planId ? eq(s.payerRules.planId, scope.planId) : isNull(s.payerRules.planId),
    scope.lineOfBusiness ? eq(s.payerRules.lineOfBusiness, scope.lineOfBusiness) : isNull(s.payerRules.lineOfBusiness),
    scope.hcpcs ? eq(s.payerRules.hcpcs, scope.hcpcs) : isNull(s.payerRules.hcpcs),
  )!;
}

/** Versions whose [from, to) overlaps the given dates. */
function overlapping(from: string, to: string | null, excludeId?: string): SQL {
  return and(
    to ? lt(s.payerRules.effectiveFrom, to) : undefined,
    or(isNull(s.payerRules.effectiveTo), gt(s.payerRules.effectiveTo, from)),
    excludeId ? ne(s.payerRules.id, excludeId) : undefined,
  )!;
}

// ---------------------------------------------------------------- changes

export type RuleChangeCode = "PAYER_NOT_FOUND" | "PLAN_NOT_FOUND" | "RULE_NOT_FOUND" | "INVALID_VALUE" | "OVERLAP" | "NOT_AFTER_START" | "ALREADY_ENDED" | "SCOPE_CHANGED";

/** Why a change was refused: a stable code, a message an administrator understands, and the form field it concerns. */
export interface RuleChangeError {
  code: RuleChangeCode;
  message: string;
  field?: string;
}

export type RuleChangeResult = { ok: true; ruleId: string } | { ok: false; error: RuleChangeError };

/** Thrown inside the transaction so everything already written in it rolls back; caught before it leaves this module. */
class RuleChangeRefused extends Error {
  constructor(readonly refusal: RuleChangeError) {
    super(refusal.message);
  }
}

const refuse = (code: RuleChangeCode, message: string, field?: string): never => {
  throw new RuleChangeRefused({ code, message, ...(field ? { field } : {}) });
};

export interface Actor {
  organizationId: string;
  userId: string;
}

async function change(actor: Actor, work: (tx: Transaction) => Promise<string>): Promise<RuleChangeResult> {
  try {
    return { ok: true, ruleId: await tenantTransaction(actor.organizationId, work) };
  } catch (error) {
    if (error instanceof RuleChangeRefused) return { ok: false, error: error.refusal };
    throw error;
  }
}

/** Serialises rule changes per payer, so two administrators cannot both pass the overlap check. */
async function lockPayer(tx: Transaction, payerId: string): Promise<{ id: string; name: string }> {
  if (!isUuid(payerId)) return refuse("PAYER_NOT_FOUND", "Payer: not a payer of this organization.", "payerId");
  const [payer] = await tx.select({ id: s.payers.id, name: s.payers.name }).from(s.payers).where(eq(s.payers.id, payerId)).for("update");
  return payer ?? refuse("PAYER_NOT_FOUND", "Payer: not a payer of this organization.", "payerId");
}

function checkedValue(kind: PayerRuleKind, value: unknown): Record<string, unknown> {
  const parsed = PayerRuleValueSchemas[kind].safeParse(value);
  if (!parsed.success) return refuse("INVALID_VALUE", `${RULE_KIND_WORDS[kind]}: ${parsed.error.issues.map((i) => `${i.path.join(".") || "value"} ${i.message}`).join("; ")}`, "value");
  return parsed.data;
}

/** The appeal level is part of an appeal window's scope: level 1 and level 2 windows stand side by side. */
const appealLevel = (value: unknown): string => (typeof value === "object" && value !== null && "level" in value ? String(value.level) : "any");

interface Scope {
  payerId: string;
  kind: PayerRuleKind;
  planId: string | null;
  lineOfBusiness: LineOfBusiness | null;
  hcpcs: string | null;
}

/** Refuses when another version of the same scope and kind is in force on any day of [from, to). */
async function refuseOverlap(tx: Transaction, scope: Scope, value: unknown, from: string, to: string | null, excludeId?: string): Promise<void> {
  const others = await tx
    .select()
    .from(s.payerRules)
    .where(and(sameScope(scope), overlapping(from, to, excludeId)))
    .orderBy(asc(s.payerRules.effectiveFrom));
  const clash = others.find((other) => scope.kind !== "appeal-window" || appealLevel(other.value) === appealLevel(value));
  if (!clash) return;
  const plans = scope.planId ? await tx.select({ id: s.payerPlans.id, name: s.payerPlans.name }).from(s.payerPlans).where(eq(s.payerPlans.id, scope.planId)) : [];
  const scopeWords = describeScope(clash, { plans: Object.fromEntries(plans.map((p) => [p.id, p.name])) }).toLowerCase();
  refuse(
    "OVERLAP",
    `These dates overlap the ${RULE_KIND_WORDS[scope.kind].toLowerCase()} version for ${scopeWords} in force ${describeEffective(clash)}. ` +
      "Only one version may be in force on a day: supersede or end that version, or choose other dates.",
    "effectiveFrom",
  );
}

async function audit(tx: Transaction, actor: Actor, action: "payer-rule.created" | "payer-rule.superseded" | "payer-rule.ended", ruleId: string, detail: Record<string, unknown>) {
  // Rule book data only (ids, kind, dates, value, source): never a patient's details.
  await tx.insert(s.auditLog).values({ organizationId: actor.organizationId, actorUserId: actor.userId, action, entityType: "payer_rule", entityId: ruleId, detail });
}

export interface NewRuleInput {
  payerId: string;
  kind: PayerRuleKind;
  planId?: string | undefined;
  lineOfBusiness?: LineOfBusiness | undefined;
  hcpcs?: string | undefined;
  effectiveFrom: string;
  effectiveTo?: string | undefined;
  source: string;
  value: unknown;
}

/** Adds a rule for a payer (optionally one plan or line of business, optionally one drug). */
export function createPayerRule(actor: Actor, input: NewRuleInput): Promise<RuleChangeResult> {
  return change(actor, async (tx) => {
    await lockPayer(tx, input.payerId);
    const value = checkedValue(input.kind, input.value);
    if (input.planId) {
      const [plan] = await tx.select({ payerId: s.payerPlans.payerId }).from(s.payerPlans).where(eq(s.payerPlans.id, input.planId));
      if (plan?.payerId !== input.payerId) refuse("PLAN_NOT_FOUND", "Plan: choose one of this payer's plans.", "planId");
    }
    if (input.effectiveTo && input.effectiveTo <= input.effectiveFrom) refuse("NOT_AFTER_START", "No longer in force from: expected a date after the first day in force.", "effectiveTo");
    const scope: Scope = { payerId: input.payerId, kind: input.kind, planId: input.planId ?? null, lineOfBusiness: input.lineOfBusiness ?? null, hcpcs: input.hcpcs ?? null };
    await refuseOverlap(tx, scope, value, input.effectiveFrom, input.effectiveTo ?? null);
    const [created] = await tx
      .insert(s.payerRules)
      .values({ organizationId: actor.organizationId, ...scope, value, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo ?? null, source: input.source })
      .returning({ id: s.payerRules.id });
    const ruleId = created!.id;
    await audit(tx, actor, "payer-rule.created", ruleId, { ...scope, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo ?? null, value, source: input.source });
    return ruleId;
  });
}

/** The rule to change, locked with its payer so concurrent changes to the payer's rules take turns. */
async function lockRule(tx: Transaction, ruleId: string): Promise<RuleRow & { kind: PayerRuleKind }> {
  if (!isUuid(ruleId)) return refuse("RULE_NOT_FOUND", "That rule does not exist in this organization.");
  const [found] = await tx.select({ payerId: s.payerRules.payerId }).from(s.payerRules).where(eq(s.payerRules.id, ruleId));
  if (!found) return refuse("RULE_NOT_FOUND", "That rule does not exist in this organization.");
  await lockPayer(tx, found.payerId);
  const [row] = await tx.select().from(s.payerRules).where(eq(s.payerRules.id, ruleId)).for("update");
  const kind = ruleKindFrom(row?.kind);
  if (!row || !kind) return refuse("RULE_NOT_FOUND", "That rule does not exist in this organization.");
  return { ...row, kind };
}

export interface SupersedeInput {
  effectiveFrom: string;
  source: string;
  value: unknown;
}

/**
 * A new dated version of a rule, same scope and kind: the old version stops the day the new one starts. Both
 * writes, the overlap check and the audit row share one transaction, so a refusal leaves the old version as it was.
 */
export function supersedePayerRule(actor: Actor, ruleId: string, input: SupersedeInput): Promise<RuleChangeResult> {
  return change(actor, async (tx) => {
    const old = await lockRule(tx, ruleId);
    const value = checkedValue(old.kind, input.value);
    if (input.effectiveFrom <= old.effectiveFrom) refuse("NOT_AFTER_START", `New version in force from: expected a date after ${old.effectiveFrom}, when the current version started.`, "effectiveFrom");
    if (old.effectiveTo && input.effectiveFrom >= old.effectiveTo) {
      refuse("ALREADY_ENDED", `This version is no longer in force from ${old.effectiveTo}; supersede the version in force on ${input.effectiveFrom} instead, or add a rule.`, "effectiveFrom");
    }
    if (old.kind === "appeal-window" && appealLevel(old.value) !== appealLevel(value)) {
      refuse("SCOPE_CHANGED", "Appeal level: a new version keeps the appeal level of the version it replaces; add a rule for another level.", "value.level");
    }
    await tx.update(s.payerRules).set({ effectiveTo: input.effectiveFrom, updatedAt: new Date() }).where(eq(s.payerRules.id, old.id));
    const scope: Scope = { payerId: old.payerId, kind: old.kind, planId: old.planId, lineOfBusiness: old.lineOfBusiness, hcpcs: old.hcpcs };
    await refuseOverlap(tx, scope, value, input.effectiveFrom, null);
    const [created] = await tx
      .insert(s.payerRules)
      .values({ organizationId: actor.organizationId, ...scope, value, effectiveFrom: input.effectiveFrom, effectiveTo: null, source: input.source })
      .returning({ id: s.payerRules.id });
    const newId = created!.id;
    await audit(tx, actor, "payer-rule.superseded", newId, {
      ...scope,
      supersededRuleId: old.id,
      effectiveFrom: input.effectiveFrom,
      previous: { effectiveFrom: old.effectiveFrom, effectiveTo: old.effectiveTo, value: old.value, source: old.source },
      value,
      source: input.source,
    });
    return newId;
  });
}

/** Ends a rule: from `effectiveTo` on it no longer applies (the payer's fallback or a broader rule takes over). */
export function endPayerRule(actor: Actor, ruleId: string, effectiveTo: string): Promise<RuleChangeResult> {
  return change(actor, async (tx) => {
    const rule = await lockRule(tx, ruleId);
    if (effectiveTo <= rule.effectiveFrom) refuse("NOT_AFTER_START", `No longer in force from: expected a date after ${rule.effectiveFrom}, when this version started.`, "effectiveTo");
    if (rule.effectiveTo && effectiveTo >= rule.effectiveTo) refuse("ALREADY_ENDED", `No longer in force from: this version already stops on ${rule.effectiveTo}; choose an earlier date.`, "effectiveTo");
    await tx.update(s.payerRules).set({ effectiveTo, updatedAt: new Date() }).where(eq(s.payerRules.id, rule.id));
    await audit(tx, actor, "payer-rule.ended", rule.id, {
      payerId: rule.payerId,
      kind: rule.kind,
      planId: rule.planId,
      lineOfBusiness: rule.lineOfBusiness,
      hcpcs: rule.hcpcs,
      effectiveFrom: rule.effectiveFrom,
      effectiveTo,
      previousEffectiveTo: rule.effectiveTo,
    });
    return rule.id;
  });
}

/** Where a refusal shows on the form: an overlap concerns the whole form, the rest name their field. */
export function refusalReplyOptions(error: RuleChangeError): { formErrors?: string[]; fieldErrors?: Record<string, string[]> } {
  if (error.code === "OVERLAP" || !error.field) return { formErrors: [error.message] };
  return { fieldErrors: { [error.field]: [error.message] } };
}
