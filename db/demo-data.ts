// Demo data for "Riverside Infusion Center": generated, deterministic (seeded PRNG: the same options give the same
// rows, ids and timestamps) and dated relative to `today` so every deadline is live. The parts live in db/demo/.
import { buildActivity } from "./demo/activity";
import { buildBillingSettings } from "./demo/billing";
import { buildCases, finishCases } from "./demo/cases";
import { buildClaims } from "./demo/claims";
import { buildDocuments } from "./demo/documents";
import { buildDrugs } from "./demo/drugs";
import { buildEmailSettings } from "./demo/email";
import { buildCalendarFeeds } from "./demo/calendar";
import { buildChargeMaster } from "./demo/charges";
import { buildEncounters } from "./demo/encounters";
import { buildOrganization, demoSignIns } from "./demo/organization";
import { buildPatients } from "./demo/patients";
import { buildPayers } from "./demo/payers";
import { assertDay, Rng } from "./demo/random";
import * as schema from "./schema";
import { emptyDemoData, type Context, type DemoData, type DemoDataOptions } from "./demo/types";

export type { DemoData, DemoDataOptions, DemoSignIn } from "./demo/types";
export { demoSignIns };

/** The default seed: any fixed number works; this one gives a pleasant mix of names. */
export const DEFAULT_DEMO_SEED = 20_240_611;

export function buildDemoData(options: DemoDataOptions): DemoData {
  const rng = new Rng(options.seed ?? DEFAULT_DEMO_SEED);
  const ctx: Context = { rng, today: assertDay(options.today), passwordHash: options.passwordHash, organizationId: rng.uuid(), data: emptyDemoData() };
  const org = buildOrganization(ctx);
  const catalog = buildDrugs(ctx);
  const payers = buildPayers(ctx);
  const patients = buildPatients(ctx, org, payers, catalog);
  const book = buildCases(ctx, org, patients);
  const cases = book.cases;
  const encounters = buildEncounters(ctx, patients, catalog);
  buildClaims(ctx, org, cases, encounters);
  // The claims wrote the unit ledger; the cases sync their usage from it before their events are stored.
  finishCases(ctx, book);
  buildDocuments(ctx, org, cases);
  // Email settings first: the delegate they name is on the provider row the activity's emails go to.
  buildEmailSettings(ctx, org, cases);
  buildActivity(ctx, org, cases);
  // Last, so adding it changed none of the ids drawn before it.
  buildBillingSettings(ctx, org);
  // After everything else for the same reason.
  buildCalendarFeeds(ctx, org);
  // Last again: the charge master's ids are drawn after every other row's.
  buildChargeMaster(ctx, org);
  return ctx.data;
}

/** Each part of the demo data and its table, in insertion (foreign-key) order. */
export const demoTables: { [K in keyof DemoData]: (typeof schema)[K] } = {
  organizations: schema.organizations,
  users: schema.users,
  facilities: schema.facilities,
  providers: schema.providers,
  memberships: schema.memberships,
  drugs: schema.drugs,
  ndcPackages: schema.ndcPackages,
  payers: schema.payers,
  payerPlans: schema.payerPlans,
  payerRules: schema.payerRules,
  patients: schema.patients,
  patientWeights: schema.patientWeights,
  coverages: schema.coverages,
  regimens: schema.regimens,
  scheduledInfusions: schema.scheduledInfusions,
  authorizationCases: schema.authorizationCases,
  authorizationLines: schema.authorizationLines,
  authorizationEvents: schema.authorizationEvents,
  unitLedgerEntries: schema.unitLedgerEntries,
  encounters: schema.encounters,
  administrations: schema.administrations,
  claims: schema.claims,
  claimLines: schema.claimLines,
  claimHolds: schema.claimHolds,
  claimFindings: schema.claimFindings,
  billingSettings: schema.billingSettings,
  chargeMasterEntries: schema.chargeMasterEntries,
  documents: schema.documents,
  outbox: schema.outbox,
  auditLog: schema.auditLog,
  organizationEmailSettings: schema.organizationEmailSettings,
  emailPreferences: schema.emailPreferences,
  signInLinks: schema.signInLinks,
  emailLinkUses: schema.emailLinkUses,
  calendarFeeds: schema.calendarFeeds,
};
