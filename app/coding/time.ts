// Local wall-clock times ("2025-03-04T09:00") as minute counts, and interval arithmetic on them.
// Date.UTC is used only as a calendar: no clock is read and no time zone is applied.

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Minutes since 1970-01-01T00:00 of a local date-time; undefined when not a real date-time. */
export function toMinutes(text: string): number | undefined {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  if (h > 23 || mi > 59 || !isValidIsoDate(text.slice(0, 10))) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi) / 60_000;
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
