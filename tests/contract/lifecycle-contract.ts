// The engine contract: lifecycle scenarios written once against the LifecycleEngine port with a virtual clock.
// Every driver runs it — the embedded one always (tests/integration/engine-embedded.test.ts), the Temporal one
// when a server is reachable. Assertions read what users see: the queue projection and the outbox.
import type { CaseState } from "~/authorizations";
import type { CommandRequest, LifecycleEngine } from "~/engine/port";
import { createCaseCommand, type TenantGraph } from "../support/factories";

export interface ContractHarness {
  engine: LifecycleEngine;
  graph: TenantGraph;
  setClock(iso: string): void;
  /** Fire every due deadline and deliver the outbox, as the driver does on its own in production. */
  settle(): Promise<void>;
  caseRow(
    caseId: string,
  ): Promise<{ status: string; nextDeadlineKind: string | null; nextDeadlineAt: Date | null; authorizationNumber: string | null; version: number }>;
  outboxKeys(): Promise<string[]>;
  eventTypes(caseId: string): Promise<string[]>;
}

export type HarnessFactory = (rules: readonly RuleSeed[]) => Promise<ContractHarness>;

export interface RuleSeed {
  kind: string;
  value: unknown;
  effectiveFrom?: string;
}

const SUMMIT: RuleSeed[] = [
  { kind: "decision-timeframe", value: { standardDays: 15, expeditedHours: 72 } },
  { kind: "rfi-due", value: { days: 10 } },
  { kind: "p2p-window", value: { days: 14 } },
  { kind: "appeal-window", value: { days: 180, level: 1 } },
  { kind: "appeal-window", value: { days: 60, level: 2 } },
];

const coordinator = (h: ContractHarness) => ({ userId: h.graph.userId, role: "coordinator" as const });

let caseCounter = 0;
export const newCaseId = () => `00000000-0000-4000-9000-${(++caseCounter).toString(16).padStart(12, "0")}`;

function createCase(h: ContractHarness, caseId: string, overrides: Record<string, unknown> = {}) {
  return createCaseCommand(h.graph, { caseId, regimenId: h.graph.regimenId, ...overrides });
}

const approval = (overrides: Record<string, unknown> = {}) => ({
  outcome: "approved",
  authorizationNumber: "SH-AUTH-1001",
  effectiveFrom: "2026-01-15",
  effectiveTo: "2026-07-14",
  lines: [{ lineNumber: 1, authorizedUnits: 240, mappedHcpcs: [] }],
  ...overrides,
});

