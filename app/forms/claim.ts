// The claim page's forms: acknowledge a warning, re-evaluate now, an admin's override with its reason. One schema per
// intent, used in the browser (Conform) and again in the action, so a missing reason is named before the round trip.
import { z } from "zod";

export const CLAIM_INTENTS = ["acknowledge-finding", "reevaluate", "override-holds"] as const;
export type ClaimIntent = (typeof CLAIM_INTENTS)[number];

export function isClaimIntent(value: unknown): value is ClaimIntent {
  return typeof value === "string" && (CLAIM_INTENTS as readonly string[]).includes(value);
}

export const OVERRIDE_REASON_MIN = 5;
export const OVERRIDE_REASON_MAX = 500;
const reasonMessage = `Reason: say why the claim may go without passing the gate (at least ${OVERRIDE_REASON_MIN} characters).`;

export const AcknowledgeFindingSchema = z.object({
  intent: z.literal("acknowledge-finding"),
  findingId: z.uuid({ error: "Choose the warning to acknowledge." }),
});

export const ReevaluateClaimSchema = z.object({
  intent: z.literal("reevaluate"),
});

export const OverrideHoldsSchema = z.object({
  intent: z.literal("override-holds"),
  reason: z
    .string({ error: reasonMessage })
    .trim()
    .min(OVERRIDE_REASON_MIN, { error: reasonMessage })
    .max(OVERRIDE_REASON_MAX, { error: `Reason: at most ${OVERRIDE_REASON_MAX} characters.` }),
});

export const claimFormSchema = (intent: ClaimIntent) => {
  switch (intent) {
    case "acknowledge-finding":
      return AcknowledgeFindingSchema;
    case "reevaluate":
      return ReevaluateClaimSchema;
    case "override-holds":
      return OverrideHoldsSchema;
  }
};
