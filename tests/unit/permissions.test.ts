import { hasAnyRole, homePathFor, safeRedirect, sectionById, sectionCovers, sectionsFor } from "~/permissions";

const labels = (roles: Parameters<typeof sectionsFor>[0]) => sectionsFor(roles).map((s) => s.label);

describe("who sees which section", () => {
  it("gives an admin every section", () => {
    expect(labels(["admin"])).toEqual(["Queues", "Patients", "Calendar", "Visits", "Claims", "Reference data", "Settings"]);
  });
  it("gives a coordinator the queues but not settings", () => {
    expect(labels(["coordinator"])).toEqual(["Queues", "Patients", "Calendar", "Visits", "Claims", "Reference data"]);
  });
  it("gives a biller claims and no queues", () => {
    expect(labels(["biller"])).toEqual(["Patients", "Visits", "Claims", "Reference data"]);
  });
  it("gives a clinician their queues and patients only", () => {
    expect(labels(["clinician"])).toEqual(["Queues", "Patients", "Calendar"]);
  });
  it("unions the sections of several roles", () => {
    expect(labels(["clinician", "biller"])).toEqual(["Queues", "Patients", "Calendar", "Visits", "Claims", "Reference data"]);
  });
  it("lands each role where its work is", () => {
    expect(homePathFor(["biller"])).toBe("/claims");
    expect(homePathFor(["coordinator"])).toBe("/queues");
    expect(homePathFor(["clinician"])).toBe("/queues");
    expect(homePathFor(["admin"])).toBe("/queues");
  });
  it("checks role membership", () => {
    expect(hasAnyRole(["biller"], ["admin", "coordinator"])).toBe(false);
    expect(hasAnyRole(["biller", "admin"], ["admin"])).toBe(true);
    expect(hasAnyRole([], ["admin"])).toBe(false);
  });
});

describe("safeRedirect", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirect("/queues?status=denied", "/")).toBe("/queues?status=denied");
  });
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "queues", "", null, undefined])("refuses %s", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });
});

describe("which section a page belongs to", () => {
  it("puts a case page and the mail viewer under Queues, and nothing else", () => {
    expect(sectionCovers(sectionById("queues"), "/cases/abc")).toBe(true);
    expect(sectionCovers(sectionById("queues"), "/mail")).toBe(true);
    expect(sectionCovers(sectionById("queues"), "/queues")).toBe(true);
    expect(sectionCovers(sectionById("queues"), "/queuesx")).toBe(false);
    expect(sectionCovers(sectionById("claims"), "/claims/code")).toBe(true);
    expect(sectionCovers(sectionById("claims"), "/cases/abc")).toBe(false);
  });
});
