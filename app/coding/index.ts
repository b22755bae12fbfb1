// The coding engine's public surface: validate an encounter, code it, read the findings.
export { EncounterSchema, parseEncounter, parseEncounterJson, formatEncounterErrors, jsonPath } from "./encounter";
export type { Encounter, EncounterInput, Administration, BilledLine, EncounterError, ParsedEncounter } from "./encounter";
export { codeEncounter, canonicalOrder } from "./code-encounter";
export type { CodedClaim, ClaimLine, LineNdc, AuthorizationCoverage, CodeOptions } from "./claim";
export { RULES } from "./findings";
export type { Finding, RuleId, Severity } from "./findings";
export type { CodingReference, DrugReference, NdcReference, PtpEdit, MueEdit, PtpTable, MueTable } from "./reference";
export { CodingPolicySchema, PolicyOverridesSchema, defaultPolicy, resolvePolicy } from "./policy";
export type { CodingPolicy, PolicyOverrides, PayerPolicy, PayerKind } from "./policy";
export { DEFAULT_CODING_RULES } from "./rules";
export type { CodingRules } from "./rules";
export { normalizeNdc } from "./ndc";
export { additionalHourUnits, secondaryHydrationUnits } from "./administration-lines";
