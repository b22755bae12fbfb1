// Command validation: every field error names its path and the expected form.
import { CaseCommandSchema, parseCommand } from "~/authorizations";
import { IDS, containing, makeApproval, makeCreateCommand } from "./factories";

function issuesOf(input: unknown) {
  const parsed = parseCommand(input);
  if (parsed.ok) throw new Error("expected the command to be refused");
  expect(parsed.error.code).toBe("INVALID_COMMAND");
  return parsed.error.issues ?? [];
}

describe("commands", () => {
  it("a create-case command fills the regimen's requested quantities and normalizes diagnoses", () => {
    const parsed = CaseCommandSchema.parse(makeCreateCommand({ diagnoses: ["k50.90", "M06.9"] }));
    expect(parsed.type === "create-case" && parsed).toMatchObject({ diagnoses: ["K5090", "M069"], urgency: "standard", certificationType: "initial", lines: [{ requestedUnits: 240, requestedVisits: 6 }] });
  });

  it("names every bad field with its path", () => {
    const bad = makeCreateCommand({
      patient: { patientId: "not-a-uuid" },
      lines: [{ hcpcs: "1745", dose: { value: -5, unit: "mg" }, unitsPerDose: 40, administrations: 0 }],
      facility: { facilityId: IDS.facility, npi: "123", tin: "123456789", siteOfCare: "clinic" as "office", placeOfService: "11", timeZone: "Mars/Olympus" },
      diagnoses: ["banana"],
      requestedTo: "2026-01-01",
    });
    const paths = Object.fromEntries(issuesOf(bad).map((i) => [i.path, i.message]));
    expect(paths).toMatchObject({
      "patient.patientId": "expected an id (uuid)",
      "lines[0].hcpcs": "expected a HCPCS code such as J1745",
      "lines[0].dose.value": "expected a positive number",
      "lines[0].administrations": "expected at least 1 administration",
      "facility.npi": "expected a 10-digit NPI",
      "facility.siteOfCare": containing("expected one of office"),
      "facility.timeZone": "expected an IANA time zone such as America/New_York",
      "diagnoses[0]": "expected an ICD-10-CM code such as K50.90",
    });
  });

  it("reports cross-field rules: dates in order, a renewal names its predecessor", () => {
    expect(issuesOf(makeCreateCommand({ requestedTo: "2026-01-01" }))).toContainEqual({ path: "requestedTo", message: "expected requestedTo on or after requestedFrom" });
    expect(issuesOf(makeCreateCommand({ certificationType: "renewal" }))).toContainEqual({ path: "predecessorCaseId", message: "expected the case this renewal request continues" });
  });

  it("an unknown command type is refused at `type`", () => {
    expect(issuesOf({ type: "approve", caseId: IDS.caseA })[0]?.path).toBe("type");
  });

  it("submission needs its proof", () => {
    expect(issuesOf({ type: "submit", caseId: IDS.caseA, channel: "pigeon", proofReference: " " })).toEqual([
      { path: "channel", message: "expected one of portal, fax, phone, x12_278, fhir_pas, email, mail" },
      { path: "proofReference", message: "expected the proof: a fax receipt, portal screenshot or call reference" },
    ]);
  });

  it("an approval needs its number, dates and lines; a denial its specific reason", () => {
    const paths = issuesOf({ type: "record-decision", caseId: IDS.caseA, outcome: "approved", effectiveFrom: "2026-02-01", effectiveTo: "2026-01-01" }).map((i) => i.path);
    expect(paths).toEqual(["authorizationNumber", "lines"]);
    // Cross-field rules speak once the fields themselves parse.
    expect(issuesOf({ type: "record-decision", caseId: IDS.caseA, ...makeApproval({ effectiveFrom: "2026-02-01", effectiveTo: "2026-01-01" }) })).toEqual([
      { path: "effectiveTo", message: "expected effectiveTo on or after effectiveFrom" },
    ]);
    expect(issuesOf({ type: "record-decision", caseId: IDS.caseA, outcome: "denied", reason: "denied" })).toEqual([
      { path: "reason", message: "expected the payer's specific denial reason (e.g. 'step therapy: no trial of methotrexate')" },
    ]);
    expect(issuesOf({ type: "record-decision", caseId: IDS.caseA, ...makeApproval({ lines: [{ lineNumber: 1, mappedHcpcs: [] }] }) })).toContainEqual({
      path: "lines[0].authorizedUnits",
      message: "expected authorizedUnits or authorizedVisits",
    });
  });

  it("an overturn carries the approval; a site-of-care appeal carries evidence for each criterion it claims", () => {
    expect(issuesOf({ type: "record-p2p-outcome", caseId: IDS.caseA, outcome: "overturned" })).toEqual([{ path: "approval", message: "expected the approval (authorization number, dates, lines) when overturned" }]);
    const appeal = { type: "file-appeal", caseId: IDS.caseA, level: 1, kind: "site_of_care", channel: "fax", proofReference: "fax" };
    expect(issuesOf(appeal)).toEqual([{ path: "siteOfCare", message: "expected the site-of-care checklist with evidence for a site-of-care appeal" }]);
    expect(issuesOf({ ...appeal, siteOfCare: { requestedSite: "hopd_on_campus", checklist: [{ criterion: 4 }, { criterion: 12, evidence: [{ description: "x" }] }] } })).toEqual([
      { path: "siteOfCare.checklist[1].criterion", message: "expected a checklist number from 1 to 11" },
      { path: "siteOfCare.checklist[0].evidence", message: "expected evidence for criterion 4" },
    ]);
    expect(issuesOf({ ...appeal, kind: "medical_necessity", level: 3 })[0]).toEqual({ path: "level", message: 'expected 1, 2 or "external"' });
  });

  it("the error summary names the first field and counts the rest", () => {
    const parsed = parseCommand({ type: "submit", caseId: "x", channel: "fax" });
    expect(parsed).toMatchObject({ ok: false, error: { message: "caseId: expected an id (uuid) (and 1 more)", field: "caseId" } });
  });

  it("date-times must carry a zone and are stored in UTC", () => {
    expect(issuesOf({ type: "schedule-p2p", caseId: IDS.caseA, scheduledFor: "2026-01-20 15:00" })[0]?.path).toBe("scheduledFor");
    const parsed = parseCommand({ type: "schedule-p2p", caseId: IDS.caseA, scheduledFor: "2026-01-20T10:00:00-05:00" });
    expect(parsed.ok && parsed.command).toMatchObject({ scheduledFor: "2026-01-20T15:00:00.000Z" });
  });

  it("a parsed command parses again to itself, so the engine may validate before deciding", () => {
    for (const input of [makeCreateCommand(), { type: "record-decision", caseId: IDS.caseA, ...makeApproval() }, { type: "record-decision", caseId: IDS.caseA, outcome: "denied", reason: "Not medically necessary" }]) {
      const once = parseCommand(input);
      const twice = once.ok ? parseCommand(once.command) : once;
      expect(twice).toEqual(once);
    }
  });
});
