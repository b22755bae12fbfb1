// The "Code a visit" form: a flat, form-friendly shape of an Encounter (one vial size, dose value and unit side
// by side), its conversion to the engine's Encounter JSON, and the way back from an engine error's JSON path to
// the form field it concerns. The engine's own EncounterSchema stays the one judge of what is valid.
import { z } from "zod";
import { ADMINISTRATION_KINDS, ROUTES, type EncounterError, type EncounterInput } from "~/coding/encounter";
import { PAYER_KINDS } from "~/coding/policy";
import { nextDay } from "~/coding/time";
import { DOSE_UNITS } from "~/coding/quantity";

export const SETTINGS = ["professional", "facility"] as const;
export const CONTAINERS = ["catalog", "single-dose", "multi-dose"] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;


/** "09:00" and "10:45" on the date of service as local date-times; a stop before the start crosses midnight. */
function dateTimes(dateOfService: string, start: string | undefined, stop: string | undefined): { start?: string; stop?: string } {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(dateOfService);
  const at = (time: string, date: string) => (valid ? `${date}T${time}` : time);
  return {
    ...(start ? { start: at(start, dateOfService) } : {}),
    ...(stop ? { stop: at(stop, valid && start && stop < start ? nextDay(dateOfService) : dateOfService) } : {}),
  };
}

export const VisitAdministrationSchema = z.object({
  id: z.string({ error: "Give the administration an id, such as a1" }).trim().min(1, "Give the administration an id, such as a1"),
  kind: z.enum(ADMINISTRATION_KINDS, { error: "Choose what was given" }),
  route: z.enum(ROUTES, { error: "Choose the route" }),
  /** Clock times on the date of service ("HH:MM"); a stop before the start is on the next day. */
  start: z.string().regex(TIME, "Enter the time as HH:MM").optional(),
  stop: z.string().regex(TIME, "Enter the time as HH:MM").optional(),
  primary: z.boolean().optional(),
  hcpcs: z.string().trim().optional(),
  ndc: z.string().trim().optional(),
  drugName: z.string().trim().optional(),
  doseValue: z.number({ error: "Enter the dose as a number" }).optional(),
  doseUnit: z.enum(DOSE_UNITS).optional(),
  vialSize: z.number({ error: "Enter the vial size as a number" }).optional(),
  /** Single- or multi-dose container; "catalog" lets the drug catalog decide. */
  container: z.enum(CONTAINERS).optional(),
  wasteDocumented: z.number({ error: "Enter the documented waste as a number" }).optional(),
  acquired340B: z.boolean().optional(),
  whiteBag: z.boolean().optional(),
});

export const VisitFormSchema = z.object({
  setting: z.enum(SETTINGS, { error: "Choose professional or facility" }),
  dateOfService: z.string({ error: "Enter the date of service" }),
  payerKind: z.enum(PAYER_KINDS, { error: "Choose the payer" }),
  program340B: z.boolean().optional(),
  administrations: z.array(VisitAdministrationSchema, { error: "Add at least one administration" }).min(1, "Add at least one administration"),
});

export type VisitForm = z.infer<typeof VisitFormSchema>;
export type VisitAdministration = z.infer<typeof VisitAdministrationSchema>;

