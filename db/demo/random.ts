// Deterministic building blocks for the demo data: a seeded PRNG, UUIDs drawn from it, and date helpers that
// work on the demo's `today` (never the real clock).

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; the same seed always gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A copy of `items` in a seeded random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }

  /** `length` random decimal digits. */
  digits(length: number): string {
    let out = "";
    for (let i = 0; i < length; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }

  /** A version-4, variant-1 shaped UUID whose bits come from the PRNG. */
  uuid(): string {
    const bytes: number[] = [];
    for (let i = 0; i < 16; i++) bytes.push(Math.floor(this.next() * 256));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

// ---------------------------------------------------------------- dates (YYYY-MM-DD strings, calendar arithmetic in UTC)

const DAY_MS = 86_400_000;

function parseDay(day: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function formatDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function assertDay(day: string): string {
  formatDay(parseDay(day));
  return day;
}

export function addDays(day: string, days: number): string {
  return formatDay(parseDay(day) + days * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to) - parseDay(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(parseDay(day)).getUTCDay();
}

/** Moves a weekend day to the following Monday. */
export function nextWeekday(day: string): string {
  const w = weekday(day);
  return w === 6 ? addDays(day, 2) : w === 0 ? addDays(day, 1) : day;
}

/** Moves a weekend day back to the preceding Friday. */
export function previousWeekday(day: string): string {
  const w = weekday(day);
  return w === 6 ? addDays(day, -1) : w === 0 ? addDays(day, -2) : day;
}

export function addBusinessDays(day: string, days: number): string {
  let current = day;
  let left = days;
  while (left > 0) {
    current = addDays(current, 1);
    if (weekday(current) !== 0 && weekday(current) !== 6) left--;
  }
  return current;
}

export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-");
  const candidate = `${Number(y) + years}-${m}-${d}`;
  // 29 February in a non-leap year becomes 28 February.
  return formatDay(parseDay(candidate)) === candidate ? candidate : `${Number(y) + years}-${m}-28`;
}

/** The nth (1-based) Sunday of a month, as a day-of-month number. */
function nthSunday(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

/** UTC offset of America/New_York on a day, in hours (-4 in daylight time, -5 otherwise). */
export function newYorkOffsetHours(day: string): number {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const start = nthSunday(y, 3, 2);
  const end = nthSunday(y, 11, 1);
  const inDst = (m > 3 && m < 11) || (m === 3 && d >= start) || (m === 11 && d < end);
  return inDst ? -4 : -5;
}

/** A wall-clock time at the center (America/New_York) on `day`, as an instant. */
export function at(day: string, hour: number, minute = 0): Date {
  return new Date(parseDay(day) + (hour - newYorkOffsetHours(day)) * 3_600_000 + minute * 60_000);
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

export function addHours(instant: Date, hours: number): Date {
  return addMinutes(instant, hours * 60);
}

/** Age in whole years on `day`. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = day.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

// ---------------------------------------------------------------- identifiers

/** Luhn check digit over a string of digits (the NPI scheme adds the 80840 prefix before computing it). */
function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 10-digit NPI whose check digit is valid (Luhn over "80840" + the first nine digits). */
export function npiFrom(nineDigits: string): string {
  if (!/^[12][0-9]{8}$/.test(nineDigits)) throw new Error(`NPI body must be 9 digits starting with 1 or 2: ${nineDigits}`);
  return nineDigits + String(luhnCheckDigit(`80840${nineDigits}`));
}

export function isValidNpi(npi: string): boolean {
  return /^[0-9]{10}$/.test(npi) && npiFrom(npi.slice(0, 9)) === npi;
}
