// Patients with their weights, coverages, regimens and infusion schedules (past visits completed, next ~60 days scheduled).
import { drugFor, type DrugCatalog, type DrugRef } from "./drugs";
import type { FacilityRef, Organization, ProviderRef } from "./organization";
import type { PayerRef, Payers, PlanRef } from "./payers";
import { addDays, addYears, at, nextWeekday, previousWeekday } from "./random";
import { authorizationDays, scenarios, templates, type RegimenTemplate, type Scenario } from "./scenarios";
import type { Context } from "./types";

export interface WeightRef {
  day: string;
  kg: number;
  heightCm: number;
}

export interface InfusionRef {
  id: string;
  day: string;
  scheduledAt: Date;
  status: "scheduled" | "completed" | "cancelled" | "no_show";
}

export interface RegimenRef {
  id: string;
  drug: DrugRef;
  template: RegimenTemplate;
  doseValue: number;
  startDate: string;
  endDate: string | null;
  facility: FacilityRef;
  infusions: InfusionRef[];
}

export interface PatientRef {
  id: string;
  index: number;
  scenario: Scenario;
  payer: PayerRef;
  plan: PlanRef;
  coverageId: string;
  secondaryCoverageId: string | null;
  provider: ProviderRef;
  weights: WeightRef[];
  /** Oldest first; the last one is the current regimen. */
  regimens: RegimenRef[];
}

const femaleNames = ["Ava", "Beatrice", "Carmen", "Diane", "Eleanor", "Fatima", "Grace", "Hannah", "Imani", "Julia", "Keiko", "Lucia", "Maya", "Nora", "Olivia", "Paula", "Rosa", "Sofia", "Tamara", "Vera"];
const maleNames = ["Aaron", "Benjamin", "Carlos", "Darnell", "Ethan", "Felix", "Gabriel", "Hector", "Isaac", "Jamal", "Kenji", "Liam", "Marcus", "Nathan", "Omar", "Peter", "Rafael", "Samuel", "Theo", "Victor"];
const lastNames = [
  "Abernathy", "Baptiste", "Castellano", "Delacroix", "Eriksen", "Fairbanks", "Gallagher", "Hollis", "Ibarra", "Jablonski",
  "Kowalczyk", "Lindqvist", "Mbeki", "Novak", "Okonkwo", "Pellegrino", "Quintero", "Rasmussen", "Szabo", "Thibodeaux",
  "Underwood", "Valdez", "Whitfield", "Xiong", "Yamamoto", "Zielinski", "Ashworth", "Brennan", "Cordero", "Donnelly",
  "Esposito", "Fontaine", "Greenberg", "Haddad", "Iversen", "Jovanovic", "Kaminski", "Lombardi", "Moreau", "Nakamura",
];

/** When the current regimen's first dose falls, by story (relative to today). */
function startOffset(ctx: Context, scenario: Scenario): number {
  const { rng } = ctx;
  const story = scenario.story;
  switch (story.kind) {
    case "active":
      if (story.status === "partially_approved") return -30;
      if (story.status === "modified") return -20;
      return scenario.template === "rituximab-nhl" ? -20 : -rng.int(70, Math.min(240, authorizationDays(templates[scenario.template]) - 62));
    case "voided":
    case "duplicate":
      return -rng.int(90, 200);
    case "new":
      if (story.firstDoseGiven) return -2;
      return story.status === "approved" ? rng.int(3, 9) : rng.int(8, 30);
    case "renewal-due":
      return -rng.int(152, 176);
    case "renewed":
      return -380;
    case "exhausted":
      return -170;
    case "expired":
      return -300;
    case "dose-change":
      return -158;
    case "no-auth":
      return -9;
  }
}

export function doseDays(template: RegimenTemplate, start: string, until: string): string[] {
  const days: string[] = [];
  const offsets = [0, ...template.induction];
  let last = offsets[offsets.length - 1]!;
  while (days.length < 200) {
    const offset = offsets.shift() ?? (last += template.intervalDays);
    const day = nextWeekday(addDays(start, offset));
    if (day > until) break;
    if (template.finite && days.length >= template.administrationsCount) break;
    days.push(day);
  }
  return days;
}

