// Side effects and history around the cases and claims: outbox emails (renewal alerts, information requests,
// peer-to-peer calls, hold alerts) and audit log rows. Neither carries PHI: ids, case numbers and staff addresses.
import { type CaseState, effectsOf, evolve } from "../../app/authorizations";
import { demoRuleSet, type CaseRef } from "./cases";
import { demoSignIns, type Organization } from "./organization";
import { addDays, addMinutes, at } from "./random";
import type { Context, Row } from "./types";

export function buildActivity(ctx: Context, org: Organization, cases: CaseRef[]): void {
  const { rng, data, today, organizationId } = ctx;
  const billerEmail = demoSignIns.find((s) => s.role === "biller")!.email;
  const coordinatorEmail = demoSignIns.find((s) => s.role === "coordinator")!.email;

  const email = (businessKey: string, payload: Record<string, unknown>, availableAt: Date, delivery: { deliveredAt?: Date; attempts?: number; lastError?: string } = {}) => {
    data.outbox.push({
      id: rng.uuid(),
      organizationId,
      topic: "email",
      businessKey,
      payload,
      availableAt,
      attempts: delivery.attempts ?? (delivery.deliveredAt ? 1 : 0),
      lastError: delivery.lastError ?? null,
      deliveredAt: delivery.deliveredAt ?? null,
      createdAt: availableAt,
    });
  };

  // The emails the case events asked for (the decider's effects), delivered a minute after each event.
  const rules = demoRuleSet(data);
  for (const c of cases) {
    let state: CaseState | undefined;
    for (const event of c.record.events) {
      state = evolve(state, event);
      for (const effect of effectsOf(state, event, rules)) {
        if (effect.topic !== "email") continue;
        const sentAt = new Date(event.occurredAt);
        email(effect.businessKey, effect.payload, sentAt, { deliveredAt: addMinutes(sentAt, 1) });
      }
    }
  }

  // Hold alerts to billers: one delivered, one retrying after a transient SMTP failure, the newest waiting.
  const openHolds = data.claimHolds.filter((h) => h.releasedAt === null);
  openHolds.forEach((hold, i) => {
    const openedAt = hold.openedAt!;
    const key = `hold-alert:${hold.id}`;
    const payload = { template: "claim-hold", to: billerEmail, claimId: hold.claimId, holdId: hold.id, reason: hold.reason };
    if (i % 3 === 0) email(key, payload, addMinutes(openedAt, 5), { deliveredAt: addMinutes(openedAt, 6) });
    else if (i % 3 === 1) email(key, payload, addMinutes(openedAt, 5), { attempts: 2, lastError: "421 4.7.0 Temporary server error, try again later" });
    else email(key, payload, addMinutes(openedAt, 5));
  });
  email(`daily-digest:${org.users.coordinator}:${today}`, { template: "coordinator-digest", to: coordinatorEmail, day: today }, at(today, 6, 30));

  // The audit log: sign-ins, case and claim actions, a payer-rule change.
  const audit = (actorUserId: string | null, action: string, entityType: string, entityId: string | null, detail: Record<string, unknown>, occurredAt: Date) => {
    const row: Row<"auditLog"> = { id: rng.uuid(), organizationId, actorUserId, action, entityType, entityId, detail, occurredAt };
    data.auditLog.push(row);
  };
  const users = [org.users.admin, org.users.coordinator, org.users.clinician, org.users.biller, org.users.jordan];
  users.forEach((userId, i) => audit(userId, "user.signed-in", "user", userId, { method: "password" }, at(addDays(today, -1), 8, 2 + i * 7)));
  audit(org.users.admin, "membership.created", "membership", data.memberships[4]!.id!, { role: "coordinator" }, at(addDays(today, -300), 10));
  const changedRules = data.payerRules.filter((r) => r.effectiveTo === null && r.effectiveFrom === addDays(today, -200));
  for (const rule of changedRules) audit(org.users.admin, "payer-rule.created", "payer_rule", rule.id!, { kind: rule.kind, payerId: rule.payerId }, at(addDays(today, -205), 15));
  for (const c of cases) {
    const submittedAt = c.row.submittedAt;
    if (submittedAt && submittedAt >= at(addDays(today, -30), 0)) {
      audit(c.draft.assigneeId ?? org.users.coordinator, "case.submitted", "authorization_case", c.draft.id, { caseNumber: c.row.caseNumber, channel: c.row.submissionChannel }, submittedAt);
    }
  }
  for (const hold of data.claimHolds.filter((h) => h.releasedAt)) {
    audit(hold.releasedById ?? org.users.biller, "claim-hold.released", "claim_hold", hold.id!, { claimId: hold.claimId, reason: hold.reason }, hold.releasedAt!);
  }
  const released = data.claims.filter((c) => c.status === "released" && c.releasedAt && c.releasedAt >= at(addDays(today, -45), 0));
  for (const claim of released) audit(org.users.biller, "claim.released", "claim", claim.id!, { claimNumber: claim.claimNumber }, claim.releasedAt!);
  data.auditLog.sort((a, b) => a.occurredAt!.getTime() - b.occurredAt!.getTime());
}
