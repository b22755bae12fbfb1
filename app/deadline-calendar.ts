// A coordinator's deadlines as a calendar: the month and week grids the page draws, and the iCalendar (RFC 5545)
// feed calendar apps subscribe to. Pure: dates and entries in, text out. The feed names a case only by its number
// and the patient's initials — no names, MRNs, drugs or diagnoses leave the app in it.
import { addDays, type IsoDate } from "./authorizations/calendar";
import { DEADLINE_WORDS } from "./queues";

export const CALENDAR_KINDS = ["decision-due", "rfi-due", "p2p-request", "p2p-call", "appeal-filing", "expiry"] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export const CALENDAR_KIND_WORDS: Record<CalendarKind, string> = {
  "decision-due": DEADLINE_WORDS["decision-due"]!,
  "rfi-due": DEADLINE_WORDS["rfi-due"]!,
  "p2p-request": DEADLINE_WORDS["p2p-request"]!,
  "p2p-call": "Peer-to-peer call",
  "appeal-filing": DEADLINE_WORDS["appeal-filing"]!,
  expiry: DEADLINE_WORDS.expiry!,
};

export interface CalendarEntry {
  /** Stable across feeds and regenerations: the case id and the deadline's key. */
  uid: string;
  caseId: string;
  caseNumber: string;
  /** "J.R." — the only patient detail the feed carries. */
  initials: string;
  kind: CalendarKind;
  /** ISO instant. */
  at: string;
  /** The day it falls on in the clinic's time zone. */
  date: IsoDate;
  overdue: boolean;
}

export function initials(firstName: string, lastName: string): string {
  const first = (name: string) => (name.trim()[0] ?? "").toUpperCase();
  return `${first(firstName)}.${first(lastName)}.`;
}

export function entryTitle(entry: Pick<CalendarEntry, "kind" | "caseNumber" | "initials">): string {
  return `${CALENDAR_KIND_WORDS[entry.kind]} · ${entry.caseNumber} · ${entry.initials}`;
}

export type CalendarView = "month" | "week";

/** The weeks (Sunday first) a view shows around `anchor`: a month's 4–6 weeks, or the anchor's week. */
export function calendarWeeks(view: CalendarView, anchor: IsoDate): IsoDate[][] {
  const weekStart = (day: IsoDate) => addDays(day, -new Date(`${day}T12:00:00Z`).getUTCDay());
  if (view === "week") {
    const start = weekStart(anchor);
    return [Array.from({ length: 7 }, (_, i) => addDays(start, i))];
  }
  const month = anchor.slice(0, 7);
  const weeks: IsoDate[][] = [];
  let start = weekStart(`${month}-01`);
  do {
    const from = start;
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(from, i)));
    start = addDays(start, 7);
  } while (start.slice(0, 7) === month);
  return weeks;
}

/** The anchor of the previous or next period (a month keeps its day within range; a week moves 7 days). */
export function shiftAnchor(view: CalendarView, anchor: IsoDate, step: -1 | 1): IsoDate {
  if (view === "week") return addDays(anchor, 7 * step);
  const [y, m] = anchor.split("-").map(Number) as [number, number];
  const total = y * 12 + (m - 1) + step;
  return `${String(Math.floor(total / 12)).padStart(4, "0")}-${String((total % 12) + 1).padStart(2, "0")}-01`;
}

// ---------------------------------------------------------------- iCalendar

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, and newlines as \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Lines longer than 75 octets are folded: CRLF and a space, never inside a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // a continuation line's leading space counts
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** "20260304T150000Z". */
export function utcStamp(instant: Date | string): string {
  return new Date(instant).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export interface FeedOptions {
  /** Case links point here: the app's public URL. */
  appUrl: string;
  /** When the feed was produced (DTSTAMP). */
  now: Date;
  calendarName?: string;
}

const DEADLINE_EVENT_MINUTES = 15;

export function icsFeed(entries: readonly CalendarEntry[], options: FeedOptions): string {
  const stamp = utcStamp(options.now);
  const base = options.appUrl.replace(/\/+$/, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Infusion PA//Deadlines//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${escapeText(options.calendarName ?? "Infusion PA deadlines")}`];
  for (const entry of entries) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(entry.uid)}@infusion-pa`,
      `DTSTAMP:${stamp}`,
      // A call starts at its time; a deadline is a 15-minute event that ends at the deadline, so one due at the
      // midnight ending its last day shows on that day (23:45–24:00), not at 00:00 the day after.
      `DTSTART:${utcStamp(entry.kind === "p2p-call" ? entry.at : new Date(Date.parse(entry.at) - DEADLINE_EVENT_MINUTES * 60_000))}`,
      `DURATION:${entry.kind === "p2p-call" ? "PT30M" : `PT${DEADLINE_EVENT_MINUTES}M`}`,
      `SUMMARY:${escapeText(entryTitle(entry))}`,
      `DESCRIPTION:${escapeText(`${CALENDAR_KIND_WORDS[entry.kind]}${entry.kind === "p2p-call" ? "" : ` by ${entry.at.slice(0, 16).replace("T", " ")} UTC`} for case ${entry.caseNumber} (patient ${entry.initials}).\nOpen the case in Infusion PA: ${base}/cases/${entry.caseId}`)}`,
      `URL:${base}/cases/${entry.caseId}`,
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