export function buildPatients(ctx: Context, org: Organization, payers: Payers, catalog: DrugCatalog): PatientRef[] {
  const { rng, data, today, organizationId } = ctx;
  const horizon = addDays(today, 60);
  const lastNameOrder = rng.shuffle(lastNames);
  return scenarios.map((scenario, index): PatientRef => {
    const template = templates[scenario.template];
    const female = rng.chance(0.55);
    const firstName = rng.pick(female ? femaleNames : maleNames);
    const lastName = lastNameOrder[index % lastNameOrder.length]!;
    const [minAge, maxAge] = scenario.payer === "keystone" ? [66, 86] : scenario.payer === "summit" ? [24, 62] : [19, 58];
    const birthDate = addDays(addYears(today, -rng.int(minAge, maxAge)), -rng.int(1, 360));
    const offset = startOffset(ctx, scenario);
    const start = offset < 0 ? previousWeekday(addDays(today, offset)) : addDays(today, offset);
    const firstSeen = addDays(start < today ? start : today, -rng.int(21, 45));
    const facility = org.facilities[scenario.facility];
    const patientId = rng.uuid();
    data.patients.push({
      id: patientId,
      organizationId,
      mrn: `RIC-${100234 + index * 37}`,
      firstName,
      lastName,
      birthDate,
      sex: female ? "female" : "male",
      primaryFacilityId: facility.id,
      createdAt: at(firstSeen, 9, index),
    });

    // Weights: an intake weight, then one every few months; the latest within the last month.
    const baseKg = female ? rng.int(52, 98) : rng.int(64, 118);
    const heightCm = female ? rng.int(152, 176) : rng.int(165, 192);
    const weighDays = start < today ? [firstSeen, addDays(today, -rng.int(80, 120)), addDays(today, -rng.int(3, 25))] : [firstSeen, addDays(today, -rng.int(1, 6))];
    const weights = [...new Set(weighDays)].sort().map((day): WeightRef => ({ day, kg: Math.round(baseKg * (0.97 + rng.float() * 0.06) * 10) / 10, heightCm }));
    for (const w of weights) {
      data.patientWeights.push({ id: rng.uuid(), organizationId, patientId, measuredOn: w.day, weightKg: w.kg, heightCm: w.heightCm, createdAt: at(w.day, 8, 30) });
    }

    // Coverage: primary with the scenario's payer; dual-eligible Medicare Advantage members have Medicaid as secondary.
    const payer = payers[scenario.payer];
    const plan = payer.plans[payer.plans.length > 1 && rng.chance(0.35) ? 1 : 0]!;
    const coverageFrom = addDays(today, -rng.int(420, 1400));
    const memberId =
      scenario.payer === "keystone" ? `KMA${rng.digits(9)}` : scenario.payer === "summit" ? `SMH${rng.digits(8)}01` : `CW${rng.digits(10)}`;
    const coverageId = rng.uuid();
    data.coverages.push({
      id: coverageId,
      organizationId,
      patientId,
      planId: plan.id,
      memberId,
      groupNumber: scenario.payer === "summit" ? `G-${rng.digits(6)}` : null,
      priority: "primary",
      effectiveFrom: coverageFrom,
      effectiveTo: null,
      createdAt: at(firstSeen, 9, 30),
    });
    let secondaryCoverageId: string | null = null;
    if (scenario.secondary) {
      secondaryCoverageId = rng.uuid();
      data.coverages.push({
        id: secondaryCoverageId,
        organizationId,
        patientId,
        planId: payers.commonwealth.plans[0]!.id,
        memberId: `CW${rng.digits(10)}`,
        groupNumber: null,
        priority: "secondary",
        effectiveFrom: addDays(coverageFrom, rng.int(0, 200)),
        effectiveTo: null,
        createdAt: at(firstSeen, 9, 35),
      });
    }

    // Regimens: one, or (after a dose escalation) the replaced one and its successor.
    const drug = drugFor(catalog, template.hcpcs);
    const provider = org.providers[template.provider];
    const hour = rng.pick([8, 8, 9, 9, 10, 11, 12, 13]);
    const minute = rng.pick([0, 30]);
    const story = scenario.story;
    const escalatedOn = previousWeekday(addDays(today, -4));
    const regimenSpecs: { start: string; until: string; dose: number; replaced: boolean }[] =
      story.kind === "dose-change"
        ? [
            { start, until: addDays(escalatedOn, -10), dose: template.dose, replaced: true },
            { start: escalatedOn, until: horizon, dose: template.dose * 2, replaced: false },
          ]
        : [{ start, until: horizon, dose: template.dose, replaced: false }];
    const regimens: RegimenRef[] = [];
    for (const spec of regimenSpecs) {
      const regimenId = rng.uuid();
      const days = doseDays(template, spec.start, spec.until);
      const allPast = days.length > 0 && days[days.length - 1]! < today;
      const cancelled = story.kind === "new" && story.status === "cancelled";
      const endDate = spec.replaced ? spec.until : template.finite ? (days[days.length - 1] ?? spec.start) : null;
      data.regimens.push({
        id: regimenId,
        organizationId,
        patientId,
        drugId: drug.id,
        doseValue: spec.dose,
        doseUnit: template.doseUnit,
        doseBasis: template.basis,
        route: "iv_infusion",
        intervalDays: template.intervalDays,
        frequency: spec.replaced || regimens.length === 0 ? template.frequency : template.frequency.replace(/^[0-9.]+/, String(spec.dose)),
        administrationsCount: template.administrationsCount,
        facilityId: facility.id,
        orderingProviderId: provider.id,
        diagnoses: template.diagnoses,
        startDate: spec.start,
        endDate: cancelled ? (endDate ?? spec.start) : endDate,
        status: spec.replaced ? "changed" : cancelled ? "discontinued" : template.finite && allPast ? "completed" : "active",
        replacesRegimenId: regimens[regimens.length - 1]?.id ?? null,
        createdAt: at(addDays(spec.start, spec.replaced || regimens.length === 0 ? -20 : -6), 11, index),
      });
      const infusions = days.map((day, i): InfusionRef => {
        const id = rng.uuid();
        const past = day < today;
        const status: InfusionRef["status"] = cancelled ? "cancelled" : past ? "completed" : "scheduled";
        const scheduledAt = at(day, hour, minute);
        data.scheduledInfusions.push({
          id,
          organizationId,
          patientId,
          regimenId,
          facilityId: facility.id,
          scheduledAt,
          status,
          // Booked three weeks ahead, or (for visits further out) yesterday.
          createdAt: at(day < addDays(today, 20) ? addDays(day, -21) : addDays(today, -1), 14, i % 60),
        });
        return { id, day, scheduledAt, status };
      });
      regimens.push({ id: regimenId, drug, template, doseValue: spec.dose, startDate: spec.start, endDate, facility, infusions });
    }
    return { id: patientId, index, scenario, payer, plan, coverageId, secondaryCoverageId, provider, weights, regimens };
  });
}

/** The latest weight measured on or before `day` (falls back to the first one). */
export function weightOn(patient: PatientRef, day: string): WeightRef {
  let found = patient.weights[0]!;
  for (const w of patient.weights) if (w.day <= day) found = w;
  return found;
}
