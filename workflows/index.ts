// The workflow entry point the worker bundles. The authorization-case and claim-release workflows
// are registered here as they land (see ARCHITECTURE.md, "The lifecycle engine").
export { authorizationCase } from "./authorization-case";
