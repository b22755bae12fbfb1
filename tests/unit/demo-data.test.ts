// The demo data generator: deterministic, dated relative to today, internally consistent (every foreign key points
// at a generated row) and covering what the screens need (every authorization status, the demo sign-ins, holds).
import { getTableColumns, type Table } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import {
  CASE_EVENT_TYPES,
  DEADLINE_KINDS,
  type CaseEvent,
  type CaseEventRecord,
  caseRow,
  fromEventRecord,
  lineRows,
  nextDeadline,
  replay,
  ruleLabel,
} from "~/authorizations";
import { buildDemoData, demoSignIns, demoTables, type DemoData } from "../../db/demo-data";
import { demoNow, demoRuleSet } from "../../db/demo/cases";
import { addDays, at, isValidNpi } from "../../db/demo/random";
import * as s from "../../db/schema";

const today = "2026-11-22";
const options = { today, passwordHash: "hash" };
const data = buildDemoData(options);

const tables: { [K in keyof DemoData]: PgTable } = demoTables;
const keys = Object.keys(tables) as (keyof DemoData)[];
const rows = (key: keyof DemoData) => data[key] as Record<string, unknown>[];
const DAY = 86_400_000;
const rules = demoRuleSet(data);

describe("demo data", () => {
  it("is deterministic: the same options give the same rows, ids and timestamps", () => {
    expect(buildDemoData(options)).toEqual(data);
    const other = buildDemoData({ ...options, seed: 7 });
    expect(other.patients.map((p) => p.id)).not.toEqual(data.patients.map((p) => p.id));
  });

  it("gives every table rows, with unique ids", () => {
    for (const key of keys) {
      expect(rows(key).length, key).toBeGreaterThan(0);
      const ids = rows(key).map((r) => r.id);
      expect(new Set(ids).size, key).toBe(ids.length);
      for (const id of ids) expect(id, key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("keeps every foreign key pointing at a generated row of the referenced table", () => {
    const idsByTable = new Map<Table, Set<unknown>>(keys.map((key) => [tables[key], new Set(rows(key).map((r) => r.id))]));
    let checked = 0;
    for (const key of keys) {
      const table = tables[key];
      const propertyOf = new Map(Object.entries(getTableColumns(table)).map(([property, column]) => [column.name, property]));
      for (const fk of getTableConfig(table).foreignKeys) {
        const reference = fk.reference();
        const property = propertyOf.get(reference.columns[0]!.name)!;
        const targets = idsByTable.get(reference.foreignTable)!;
        expect(targets, `${key}.${property}`).toBeDefined();
        for (const row of rows(key)) {
          const value = row[property];
          if (value === null || value === undefined) continue;
          expect(targets.has(value), `${key}.${property} = ${JSON.stringify(value)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("dates everything relative to today: a week later, every deadline and timestamp moves a week", () => {
    const later = buildDemoData({ ...options, today: addDays(today, 7) });
    expect(later.authorizationCases.length).toBe(data.authorizationCases.length);
    data.authorizationCases.forEach((c, i) => {
      const moved = later.authorizationCases[i]!;
      expect(moved.caseNumber).toBe(c.caseNumber);
      if (c.nextDeadlineAt) expect(Math.abs(moved.nextDeadlineAt!.getTime() - c.nextDeadlineAt.getTime() - 7 * DAY)).toBeLessThanOrEqual(3_600_000);
      else expect(moved.nextDeadlineAt ?? null).toBeNull();
      if (c.effectiveTo) expect(moved.effectiveTo).toBe(addDays(c.effectiveTo, 7));
    });
    later.scheduledInfusions.forEach((i, n) => {
      expect(Math.abs(i.scheduledAt.getTime() - data.scheduledInfusions[n]!.scheduledAt.getTime() - 7 * DAY)).toBeLessThanOrEqual(3_600_000);
    });
  });

  it("has live deadlines: overdue, due today, due this week and next month", () => {
    const start = at(today, 0).getTime();
    const deadlines = data.authorizationCases.flatMap((c) => (c.nextDeadlineAt ? [c.nextDeadlineAt.getTime()] : []));
    expect(deadlines.some((d) => d < start)).toBe(true);
    expect(deadlines.some((d) => d >= start && d < start + DAY)).toBe(true);
    expect(deadlines.some((d) => d >= start + DAY && d < start + 7 * DAY)).toBe(true);
    expect(deadlines.some((d) => d >= start + 28 * DAY && d < start + 62 * DAY)).toBe(true);
    const upcoming = data.scheduledInfusions.filter((i) => i.status === "scheduled" && i.scheduledAt.getTime() >= start);
    expect(upcoming.length).toBeGreaterThan(30);
    expect(upcoming.every((i) => i.scheduledAt.getTime() < start + 62 * DAY)).toBe(true);
    expect(data.scheduledInfusions.some((i) => i.status === "completed")).toBe(true);
  });

  it("never places history after today", () => {
    const endOfToday = at(addDays(today, 1), 0).getTime();
    for (const e of data.authorizationEvents) expect(e.occurredAt.getTime()).toBeLessThan(endOfToday);
    for (const c of data.authorizationCases) expect(c.lastEventAt!.getTime()).toBeLessThan(endOfToday);
    for (const e of data.encounters) expect(e.dateOfService < today).toBe(true);
    for (const a of data.auditLog) expect(a.occurredAt!.getTime()).toBeLessThan(endOfToday);
  });

  it("covers every authorization status, several of the busy ones", () => {
    const counts = new Map<string, number>();
    for (const c of data.authorizationCases) counts.set(c.status!, (counts.get(c.status!) ?? 0) + 1);
    for (const status of s.authorizationStatus.enumValues) expect(counts.get(status) ?? 0, status).toBeGreaterThanOrEqual(1);
    for (const status of ["approved", "pending", "information_requested", "denied", "renewal_due"]) expect(counts.get(status)!, status).toBeGreaterThanOrEqual(3);
    expect(data.authorizationCases.map((c) => c.caseNumber).every((n) => /^PA-\d{6}$/.test(n))).toBe(true);
  });

  it("has 35–45 patients with MRNs, weights, a primary coverage and a regimen", () => {
    expect(data.patients.length).toBeGreaterThanOrEqual(35);
    expect(data.patients.length).toBeLessThanOrEqual(45);
    for (const p of data.patients) {
      expect(p.mrn).toMatch(/^RIC-\d{6}$/);
      const weights = data.patientWeights.filter((w) => w.patientId === p.id);
      expect(weights.length).toBeGreaterThanOrEqual(2);
      expect(weights.length).toBeLessThanOrEqual(3);
      expect(data.coverages.some((c) => c.patientId === p.id && c.priority === "primary")).toBe(true);
      expect(data.regimens.some((r) => r.patientId === p.id)).toBe(true);
    }
    expect(data.coverages.some((c) => c.priority === "secondary")).toBe(true);
    for (const r of data.regimens) for (const dx of r.diagnoses) expect(dx).toMatch(/^[A-Z][0-9][0-9A-Z]{1,5}$/);
  });

  it("has one user per role with the documented sign-ins", () => {
    expect(demoSignIns.map((d) => [d.role, d.email, d.name])).toEqual([
      ["admin", "admin@riverside.example", "Avery Admin"],
      ["coordinator", "coordinator@riverside.example", "Casey Coordinator"],
      ["clinician", "clinician@riverside.example", "Dr. Morgan Lee"],
      ["biller", "biller@riverside.example", "Blake Biller"],
    ]);
    expect(demoSignIns.every((d) => d.password === "infusion-demo")).toBe(true);
    for (const signIn of demoSignIns) {
      const user = data.users.find((u) => u.email === signIn.email);
      expect(user?.name).toBe(signIn.name);
      expect(user?.passwordHash).toBe("hash");
      const membership = data.memberships.filter((m) => m.userId === user!.id);
      expect(membership.map((m) => m.role)).toEqual([signIn.role]);
    }
    const clinician = data.memberships.find((m) => m.role === "clinician")!;
    const provider = data.providers.find((p) => p.id === clinician.providerId);
    expect([provider?.firstName, provider?.lastName]).toEqual(["Morgan", "Lee"]);
    expect(data.organizations[0]).toMatchObject({ name: "Riverside Infusion Center", slug: "riverside" });
  });

  it("uses valid NPIs, TINs and places of service", () => {
    for (const f of data.facilities) {
      expect(isValidNpi(f.npi)).toBe(true);
      expect(f.tin).toMatch(/^\d{9}$/);
    }
    for (const p of data.providers) expect(isValidNpi(p.npi)).toBe(true);
    expect(data.facilities.map((f) => [f.siteOfCare, f.placeOfService, f.program340B ?? false])).toEqual([
      ["office", "11", false],
      ["ambulatory_infusion_center", "11", false],
      ["hopd_off_campus", "19", true],
    ]);
  });

  it("keeps event sequences contiguous, with version and lastEventAt from the last event", () => {
    for (const c of data.authorizationCases) {
      const events = data.authorizationEvents.filter((e) => e.caseId === c.id);
      expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
      expect(c.version).toBe(events.length);
      expect(c.lastEventAt).toEqual(events[events.length - 1]!.occurredAt);
      // One command may emit several events at one instant (ledger-synced + units-exhausted).
      for (let i = 1; i < events.length; i++) expect(events[i]!.occurredAt.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.occurredAt.getTime());
      expect(events[0]!.type).toBe("case-created");
    }
    for (const e of data.authorizationEvents.filter((e) => e.type === "submitted")) expect(e.channel && e.proofReference).toBeTruthy();
  });

  it("gives approved-like cases a number and dates, open cases a deadline and its rule", () => {
    const labels = new Set(rules.rules.map((r) => ruleLabel(r, rules)));
    for (const c of data.authorizationCases) {
      if (["approved", "partially_approved", "modified"].includes(c.status!)) {
        expect(c.authorizationNumber && c.effectiveFrom && c.effectiveTo, c.caseNumber).toBeTruthy();
        expect(c.effectiveTo! >= c.effectiveFrom!).toBe(true);
      }
      // The statuses the rule book puts a clock on (a draft, an appeal under review and closed cases have none).
      if (["submitted", "pending", "information_requested", "denied", "peer_to_peer", "renewal_due", "approved", "partially_approved", "modified"].includes(c.status!)) {
        expect(c.nextDeadlineAt, c.caseNumber).toBeInstanceOf(Date);
        expect(DEADLINE_KINDS).toContain(c.nextDeadlineKind);
        const rule = c.nextDeadlineRule!;
        expect(labels.has(rule) || rule.startsWith("authorization/") || rule.startsWith("default/"), `${c.caseNumber}: ${rule}`).toBe(true);
      }
    }
    expect(data.authorizationCases.some((c) => c.predecessorCaseId)).toBe(true);
  });

  it("keeps used quantities equal to the ledger, within what was authorized", () => {
    const keysSeen = new Set<string>();
    for (const e of data.unitLedgerEntries) {
      const key = `${e.caseId}|${e.kind}|${e.sourceType}|${e.sourceId}`;
      expect(keysSeen.has(key)).toBe(false);
      keysSeen.add(key);
    }
    for (const c of data.authorizationCases) {
      const entries = data.unitLedgerEntries.filter((e) => e.caseId === c.id);
      const used = 0 - entries.reduce((sum, e) => sum + (c.unitType === "visits" ? e.visits! : e.units), 0);
      expect(c.usedQuantity, c.caseNumber).toBe(used);
      expect(used).toBeLessThanOrEqual(c.authorizedQuantity ?? 0);
    }
    expect(data.unitLedgerEntries.some((e) => e.kind === "administered" && e.units < 0)).toBe(true);
    expect(data.unitLedgerEntries.some((e) => e.kind === "billed")).toBe(true);
  });

  it("codes claim lines cleanly: NDC-11 with a qualifier, never JW and JZ together", () => {
    for (const line of data.claimLines) {
      const modifiers = line.modifiers ?? [];
      expect(modifiers.includes("JW") && modifiers.includes("JZ")).toBe(false);
      expect(line.units).toBeGreaterThan(0);
      if (line.ndc11) {
        expect(line.ndc11).toMatch(/^\d{11}$/);
        expect(["UN", "ML", "ME"]).toContain(line.ndcQualifier);
      }
    }
    const codes = new Set(data.claimLines.map((l) => l.code));
    for (const code of ["96365", "96366", "96413", "96375", "J1745", "J9271"]) expect(codes.has(code), code).toBe(true);
    expect(data.claimLines.some((l) => l.modifiers?.includes("JW"))).toBe(true);
  });

  it("holds, releases and readies claims consistently", () => {
    const statuses = new Set(data.claims.map((c) => c.status));
    for (const status of ["held", "ready", "released"] as const) expect(statuses.has(status)).toBe(true);
    const pairs = data.claims.map((c) => `${c.encounterId}|${c.coverageId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const claim of data.claims) {
      if (claim.status === "released") expect(claim.releasedAt).toBeInstanceOf(Date);
      const open = data.claimHolds.filter((h) => h.claimId === claim.id && !h.releasedAt);
      expect(open.length > 0, claim.claimNumber).toBe(claim.status === "held");
    }
    const reasons = new Set(data.claimHolds.map((h) => h.reason));
    for (const reason of ["no-authorization", "units-exceeded", "authorization-expired", "site-of-care", "missing-ndc"]) expect(reasons.has(reason), reason).toBe(true);
    expect(data.claimHolds.some((h) => h.releasedAt && h.releasedById)).toBe(true);
  });

  it("keys outbox rows uniquely", () => {
    const keys = data.outbox.map((o) => o.businessKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(data.outbox.every((o) => o.topic === "email")).toBe(true);
  });

  describe("cases produced by the authorization decider", () => {
    const now = demoNow(today);
    const eventsOf = (caseId: string) => data.authorizationEvents.filter((e) => e.caseId === caseId).sort((a, b) => a.sequence - b.sequence);
    const system = new Set(["ledger-synced", "units-exhausted", "decision-overdue", "follow-up-due", "information-overdue", "p2p-window-closed", "appeal-window-closed", "renewal-alert-raised", "site-of-care-transition-due", "expired"]);

    it("stores only lifecycle events; timers and ledger syncs come from the system, the rest from staff", () => {
      const users = new Set(data.users.map((u) => u.id));
      for (const e of data.authorizationEvents) {
        expect(CASE_EVENT_TYPES).toContain(e.type);
        if (system.has(e.type)) expect(e.actorUserId ?? null, e.type).toBeNull();
        if (e.actorUserId) expect(users.has(e.actorUserId)).toBe(true);
      }
      const types = new Set(data.authorizationEvents.map((e) => e.type));
      for (const type of ["submitted", "payer-acknowledged", "information-requested", "information-sent", "decision-recorded", "p2p-requested", "p2p-scheduled", "p2p-outcome-recorded", "appeal-filed", "appeal-decided", "renewal-started", "superseded", "regimen-changed", "cancelled", "voided", "marked-duplicate", "assigned", "ledger-synced", "units-exhausted", "renewal-alert-raised", "expired"]) {
        expect(types.has(type), type).toBe(true);
      }
    });

    it("replays each case's stored events (through JSON, as in jsonb) to its stored row and lines", () => {
      for (const c of data.authorizationCases) {
        const events = eventsOf(c.id!).map((e) => fromEventRecord({ ...(e as CaseEventRecord), payload: JSON.parse(JSON.stringify(e.payload)) as unknown }));
        expect(events.every((e) => e !== undefined)).toBe(true);
        const state = replay(events as CaseEvent[])!;
        const { organizationId: _org, createdAt, updatedAt, ...stored } = c;
        expect(caseRow(state, nextDeadline(state, rules, now)), c.caseNumber).toEqual(stored);
        expect(createdAt).toEqual(new Date(state.createdAt));
        expect(updatedAt).toEqual(new Date(state.lastEventAt));
        const lines = data.authorizationLines.filter((l) => l.caseId === c.id).map(({ id: _id, organizationId: _o, createdAt: _c, ...line }) => line);
        expect(lineRows(state), c.caseNumber).toEqual(lines);
      }
    });

    it("links renewals, supersessions, regimen changes and duplicates to cases that exist", () => {
      const byId = new Map(data.authorizationCases.map((c) => [c.id, c]));
      const linked = data.authorizationEvents.flatMap((e) => {
        const p = e.payload as Record<string, unknown>;
        return [p.successorCaseId, p.duplicateOfCaseId, p.revisedCaseId].filter((id): id is string => typeof id === "string");
      });
      expect(linked.length).toBeGreaterThanOrEqual(4);
      for (const id of linked) expect(byId.has(id)).toBe(true);
      for (const c of data.authorizationCases.filter((c) => c.status === "superseded")) {
        expect(data.authorizationCases.some((s) => s.predecessorCaseId === c.id && s.certificationType === "renewal")).toBe(true);
      }
    });
  });
});
