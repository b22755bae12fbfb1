// The demo organization: its people, sites, ordering providers and the sign-ins the README documents.
import type * as s from "../schema";
import { addDays, at, npiFrom } from "./random";
import type { Context, DemoSignIn } from "./types";

export const demoPassword = "infusion-demo";

export const demoSignIns: DemoSignIn[] = [
  { role: "admin", email: "admin@riverside.example", password: demoPassword, name: "Avery Admin" },
  { role: "coordinator", email: "coordinator@riverside.example", password: demoPassword, name: "Casey Coordinator" },
  { role: "clinician", email: "clinician@riverside.example", password: demoPassword, name: "Dr. Morgan Lee" },
  { role: "biller", email: "biller@riverside.example", password: demoPassword, name: "Blake Biller" },
];

export type SiteOfCare = (typeof s.siteOfCareType.enumValues)[number];
export type FacilityKey = "office" | "suite" | "hopd";
export type ProviderKey = "lee" | "natarajan" | "okafor" | "vasquez";

export interface FacilityRef {
  id: string;
  key: FacilityKey;
  siteOfCare: SiteOfCare;
  placeOfService: string;
  program340B: boolean;
  npi: string;
}

export interface ProviderRef {
  id: string;
  key: ProviderKey;
  npi: string;
}

export interface Organization {
  id: string;
  users: { admin: string; coordinator: string; jordan: string; clinician: string; biller: string };
  /** The coordinators who own case queues. */
  coordinators: string[];
  facilities: Record<FacilityKey, FacilityRef>;
  providers: Record<ProviderKey, ProviderRef>;
}

export function buildOrganization(ctx: Context): Organization {
  const { rng, data, today, organizationId } = ctx;
  const founded = addDays(today, -420);
  data.organizations.push({ id: organizationId, name: "Riverside Infusion Center", slug: "riverside", createdAt: at(founded, 9) });

  // Users: the four demo sign-ins, then a second coordinator.
  const people = [...demoSignIns.map((signIn) => ({ email: signIn.email, name: signIn.name })), { email: "jordan.reyes@riverside.example", name: "Jordan Reyes" }];
  const userIds = people.map((person, i) => {
    const id = rng.uuid();
    data.users.push({ id, email: person.email, name: person.name, passwordHash: ctx.passwordHash, createdAt: at(founded, 9, 5 + i) });
    return id;
  });
  const [admin, coordinator, clinician, biller, jordan] = userIds as [string, string, string, string, string];

  const facilitySpecs: { key: FacilityKey; name: string; siteOfCare: SiteOfCare; pos: string; program340B: boolean; address: string; postalCode: string }[] = [
    { key: "office", name: "Riverside Specialty Clinic (office infusion)", siteOfCare: "office", pos: "11", program340B: false, address: "120 Water Street, Suite 200", postalCode: "17101" },
    { key: "suite", name: "Riverside Infusion Suite", siteOfCare: "ambulatory_infusion_center", pos: "11", program340B: false, address: "455 Market Street", postalCode: "17102" },
    {
      key: "hopd",
      name: "Riverside Regional Hospital Outpatient Infusion (off campus)",
      siteOfCare: "hopd_off_campus",
      pos: "19",
      program340B: true,
      address: "2900 Front Street, Building C",
      postalCode: "17110",
    },
  ];
  const facilities = {} as Record<FacilityKey, FacilityRef>;
  facilitySpecs.forEach((spec, i) => {
    const id = rng.uuid();
    const npi = npiFrom(`1${rng.digits(8)}`);
    data.facilities.push({
      id,
      organizationId,
      name: spec.name,
      siteOfCare: spec.siteOfCare,
      placeOfService: spec.pos,
      npi,
      tin: spec.key === "hopd" ? `23${rng.digits(7)}` : `81${rng.digits(7)}`,
      program340B: spec.program340B,
      timeZone: "America/New_York",
      addressLine: spec.address,
      city: "Harrisburg",
      state: "PA",
      postalCode: spec.postalCode,
      createdAt: at(founded, 10, i),
    });
    facilities[spec.key] = { id, key: spec.key, siteOfCare: spec.siteOfCare, placeOfService: spec.pos, program340B: spec.program340B, npi };
  });

  const providerSpecs: { key: ProviderKey; first: string; last: string; credentials: string; specialty: string; email: string }[] = [
    { key: "lee", first: "Morgan", last: "Lee", credentials: "MD", specialty: "Gastroenterology", email: "clinician@riverside.example" },
    { key: "natarajan", first: "Priya", last: "Natarajan", credentials: "MD", specialty: "Neurology", email: "p.natarajan@riverside.example" },
    { key: "okafor", first: "Samuel", last: "Okafor", credentials: "MD", specialty: "Hematology/Oncology", email: "s.okafor@riverside.example" },
    { key: "vasquez", first: "Elena", last: "Vasquez", credentials: "DO", specialty: "Rheumatology", email: "e.vasquez@riverside.example" },
  ];
  const providers = {} as Record<ProviderKey, ProviderRef>;
  providerSpecs.forEach((spec, i) => {
    const id = rng.uuid();
    const npi = npiFrom(`1${rng.digits(8)}`);
    data.providers.push({
      id,
      organizationId,
      npi,
      firstName: spec.first,
      lastName: spec.last,
      credentials: spec.credentials,
      specialty: spec.specialty,
      email: spec.email,
      createdAt: at(founded, 11, i),
    });
    providers[spec.key] = { id, key: spec.key, npi };
  });

  const memberships: { userId: string; role: DemoSignIn["role"]; providerId?: string }[] = [
    { userId: admin, role: "admin" },
    { userId: coordinator, role: "coordinator" },
    { userId: clinician, role: "clinician", providerId: providers.lee.id },
    { userId: biller, role: "biller" },
    { userId: jordan, role: "coordinator" },
  ];
  memberships.forEach((m, i) => {
    data.memberships.push({ id: rng.uuid(), organizationId, userId: m.userId, role: m.role, providerId: m.providerId ?? null, createdAt: at(founded, 12, i) });
  });

  return {
    id: organizationId,
    users: { admin, coordinator, jordan, clinician, biller },
    coordinators: [coordinator, jordan],
    facilities,
    providers,
  };
}
