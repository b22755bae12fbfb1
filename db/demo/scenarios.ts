// The demo's cast: what each regimen looks like and what story each patient's authorization tells. The patient,
// case and claim builders all read this table, so a patient's schedule, cases and claims agree with each other.
import type * as s from "../schema";
import type { FacilityKey, ProviderKey } from "./organization";
import type { PayerKey } from "./payers";

export type AuthorizationStatus = (typeof s.authorizationStatus.enumValues)[number];
export type DoseUnit = (typeof s.billingUnit.enumValues)[number];
export type Route = (typeof s.route.enumValues)[number];

export type TemplateKey =
  | "infliximab-cd"
  | "infliximab-uc"
  | "inflectra-cd"
  | "vedolizumab"
  | "ocrelizumab"
  | "natalizumab"
  | "ivig-cidp"
  | "ivig-pi"
  | "rituximab-nhl"
  | "rituximab-ra"
  | "pembrolizumab"
  | "tocilizumab"
  | "abatacept"
  | "ferric-carboxymaltose";

export interface RegimenTemplate {
  hcpcs: string;
  dose: number;
  doseUnit: DoseUnit;
  basis: "fixed" | "per_kg" | "per_m2";
  intervalDays: number;
  /** Days after the first dose of the induction doses (before the maintenance interval takes over). */
  induction: number[];
  frequency: string;
  administrationsCount: number;
  /** A finite series stops after administrationsCount doses. */
  finite: boolean;
  diagnoses: string[];
  provider: ProviderKey;
  infusionMinutes: number;
  /** Pre-medication given by IV push before the drug. */
  premedication: "methylprednisolone" | "diphenhydramine" | null;
  /** Sequential hydration after the drug. */
  hydration: boolean;
  /** Highest single dose (caps weight-based doses). */
  maxDose?: number;
}

export const templates: Record<TemplateKey, RegimenTemplate> = {
  "infliximab-cd": t("J1745", 5, "mg", "per_kg", 56, [14, 42], "5 mg/kg at weeks 0, 2 and 6, then every 8 weeks", 8, ["K5090"], "lee", 120, "diphenhydramine"),
  "infliximab-uc": t("J1745", 5, "mg", "per_kg", 56, [14, 42], "5 mg/kg at weeks 0, 2 and 6, then every 8 weeks", 8, ["K5190"], "lee", 120, "diphenhydramine"),
  "inflectra-cd": t("Q5103", 5, "mg", "per_kg", 56, [14, 42], "5 mg/kg at weeks 0, 2 and 6, then every 8 weeks", 8, ["K5010"], "lee", 120, null),
  vedolizumab: t("J3380", 300, "mg", "fixed", 56, [14, 42], "300 mg at weeks 0, 2 and 6, then every 8 weeks", 8, ["K5190"], "lee", 30, null),
  ocrelizumab: t("J2350", 600, "mg", "fixed", 182, [], "600 mg every 6 months", 2, ["G35"], "natarajan", 210, "methylprednisolone"),
  natalizumab: t("J2323", 300, "mg", "fixed", 28, [], "300 mg every 4 weeks", 13, ["G35"], "natarajan", 60, null),
  "ivig-cidp": t("J1569", 2, "g", "per_kg", 28, [], "2 g/kg loading, then every 4 weeks", 6, ["G6181"], "natarajan", 240, "diphenhydramine", true),
  "ivig-pi": t("J1569", 0.4, "g", "per_kg", 28, [], "0.4 g/kg every 4 weeks", 12, ["D8989"], "okafor", 180, "diphenhydramine"),
  "rituximab-nhl": { ...t("J9312", 375, "mg", "per_m2", 7, [], "375 mg/m2 weekly × 4", 4, ["C8330"], "okafor", 240, "methylprednisolone", true), finite: true },
  "rituximab-ra": { ...t("J9312", 1000, "mg", "fixed", 14, [], "1000 mg on days 1 and 15", 2, ["M0579"], "vasquez", 255, "methylprednisolone"), finite: true },
  pembrolizumab: t("J9271", 200, "mg", "fixed", 21, [], "200 mg every 3 weeks", 17, ["C3490"], "okafor", 30, null, true),
  tocilizumab: { ...t("J3262", 8, "mg", "per_kg", 28, [], "8 mg/kg every 4 weeks", 13, ["M0579"], "vasquez", 60, null), maxDose: 800 },
  abatacept: t("J0129", 750, "mg", "fixed", 28, [14, 28], "750 mg at weeks 0, 2 and 4, then every 4 weeks", 13, ["M0579"], "vasquez", 30, null),
  "ferric-carboxymaltose": { ...t("J1439", 750, "mg", "fixed", 7, [], "750 mg × 2, at least 7 days apart", 2, ["D509"], "okafor", 20, null), finite: true },
};

function t(
  hcpcs: string,
  dose: number,
  doseUnit: DoseUnit,
  basis: RegimenTemplate["basis"],
  intervalDays: number,
  induction: number[],
  frequency: string,
  administrationsCount: number,
  diagnoses: string[],
  provider: ProviderKey,
  infusionMinutes: number,
  premedication: RegimenTemplate["premedication"],
  hydration = false,
): RegimenTemplate {
  return { hcpcs, dose, doseUnit, basis, intervalDays, induction, frequency, administrationsCount, finite: false, diagnoses, provider, infusionMinutes, premedication, hydration };
}

/** Days one authorization usually covers for this drug (IVIG and natalizumab: six months; the rest a year). */
export function authorizationDays(template: RegimenTemplate): number {
  return template.hcpcs === "J1569" || template.hcpcs === "J2323" ? 182 : 364;
}

