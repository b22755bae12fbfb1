// The pure module's vocabulary and projection must map onto the database without translation.
import { getTableColumns } from "drizzle-orm";
import * as schema from "../../../db/schema";
import {
  AUTHORIZATION_STATUSES,
  BILLING_UNITS,
  CERTIFICATION_TYPES,
  DOSE_BASES,
  LEDGER_ENTRY_KINDS,
  LINES_OF_BUSINESS,
  ROLES,
  ROUTES,
  SITE_OF_CARE_TYPES,
  SUBMISSION_CHANNELS,
  UNIT_TYPES,
  URGENCIES,
  X12_ACTION_CODES,
  X12_CERTIFICATION_CODES,
  caseRow,
  lineRows,
  nextDeadline,
  toEventRecord,
} from "~/authorizations";
import { IDS, makeCase } from "./factories";

describe("vocabulary matches the database enums", () => {
  it.each([
    ["authorization_status", AUTHORIZATION_STATUSES, schema.authorizationStatus.enumValues],
    ["certification_type", CERTIFICATION_TYPES, schema.certificationType.enumValues],
    ["urgency", URGENCIES, schema.urgency.enumValues],
    ["unit_type", UNIT_TYPES, schema.unitType.enumValues],
    ["submission_channel", SUBMISSION_CHANNELS, schema.submissionChannel.enumValues],
    ["site_of_care_type", SITE_OF_CARE_TYPES, schema.siteOfCareType.enumValues],
    ["billing_unit", BILLING_UNITS, schema.billingUnit.enumValues],
    ["dose_basis", DOSE_BASES, schema.doseBasis.enumValues],
    ["route", ROUTES, schema.route.enumValues],
    ["ledger_entry_kind", LEDGER_ENTRY_KINDS, schema.ledgerEntryKind.enumValues],
    ["line_of_business", LINES_OF_BUSINESS, schema.lineOfBusiness.enumValues],
    ["membership_role", ROLES, schema.membershipRole.enumValues],
  ])("%s", (_name, ours, theirs) => {
    expect([...ours]).toEqual([...theirs]);
  });
});

describe("X12 278 codes", () => {
  it("maps certification types to UM02 and statuses to HCR01, never cancelled to A6", () => {
    expect(X12_CERTIFICATION_CODES).toMatchObject({ initial: "I", renewal: "R", revised: "S", extension: "4", cancel: "3" });
    expect(X12_ACTION_CODES).toMatchObject({ approved: "A1", partially_approved: "A2", denied: "A3", pending: "A4", modified: "A6", cancelled: "C", no_auth_required: "NA" });
  });
});

describe("projection rows use the tables' column names", () => {
  it("caseRow fills authorization_cases columns and nothing else", () => {
    const { world, state } = makeCase({ status: "approved" });
    const row = caseRow(state, nextDeadline(state, world.rules, world.clock.now));
    const columns = Object.keys(getTableColumns(schema.authorizationCases));
    for (const key of Object.keys(row)) expect(columns).toContain(key);
    // The approved-has-number check constraint holds for an approved projection.
    expect(row).toMatchObject({ status: "approved", authorizationNumber: "SH-AUTH-1001", effectiveFrom: "2026-01-15", effectiveTo: "2026-07-14", authorizedQuantity: 240, requestedQuantity: 240, usedQuantity: 0 });
    expect(row.nextDeadlineKind).toBe("renewal-alert");
    expect(row.nextDeadlineRule).toBe("default/renewal-lead");
  });

  it("lineRows fill authorization_lines columns", () => {
    const { state } = makeCase({ status: "approved" });
    const columns = Object.keys(getTableColumns(schema.authorizationLines));
    const [line] = lineRows(state);
    for (const key of Object.keys(line ?? {})) expect(columns).toContain(key);
    expect(line).toMatchObject({ lineNumber: 1, hcpcs: "J1745", unitsPerDose: 40, requestedUnits: 240, authorizedUnits: 240, doseUnit: "mg", doseBasis: "per_kg" });
  });

  it("event records fill authorization_events columns", () => {
    const { world } = makeCase({ status: "submitted" });
    const columns = Object.keys(getTableColumns(schema.authorizationEvents));
    const record = toEventRecord(world.events()[1]!);
    for (const key of Object.keys(record)) expect(columns).toContain(key);
    expect(record).toMatchObject({ type: "submitted", channel: "fax", proofReference: "fax-receipt-001", actorUserId: IDS.coordinator });
  });
});
