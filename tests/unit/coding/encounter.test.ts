// Input validation: every error names its JSON path.
import { parseEncounter } from "~/coding";

const valid = {
  setting: "professional",
  dateOfService: "2025-03-04",
  payer: { kind: "medicare" },
  administrations: [{ id: "a1", kind: "therapeutic", route: "iv-infusion", start: "2025-03-04T09:00", stop: "2025-03-04T10:45", primary: true, drug: { hcpcs: "j1745", ndc: "57894-0030-01", dose: { value: 350, unit: "mg" } } }],
};

describe("parseEncounter", () => {
  it("accepts the documented example and fills defaults", () => {
    const parsed = parseEncounter(valid);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.encounter.administrations[0]?.drug).toMatchObject({ hcpcs: "J1745", supply: "buy-and-bill", acquired340B: false, vials: [] });
    expect(parsed.encounter.facility).toEqual({ program340B: false, offCampus: false, excepted: true, type: "standard" });
  });

  it("names the JSON path of every error", () => {
    const parsed = parseEncounter({
      ...valid,
      setting: "hospital",
      dateOfService: "2025-02-30",
      administrations: [{ id: "a1", kind: "therapeutic", route: "iv-drip", start: "9:00", drug: { hcpcs: "J1745", dose: { value: -1, unit: "kg" } } }],
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.errors.map((e) => e.path)).toEqual([
      "$.setting",
      "$.dateOfService",
      "$.administrations[0].route",
      "$.administrations[0].start",
      "$.administrations[0].drug.dose.value",
      "$.administrations[0].drug.dose.unit",
    ]);
    expect(parsed.errors[3]?.message).toBe('expected a local date-time "YYYY-MM-DDTHH:MM"');
  });

  it("rejects duplicate administration ids at the path of the duplicate", () => {
    const a = valid.administrations[0];
    const parsed = parseEncounter({ ...valid, administrations: [a, a] });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.errors).toEqual([{ path: "$.administrations[1].id", message: 'duplicate id "a1" (also administrations[0])' }]);
  });

  it("rejects unknown policy switches", () => {
    const parsed = parseEncounter({ ...valid, policy: { hydrationSplit: "whatever" } });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(parsed.errors[0]?.path).toBe("$.policy.hydrationSplit");
  });
});
