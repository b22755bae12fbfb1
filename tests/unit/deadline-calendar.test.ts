// The calendar's pure parts: month and week grids, and the iCalendar text — one VEVENT per deadline with a stable
// UID and a UTC DTSTART, TEXT escaping, 75-octet folding that never splits a character, CRLF line ends.
import { calendarWeeks, entryTitle, escapeText, foldLine, icsFeed, initials, shiftAnchor, utcStamp, type CalendarEntry } from "~/deadline-calendar";

const entry = (overrides: Partial<CalendarEntry> = {}): CalendarEntry => ({
  uid: "0b3f6a52-3c1e-4f7a-9d55-0c4f7f2e9a11.decision-due",
  caseId: "0b3f6a52-3c1e-4f7a-9d55-0c4f7f2e9a11",
  caseNumber: "PA-000123",
  initials: "J.R.",
  kind: "decision-due",
  at: "2026-03-04T15:00:00.000Z",
  date: "2026-03-04",
  overdue: false,
  ...overrides,
});

/** Unfolds the feed and splits it into its content lines (RFC 5545 §3.1). */
const contentLines = (ics: string) => ics.replace(/\r\n /g, "").split("\r\n").filter(Boolean);

describe("calendar grids", () => {
  it("a month is whole weeks from the Sunday on or before the 1st to the Saturday on or after the last day", () => {
    const weeks = calendarWeeks("month", "2026-03-18");
    expect(weeks[0]![0]).toBe("2026-03-01"); // 1 March 2026 is a Sunday
    expect(weeks.at(-1)!.at(-1)).toBe("2026-04-04");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.flat()).toContain("2026-03-31");
    const feb = calendarWeeks("month", "2026-02-10");
    expect(feb[0]![0]).toBe("2026-02-01");
    expect(feb.length).toBe(4);
  });
  it("a week runs Sunday to Saturday around the anchor; periods shift by a month or 7 days", () => {
    expect(calendarWeeks("week", "2026-03-04")).toEqual([["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"]]);
    expect(shiftAnchor("month", "2026-01-31", -1)).toBe("2025-12-01");
    expect(shiftAnchor("month", "2026-12-05", 1)).toBe("2027-01-01");
    expect(shiftAnchor("week", "2026-03-04", 1)).toBe("2026-03-11");
  });
});

describe("the iCalendar feed", () => {
  it("escapes backslashes, semicolons, commas and newlines in TEXT values", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf")).toBe("a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds long lines at 75 octets without splitting a multi-byte character", () => {
    const line = `SUMMARY:${"é".repeat(60)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(" "))).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("SHORT:1")).toBe("SHORT:1");
  });

  it("writes one VEVENT per deadline with a stable UID, DTSTART in UTC and CRLF line ends", () => {
    const entries = [entry(), entry({ uid: "0b3f6a52-3c1e-4f7a-9d55-0c4f7f2e9a11.p2p-call", kind: "p2p-call", at: "2026-03-05T18:30:00.000Z" })];
    const now = new Date("2026-03-01T12:00:00Z");
    const ics = icsFeed(entries, { appUrl: "https://pa.example.org/", now });
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const lines = contentLines(ics);
    expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith("UID:"))).toEqual(["UID:0b3f6a52-3c1e-4f7a-9d55-0c4f7f2e9a11.decision-due@infusion-pa", "UID:0b3f6a52-3c1e-4f7a-9d55-0c4f7f2e9a11.p2p-call@infusion-pa"]);
    // A deadline ends at its instant (15 minutes before it); a call starts at its time.
    expect(lines.filter((l) => l.startsWith("DTSTART"))).toEqual(["DTSTART:20260304T144500Z", "DTSTART:20260305T183000Z"]);
    expect(lines.filter((l) => l.startsWith("DURATION"))).toEqual(["DURATION:PT15M", "DURATION:PT30M"]);
    expect(lines).toContain("DTSTAMP:20260301T120000Z");
    expect(lines).toContain("SUMMARY:Payer decision due · PA-000123 · J.R.");
    expect(lines).toContain("URL:https://pa.example.org/cases/0b3f6a52-3c1e-4f7a-9d55-0c4f7f2e9a11");
    // The description's newline and comma are escaped, so the event stays one property.
    expect(lines.find((l) => l.startsWith("DESCRIPTION:"))).toMatch(/^DESCRIPTION:Payer decision due by 2026-03-04 15:00 UTC for case PA-000123 \(patient J\.R\.\)\.\\nOpen the case/);
    // The same deadlines give the same UIDs next time, whatever the clock says.
    const again = contentLines(icsFeed(entries, { appUrl: "https://pa.example.org", now: new Date("2026-03-02T00:00:00Z") }));
    expect(again.filter((l) => l.startsWith("UID:"))).toEqual(lines.filter((l) => l.startsWith("UID:")));
  });

  it("escapes what a case number or initials carry, so a comma or semicolon cannot split a property", () => {
    const lines = contentLines(icsFeed([entry({ caseNumber: "PA-1,2;3\\x" })], { appUrl: "http://localhost", now: new Date("2026-03-01T00:00:00Z") }));
    expect(lines).toContain("SUMMARY:Payer decision due · PA-1\\,2\\;3\\\\x · J.R.");
  });

  it("names a patient only by initials", () => {
    expect(initials("josé", "Ramírez")).toBe("J.R.");
    expect(entryTitle({ kind: "expiry", caseNumber: "PA-000009", initials: "A.B." })).toBe("Authorization expires · PA-000009 · A.B.");
    expect(utcStamp("2026-07-15T04:00:00.000Z")).toBe("20260715T040000Z");
  });

  it("an empty calendar is still a valid VCALENDAR", () => {
    const lines = contentLines(icsFeed([], { appUrl: "http://localhost:3000", now: new Date("2026-03-01T00:00:00Z") }));
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-1)).toBe("END:VCALENDAR");
    expect(lines).not.toContain("BEGIN:VEVENT");
  });
});
