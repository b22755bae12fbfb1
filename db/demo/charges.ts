// The demo's charge master: Riverside's price per billing unit (drugs) and per service (administrations), one
// version per code from a fixed date. The demo's own claims are priced from the same list, so a demo visit coded
// again in the app gets the charges it was seeded with.
import { referenceDrugs } from "../reference-drugs";
import type { Organization } from "./organization";
import { at } from "./random";
import type { Context } from "./types";

/** Fixed (not relative to `today`): before every demo date of service, and the same on every run. */
export const DEMO_CHARGES_FROM = "2020-01-01";

const drugUnitCents: Record<string, number> = {
  J1745: 9_500, Q5103: 5_200, Q5104: 4_900, J3380: 2_600, J2350: 2_900, J2323: 2_400, J1569: 6_800, J9312: 9_800, J9271: 5_900,
  J3262: 520, J0129: 5_100, J1439: 230, J2930: 1_200, J1200: 300, J7050: 900, J1100: 40,
};

const services: Record<string, { cents: number; description: string }> = {
  "96365": { cents: 24_000, description: "IV infusion, therapeutic, initial hour" },
  "96366": { cents: 6_500, description: "IV infusion, therapeutic, each additional hour" },
  "96413": { cents: 36_000, description: "Chemotherapy IV infusion, initial hour" },
  "96415": { cents: 7_800, description: "Chemotherapy IV infusion, each additional hour" },
  "96375": { cents: 7_200, description: "IV push, each additional sequential new drug" },
  "96361": { cents: 5_400, description: "IV hydration, each additional hour" },
};

/** Cents per billing unit (drug) or per service (administration) in the demo's charge master. */
export function demoUnitChargeCents(code: string): number {
  const cents = drugUnitCents[code] ?? services[code]?.cents;
  if (cents === undefined) throw new Error(`demo data: ${code} is not in the demo charge master`);
  return cents;
}

function description(code: string): string {
  const service = services[code];
  if (service) return service.description;
  const drug = referenceDrugs.find((d) => d.hcpcs === code);
  return drug ? `${drug.shortName}, ${drug.billingUnitQuantity} ${drug.billingUnit}` : code;
}

export function buildChargeMaster(ctx: Context, org: Organization): void {
  const { rng, data, organizationId } = ctx;
  for (const code of [...Object.keys(drugUnitCents), ...Object.keys(services)]) {
    data.chargeMasterEntries.push({
      id: rng.uuid(),
      organizationId,
      code,
      effectiveFrom: DEMO_CHARGES_FROM,
      effectiveTo: null,
      unitChargeCents: demoUnitChargeCents(code),
      description: description(code),
      createdById: org.users.admin,
      createdAt: at("2019-12-16", 10),
    });
  }
}
