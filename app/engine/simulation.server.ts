// "Why did this alert fire?": replay a timeline of commands against a scratch embedded database with a virtual
// clock, exactly as the embedded engine would run it, and report every event, deadline and outbox row.
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { openDatabase } from "../../db/client";
import * as s from "../../db/schema";
import { EmbeddedEngine } from "./embedded.server";

const instant = z.iso.datetime({ offset: true, error: "expected an ISO date-time such as 2026-01-05T14:00:00Z" });
const isoDate = z.iso.date({ error: "expected a date YYYY-MM-DD" });

export const ScenarioSchema = z.object({
  start: instant,
  payer: z
    .object({
      name: z.string().min(1).default("Scenario Health"),
      lineOfBusiness: z.enum(s.lineOfBusiness.enumValues).default("commercial"),
      rules: z
        .array(
          z.object({
            kind: z.string(),
            value: z.unknown(),
            effectiveFrom: isoDate.default("2000-01-01"),
            effectiveTo: isoDate.optional(),
            hcpcs: z.string().optional(),
          }),
        )
        .default([]),
    })
    .prefault({}),
  facility: z
    .object({
      siteOfCare: z.enum(s.siteOfCareType.enumValues).default("office"),
      placeOfService: z
        .string()
        .regex(/^\d{2}$/)
        .default("11"),
    })
    .prefault({}),
  steps: z
    .array(
      z.union([
        z.object({
          at: instant.optional(),
          case: z.string().min(1, "expected a case label such as A"),
          command: z.record(z.string(), z.unknown()),
          actor: z.enum(["coordinator", "clinician", "admin", "system"]).default("coordinator"),
        }),
        z.object({ at: instant, sweep: z.literal(true) }),
      ]),
    )
    .min(1, "expected at least one step"),
});
export type Scenario = z.input<typeof ScenarioSchema>;

export interface SimulatedEvent {
  at: string;
  case: string;
  caseNumber: string;
  cause: string;
  type: string;
  /** The payer rule (or default) that produced a deadline event, when the event names one. */
  rule?: string;
}

export interface SimulationResult {
  timeline: { at: string; case?: string; step: string; ok: boolean; error?: string; events: SimulatedEvent[] }[];
  cases: { case: string; caseNumber: string; status: string; nextDeadline: { kind: string; at: string; rule: string | null } | null }[];
  outbox: { topic: string; businessKey: string; createdAt: string; delivered: boolean; dead: boolean }[];
}

/** Replaces "$A"-style strings with the case id of label A, anywhere in a command. */
function resolveLabels(value: unknown, idOf: (label: string) => string): unknown {
  if (typeof value === "string" && /^\$[A-Za-z0-9_-]+$/.test(value)) return idOf(value.slice(1));
  if (Array.isArray(value)) return value.map((v) => resolveLabels(v, idOf));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveLabels(v, idOf)]));
  return value;
}