async function run(h: ContractHarness, command: Record<string, unknown>, actor: CommandRequest["actor"] | null = coordinator(h)): Promise<CaseState> {
  const outcome = await h.engine.execute({ organizationId: h.graph.organizationId, command, ...(actor ? { actor } : {}) });
  if (!outcome.ok) throw new Error(`${String(command.type)} refused: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.state;
}

/** A case created, submitted by fax and approved as requested (240 units, 2026-01-15 to 2026-07-14). */
async function approvedCase(h: ContractHarness, caseId: string): Promise<CaseState> {
  await run(h, createCase(h, caseId));
  await run(h, { type: "submit", caseId, channel: "fax", proofReference: "fax-1" });
  return run(h, { type: "record-decision", caseId, ...approval() });
}

export function defineLifecycleContract(driver: string, makeHarness: HarnessFactory) {
  describe(`lifecycle contract (${driver})`, () => {
    it("submit → pend → information → approve → renewal alerts 30/14/7 → renewal approved → old case superseded", async () => {
      const h = await makeHarness(SUMMIT);
      const a = newCaseId();
      const b = newCaseId();
      h.setClock("2026-01-05T14:00:00Z");
      await run(h, createCase(h, a));
      await run(h, { type: "submit", caseId: a, channel: "portal", proofReference: "portal-screenshot-77" });
      expect(await h.caseRow(a)).toMatchObject({ status: "submitted", nextDeadlineKind: "follow-up" });

      h.setClock("2026-01-06T15:00:00Z");
      await run(h, { type: "record-payer-acknowledgement", caseId: a, references: [{ kind: "payer-reference", value: "SH-REF-55" }] });
      h.setClock("2026-01-09T15:00:00Z");
      await h.settle();
      expect(await h.eventTypes(a)).toContain("follow-up-due");

      await run(h, { type: "pend-for-information", caseId: a, items: ["Last 3 months of CRP", "Current weight"] });
      expect(await h.caseRow(a)).toMatchObject({ status: "information_requested", nextDeadlineKind: "rfi-due" });
      await run(h, {
        type: "send-information",
        caseId: a,
        documentIds: [h.graph.caseId],
        channel: "fax",
        proofReference: "fax-receipt-2",
        note: "CRP and weight",
      });
      h.setClock("2026-01-14T15:00:00Z");
      await run(h, { type: "record-decision", caseId: a, ...approval() });
      expect(await h.caseRow(a)).toMatchObject({ status: "approved", authorizationNumber: "SH-AUTH-1001", nextDeadlineKind: "renewal-alert" });

      for (const day of ["2026-06-14", "2026-06-30", "2026-07-07"]) {
        h.setClock(`${day}T12:00:00Z`);
        await h.settle();
        await h.settle(); // a second sweep at the same time changes nothing
      }
      expect(await h.caseRow(a)).toMatchObject({ status: "renewal_due", nextDeadlineKind: "expiry" });
      const keys = await h.outboxKeys();
      for (const band of ["30d", "14d", "7d"]) expect(keys.filter((k) => k === `renewal-alert:${a}:${band}`)).toHaveLength(1);

      await run(h, createCase(h, b, { certificationType: "renewal", predecessorCaseId: a, requestedFrom: "2026-07-15", requestedTo: "2027-01-14" }));
      await h.settle();
      expect((await h.engine.readCase(h.graph.organizationId, a))?.links.successorCaseId).toBe(b);
      await run(h, { type: "submit", caseId: b, channel: "x12_278", proofReference: "278-trace-9" });
      h.setClock("2026-07-10T12:00:00Z");
      await run(h, {
        type: "record-decision",
        caseId: b,
        ...approval({ authorizationNumber: "SH-AUTH-2002", effectiveFrom: "2026-07-15", effectiveTo: "2027-01-14" }),
      });
      await h.settle();
      expect(await h.caseRow(a)).toMatchObject({ status: "superseded", nextDeadlineAt: null });
      expect(await h.caseRow(b)).toMatchObject({ status: "approved", authorizationNumber: "SH-AUTH-2002" });
    });

    it("deny → peer-to-peer → overturned", async () => {
      const h = await makeHarness(SUMMIT);
      const a = newCaseId();
      h.setClock("2026-01-05T14:00:00Z");
      await run(h, createCase(h, a));
      await run(h, { type: "submit", caseId: a, channel: "portal", proofReference: "portal-1" });
      await run(h, {
        type: "record-decision",
        caseId: a,
        outcome: "denied",
        reason: "Step therapy: no trial of methotrexate documented",
        denialCategory: "step_therapy",
      });
      expect(await h.caseRow(a)).toMatchObject({ status: "denied", nextDeadlineKind: "p2p-request" });
      const refused = await h.engine.execute({
        organizationId: h.graph.organizationId,
        command: { type: "record-decision", caseId: a, ...approval() },
        actor: coordinator(h),
      });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message).toMatch(/denied case cannot be approved/i);

      await run(h, { type: "request-p2p", caseId: a, callWindows: ["Tue 12-1 pm"] });
      await run(h, { type: "schedule-p2p", caseId: a, scheduledFor: "2026-01-15T17:00:00-05:00", reviewer: "Dr. Medical Director" });
      h.setClock("2026-01-15T23:00:00Z");
      await run(h, { type: "record-p2p-outcome", caseId: a, outcome: "overturned", approval: approval({ authorizationNumber: "SH-P2P-77" }) });
      expect(await h.caseRow(a)).toMatchObject({ status: "approved", authorizationNumber: "SH-P2P-77" });
    });

    it("deny → appeal level 1 upheld → level 2 overturned", async () => {
      const h = await makeHarness(SUMMIT);
      const a = newCaseId();
      h.setClock("2026-01-05T14:00:00Z");
      await run(h, createCase(h, a));
      await run(h, { type: "submit", caseId: a, channel: "portal", proofReference: "portal-1" });
      await run(h, {
        type: "record-decision",
        caseId: a,
        outcome: "denied",
        reason: "Not medically necessary per policy CP-221",
        denialCategory: "medical_necessity",
      });
      await run(h, { type: "file-appeal", caseId: a, level: 1, channel: "fax", proofReference: "fax-appeal-1" });
      expect(await h.caseRow(a)).toMatchObject({ status: "appeal" });
      h.setClock("2026-02-20T15:00:00Z");
      await run(h, { type: "record-appeal-decision", caseId: a, level: 1, outcome: "upheld", reason: "Criteria for biologic therapy not met" });
      expect(await h.caseRow(a)).toMatchObject({ status: "denied", nextDeadlineKind: "appeal-filing" });
      await run(h, { type: "file-appeal", caseId: a, level: 2, channel: "mail", proofReference: "certified-mail-9402" });
      h.setClock("2026-04-15T15:00:00Z");
      await run(h, {
        type: "record-appeal-decision",
        caseId: a,
        level: 2,
        outcome: "overturned",
        approval: approval({ authorizationNumber: "SH-APL-2", effectiveFrom: "2026-04-20", effectiveTo: "2026-10-19" }),
      });
      expect(await h.caseRow(a)).toMatchObject({ status: "approved", authorizationNumber: "SH-APL-2" });
    });

    it("site-of-care denial → exception appeal granted", async () => {
      const h = await makeHarness([...SUMMIT, { kind: "site-of-care", value: { firstDoseWindowDays: 45, exceptionCriteria: ["1+2+3", "4"] } }]);
      const a = newCaseId();
      h.setClock("2026-01-05T14:00:00Z");
      const hospital = {
        facility: { facilityId: h.graph.facilityId, npi: h.graph.facilityNpi, tin: h.graph.facilityTin, siteOfCare: "hopd_on_campus", placeOfService: "22" },
      };
      await run(h, createCase(h, a, hospital));
      await run(h, { type: "submit", caseId: a, channel: "portal", proofReference: "portal-1" });
      await run(h, {
        type: "record-decision",
        caseId: a,
        outcome: "denied",
        reason: "Site of care: hospital outpatient infusion not medically necessary",
        denialCategory: "site_of_care",
      });
      const evidence = [{ description: "Infusion reaction 2025-11-03 requiring epinephrine" }];
      const filed = await run(h, {
        type: "file-appeal",
        caseId: a,
        level: 1,
        kind: "site_of_care",
        channel: "fax",
        proofReference: "fax-soc-1",
        siteOfCare: { requestedSite: "hopd_on_campus", checklist: [1, 2, 3, 7].map((criterion) => ({ criterion, evidence })) },
      });
      expect(filed.appeals[0]?.siteOfCare?.evaluation).toMatchObject({ satisfied: true, satisfiedBy: "1+2+3" });
      await run(h, {
        type: "record-appeal-decision",
        caseId: a,
        level: 1,
        outcome: "overturned",
        approval: approval({ authorizedSiteOfCare: "hopd_on_campus" }),
      });
      expect(await h.caseRow(a)).toMatchObject({ status: "approved" });
      expect((await h.engine.readCase(h.graph.organizationId, a))?.siteOfCareException).toBe("granted");
    });

    it("regimen change mid-authorization → revised request drafted and linked, uncovered visits held", async () => {
      const h = await makeHarness(SUMMIT);
      const a = newCaseId();
      const b = newCaseId();
      h.setClock("2026-01-05T14:00:00Z");
      await approvedCase(h, a);
      h.setClock("2026-03-01T15:00:00Z");
      const changed = await run(h, {
        type: "record-regimen-change",
        caseId: a,
        newRegimen: {
          hcpcs: "J1745",
          dose: { value: 10, unit: "mg", basis: "per_kg" },
          unitsPerDose: 80,
          intervalDays: 56,
          administrations: 3,
          siteOfCare: "office",
          effectiveFrom: "2026-03-12",
        },
        revisedCaseId: b,
        affected: [{ kind: "scheduled_visit", id: "visit-mar", on: "2026-03-12" }],
      });
      expect(changed.regimenChange?.onHold).toEqual([expect.objectContaining({ id: "visit-mar" })]);
      await h.settle();
      expect(await h.caseRow(b)).toMatchObject({ status: "draft" });
      expect((await h.engine.readCase(h.graph.organizationId, b))?.links.predecessorCaseId).toBe(a);
      await run(h, { type: "submit", caseId: b, channel: "fax", proofReference: "fax-2" });
      h.setClock("2026-03-05T15:00:00Z");
      await run(h, {
        type: "record-decision",
        caseId: b,
        ...approval({ authorizationNumber: "SH-REV-3", effectiveFrom: "2026-03-12", effectiveTo: "2026-07-14" }),
      });
      await h.settle();
      expect(await h.caseRow(a)).toMatchObject({ status: "superseded" });
      expect((await h.engine.readCase(h.graph.organizationId, a))?.holds.every((hold) => hold.releasedAt)).toBe(true);
    });

    it("units exhausted before the end date", async () => {
      const h = await makeHarness(SUMMIT);
      const a = newCaseId();
      h.setClock("2026-01-05T14:00:00Z");
      await run(h, createCase(h, a));
      await run(h, { type: "submit", caseId: a, channel: "fax", proofReference: "fax-1" });
      await run(h, {
        type: "record-decision",
        caseId: a,
        ...approval({ outcome: "partially_approved", lines: [{ lineNumber: 1, authorizedUnits: 160, mappedHcpcs: [] }] }),
      });
      h.setClock("2026-03-13T15:00:00Z");
      await run(
        h,
        {
          type: "sync-ledger",
          caseId: a,
          lines: [{ lineNumber: 1, usedUnits: 100, usedVisits: 2 }],
          upcoming: [
            { on: "2026-05-07", lineNumber: 1, units: 50 },
            { on: "2026-07-02", lineNumber: 1, units: 50 },
          ],
        },
        null,
      );
      await h.settle();
      expect(await h.caseRow(a)).toMatchObject({ status: "renewal_due" });
      expect(await h.outboxKeys()).toContain(`renewal-alert:${a}:units`);
      h.setClock("2026-05-08T15:00:00Z");
      await run(h, { type: "sync-ledger", caseId: a, lines: [{ lineNumber: 1, usedUnits: 160, usedVisits: 3 }], upcoming: [] }, null);
      expect(await h.caseRow(a)).toMatchObject({ status: "exhausted", nextDeadlineAt: null });
    });

    it("expiry without renewal: each alert once, then expired the day after the end date", async () => {
      const h = await makeHarness(SUMMIT);
      const a = newCaseId();
      h.setClock("2026-01-05T14:00:00Z");
      await approvedCase(h, a);
      for (const at of ["2026-06-14", "2026-06-30", "2026-07-07", "2026-07-14", "2026-07-15", "2026-07-16"]) {
        h.setClock(`${at}T12:00:00Z`);
        await h.settle();
      }
      const fired = (await h.eventTypes(a)).filter((t) => t === "renewal-alert-raised" || t === "expired");
      expect(fired).toEqual(["renewal-alert-raised", "renewal-alert-raised", "renewal-alert-raised", "expired"]);
      expect(await h.caseRow(a)).toMatchObject({ status: "expired", nextDeadlineAt: null });
    });
  });
}
