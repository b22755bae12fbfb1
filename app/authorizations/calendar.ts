// Dates and instants for the lifecycle. Dates of service and authorization windows are calendar dates
// ("YYYY-MM-DD", Postgres `date`); events and deadlines are instants. A calendar date becomes an instant in the
// facility's time zone, so "expires after 31 March" means midnight in the clinic, not in UTC.
import { addBusinessDays as addBusinessDaysFns, addDays as addDaysFns, differenceInCalendarDays, format, isValid, parseISO } from "date-fns";

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

export const DEFAULT_TIME_ZONE = "America/New_York";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = parseISO(value);
  return isValid(parsed) && format(parsed, "yyyy-MM-dd") === value;
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// date-fns works in the process's local time; parsing a date-only string gives local midnight and formatting
// it back gives the same date, so date-only arithmetic is right whatever TZ the process runs in.
export function addDays(date: IsoDate, days: number): IsoDate {
  return format(addDaysFns(parseISO(date), days), "yyyy-MM-dd");
}

export function addBusinessDays(date: IsoDate, days: number): IsoDate {
  return format(addBusinessDaysFns(parseISO(date), days), "yyyy-MM-dd");
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClock(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (instant.getTime() - instant.getUTCMilliseconds());
}

/** The calendar date an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  const w = wallClock(instant, timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** Midnight at the start of a calendar date in a time zone. */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d);
  // Two passes settle the offset on DST-change days.
  const first = wall - offsetAt(new Date(wall), timeZone);
  return new Date(wall - offsetAt(new Date(first), timeZone));
}

/** Midnight at the end of a calendar date (the start of the next) in a time zone. */
export function endOfLocalDay(date: IsoDate, timeZone: string): Date {
  return startOfLocalDay(addDays(date, 1), timeZone);
}

export function addHours(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * 3_600_000);
}

/** The wall-clock date and time of an instant in a time zone, "YYYY-MM-DDTHH:MM" (the coding engine's local time). */
export function localDateTime(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The instant a wall-clock "YYYY-MM-DDTHH:MM" names in a time zone (the earlier one in a DST fall-back hour). */
export function instantAtLocal(dateTime: string, timeZone: string): Date {
  const [date = "1970-01-01", time = "00:00"] = dateTime.split("T");
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  const [hh = 0, mm = 0] = time.split(":").map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - offsetAt(new Date(wall), timeZone);
  return new Date(wall - offsetAt(new Date(first), timeZone));
}
