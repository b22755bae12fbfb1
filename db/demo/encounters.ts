// Past visits: one encounter per completed infusion, its administrations (pre-medication push, the drug infusion,
// sequential hydration) and the claim lines they code to (drug lines with NDC and JW/JZ, administration CPTs).
import type * as s from "../schema";
import { additionalHours, codeDrugLine, doseFor, drugChargeCents, serviceChargeCents, type NdcQualifier } from "./coding";
import { drugFor, type DrugCatalog, type DrugRef } from "./drugs";
import type { FacilityRef } from "./organization";
import { weightOn, type PatientRef, type RegimenRef } from "./patients";
import { addMinutes } from "./random";
import type { Context } from "./types";

export interface LineDraft {
  id: string;
  code: string;
  modifiers: string[];
  units: number;
  ndc11: string | null;
  ndcQualifier: NdcQualifier | null;
  ndcQuantity: number | null;
  revenueCode: string | null;
  chargeCents: number;
  administrationIds: string[];
  /** The regimen drug's lines (administered and JW): the ones an authorization must cover. */
  authorized: boolean;
}

export interface EncounterRef {
  id: string;
  patient: PatientRef;
  regimen: RegimenRef;
  facility: FacilityRef;
  day: string;
  setting: (typeof s.claimSetting.enumValues)[number];
  drugAdministrationId: string;
  /** Billing units of the regimen drug given at this visit. */
  drugUnits: number;
  lines: LineDraft[];
  missingNdc: boolean;
}

const premeds: Record<"methylprednisolone" | "diphenhydramine", { hcpcs: string; dose: number }> = {
  methylprednisolone: { hcpcs: "J2930", dose: 125 },
  diphenhydramine: { hcpcs: "J1200", dose: 50 },
};

