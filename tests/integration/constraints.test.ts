// The database refuses what it can check itself: formats, ranges, required pairs and business keys.
import { eq } from "drizzle-orm";
import * as s from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { databaseError } from "../support/errors";
import { makeTenantGraph, type TenantGraph } from "../support/factories";

let database: TestDatabase;
let graph: TenantGraph;

beforeAll(async () => {
  database = await createTestDatabase("constraints");
  graph = await makeTenantGraph(database.db, "Elm");
});
afterAll(async () => database?.destroy());

const organizationId = () => graph.organizationId;

describe("database constraints", () => {
  it("refuses an NDC that is not 11 digits", async () => {
    expect(await databaseError(database.db.insert(s.ndcPackages).values({ drugId: graph.drugId, ndc11: "57894-160-01", labeler: "x", description: "x", vialQuantity: 100, vialUnit: "mg", singleDose: true, billingUnitsPerPackage: 10 }))).toMatch(
      /ndc_packages_ndc11_format/,
    );
  });

  it("refuses JW and JZ on the same claim line", async () => {
    expect(
      await databaseError(
        database.db.insert(s.claimLines).values({ organizationId: organizationId(), claimId: graph.claimId, lineNumber: 9, code: "J1745", units: 10, dateOfService: "2026-03-04", modifiers: ["JW", "JZ"] }),
      ),
    ).toMatch(/claim_lines_jw_jz_exclusive/);
  });

  it("refuses an approved case without authorization number and effective dates", async () => {
    expect(await databaseError(database.db.update(s.authorizationCases).set({ status: "approved" }).where(eq(s.authorizationCases.id, graph.caseId)))).toMatch(/authorization_cases_approved_has_number/);
  });

  it("refuses a second event with the same sequence number on a case", async () => {
    expect(
      await databaseError(database.db.insert(s.authorizationEvents).values({ organizationId: organizationId(), caseId: graph.caseId, sequence: 1, type: "note-added", occurredAt: new Date() })),
    ).toMatch(/authorization_events_case_sequence_key/);
  });

  it("refuses a duplicate MRN within an organization and an impossible weight", async () => {
    const [patient] = await database.db.select().from(s.patients).where(eq(s.patients.id, graph.patientId));
    expect(
      await databaseError(database.db.insert(s.patients).values({ organizationId: organizationId(), mrn: patient!.mrn, firstName: "A", lastName: "B", birthDate: "1990-01-01", sex: "male" })),
    ).toMatch(/patients_organization_mrn_key/);
    expect(await databaseError(database.db.insert(s.patientWeights).values({ organizationId: organizationId(), patientId: graph.patientId, measuredOn: "2026-05-01", weightKg: -3 }))).toMatch(
      /patient_weights_weight_range/,
    );
  });

  it("refuses a stop time before the start time and a released claim without a release time", async () => {
    const [admin] = await database.db.select().from(s.administrations).limit(1);
    expect(await databaseError(database.db.update(s.administrations).set({ stoppedAt: new Date("2026-03-04T08:00:00Z") }).where(eq(s.administrations.id, admin!.id)))).toMatch(
      /administrations_times_ordered/,
    );
    expect(await databaseError(database.db.update(s.claims).set({ status: "released" }).where(eq(s.claims.id, graph.claimId)))).toMatch(/claims_released_has_time/);
  });

  it("refuses a payer rule that ends before it starts", async () => {
    const [rule] = await database.db.select().from(s.payerRules).limit(1);
    expect(await databaseError(database.db.update(s.payerRules).set({ effectiveTo: "2025-01-01" }).where(eq(s.payerRules.id, rule!.id)))).toMatch(/payer_rules_dates_ordered/);
  });
});
