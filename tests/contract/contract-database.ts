// What every driver's contract harness needs from the database: a tenant with the scenario's payer rules, and
// readers for what users see (the queue projection, the outbox, the timeline).
import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import * as s from "../../db/schema";
import { makeTenantGraph, type TenantGraph } from "../support/factories";
import type { ContractHarness, RuleSeed } from "./lifecycle-contract";

/** A fresh organization whose payer has exactly the scenario's rules. */
export async function contractTenant(db: Database, label: string, rules: readonly RuleSeed[]): Promise<TenantGraph> {
  const graph = await makeTenantGraph(db, label);
  await db.delete(s.payerRules).where(eq(s.payerRules.payerId, graph.payerId));
  if (rules.length > 0) {
    await db.insert(s.payerRules).values(
      rules.map((r) => ({
        organizationId: graph.organizationId,
        payerId: graph.payerId,
        kind: r.kind,
        value: r.value,
        effectiveFrom: r.effectiveFrom ?? "2026-01-01",
        source: `contract test (${r.kind})`,
      })),
    );
  }
  return graph;
}

export function projectionReaders(db: Database, graph: TenantGraph): Pick<ContractHarness, "caseRow" | "outboxKeys" | "eventTypes"> {
  return {
    async caseRow(caseId) {
      const [row] = await db.select().from(s.authorizationCases).where(eq(s.authorizationCases.id, caseId));
      if (!row) throw new Error(`no projection row for case ${caseId}`);
      return row;
    },
    async outboxKeys() {
      const rows = await db.select({ key: s.outbox.businessKey }).from(s.outbox).where(eq(s.outbox.organizationId, graph.organizationId));
      return rows.map((r) => r.key);
    },
    async eventTypes(caseId) {
      const rows = await db
        .select({ type: s.authorizationEvents.type })
        .from(s.authorizationEvents)
        .where(eq(s.authorizationEvents.caseId, caseId))
        .orderBy(asc(s.authorizationEvents.sequence));
      return rows.map((r) => r.type);
    },
  };
}
