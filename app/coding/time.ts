// Local wall-clock times ("2025-03-04T09:00") as minute counts, and interval arithmetic on them.
// Calendar arithmetic only: no clock is read and no time zone is applied.

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDay(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : (DAYS_IN_MONTH[mo - 1] ?? 0));
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil): arithmetic, no Date objects. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

export function isValidIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

const FIELD_ENDS = [4, 7, 10, 13, 16];
const FIELD_SEPARATORS = "--T:";

/** "YYYY-MM-DDTHH:MM" read digit by digit: the engine calls this for every start and stop, so no regex here. */
function toMinutesFast(text: string): number | undefined {
  let value = 0;
  const digits: number[] = [0, 0, 0, 0, 0];
  let field = 0;
  for (let i = 0; i < 16; i++) {
    if (i === FIELD_ENDS[field]) {
      if (text[i] !== FIELD_SEPARATORS[field]) return undefined;
      digits[field++] = value;
      value = 0;
      continue;
    }
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    value = value * 10 + c;
  }
  digits[field] = value;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0] = digits;
  if (h > 23 || mi > 59 || !isRealDay(y, mo, d)) return undefined;
  return (daysFromCivil(y, mo, d) * 24 + h) * 60 + mi;
}

/** Minutes since 1970-01-01T00:00 of a local date-time; undefined when not a real date-time. */
export function toMinutes(text: string): number | undefined {
  if (text.length === 16) return toMinutesFast(text);
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  if (h > 23 || mi > 59 || !isRealDay(y, mo, d)) return undefined;
  return (daysFromCivil(y, mo, d) * 24 + h) * 60 + mi;
}

/** The day after an ISO date ("2025-02-28" → "2025-03-01"), by calendar arithmetic. */
export function nextDay(isoDate: string): string {
  const y = Number(isoDate.slice(0, 4));
  const mo = Number(isoDate.slice(5, 7));
  const d = Number(isoDate.slice(8, 10));
  if (isRealDay(y, mo, d + 1)) return isoDate.slice(0, 8) + (d + 1 < 10 ? `0${d + 1}` : String(d + 1));
  if (mo === 12) return `${String(y + 1).padStart(4, "0")}-01-01`;
  return `${isoDate.slice(0, 5)}${mo + 1 < 10 ? `0${mo + 1}` : String(mo + 1)}-01`;
}

export function dateOf(localDateTime: string): string {
  return localDateTime.slice(0, 10);
}

export interface Interval {
  start: number;
  stop: number;
}

/** Sorted, non-overlapping union of intervals. */
export function union(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.stop > i.start).sort((a, b) => a.start - b.start || a.stop - b.stop);
  const out: Interval[] = [];
  for (const interval of sorted) {
    const last = out[out.length - 1];
    if (last && interval.start <= last.stop) last.stop = Math.max(last.stop, interval.stop);
    else out.push({ ...interval });
  }
  return out;
}

/** The parts of `from` not covered by any of `remove`. */
export function subtract(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const cuts = union(remove);
  const out: Interval[] = [];
  for (const piece of union(from)) {
    let cursor = piece.start;
    for (const cut of cuts) {
      if (cut.stop <= cursor || cut.start >= piece.stop) continue;
      if (cut.start > cursor) out.push({ start: cursor, stop: cut.start });
      cursor = Math.max(cursor, cut.stop);
    }
    if (cursor < piece.stop) out.push({ start: cursor, stop: piece.stop });
  }
  return out;
}

export function totalMinutes(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, i) => sum + (i.stop - i.start), 0);
}

export function overlapMinutes(a: Interval, others: readonly Interval[]): number {
  return totalMinutes([a]) - totalMinutes(subtract([a], others));
}
