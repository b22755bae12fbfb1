// The shape of the demo data (one array of insert rows per table, in insertion order) and the context the
// generator's parts share while they build it.
import type * as s from "../schema";
import type { Rng } from "./random";

export interface DemoDataOptions {
  /** The demo's "today" (YYYY-MM-DD): every date and deadline is placed relative to it. */
  today: string;
  passwordHash: string;
  seed?: number;
}

export interface DemoData {
  organizations: (typeof s.organizations.$inferInsert)[];
  users: (typeof s.users.$inferInsert)[];
  facilities: (typeof s.facilities.$inferInsert)[];
  providers: (typeof s.providers.$inferInsert)[];
  memberships: (typeof s.memberships.$inferInsert)[];
  drugs: (typeof s.drugs.$inferInsert)[];
  ndcPackages: (typeof s.ndcPackages.$inferInsert)[];
  payers: (typeof s.payers.$inferInsert)[];
  payerPlans: (typeof s.payerPlans.$inferInsert)[];
  payerRules: (typeof s.payerRules.$inferInsert)[];
  patients: (typeof s.patients.$inferInsert)[];
  patientWeights: (typeof s.patientWeights.$inferInsert)[];
  coverages: (typeof s.coverages.$inferInsert)[];
  regimens: (typeof s.regimens.$inferInsert)[];
  scheduledInfusions: (typeof s.scheduledInfusions.$inferInsert)[];
  authorizationCases: (typeof s.authorizationCases.$inferInsert)[];
  authorizationLines: (typeof s.authorizationLines.$inferInsert)[];
  authorizationEvents: (typeof s.authorizationEvents.$inferInsert)[];
  unitLedgerEntries: (typeof s.unitLedgerEntries.$inferInsert)[];
  encounters: (typeof s.encounters.$inferInsert)[];
  administrations: (typeof s.administrations.$inferInsert)[];
  claims: (typeof s.claims.$inferInsert)[];
  claimLines: (typeof s.claimLines.$inferInsert)[];
  claimHolds: (typeof s.claimHolds.$inferInsert)[];
  claimFindings: (typeof s.claimFindings.$inferInsert)[];
  billingSettings: (typeof s.billingSettings.$inferInsert)[];
  chargeMasterEntries: (typeof s.chargeMasterEntries.$inferInsert)[];
  documents: (typeof s.documents.$inferInsert)[];
  outbox: (typeof s.outbox.$inferInsert)[];
  auditLog: (typeof s.auditLog.$inferInsert)[];
  organizationEmailSettings: (typeof s.organizationEmailSettings.$inferInsert)[];
  emailPreferences: (typeof s.emailPreferences.$inferInsert)[];
  signInLinks: (typeof s.signInLinks.$inferInsert)[];
  emailLinkUses: (typeof s.emailLinkUses.$inferInsert)[];
  calendarFeeds: (typeof s.calendarFeeds.$inferInsert)[];
}

export type Row<K extends keyof DemoData> = DemoData[K][number];

export type Role = "admin" | "coordinator" | "clinician" | "biller";

export interface DemoSignIn {
  role: Role;
  email: string;
  password: string;
  name: string;
}

/** What the parts share: the PRNG, the options and the rows built so far. */
export interface Context {
  rng: Rng;
  today: string;
  passwordHash: string;
  organizationId: string;
  data: DemoData;
}

export function emptyDemoData(): DemoData {
  return {
    organizations: [],
    users: [],
    facilities: [],
    providers: [],
    memberships: [],
    drugs: [],
    ndcPackages: [],
    payers: [],
    payerPlans: [],
    payerRules: [],
    patients: [],
    patientWeights: [],
    coverages: [],
    regimens: [],
    scheduledInfusions: [],
    authorizationCases: [],
    authorizationLines: [],
    authorizationEvents: [],
    unitLedgerEntries: [],
    encounters: [],
    administrations: [],
    claims: [],
    claimLines: [],
    claimHolds: [],
    claimFindings: [],
    billingSettings: [],
    chargeMasterEntries: [],
    documents: [],
    outbox: [],
    auditLog: [],
    organizationEmailSettings: [],
    emailPreferences: [],
    signInLinks: [],
    emailLinkUses: [],
    calendarFeeds: [],
  };
}
