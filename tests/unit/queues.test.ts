// The named queues: which cases each holds, their counts from one grouped query, filters and the keyset cursor.
import { AUTHORIZATION_STATUSES } from "~/authorizations/vocabulary";
import { QUEUES, QUEUE_IDS, decodeCursor, deadlineWords, dueWindowEnd, encodeCursor, inQueue, parseFilters, queueById, queueCounts, type CountGroup } from "~/queues";

const group = (overrides: Partial<CountGroup>): CountGroup => ({ status: "draft", assignedToMe: false, revised: false, hospitalSite: false, cases: 1, ...overrides });
const queue = (id: string) => queueById(id)!;

describe("queue definitions", () => {
  it("has every named queue of the workspace, in order, with All last", () => {
    expect(QUEUES.map((q) => q.label)).toEqual([
      "My work",
      "Needs submission",
      "Awaiting payer",
      "Information requested",
      "Denied",
      "Peer-to-peer",
      "Appeals",
      "Renewal due",
      "Regimen changed",
      "Site of care",
      "Expired/exhausted",
      "All",
    ]);
    expect(QUEUES.map((q) => q.id)).toEqual([...QUEUE_IDS]);
  });

  it("puts each working status in its queue", () => {
    expect(inQueue(queue("needs-submission"), group({ status: "draft" }))).toBe(true);
    expect(inQueue(queue("awaiting-payer"), group({ status: "submitted" }))).toBe(true);
    expect(inQueue(queue("awaiting-payer"), group({ status: "pending" }))).toBe(true);
    expect(inQueue(queue("awaiting-payer"), group({ status: "information_requested" }))).toBe(false);
    expect(inQueue(queue("information-requested"), group({ status: "information_requested" }))).toBe(true);
    expect(inQueue(queue("denied"), group({ status: "denied" }))).toBe(true);
    expect(inQueue(queue("peer-to-peer"), group({ status: "peer_to_peer" }))).toBe(true);
    expect(inQueue(queue("appeals"), group({ status: "appeal" }))).toBe(true);
    expect(inQueue(queue("renewal-due"), group({ status: "renewal_due" }))).toBe(true);
    expect(inQueue(queue("expired-exhausted"), group({ status: "expired" }))).toBe(true);
    expect(inQueue(queue("expired-exhausted"), group({ status: "exhausted" }))).toBe(true);
  });

  it("keeps closed cases out of My work even when they are assigned to me", () => {
    expect(inQueue(queue("my-work"), group({ status: "pending", assignedToMe: true }))).toBe(true);
    expect(inQueue(queue("my-work"), group({ status: "pending", assignedToMe: false }))).toBe(false);
    for (const status of ["cancelled", "expired", "superseded", "voided", "duplicate"] as const) {
      expect(inQueue(queue("my-work"), group({ status, assignedToMe: true }))).toBe(false);
    }
  });

  it("finds revised requests and hospital-site requests by their condition, open ones only", () => {
    expect(inQueue(queue("regimen-changed"), group({ status: "draft", revised: true }))).toBe(true);
    expect(inQueue(queue("regimen-changed"), group({ status: "draft", revised: false }))).toBe(false);
    expect(inQueue(queue("regimen-changed"), group({ status: "cancelled", revised: true }))).toBe(false);
    expect(inQueue(queue("site-of-care"), group({ status: "denied", hospitalSite: true }))).toBe(true);
    expect(inQueue(queue("site-of-care"), group({ status: "expired", hospitalSite: true }))).toBe(false);
  });

  it("lets All hold every status", () => {
    for (const status of AUTHORIZATION_STATUSES) expect(inQueue(queue("all"), group({ status }))).toBe(true);
  });

  it("counts every queue from one set of groups", () => {
    const counts = queueCounts([
      group({ status: "draft", cases: 3 }),
      group({ status: "draft", revised: true, assignedToMe: true, cases: 2 }),
      group({ status: "pending", hospitalSite: true, cases: 4 }),
      group({ status: "cancelled", assignedToMe: true, cases: 5 }),
    ]);
    expect(counts["needs-submission"]).toBe(5);
    expect(counts["regimen-changed"]).toBe(2);
    expect(counts["my-work"]).toBe(2);
    expect(counts["awaiting-payer"]).toBe(4);
    expect(counts["site-of-care"]).toBe(4);
    expect(counts.denied).toBe(0);
    expect(counts.all).toBe(14);
  });
});

describe("filters from the URL", () => {
  const id = "0e3c7a2e-1111-4111-8111-111111111111";
  it("reads every filter and ignores values it does not know", () => {
    const params = new URLSearchParams({ payer: id, drug: id, facility: id, assignee: "unassigned", status: "denied", due: "7d", q: "  smith " });
    expect(parseFilters(params, AUTHORIZATION_STATUSES)).toEqual({ payerId: id, drugId: id, facilityId: id, assignee: "unassigned", status: "denied", due: "7d", search: "smith" });
    expect(parseFilters(new URLSearchParams({ payer: "nope", status: "sleeping", due: "later", assignee: "x" }), AUTHORIZATION_STATUSES)).toEqual({});
  });

  it("reads plan and site-of-care filters, ignoring unknown values", () => {
    const id = "0e3c7a2e-1111-4111-8111-111111111111";
    expect(parseFilters(new URLSearchParams({ plan: id, site: "hopd_on_campus" }), AUTHORIZATION_STATUSES)).toEqual({ planId: id, siteOfCare: "hopd_on_campus" });
    expect(parseFilters(new URLSearchParams({ plan: "nope", site: "moon" }), AUTHORIZATION_STATUSES)).toEqual({});
  });

  it("ends due windows at now, end of today (UTC), 7 and 30 days", () => {
    const now = new Date("2026-03-04T15:00:00Z");
    expect(dueWindowEnd("overdue", now).toISOString()).toBe("2026-03-04T15:00:00.000Z");
    expect(dueWindowEnd("today", now).toISOString()).toBe("2026-03-05T00:00:00.000Z");
    expect(dueWindowEnd("7d", now).toISOString()).toBe("2026-03-11T15:00:00.000Z");
  });
});

describe("the keyset cursor", () => {
  const id = "0e3c7a2e-1111-4111-8111-111111111111";
  it("round-trips a deadline and a missing deadline", () => {
    expect(decodeCursor(encodeCursor({ deadline: "2026-03-04T15:00:00.000Z", id }))).toEqual({ deadline: "2026-03-04T15:00:00.000Z", id });
    expect(decodeCursor(encodeCursor({ deadline: null, id }))).toEqual({ deadline: null, id });
  });
  it("ignores a cursor that was tampered with", () => {
    expect(decodeCursor("garbage")).toBeUndefined();
    expect(decodeCursor(`not-a-date_${id}`)).toBeUndefined();
    expect(decodeCursor("2026-03-04T15:00:00.000Z_not-an-id")).toBeUndefined();
  });
});

it("says what a deadline is in a coordinator's words", () => {
  expect(deadlineWords("decision-due")).toBe("Payer decision due");
  expect(deadlineWords(null)).toBe("No deadline");
});
