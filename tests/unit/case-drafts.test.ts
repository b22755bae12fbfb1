// The renewal the case page drafts: the next period after the authorization, the doses that fit in it, and a
// create-case command the decider accepts and links back to the case it renews.
import { renewalDefaults, renewalRequest } from "~/case-drafts";
import { IDS, makeCase } from "./authorizations/factories";

describe("the renewal draft", () => {
  it("starts the day after the authorization ends and lasts as long, with the doses its interval fits", () => {
    const { state } = makeCase({ status: "approved" });
    // Approved 2026-01-15 to 2026-07-14 (180 days); infliximab every 56 days.
    expect(renewalDefaults(state)).toEqual({ requestedFrom: "2026-07-15", requestedTo: "2027-01-11", lines: [{ lineNumber: 1, administrations: 4 }] });
  });

  it("is a renewal of this case that the decider opens, linked back, with the chosen dates, doses and weight", () => {
    const { world, state } = makeCase({ status: "approved" });
    const command = renewalRequest(state, {
      successorCaseId: IDS.caseB,
      requestedFrom: "2026-07-15",
      requestedTo: "2026-12-31",
      lines: [{ lineNumber: 1, administrations: 3 }],
      patient: { patientId: IDS.patient, weightKg: 84, weighedOn: "2026-06-30" },
    });
    expect(command).toMatchObject({ certificationType: "renewal", predecessorCaseId: IDS.caseA, requestedSiteOfCare: "office", diagnoses: ["K5090"], unitType: "units" });
    world.run(IDS.caseB, command);
    const renewal = world.state(IDS.caseB);
    expect(renewal.status).toBe("draft");
    expect(renewal.lines[0]).toMatchObject({ hcpcs: "J1745", dose: { value: 5, unit: "mg", basis: "per_kg" }, administrations: 3, requestedUnits: 120 });
    expect(renewal.patient.weightKg).toBe(84);
    // The decider's reaction links the predecessor: it is now due for renewal, pointing at the new case.
    expect(world.state(IDS.caseA)).toMatchObject({ status: "renewal_due", links: { successorCaseId: IDS.caseB } });
  });
});
