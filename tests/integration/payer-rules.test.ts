// Settings → Payer rules against a real database: add, supersede (one transaction), end, overlaps refused, bad
// values named by field, an audit row per change, and only administrators get in.
import { and, eq } from "drizzle-orm";
import { installDatabaseHandle } from "~/db.server";
import { action as endAction, loader as endLoader } from "~/routes/_app.settings_.payer-rules.$ruleId.end";
import { action as supersedeAction, loader as supersedeLoader } from "~/routes/_app.settings_.payer-rules.$ruleId.supersede";
import { action as newAction, loader as newLoader } from "~/routes/_app.settings_.payer-rules.new";
import { loader as settingsLoader } from "~/routes/_app.settings";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { getAs, postAs } from "../support/requests";
import { makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let admin: TenantGraph;
let coordinatorId: string;
let payerId: string;
let planId: string;

beforeAll(async () => {
  database = await createTestDatabase("payer_rules");
  installDatabaseHandle(database);
  admin = await makeTenantGraph(database.db, "Birch", { role: "admin" });
  const [coordinator] = await database.db.insert(s.users).values({ email: "birch-coordinator@example.test", name: "Birch Coordinator", passwordHash: "not-a-hash" }).returning();
  coordinatorId = coordinator!.id;
  await database.db.insert(s.memberships).values({ organizationId: admin.organizationId, userId: coordinatorId, role: "coordinator" });
  const [payer] = await database.db.select().from(s.payers).where(eq(s.payers.organizationId, admin.organizationId));
  payerId = payer!.id;
  const [plan] = await database.db.select().from(s.payerPlans).where(eq(s.payerPlans.payerId, payerId));
  planId = plan!.id;
});
afterAll(async () => {
  installDatabaseHandle(undefined);
  await database?.destroy();
});

const get = (userId: string, path: string) => getAs({ userId, organizationId: admin.organizationId }, path);
const post = (userId: string, path: string, fields: Record<string, string>) => postAs({ userId, organizationId: admin.organizationId }, path, fields);

/** A thrown Response (redirect or error), or the returned value (a form reply). */
async function outcome(work: unknown): Promise<{ response?: Response; reply?: { error?: Record<string, string[] | null> | null } }> {
  try {
    return { reply: (await work) as { error?: Record<string, string[] | null> } };
  } catch (error) {
    if (error instanceof Response) return { response: error };
    throw error;
  }
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

const rulesOf = (kind: string) =>
  database.db
    .select()
    .from(s.payerRules)
    .where(and(eq(s.payerRules.payerId, payerId), eq(s.payerRules.kind, kind)))
    .orderBy(s.payerRules.effectiveFrom);

const auditFor = (ruleId: string) => database.db.select().from(s.auditLog).where(and(eq(s.auditLog.entityType, "payer_rule"), eq(s.auditLog.entityId, ruleId)));

async function addRule(fields: Record<string, string>) {
  return outcome(newAction(args(await post(admin.userId, `/settings/payer-rules/new?payer=${payerId}`, { payerId, ...fields }))));
}

async function insertRule(kind: string, value: unknown, effectiveFrom: string, effectiveTo: string | null = null) {
  const [row] = await database.db.insert(s.payerRules).values({ organizationId: admin.organizationId, payerId, kind, value, effectiveFrom, effectiveTo, source: "test manual" }).returning();
  return row!;
}

describe("the Settings page", () => {
  it("lists each payer with its plans and the rules in force in words, a stored value it cannot read flagged", async () => {
    // Criteria written as names instead of checklist numbers: shown, flagged, never hidden.
    const siteOfCare = await insertRule("site-of-care", { firstDoseWindowDays: 45, exceptionCriteria: ["skilled-nursing-supervision"] }, "2025-01-01");
    const data = await settingsLoader(args(await get(admin.userId, "/settings")));
    const payer = data.payers.find((p) => p.id === payerId)!;
    expect(payer.plans).toEqual([expect.objectContaining({ name: "PPO", lineOfBusinessWords: "Commercial" })]);
    expect(payer.inForce.find((r) => r.kind === "decision-timeframe")).toMatchObject({
      kindWords: "Decision timeframe",
      valueWords: "Decision due in 15 calendar days (72 h expedited)",
      scopeWords: "All plans",
      effectiveFrom: "2026-01-01",
      effectiveTo: null,
    });
    const unreadable = [...payer.inForce, ...payer.history].find((r) => r.id === siteOfCare.id)!;
    expect(unreadable).toMatchObject({ kindWords: "Site-of-care program", valueProblem: true });
    expect(unreadable.valueWords).toMatch(/cannot be read .*checklist numbers/);
  });
});

describe("adding a rule", () => {
  it("saves the rule, audits it and redirects to Settings", async () => {
    const { response } = await addRule({ kind: "p2p-window", effectiveFrom: "2026-01-01", source: "Birch manual §5", "value.days": "14" });
    expect(response?.status).toBe(302);
    const [rule] = await rulesOf("p2p-window");
    expect(rule).toMatchObject({ value: { days: 14 }, effectiveFrom: "2026-01-01", effectiveTo: null, planId: null, source: "Birch manual §5" });
    expect(response!.headers.get("Location")).toBe(`/settings?saved=created&rule=${rule!.id}`);
    const [entry] = await auditFor(rule!.id);
    expect(entry).toMatchObject({ action: "payer-rule.created", entityType: "payer_rule", actorUserId: admin.userId });
    expect(entry!.detail).toMatchObject({ kind: "p2p-window", effectiveFrom: "2026-01-01", value: { days: 14 } });
  });

  it("refuses a version that overlaps one in force for the same plans and kind, with a clear message", async () => {
    const { reply } = await addRule({ kind: "p2p-window", effectiveFrom: "2026-05-01", source: "Birch manual 2026", "value.days": "10" });
    expect(reply?.error?.[""]?.[0]).toMatch(/overlap the peer-to-peer window version for all plans in force from 2026-01-01.*supersede or end that version/i);
    expect(await rulesOf("p2p-window")).toHaveLength(1);
  });

  it("accepts the same kind for one plan beside the payer-wide rule, and appeal windows per level side by side", async () => {
    expect((await addRule({ kind: "p2p-window", planId, effectiveFrom: "2026-05-01", source: "PPO addendum", "value.days": "7" })).response?.status).toBe(302);
    expect((await addRule({ kind: "appeal-window", effectiveFrom: "2026-01-01", source: "Handbook", "value.days": "180", "value.level": "1" })).response?.status).toBe(302);
    expect((await addRule({ kind: "appeal-window", effectiveFrom: "2026-01-01", source: "Handbook", "value.days": "60", "value.level": "2" })).response?.status).toBe(302);
    const { reply } = await addRule({ kind: "appeal-window", effectiveFrom: "2026-02-01", source: "Handbook", "value.days": "90", "value.level": "1" });
    expect(reply?.error?.[""]?.[0]).toMatch(/overlap/);
  });

  it("refuses a bad value naming the field in plain words, and writes nothing", async () => {
    const before = (await database.db.select().from(s.payerRules)).length;
    const { reply } = await addRule({ kind: "pa-required", effectiveFrom: "2026-01-01", source: "PA list", "value.hcpcs": "J1745, 12345" });
    expect(reply?.error?.["value.hcpcs"]).toEqual(['HCPCS codes that need prior authorization, item 2 ("12345"): expected a HCPCS code such as J1745']);
    const second = await addRule({ kind: "renewal-lead", effectiveFrom: "2026-01-01", source: "", "value.days": "30, 0", "value.dosesAhead": "two" });
    expect(second.reply?.error).toMatchObject({
      source: [expect.stringMatching(/^Source: say where the rule comes from/)],
      "value.days": [expect.stringMatching(/^Renewal alerts \(days before the end date\), item 2 \("0"\): expected at least 1 day/)],
      "value.dosesAhead": [expect.stringMatching(/^Units for the next \(doses\): expected a number of doses/)],
    });
    expect((await database.db.select().from(s.payerRules)).length).toBe(before);
  });
});

describe("superseding a rule", () => {
  it("closes the old version the day the new one starts and adds the new one, audited, in one go", async () => {
    const [old] = await rulesOf("decision-timeframe");
    if (!old) throw new Error("the factory gives every payer a decision timeframe");
    const page = await supersedeLoader(args(await get(admin.userId, `/settings/payer-rules/${old.id}/supersede`), { ruleId: old.id }));
    expect(page.defaultValue.value).toEqual({ standardDays: "15", expeditedHours: "72" });
    const request = await post(admin.userId, `/settings/payer-rules/${old.id}/supersede`, { effectiveFrom: "2026-03-01", source: "UM-100 2026 edition", "value.standardDays": "10", "value.expeditedHours": "48" });
    const { response } = await outcome(supersedeAction(args(request, { ruleId: old.id })));
    expect(response?.status).toBe(302);
    const versions = await rulesOf("decision-timeframe");
    expect(versions.map((r) => [r.effectiveFrom, r.effectiveTo, r.value])).toEqual([
      ["2026-01-01", "2026-03-01", { standardDays: 15, expeditedHours: 72 }],
      ["2026-03-01", null, { standardDays: 10, expeditedHours: 48 }],
    ]);
    const [entry] = await auditFor(versions[1]!.id);
    expect(entry).toMatchObject({ action: "payer-rule.superseded", entityType: "payer_rule" });
    expect(entry!.detail).toMatchObject({ supersededRuleId: old.id, effectiveFrom: "2026-03-01", previous: { effectiveTo: null } });
  });

  it("leaves the old version untouched when the new one is refused after the old one was already closed", async () => {
    const first = await insertRule("rfi-due", { days: 14 }, "2025-01-01", "2026-06-01");
    await insertRule("rfi-due", { days: 10 }, "2026-06-01");
    const request = await post(admin.userId, `/settings/payer-rules/${first.id}/supersede`, { effectiveFrom: "2026-03-01", source: "Manual", "value.days": "7" });
    const { reply } = await outcome(supersedeAction(args(request, { ruleId: first.id })));
    expect(reply?.error?.[""]?.[0]).toMatch(/overlap the information request due version for all plans in force from 2026-06-01/);
    expect((await rulesOf("rfi-due")).map((r) => [r.effectiveFrom, r.effectiveTo])).toEqual([
      ["2025-01-01", "2026-06-01"],
      ["2026-06-01", null],
    ]);
    expect(await auditFor(first.id)).toEqual([]);
  });

  it("refuses a new version that does not start after the current one", async () => {
    const [current] = await rulesOf("p2p-window");
    const request = await post(admin.userId, `/settings/payer-rules/${current!.id}/supersede`, { effectiveFrom: "2025-12-01", source: "Manual", "value.days": "7" });
    const { reply } = await outcome(supersedeAction(args(request, { ruleId: current!.id })));
    expect(reply?.error?.effectiveFrom?.[0]).toMatch(/expected a date after 2026-01-01/);
  });
});

describe("ending a rule", () => {
  it("sets the first day it no longer applies and audits it; a date before its start is refused", async () => {
    const rule = await insertRule("retro-window", { days: 90 }, "2025-01-01");
    const early = await outcome(endAction(args(await post(admin.userId, `/settings/payer-rules/${rule.id}/end`, { effectiveTo: "2024-12-01" }), { ruleId: rule.id })));
    expect(early.reply?.error?.effectiveTo?.[0]).toMatch(/expected a date after 2025-01-01/);
    const { response } = await outcome(endAction(args(await post(admin.userId, `/settings/payer-rules/${rule.id}/end`, { effectiveTo: "2026-07-01" }), { ruleId: rule.id })));
    expect(response?.status).toBe(302);
    const [after] = await rulesOf("retro-window");
    expect(after!.effectiveTo).toBe("2026-07-01");
    expect((await auditFor(rule.id)).map((e) => e.action)).toEqual(["payer-rule.ended"]);
  });
});

describe("who may edit payer rules", () => {
  it("answers 403 to a coordinator from every loader and action, and changes nothing", async () => {
    const [rule] = await rulesOf("p2p-window");
    const ruleId = rule!.id;
    const attempts = [
      async () => settingsLoader(args(await get(coordinatorId, "/settings"))),
      async () => newLoader(args(await get(coordinatorId, `/settings/payer-rules/new?payer=${payerId}`))),
      async () => newAction(args(await post(coordinatorId, "/settings/payer-rules/new", { payerId, kind: "rfi-due", effectiveFrom: "2030-01-01", source: "x", "value.days": "1" }))),
      async () => supersedeLoader(args(await get(coordinatorId, `/settings/payer-rules/${ruleId}/supersede`), { ruleId })),
      async () => supersedeAction(args(await post(coordinatorId, `/settings/payer-rules/${ruleId}/supersede`, { effectiveFrom: "2030-01-01", source: "x", "value.days": "1" }), { ruleId })),
      async () => endLoader(args(await get(coordinatorId, `/settings/payer-rules/${ruleId}/end`), { ruleId })),
      async () => endAction(args(await post(coordinatorId, `/settings/payer-rules/${ruleId}/end`, { effectiveTo: "2030-01-01" }), { ruleId })),
    ];
    for (const attempt of attempts) expect((await outcome(attempt())).response?.status).toBe(403);
    expect((await rulesOf("p2p-window")).find((r) => r.id === ruleId)?.effectiveTo).toBeNull();
  });
});