export async function simulate(input: unknown): Promise<{ ok: true; result: SimulationResult } | { ok: false; errors: string[] }> {
  const parsed = ScenarioSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join(".") || "scenario"}: ${i.message}`) };
  const scenario = parsed.data;
  const handle = openDatabase({ kind: "pglite" });
  try {
    await handle.migrate();
    const db = handle.db;
    // A scratch organization with one of everything a case refers to.
    const [org] = await db.insert(s.organizations).values({ name: "Simulation", slug: "simulation" }).returning();
    const organizationId = org!.id;
    const [user] = await db.insert(s.users).values({ email: "simulation@example.invalid", name: "Simulated Coordinator", passwordHash: "-" }).returning();
    await db.insert(s.memberships).values({ organizationId, userId: user!.id, role: "coordinator" });
    const [facility] = await db
      .insert(s.facilities)
      .values({
        organizationId,
        name: "Simulated facility",
        siteOfCare: scenario.facility.siteOfCare,
        placeOfService: scenario.facility.placeOfService,
        npi: "1902809789",
        tin: "123456789",
      })
      .returning();
    const [provider] = await db.insert(s.providers).values({ organizationId, npi: "1234567893", firstName: "Sim", lastName: "Provider" }).returning();
    const [patient] = await db
      .insert(s.patients)
      .values({ organizationId, mrn: "SIM-1", firstName: "Sim", lastName: "Patient", birthDate: "1970-01-01", sex: "unknown" })
      .returning();
    const [payer] = await db.insert(s.payers).values({ organizationId, name: scenario.payer.name, kind: "commercial", payerCode: "SIM" }).returning();
    const [plan] = await db
      .insert(s.payerPlans)
      .values({ organizationId, payerId: payer!.id, name: "Plan", lineOfBusiness: scenario.payer.lineOfBusiness })
      .returning();
    const [coverage] = await db
      .insert(s.coverages)
      .values({ organizationId, patientId: patient!.id, planId: plan!.id, memberId: "SIM-MEMBER-1", priority: "primary", effectiveFrom: "2000-01-01" })
      .returning();
    if (scenario.payer.rules.length > 0) {
      await db
        .insert(s.payerRules)
        .values(
          scenario.payer.rules.map((r) => ({
            organizationId,
            payerId: payer!.id,
            kind: r.kind,
            value: r.value,
            effectiveFrom: r.effectiveFrom,
            effectiveTo: r.effectiveTo,
            hcpcs: r.hcpcs,
            source: "scenario",
          })),
        );
    }
    const defaults = {
      patient: { patientId: patient!.id },
      coverage: { coverageId: coverage!.id, payerId: payer!.id, planId: plan!.id, lineOfBusiness: scenario.payer.lineOfBusiness, memberId: "SIM-MEMBER-1" },
      orderingProvider: { providerId: provider!.id, npi: "1234567893" },
      facility: {
        facilityId: facility!.id,
        npi: "1902809789",
        tin: "123456789",
        siteOfCare: scenario.facility.siteOfCare,
        placeOfService: scenario.facility.placeOfService,
      },
    };

    let now = new Date(scenario.start);
    const engine = new EmbeddedEngine(db, { clock: () => now, log: () => {} });
    const labels = new Map<string, string>();
    const idOf = (label: string) => {
      if (!labels.has(label)) labels.set(label, crypto.randomUUID());
      return labels.get(label)!;
    };
    const labelOf = (caseId: string) => [...labels].find(([, id]) => id === caseId)?.[0] ?? caseId;
    const seen = new Set<string>();
    const newEvents = async (cause: string): Promise<SimulatedEvent[]> => {
      const rows = await db
        .select({
          caseId: s.authorizationEvents.caseId,
          type: s.authorizationEvents.type,
          payload: s.authorizationEvents.payload,
          recordedAt: s.authorizationEvents.recordedAt,
          id: s.authorizationEvents.id,
          caseNumber: s.authorizationCases.caseNumber,
        })
        .from(s.authorizationEvents)
        .innerJoin(s.authorizationCases, eq(s.authorizationCases.id, s.authorizationEvents.caseId))
        .orderBy(asc(s.authorizationEvents.recordedAt), asc(s.authorizationEvents.caseId), asc(s.authorizationEvents.sequence));
      const fresh = rows.filter((r) => !seen.has(r.id));
      for (const r of fresh) seen.add(r.id);
      return fresh.map((r) => {
        const rule = (r.payload as { rule?: unknown }).rule;
        return {
          at: r.recordedAt.toISOString(),
          case: labelOf(r.caseId),
          caseNumber: r.caseNumber,
          cause,
          type: r.type,
          ...(typeof rule === "string" ? { rule } : {}),
        };
      });
    };
    const settle = async () => {
      const fired: SimulatedEvent[] = [];
      for (let i = 0; i < 50; i++) {
        const r = await engine.sweepOnce();
        fired.push(...(await newEvents("sweep")));
        if (r.deadlines.handled === 0 && r.outbox.claimed === 0) break;
      }
      return fired;
    };

    const result: SimulationResult = { timeline: [], cases: [], outbox: [] };
    for (const step of scenario.steps) {
      if (step.at) {
        const at = new Date(step.at);
        if (at < now) return { ok: false, errors: [`steps: ${step.at} is before the clock (${now.toISOString()}); steps must move forward`] };
        // Time passes: everything due in between fires first, as the background sweep would.
        // Sweep at each day boundary so deadlines fire on their day, not all at the step's time.
        while (now.getTime() + 86_400_000 < at.getTime()) {
          now = new Date(now.getTime() + 86_400_000);
          const fired = await settle();
          if (fired.length) result.timeline.push({ at: now.toISOString(), step: "sweep", ok: true, events: fired });
        }
        now = at;
        const fired = await settle();
        if (fired.length || "sweep" in step) result.timeline.push({ at: now.toISOString(), step: "sweep", ok: true, events: fired });
      }
      if ("sweep" in step) continue;
      let command = resolveLabels({ ...step.command, caseId: idOf(step.case) }, idOf) as Record<string, unknown>;
      if (command.type === "create-case") command = { ...defaults, ...command };
      const actor = step.actor === "system" ? undefined : { userId: user!.id, role: step.actor };
      const outcome = await engine.execute({ organizationId, command, ...(actor ? { actor } : {}) });
      const events = await newEvents(String(command.type));
      result.timeline.push({
        at: now.toISOString(),
        case: step.case,
        step: String(command.type),
        ok: outcome.ok,
        ...(outcome.ok ? {} : { error: `${outcome.error.code}: ${outcome.error.message}` }),
        events,
      });
      const fired = await settle();
      if (fired.length) result.timeline.push({ at: now.toISOString(), step: "sweep", ok: true, events: fired });
    }

    const cases = await db
      .select()
      .from(s.authorizationCases)
      .where(and(eq(s.authorizationCases.organizationId, organizationId)))
      .orderBy(asc(s.authorizationCases.caseNumber));
    result.cases = cases.map((c) => ({
      case: labelOf(c.id),
      caseNumber: c.caseNumber,
      status: c.status,
      nextDeadline: c.nextDeadlineAt ? { kind: c.nextDeadlineKind ?? "", at: c.nextDeadlineAt.toISOString(), rule: c.nextDeadlineRule } : null,
    }));
    const outbox = await db.select().from(s.outbox).orderBy(asc(s.outbox.createdAt), asc(s.outbox.businessKey));
    result.outbox = outbox.map((o) => ({
      topic: o.topic,
      businessKey: o.businessKey,
      createdAt: o.createdAt.toISOString(),
      delivered: o.deliveredAt !== null,
      dead: o.deadAt !== null,
    }));
    return { ok: true, result };
  } finally {
    await handle.close();
  }
}