/** The form as the engine's Encounter JSON (the same JSON the CLI and the JSON tab take). */
export function visitToEncounter(form: VisitForm): EncounterInput {
  const administrations = form.administrations.map((a): EncounterInput["administrations"][number] => {
    const unit = a.doseUnit ?? "mg";
    const hasDrug = Boolean(a.hcpcs) || a.doseValue !== undefined;
    return {
      id: a.id,
      kind: a.kind,
      route: a.route,
      ...dateTimes(form.dateOfService, a.start, a.stop),
      primary: a.primary ?? false,
      ...(hasDrug
        ? {
            drug: {
              hcpcs: a.hcpcs ?? "",
              ...(a.ndc ? { ndc: a.ndc } : {}),
              ...(a.drugName ? { name: a.drugName } : {}),
              dose: { value: a.doseValue as number, unit },
              vials: a.vialSize !== undefined ? [{ quantity: a.vialSize, unit }] : [],
              ...(a.container === "single-dose" ? { singleDose: true } : a.container === "multi-dose" ? { singleDose: false } : {}),
              acquired340B: a.acquired340B ?? false,
              supply: a.whiteBag ? "white-bag" : "buy-and-bill",
              ...(a.wasteDocumented !== undefined ? { wasteDocumented: { value: a.wasteDocumented, unit } } : {}),
            },
          }
        : {}),
    };
  });
  return {
    setting: form.setting,
    dateOfService: form.dateOfService,
    payer: { kind: form.payerKind },
    facility: { program340B: form.program340B ?? false },
    administrations,
  };
}

const DRUG_FIELDS: [RegExp, string][] = [
  [/^\.drug\.hcpcs$/, "hcpcs"],
  [/^\.drug\.ndc$/, "ndc"],
  [/^\.drug\.name$/, "drugName"],
  [/^\.drug\.dose(\.value)?$/, "doseValue"],
  [/^\.drug\.dose\.unit$/, "doseUnit"],
  [/^\.drug\.vials\[\d+\]\.(quantity|unit)$/, "vialSize"],
  [/^\.drug\.wasteDocumented(\.value)?$/, "wasteDocumented"],
  [/^\.drug\.singleDose$/, "container"],
  [/^\.drug$/, "hcpcs"],
  [/^\.(id|kind|route|start|stop|primary)$/, "$1"],
];

/** The form field an engine error belongs to ("$.administrations[0].drug.dose.value" → "administrations[0].doseValue"). */
export function formFieldFor(path: string): string | undefined {
  if (path === "$.setting" || path === "$.dateOfService") return path.slice(2);
  if (path === "$.payer.kind" || path === "$.payer") return "payerKind";
  if (path === "$.administrations") return "administrations";
  const match = /^\$\.administrations\[(\d+)\](.*)$/.exec(path);
  if (!match) return undefined;
  for (const [pattern, field] of DRUG_FIELDS) {
    const rest = match[2] ?? "";
    if (pattern.test(rest)) return `administrations[${match[1]}].${rest.replace(pattern, field)}`;
  }
  return undefined;
}

/** Engine errors as Conform field errors, and the rest as form errors (each still naming its JSON path). */
export function errorsForForm(errors: readonly EncounterError[]): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const error of errors) {
    const field = formFieldFor(error.path);
    if (field) (fieldErrors[field] ??= []).push(error.message);
    else formErrors.push(`${error.path}: ${error.message}`);
  }
  return { fieldErrors, formErrors };
}

/** A visit to start from: infliximab from 100 mg single-dose vials after a diphenhydramine push (docs/coding.md). */
export function exampleVisit(dateOfService: string): VisitForm {
  return {
    setting: "professional",
    dateOfService,
    payerKind: "medicare",
    program340B: false,
    administrations: [
      { id: "a1", kind: "therapeutic", route: "iv-infusion", start: "09:00", stop: "10:45", primary: true, hcpcs: "J1745", ndc: "57894-0030-01", doseValue: 350, doseUnit: "mg", vialSize: 100, container: "single-dose" },
      { id: "p1", kind: "therapeutic", route: "iv-push", start: "08:50", stop: "08:52", primary: false, hcpcs: "J1200", ndc: "12345-0120-01", doseValue: 25, doseUnit: "mg", container: "catalog" },
    ],
  };
}

export function newAdministration(index: number): VisitAdministration {
  return { id: `a${index + 1}`, kind: "therapeutic", route: "iv-infusion", start: "09:00", stop: "10:00", primary: false, doseUnit: "mg", container: "catalog" };
}
