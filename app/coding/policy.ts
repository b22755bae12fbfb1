// Policy switches where published answers disagree: a default per payer kind, dated payer policies
// from reference data, and per-encounter overrides, applied in that order.
import { z } from "zod";

export const PAYER_KINDS = ["medicare", "medicaid", "commercial"] as const;
export type PayerKind = (typeof PAYER_KINDS)[number];

export const CodingPolicySchema = z.object({
  /** A second infusion of a drug already infused in the encounter. */
  repeatSameDrugInfusion: z.enum(["sum-times", "additional-hour-per-repeat", "push-per-repeat"]),
  /** Hydration given in pieces around a drug infusion. */
  hydrationSplit: z.enum(["sum-non-concurrent-times", "per-piece"]),
  /** Two drug infusions overlapping in time. */
  overlappingInfusions: z.enum(["concurrent-96368", "deduct-overlap-from-sequential"]),
  /** Modifier for a second initial service at a separate, medically required site. */
  distinctSiteModifier: z.enum(["XU", "XS", "59"]),
  /** How a facility claim reports a drug without a specific code. */
  facilityNocCode: z.enum(["C9399", "keep-noc"]),
  /** Which waste modifiers the payer takes. */
  wasteModifiers: z.enum(["jw-jz", "jw-only", "none"]),
  /** Per-drug override of complex (chemotherapy code) eligibility, by HCPCS. */
  complexAdministration: z.record(z.string(), z.boolean()),
});

export type CodingPolicy = z.infer<typeof CodingPolicySchema>;
export const PolicyOverridesSchema = CodingPolicySchema.partial().strict();
export type PolicyOverrides = z.infer<typeof PolicyOverridesSchema>;

export interface PayerPolicy {
  payerKind?: PayerKind;
  payerId?: string;
  effectiveFrom: string;
  effectiveTo?: string;
  policy: PolicyOverrides;
  source: string;
}

const BASE_POLICY: CodingPolicy = {
  repeatSameDrugInfusion: "sum-times",
  hydrationSplit: "sum-non-concurrent-times",
  overlappingInfusions: "concurrent-96368",
  distinctSiteModifier: "XU",
  facilityNocCode: "keep-noc",
  wasteModifiers: "jw-jz",
  complexAdministration: {},
};

export function defaultPolicy(payerKind: PayerKind): CodingPolicy {
  switch (payerKind) {
    case "medicare":
      // C9399 is the OPPS code for new drugs without a specific code.
      return { ...BASE_POLICY, facilityNocCode: "C9399" };
    case "medicaid":
    case "commercial":
      return { ...BASE_POLICY };
  }
}

function merge(policy: CodingPolicy, overrides: PolicyOverrides): CodingPolicy {
  const { complexAdministration, ...rest } = overrides;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<CodingPolicy>;
  return {
    ...policy,
    ...defined,
    complexAdministration: { ...policy.complexAdministration, ...complexAdministration },
  };
}

export function inEffect(row: { effectiveFrom: string; effectiveTo?: string }, dateOfService: string): boolean {
  return row.effectiveFrom <= dateOfService && (row.effectiveTo === undefined || dateOfService <= row.effectiveTo);
}

export function resolvePolicy(
  payer: { kind: PayerKind; id?: string | undefined },
  dateOfService: string,
  payerPolicies: readonly PayerPolicy[],
  overrides: PolicyOverrides | undefined,
): CodingPolicy {
  let policy = defaultPolicy(payer.kind);
  // Payer-kind rows first, then rows for this payer id, so the most specific wins.
  const applicable = payerPolicies.filter(
    (p) => inEffect(p, dateOfService) && (p.payerKind === undefined || p.payerKind === payer.kind) && (p.payerId === undefined || p.payerId === payer.id),
  );
  const ordered = [...applicable.filter((p) => p.payerId === undefined), ...applicable.filter((p) => p.payerId !== undefined)];
  for (const row of ordered) policy = merge(policy, row.policy);
  return overrides ? merge(policy, overrides) : policy;
}
