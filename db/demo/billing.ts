// Billing settings in the demo: hold-aging alerts at 3, 7 and 14 days since a year ago, tightened to 2, 5 and 10
// days last quarter (the settings are dated, so both rows stay).
import type { Organization } from "./organization";
import { addDays, at } from "./random";
import type { Context } from "./types";

export function buildBillingSettings(ctx: Context, org: Organization): void {
  const { rng, data, today, organizationId } = ctx;
  data.billingSettings.push(
    { id: rng.uuid(), organizationId, effectiveFrom: addDays(today, -365), holdAgingDays: [3, 7, 14], updatedById: org.users.admin, createdAt: at(addDays(today, -365), 9) },
    { id: rng.uuid(), organizationId, effectiveFrom: addDays(today, -90), holdAgingDays: [2, 5, 10], updatedById: org.users.admin, createdAt: at(addDays(today, -91), 14, 30) },
  );
}
