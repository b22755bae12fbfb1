// Test fixtures built by factories: one small but complete organization, a row in every tenant table.
import { randomUUID } from "node:crypto";
import type { Database } from "../../db/client";
import * as s from "../../db/schema";

let sequence = 0;
const next = () => ++sequence;

/** A 10-digit NPI-shaped number (tests don't need Luhn-valid ones). */
const npi = () => `1${String(100_000_000 + next()).padStart(9, "0")}`;

export interface TenantGraph {
  organizationId: string;
  userId: string;
  patientId: string;
  caseId: string;
  claimId: string;
  drugId: string;
  coverageId: string;
  memberId: string;
  payerId: string;
  planId: string;
  facilityId: string;
  facilityNpi: string;
  facilityTin: string;
  providerId: string;
  providerNpi: string;
  regimenId: string;
}

/** A shared drug (reference data has no tenant). */
export async function makeDrug(db: Database, overrides: Partial<typeof s.drugs.$inferInsert> = {}) {
  const [drug] = await db
    .insert(s.drugs)
    .values({
      hcpcs: `J${String(1000 + (next() % 9000)).padStart(4, "0")}`,
      shortName: "infliximab",
      genericName: "infliximab",
      billingUnitQuantity: 10,
      billingUnit: "mg",
      ...overrides,
    })
    .returning();
  return drug!;
}

