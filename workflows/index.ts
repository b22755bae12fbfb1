// The workflow entry point the worker bundles (see ARCHITECTURE.md, "The lifecycle engine").
export { authorizationCase } from "./authorization-case";
export { claimRelease } from "./claim-release";
export { caseEpisode } from "./case-episode";
export { reconcile, dailyDigest, holdAging } from "./housekeeping";
