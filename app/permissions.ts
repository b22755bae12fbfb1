// Who may open what. One table of sections and roles serves the navigation and every loader/action guard.
export const roles = ["admin", "coordinator", "clinician", "biller"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  admin: "Administrator",
  coordinator: "PA coordinator",
  clinician: "Clinician",
  biller: "Biller",
};

export type SectionId = "queues" | "patients" | "calendar" | "encounters" | "claims" | "reference" | "settings";

export interface Section {
  id: SectionId;
  label: string;
  path: string;
  roles: readonly Role[];
  description: string;
  /** Other paths that belong to this section (a case page belongs to Queues). */
  alsoCovers?: readonly string[];
}

export const sections: readonly Section[] = [
  { id: "queues", label: "Queues", path: "/queues", roles: ["admin", "coordinator", "clinician"], description: "Authorization cases by what is due next", alsoCovers: ["/cases", "/mail"] },
  { id: "patients", label: "Patients", path: "/patients", roles: ["admin", "coordinator", "clinician", "biller"], description: "Coverages, regimens, cases and upcoming infusions" },
  { id: "calendar", label: "Calendar", path: "/calendar", roles: ["admin", "coordinator", "clinician"], description: "Your deadlines and peer-to-peer calls by month and week, and a feed for your calendar app" },
  // Whoever works the claims documents the visits they come from; clinicians chart in the infusion system instead.
  { id: "encounters", label: "Visits", path: "/encounters", roles: ["admin", "coordinator", "biller"], description: "Documented infusion visits, coded into claims" },
  { id: "claims", label: "Claims", path: "/claims", roles: ["admin", "biller", "coordinator"], description: "Coded claims, authorization holds and releases" },
  { id: "reference", label: "Reference data", path: "/reference", roles: ["admin", "coordinator", "biller"], description: "Drugs, NDC packages and CMS files" },
  { id: "settings", label: "Settings", path: "/settings", roles: ["admin"], description: "Payer rules, facilities and users" },
];

/** Who may read a case page: whoever works the queues, and billers following a hold to the case that clears it. */
export const CASE_READER_ROLES: readonly Role[] = [...(sections.find((x) => x.id === "queues")?.roles ?? []), "biller"];

export function sectionById(id: SectionId): Section {
  const section = sections.find((s) => s.id === id);
  if (!section) throw new Error(`Unknown section ${id}`);
  return section;
}

export function hasAnyRole(userRoles: readonly Role[], allowed: readonly Role[]): boolean {
  return userRoles.some((role) => allowed.includes(role));
}

export function sectionsFor(userRoles: readonly Role[]): Section[] {
  return sections.filter((s) => hasAnyRole(userRoles, s.roles));
}

/** Where each role starts its day: billers in their claims, everyone else in the queues. */
const homeSection: Record<Role, SectionId> = { admin: "queues", coordinator: "queues", clinician: "queues", biller: "claims" };

/** Where a user lands after sign-in: the home of their first role that has one they may open. */
export function homePathFor(userRoles: readonly Role[]): string {
  const open = sectionsFor(userRoles);
  for (const role of userRoles) {
    const home = open.find((s) => s.id === homeSection[role]);
    if (home) return home.path;
  }
  return open[0]?.path ?? "/patients";
}

/** Only same-site relative paths are honoured as a post-sign-in destination. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** Whether a path is inside a section (its own path, a sub-path, or a path it also covers). */
export function sectionCovers(section: Section, pathname: string): boolean {
  return [section.path, ...(section.alsoCovers ?? [])].some((p) => pathname === p || pathname.startsWith(`${p}/`));
}