/** An organization with one row in every tenant table, inserted on the owner connection. */
export async function makeTenantGraph(db: Database, label: string, options: { passwordHash?: string; role?: s.Role } = {}): Promise<TenantGraph> {
  const n = next();
  const day = "2026-03-04";
  const [org] = await db
    .insert(s.organizations)
    .values({ name: `${label} Infusion`, slug: `${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${n}` })
    .returning();
  const organizationId = org!.id;
  const [user] = await db
    .insert(s.users)
    .values({ email: `${label.toLowerCase()}-${n}@example.test`, name: `${label} User`, passwordHash: options.passwordHash ?? "not-a-hash" })
    .returning();
  const [facility] = await db
    .insert(s.facilities)
    .values({ organizationId, name: `${label} Infusion Suite`, siteOfCare: "ambulatory_infusion_center", placeOfService: "11", npi: npi(), tin: "123456789" })
    .returning();
  const [provider] = await db
    .insert(s.providers)
    .values({ organizationId, npi: npi(), firstName: "Ada", lastName: `${label}son` })
    .returning();
  await db.insert(s.memberships).values({ organizationId, userId: user!.id, role: options.role ?? "coordinator" });
  const [patient] = await db
    .insert(s.patients)
    .values({ organizationId, mrn: `${label}-MRN-${n}`, firstName: "Pat", lastName: `${label}patient`, birthDate: "1970-05-01", sex: "female" })
    .returning();
  await db.insert(s.patientWeights).values({ organizationId, patientId: patient!.id, measuredOn: day, weightKg: 72.5 });
  const [payer] = await db
    .insert(s.payers)
    .values({ organizationId, name: `${label} Health`, kind: "commercial", payerCode: `P${n}` })
    .returning();
  const [plan] = await db.insert(s.payerPlans).values({ organizationId, payerId: payer!.id, name: "PPO", lineOfBusiness: "commercial" }).returning();
  const [coverage] = await db
    .insert(s.coverages)
    .values({ organizationId, patientId: patient!.id, planId: plan!.id, memberId: `M${n}`, priority: "primary", effectiveFrom: "2026-01-01" })
    .returning();
  const drug = await makeDrug(db);
  const [regimen] = await db
    .insert(s.regimens)
    .values({
      organizationId,
      patientId: patient!.id,
      drugId: drug.id,
      doseValue: 5,
      doseUnit: "mg",
      doseBasis: "per_kg",
      route: "iv_infusion",
      intervalDays: 56,
      frequency: "every 8 weeks",
      administrationsCount: 6,
      facilityId: facility!.id,
      orderingProviderId: provider!.id,
      diagnoses: ["K5090"],
      startDate: day,
    })
    .returning();
  const [infusion] = await db
    .insert(s.scheduledInfusions)
    .values({ organizationId, patientId: patient!.id, regimenId: regimen!.id, facilityId: facility!.id, scheduledAt: new Date("2026-03-04T14:00:00Z") })
    .returning();
  const [authorizationCase] = await db
    .insert(s.authorizationCases)
    .values({
      organizationId,
      caseNumber: `PA-${n}`,
      patientId: patient!.id,
      coverageId: coverage!.id,
      payerId: payer!.id,
      planId: plan!.id,
      regimenId: regimen!.id,
      facilityId: facility!.id,
      orderingProviderId: provider!.id,
      requestedSiteOfCare: "ambulatory_infusion_center",
      status: "draft",
      version: 1,
    })
    .returning();
  const caseId = authorizationCase!.id;
  const [line] = await db
    .insert(s.authorizationLines)
    .values({ organizationId, caseId, lineNumber: 1, hcpcs: drug.hcpcs, drugId: drug.id, requestedUnits: 240 })
    .returning();
  await db
    .insert(s.authorizationEvents)
    .values({ organizationId, caseId, sequence: 1, type: "case-created", payload: {}, occurredAt: new Date("2026-03-01T10:00:00Z") });
  await db
    .insert(s.unitLedgerEntries)
    .values({
      organizationId,
      caseId,
      lineId: line!.id,
      kind: "scheduled",
      units: -40,
      sourceType: "scheduled-infusion",
      sourceId: infusion!.id,
      occurredOn: day,
    });
  await db
    .insert(s.payerRules)
    .values({
      organizationId,
      payerId: payer!.id,
      kind: "decision-timeframe",
      value: { standardDays: 15, expeditedHours: 72 },
      effectiveFrom: "2026-01-01",
      source: "test",
    });
  await db
    .insert(s.documents)
    .values({
      organizationId,
      patientId: patient!.id,
      caseId,
      kind: "clinical-note",
      fileName: "note.pdf",
      contentType: "application/pdf",
      sizeBytes: 4,
      sha256: "00",
      content: new Uint8Array([37, 80, 68, 70]),
    });
  const [encounter] = await db
    .insert(s.encounters)
    .values({
      organizationId,
      patientId: patient!.id,
      facilityId: facility!.id,
      renderingProviderId: provider!.id,
      setting: "professional",
      dateOfService: day,
      diagnoses: ["K5090"],
    })
    .returning();
  await db
    .insert(s.administrations)
    .values({
      organizationId,
      encounterId: encounter!.id,
      externalId: "a1",
      kind: "therapeutic",
      route: "iv_infusion",
      startedAt: new Date("2026-03-04T14:00:00Z"),
      stoppedAt: new Date("2026-03-04T16:00:00Z"),
      isPrimary: true,
      drugId: drug.id,
      doseValue: 360,
      doseUnit: "mg",
    });
  const [claim] = await db
    .insert(s.claims)
    .values({
      organizationId,
      claimNumber: `CL-${n}`,
      encounterId: encounter!.id,
      patientId: patient!.id,
      coverageId: coverage!.id,
      setting: "professional",
      status: "held",
    })
    .returning();
  const [claimLine] = await db
    .insert(s.claimLines)
    .values({
      organizationId,
      claimId: claim!.id,
      lineNumber: 1,
      code: drug.hcpcs,
      units: 36,
      dateOfService: day,
      ndc11: "57894016001",
      ndcQualifier: "UN",
      ndcQuantity: 4,
      modifiers: ["JZ"],
    })
    .returning();
  await db
    .insert(s.claimHolds)
    .values({
      organizationId,
      claimId: claim!.id,
      claimLineId: claimLine!.id,
      reason: "no-authorization",
      field: "authorization",
      message: "No approved authorization covers this date.",
      fix: "Submit the case.",
      caseId,
    });
  await db.insert(s.claimFindings).values({
    organizationId,
    claimId: claim!.id,
    lineNumber: 1,
    rule: "ADMIN_PRIMARY_MISSING",
    severity: "warning",
    message: "Primary administration not marked.",
  });
  await db.insert(s.outbox).values({ organizationId, topic: "email", businessKey: `test:${randomUUID()}`, payload: { template: "renewal" } });
  await db.insert(s.auditLog).values({ organizationId, actorUserId: user!.id, action: "test.created", entityType: "organization", entityId: organizationId });
  // Email settings and preferences as the defaults would have them (nothing changes behaviour), a spent sign-in link.
  await db.insert(s.organizationEmailSettings).values({ organizationId });
  await db.insert(s.billingSettings).values({ organizationId, effectiveFrom: "2026-01-01", holdAgingDays: [3, 7] });
  await db.insert(s.chargeMasterEntries).values({ organizationId, code: "J1745", effectiveFrom: "2026-01-01", unitChargeCents: 9_500, description: "Infliximab, 10 mg", createdById: user!.id });
  await db.insert(s.emailPreferences).values({ organizationId, userId: user!.id });
  await db.insert(s.signInLinks).values({
    organizationId,
    tokenHash: `test-${randomUUID()}`,
    linkKey: `test:${randomUUID()}`,
    returnPath: "/email-action/test",
    providerId: provider!.id,
    recipient: "provider",
    expiresAt: new Date("2026-03-04T14:15:00Z"),
    usedAt: new Date("2026-03-04T14:05:00Z"),
  });
  await db.insert(s.emailLinkUses).values({ organizationId, linkKey: `test:${randomUUID()}`, state: "done", claimedAt: new Date("2026-03-04T14:05:00Z"), usedAt: new Date("2026-03-04T14:05:01Z") });
  await db.insert(s.calendarFeeds).values({ organizationId, userId: user!.id, tokenHash: `test-${randomUUID()}` });
  return {
    organizationId,
    userId: user!.id,
    patientId: patient!.id,
    caseId,
    claimId: claim!.id,
    drugId: drug.id,
    coverageId: coverage!.id,
    memberId: coverage!.memberId,
    payerId: payer!.id,
    planId: plan!.id,
    facilityId: facility!.id,
    facilityNpi: facility!.npi,
    facilityTin: facility!.tin,
    providerId: provider!.id,
    providerNpi: provider!.npi,
    regimenId: regimen!.id,
  };
}

/**
 * A create-case command for the graph's patient, coverage, provider and facility: infliximab 5 mg/kg every
 * 8 weeks, 6 doses of 40 units, 2026-01-15 to 2026-07-14, in the office. Override any field.
 */
export function createCaseCommand(g: TenantGraph, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "create-case",
    patient: { patientId: g.patientId, weightKg: 80, weighedOn: "2026-01-02" },
    coverage: { coverageId: g.coverageId, payerId: g.payerId, planId: g.planId, lineOfBusiness: "commercial", memberId: g.memberId },
    orderingProvider: { providerId: g.providerId, npi: g.providerNpi },
    facility: { facilityId: g.facilityId, npi: g.facilityNpi, tin: g.facilityTin, siteOfCare: "office", placeOfService: "11", timeZone: "America/New_York" },
    lines: [
      {
        hcpcs: "J1745",
        dose: { value: 5, unit: "mg", basis: "per_kg" },
        route: "iv_infusion",
        intervalDays: 56,
        unitsPerDose: 40,
        administrations: 6,
        administrationCodes: ["96365"],
      },
    ],
    requestedFrom: "2026-01-15",
    requestedTo: "2026-07-14",
    diagnoses: ["K50.90"],
    ...overrides,
  };
}