export function buildEncounters(ctx: Context, patients: PatientRef[], catalog: DrugCatalog): EncounterRef[] {
  const { rng, data, organizationId } = ctx;
  const encounters: EncounterRef[] = [];
  for (const patient of patients) {
    const visits = patient.regimens.flatMap((regimen) => regimen.infusions.filter((i) => i.status === "completed").map((infusion) => ({ regimen, infusion })));
    visits.forEach(({ regimen, infusion }, visitIndex) => {
      const facility = regimen.facility;
      const setting = facility.siteOfCare === "hopd_off_campus" || facility.siteOfCare === "hopd_on_campus" ? "facility" : "professional";
      const facilityClaim = setting === "facility";
      const weight = weightOn(patient, infusion.day);
      const encounterId = rng.uuid();
      const missingNdc = !!patient.scenario.missingNdc && visitIndex === visits.length - 1;
      data.encounters.push({
        id: encounterId,
        organizationId,
        patientId: patient.id,
        facilityId: facility.id,
        renderingProviderId: patient.provider.id,
        scheduledInfusionId: infusion.id,
        setting,
        dateOfService: infusion.day,
        diagnoses: regimen.template.diagnoses,
        weightKg: weight.kg,
        status: "documented",
        createdAt: addMinutes(infusion.scheduledAt, regimen.template.infusionMinutes + 150),
        // Set, not defaulted to now(): the seed must give the same rows on every run and every driver.
        updatedAt: addMinutes(infusion.scheduledAt, regimen.template.infusionMinutes + 150),
      });

      const lines: LineDraft[] = [];
      const addLine = (line: Omit<LineDraft, "id" | "revenueCode" | "authorized"> & { revenueCode?: string; authorized?: boolean }) => {
        lines.push({ ...line, id: rng.uuid(), revenueCode: facilityClaim ? (line.revenueCode ?? "0636") : null, authorized: line.authorized ?? false });
      };
      const tb = (drug: DrugRef) => (facility.program340B && facilityClaim && drug.hcpcs !== "J7050" ? ["TB"] : []);
      let externalCount = 0;
      const administration = (values: Omit<typeof s.administrations.$inferInsert, "id" | "organizationId" | "encounterId" | "externalId" | "createdAt">) => {
        const externalId = `a${++externalCount}`;
        const id = rng.uuid();
        data.administrations.push({ id, organizationId, encounterId, externalId, ...values, createdAt: values.stoppedAt ?? infusion.scheduledAt });
        return { id, externalId };
      };
      const drugLines = (drug: DrugRef, amount: number, unit: DrugRef["reference"]["billingUnit"], externalId: string, authorized: boolean, omitNdc = false) => {
        const coded = codeDrugLine(drug, amount, unit);
        const ndc = omitNdc ? null : coded.pack.ndc11;
        addLine({
          code: drug.hcpcs,
          modifiers: [...(coded.wasteUnits === 0 ? ["JZ"] : []), ...tb(drug)],
          units: coded.administeredUnits,
          ndc11: ndc,
          ndcQualifier: ndc ? coded.qualifier : null,
          ndcQuantity: ndc ? coded.administeredQuantity : null,
          chargeCents: drugChargeCents(drug.hcpcs, coded.administeredUnits),
          administrationIds: [externalId],
          authorized,
        });
        if (coded.wasteUnits > 0) {
          addLine({
            code: drug.hcpcs,
            modifiers: ["JW", ...tb(drug)],
            units: coded.wasteUnits,
            ndc11: ndc,
            ndcQualifier: ndc ? coded.qualifier : null,
            ndcQuantity: ndc ? coded.wasteQuantity : null,
            chargeCents: drugChargeCents(drug.hcpcs, coded.wasteUnits),
            administrationIds: [externalId],
            authorized,
          });
        }
        return coded;
      };

      // Chair time: arrival at the scheduled time, vitals, then pre-medication, the drug, hydration.
      let clock = addMinutes(infusion.scheduledAt, rng.int(10, 25));
      const pushes: string[] = [];
      const premedication = regimen.template.premedication;
      if (premedication) {
        const premed = drugFor(catalog, premeds[premedication].hcpcs);
        const pack = premed.packages[0]!;
        const started = clock;
        const stopped = addMinutes(started, 3);
        const { externalId } = administration({
          kind: "therapeutic",
          route: "iv_push",
          startedAt: started,
          stoppedAt: stopped,
          isPrimary: false,
          accessSite: "right forearm PIV",
          drugId: premed.id,
          ndc11: pack.ndc11,
          doseValue: premeds[premedication].dose,
          doseUnit: "mg",
          vials: [{ quantity: pack.reference.vialQuantity, unit: pack.reference.vialUnit, count: 1 }],
          wasteValue: 0,
          wasteUnit: "mg",
          acquired340B: facility.program340B && facilityClaim,
        });
        drugLines(premed, premeds[premedication].dose, "mg", externalId, false);
        pushes.push(externalId);
        clock = addMinutes(stopped, 20);
      }

      const dose = doseFor(regimen, weight);
      const coded = codeDrugLine(regimen.drug, dose, regimen.template.doseUnit);
      const complex = regimen.drug.reference.complexAdministration;
      const minutes = regimen.template.infusionMinutes + rng.int(0, 12);
      const drugStart = clock;
      const drugStop = addMinutes(drugStart, minutes);
      const main = administration({
        kind: complex ? "chemotherapy" : "therapeutic",
        route: "iv_infusion",
        startedAt: drugStart,
        stoppedAt: drugStop,
        isPrimary: true,
        accessSite: complex ? "right chest port" : "right forearm PIV",
        bag: regimen.drug.hcpcs === "J1569" ? "IVIG 10% via pump" : "0.9% sodium chloride 250 mL",
        drugId: regimen.drug.id,
        ndc11: missingNdc ? null : coded.pack.ndc11,
        doseValue: dose,
        doseUnit: regimen.template.doseUnit,
        vials: [{ quantity: coded.pack.reference.vialQuantity, unit: coded.pack.reference.vialUnit, count: coded.vialCount }],
        wasteValue: coded.wasteAmount,
        wasteUnit: regimen.template.doseUnit,
        acquired340B: facility.program340B && facilityClaim,
        supply: "buy_and_bill",
      });
      drugLines(regimen.drug, dose, regimen.template.doseUnit, main.externalId, true, missingNdc);
      clock = addMinutes(drugStop, 5);

      let hydrationId: string | null = null;
      if (regimen.template.hydration) {
        const saline = drugFor(catalog, "J7050");
        const bag = saline.packages.find((p) => p.reference.vialQuantity === 500) ?? saline.packages[0]!;
        const started = clock;
        const stopped = addMinutes(started, 60 + rng.int(0, 10));
        const { externalId } = administration({
          kind: "hydration",
          route: "iv_infusion",
          startedAt: started,
          stoppedAt: stopped,
          isPrimary: false,
          accessSite: complex ? "right chest port" : "right forearm PIV",
          bag: "0.9% sodium chloride 500 mL",
          drugId: saline.id,
          ndc11: bag.ndc11,
          doseValue: 500,
          doseUnit: "mL",
          vials: [{ quantity: 500, unit: "mL", count: 1 }],
          wasteValue: 0,
          wasteUnit: "mL",
        });
        drugLines(saline, 500, "mL", externalId, false);
        hydrationId = externalId;
      }

      // Administration lines: the initial service, its additional hours, sequential pushes and hydration.
      const initial = complex ? "96413" : "96365";
      const addOn = complex ? "96415" : "96366";
      const adminRevenue = complex ? "0335" : "0260";
      addLine({ code: initial, modifiers: [], units: 1, ndc11: null, ndcQualifier: null, ndcQuantity: null, revenueCode: adminRevenue, chargeCents: serviceChargeCents(initial, 1), administrationIds: [main.externalId] });
      const extra = additionalHours(minutes);
      if (extra > 0) {
        addLine({ code: addOn, modifiers: [], units: extra, ndc11: null, ndcQualifier: null, ndcQuantity: null, revenueCode: adminRevenue, chargeCents: serviceChargeCents(addOn, extra), administrationIds: [main.externalId] });
      }
      for (const push of pushes) {
        addLine({ code: "96375", modifiers: [], units: 1, ndc11: null, ndcQualifier: null, ndcQuantity: null, revenueCode: "0260", chargeCents: serviceChargeCents("96375", 1), administrationIds: [push] });
      }
      if (hydrationId) {
        addLine({ code: "96361", modifiers: [], units: 1, ndc11: null, ndcQualifier: null, ndcQuantity: null, revenueCode: "0260", chargeCents: serviceChargeCents("96361", 1), administrationIds: [hydrationId] });
      }
      encounters.push({ id: encounterId, patient, regimen, facility, day: infusion.day, setting, drugAdministrationId: main.id, drugUnits: coded.administeredUnits, lines, missingNdc });
    });
  }
  return encounters;
}
