// The visit documentation form: who, where and when, and the administrations as the nurse charted them. The
// administrations are the "Code a visit" form's (app/forms/visit.ts) plus what a stored visit also keeps (how many
// vials, the access site, the bag), so one conversion (visitToEncounter) feeds the coding engine from both screens.
import { z } from "zod";
import { icd10, id, isoDate } from "~/authorizations/command-fields";
import { normalizeNdc } from "~/coding/ndc";
import { VisitAdministrationSchema } from "./visit";

export const EncounterAdministrationSchema = VisitAdministrationSchema.extend({
  /** How many vials of `vialSize` were opened. */
  vialCount: z.number({ error: "Enter the number of vials as a whole number" }).int("Enter the number of vials as a whole number").positive("Enter at least 1 vial").optional(),
  accessSite: z.string().trim().optional(),
  /** Administrations sharing a bag are one infusion. */
  bag: z.string().trim().optional(),
});

const DIAGNOSES_MESSAGE = "Enter ICD-10-CM codes such as K50.90, separated by commas";

/** "K50.90, K51.00" → ["K5090", "K5100"]; each code must be ICD-10-CM shaped. */
const diagnosesField = z
  .string({ error: DIAGNOSES_MESSAGE })
  .transform((text, ctx) => {
    const codes = text
      .split(/[\s,;]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    if (codes.length === 0) {
      ctx.addIssue({ code: "custom", message: DIAGNOSES_MESSAGE });
      return z.NEVER;
    }
    const out: string[] = [];
    for (const code of codes) {
      const parsed = icd10.safeParse(code);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: `"${code}" is not an ICD-10-CM code. ${DIAGNOSES_MESSAGE}` });
        return z.NEVER;
      }
      out.push(parsed.data);
    }
    return out;
  });

export const EncounterFormSchema = z
  .object({
    patientId: id,
    facilityId: id,
    renderingProviderId: id,
    scheduledInfusionId: id.optional(),
    dateOfService: isoDate,
    diagnoses: diagnosesField,
    weightKg: z.number({ error: "Enter the weight in kg as a number" }).positive("Enter a weight above 0 kg").max(700, "Enter a weight below 700 kg").optional(),
    administrations: z.array(EncounterAdministrationSchema, { error: "Add at least one administration" }).min(1, "Add at least one administration"),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.administrations.forEach((a, i) => {
      const at = (field: string, message: string) => ctx.addIssue({ code: "custom", path: ["administrations", i, field], message });
      if (seen.has(a.id)) at("id", `Use a different id: "${a.id}" is already used by another administration`);
      seen.add(a.id);
      const hasDrug = Boolean(a.hcpcs) || a.doseValue !== undefined;
      if (hasDrug && !a.hcpcs) at("hcpcs", "Enter the drug's HCPCS code, such as J1745");
      if (a.hcpcs && !/^[A-Z]\d{4}$/i.test(a.hcpcs)) at("hcpcs", "Enter a HCPCS code such as J1745");
      if (a.hcpcs && a.doseValue === undefined) at("doseValue", "Enter the dose given");
      if (a.doseValue !== undefined && a.doseValue <= 0) at("doseValue", "Enter a dose above 0");
      if (a.ndc && !hasDrug) at("ndc", "An NDC needs the drug's HCPCS code and dose");
      if (a.ndc) {
        const ndc = normalizeNdc(a.ndc);
        if (!ndc.ok)
          at(
            "ndc",
            ndc.reason === "ambiguous"
              ? `Enter the NDC with hyphens (4-4-2, 5-3-2 or 5-4-1) or as 11 digits: ${a.ndc} could be ${ndc.candidates.join(", ")}`
              : "Enter the NDC as 11 digits (5-4-2) or with hyphens, such as 57894-0030-01",
          );
      }
      if (a.vialCount !== undefined && a.vialSize === undefined) at("vialSize", "Enter the vial size the vial count refers to");
      if (a.vialSize !== undefined && a.vialSize <= 0) at("vialSize", "Enter a vial size above 0");
      if (a.wasteDocumented !== undefined && a.wasteDocumented < 0) at("wasteDocumented", "Enter the waste as 0 or more");
      if (a.wasteDocumented !== undefined && !hasDrug) at("wasteDocumented", "Waste needs the drug's HCPCS code and dose");
      if (a.stop && !a.start) at("start", "Enter the start time too (HH:MM)");
    });
  });

export type EncounterFormInput = z.input<typeof EncounterFormSchema>;
export type EncounterForm = z.output<typeof EncounterFormSchema>;
export type EncounterAdministration = z.output<typeof EncounterAdministrationSchema>;

/** The form's diagnoses field as it is shown: stored codes with their dot back ("K5090" → "K50.90"). */
export function diagnosesText(codes: readonly string[]): string {
  return codes.map((c) => (c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c)).join(", ");
}
