// How the case page writes dates, doses and quantities: one set of words for the header, the lists and the forms.
import type { DoseBasis, Route } from "~/authorizations/vocabulary";

export const CASE_TIME_ZONE_LABEL = "Eastern time";

/** "Mar 4, 2026" from "2026-03-04" (a calendar date, so no time zone shifts it). */
export function dayWords(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}

const instantFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "America/New_York" });

/** "Mar 4, 2026, 9:00 AM" in the clinic's zone. */
export function instantWords(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  return instantFormat.format(typeof iso === "string" ? new Date(iso) : iso);
}

export function doseWords(value: number | null, unit: string | null, basis: DoseBasis | null): string {
  if (value === null || unit === null) return "dose not recorded";
  return `${value} ${unit}${basis === "per_kg" ? "/kg" : basis === "per_m2" ? "/m²" : ""}`;
}

export const ROUTE_SHORT: Record<Route, string> = {
  iv_infusion: "IV infusion",
  iv_push: "IV push",
  subcutaneous: "subcutaneous",
  intramuscular: "intramuscular",
  subcutaneous_infusion: "subcutaneous infusion",
  intra_arterial: "intra-arterial",
};

/** "120 units", "1 visit". */
export function quantityWords(quantity: number | null | undefined, unitType: "units" | "visits"): string {
  if (quantity === null || quantity === undefined) return "—";
  return `${quantity} ${unitType === "visits" ? (quantity === 1 ? "visit" : "visits") : quantity === 1 ? "unit" : "units"}`;
}

const CASE_ID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** A domain message with the case ids it names written as case numbers ("case PA-000150"). */
export function withCaseNumbers(text: string, caseNumbers: Record<string, string>): string {
  return text.replace(CASE_ID, (id) => caseNumbers[id.toLowerCase()] ?? "the linked case");
}