/**
 * A patient's authorization story.
 * - active: one approved case covering a regimen started months ago;
 * - new: a regimen about to start, one case in `status`;
 * - the rest are named for what happens in them (see case-plan.ts).
 */
export type Story =
  | { kind: "active"; status: "approved" | "partially_approved" | "modified" }
  | { kind: "new"; status: AuthorizationStatus; expedited?: boolean; firstDoseGiven?: boolean }
  | { kind: "renewal-due"; successor: "draft" | "pending" | null }
  | { kind: "renewed" }
  | { kind: "exhausted" }
  | { kind: "expired" }
  | { kind: "voided" }
  | { kind: "duplicate" }
  | { kind: "dose-change" }
  | { kind: "no-auth" };

export interface Scenario {
  template: TemplateKey;
  payer: PayerKey;
  facility: FacilityKey;
  story: Story;
  /** A Medicaid secondary coverage (dual eligible) or a commercial secondary. */
  secondary?: boolean;
  /** One recent administration was documented without its NDC. */
  missingNdc?: boolean;
  /** An older claim was held and then released by a biller. */
  releasedHold?: boolean;
}

const active = (status: "approved" | "partially_approved" | "modified" = "approved"): Story => ({ kind: "active", status });
const fresh = (status: AuthorizationStatus, extra: { expedited?: boolean; firstDoseGiven?: boolean } = {}): Story => ({ kind: "new", status, ...extra });

export const scenarios: Scenario[] = [
  { template: "infliximab-cd", payer: "keystone", facility: "suite", story: active(), secondary: true },
  { template: "vedolizumab", payer: "summit", facility: "office", story: active() },
  { template: "ocrelizumab", payer: "keystone", facility: "hopd", story: active() },
  { template: "natalizumab", payer: "commonwealth", facility: "suite", story: active() },
  { template: "pembrolizumab", payer: "keystone", facility: "hopd", story: active(), secondary: true },
  { template: "tocilizumab", payer: "summit", facility: "suite", story: active(), missingNdc: true },
  { template: "ivig-cidp", payer: "commonwealth", facility: "hopd", story: active() },
  { template: "abatacept", payer: "keystone", facility: "office", story: { kind: "duplicate" } },
  { template: "inflectra-cd", payer: "summit", facility: "suite", story: active(), releasedHold: true },
  { template: "infliximab-uc", payer: "summit", facility: "hopd", story: active("partially_approved") },
  { template: "rituximab-ra", payer: "summit", facility: "suite", story: active("modified") },
  { template: "ivig-pi", payer: "keystone", facility: "hopd", story: { kind: "renewal-due", successor: null }, secondary: true },
  { template: "natalizumab", payer: "keystone", facility: "office", story: { kind: "renewal-due", successor: null } },
  { template: "vedolizumab", payer: "commonwealth", facility: "suite", story: { kind: "renewal-due", successor: "draft" } },
  { template: "infliximab-cd", payer: "summit", facility: "suite", story: { kind: "renewal-due", successor: "pending" } },
  { template: "ocrelizumab", payer: "summit", facility: "hopd", story: { kind: "renewed" } },
  { template: "tocilizumab", payer: "keystone", facility: "suite", story: { kind: "renewed" }, releasedHold: true },
  { template: "pembrolizumab", payer: "summit", facility: "hopd", story: { kind: "exhausted" } },
  { template: "infliximab-cd", payer: "commonwealth", facility: "office", story: { kind: "expired" } },
  { template: "abatacept", payer: "summit", facility: "office", story: { kind: "voided" } },
  { template: "rituximab-nhl", payer: "keystone", facility: "hopd", story: active(), secondary: true },
  { template: "ferric-carboxymaltose", payer: "keystone", facility: "office", story: { kind: "no-auth" } },
  { template: "ivig-cidp", payer: "summit", facility: "hopd", story: active() },
  { template: "infliximab-uc", payer: "keystone", facility: "suite", story: { kind: "dose-change" } },
  { template: "vedolizumab", payer: "summit", facility: "office", story: fresh("draft") },
  { template: "ocrelizumab", payer: "keystone", facility: "hopd", story: fresh("submitted") },
  { template: "inflectra-cd", payer: "summit", facility: "suite", story: fresh("pending") },
  { template: "pembrolizumab", payer: "commonwealth", facility: "hopd", story: fresh("pending", { expedited: true, firstDoseGiven: true }) },
  { template: "natalizumab", payer: "summit", facility: "suite", story: fresh("pending") },
  { template: "tocilizumab", payer: "commonwealth", facility: "office", story: fresh("information_requested") },
  { template: "ivig-pi", payer: "summit", facility: "hopd", story: fresh("information_requested") },
  { template: "rituximab-ra", payer: "keystone", facility: "suite", story: fresh("information_requested"), secondary: true },
  { template: "infliximab-uc", payer: "summit", facility: "hopd", story: fresh("denied") },
  { template: "abatacept", payer: "commonwealth", facility: "office", story: fresh("denied") },
  { template: "vedolizumab", payer: "keystone", facility: "office", story: fresh("denied") },
  { template: "ocrelizumab", payer: "commonwealth", facility: "hopd", story: fresh("peer_to_peer") },
  { template: "infliximab-cd", payer: "summit", facility: "suite", story: fresh("appeal") },
  { template: "pembrolizumab", payer: "keystone", facility: "hopd", story: fresh("cancelled") },
  { template: "ferric-carboxymaltose", payer: "summit", facility: "office", story: fresh("approved") },
  { template: "natalizumab", payer: "commonwealth", facility: "suite", story: fresh("approved") },
];
