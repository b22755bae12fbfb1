// The "Code a visit" form: its values become the engine's Encounter JSON, and engine errors land on the field
// a biller typed in.
import { parseEncounter } from "~/coding";
import { errorsForForm, exampleVisit, formFieldFor, visitToEncounter, type VisitForm } from "~/forms/visit";

const visit = (overrides: Partial<VisitForm> = {}): VisitForm => ({ ...exampleVisit("2025-03-04"), ...overrides });

describe("visitToEncounter", () => {
  it("turns the example into a valid encounter with times on the date of service", () => {
    const input = visitToEncounter(visit());
    expect(input.administrations[0]).toMatchObject({ id: "a1", start: "2025-03-04T09:00", stop: "2025-03-04T10:45", primary: true });
    expect(input.administrations[0]?.drug).toMatchObject({ hcpcs: "J1745", dose: { value: 350, unit: "mg" }, vials: [{ quantity: 100, unit: "mg" }], singleDose: true });
    expect(input.administrations[1]?.drug).not.toHaveProperty("singleDose");
    expect(parseEncounter(input).success).toBe(true);
  });

  it("puts a stop before the start on the next day (a visit across midnight)", () => {
    const input = visitToEncounter(visit({ administrations: [{ id: "h1", kind: "hydration", route: "iv-infusion", start: "23:10", stop: "01:40" }] }));
    expect(input.administrations[0]).toMatchObject({ start: "2025-03-04T23:10", stop: "2025-03-05T01:40" });
    expect(input.administrations[0]).not.toHaveProperty("drug");
  });

  it("maps the container choice to singleDose and the white-bag box to the supply", () => {
    const [a] = visit().administrations;
    const input = visitToEncounter(visit({ administrations: [{ ...a!, container: "multi-dose", whiteBag: true, acquired340B: true }] }));
    expect(input.administrations[0]?.drug).toMatchObject({ singleDose: false, supply: "white-bag", acquired340B: true });
  });
});

describe("engine errors on form fields", () => {
  it.each([
    ["$.setting", "setting"],
    ["$.payer.kind", "payerKind"],
    ["$.administrations[1].start", "administrations[1].start"],
    ["$.administrations[0].drug.dose.value", "administrations[0].doseValue"],
    ["$.administrations[0].drug.vials[0].quantity", "administrations[0].vialSize"],
    ["$.administrations[2].drug.hcpcs", "administrations[2].hcpcs"],
    ["$.administrations[0].drug", "administrations[0].hcpcs"],
    ["$.administrations[0].drug.wasteDocumented.value", "administrations[0].wasteDocumented"],
  ])("%s → %s", (path, field) => {
    expect(formFieldFor(path)).toBe(field);
  });

  it("keeps an error without a field as a form error that still names its JSON path", () => {
    expect(errorsForForm([{ path: "$.policy.hydrationSplit", message: "invalid" }, { path: "$.administrations[0].drug.hcpcs", message: "expected a 5-character code" }])).toEqual({
      fieldErrors: { "administrations[0].hcpcs": ["expected a 5-character code"] },
      formErrors: ["$.policy.hydrationSplit: invalid"],
    });
  });

  it("a drug without a dose is refused on the dose field", () => {
    const [a] = visit().administrations;
    const parsed = parseEncounter(visitToEncounter(visit({ administrations: [{ ...a!, doseValue: undefined, vialSize: undefined }] })));
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(Object.keys(errorsForForm(parsed.errors).fieldErrors)).toEqual(["administrations[0].doseValue"]);
  });
});
