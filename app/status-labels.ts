import type { AuthorizationStatus } from "../db/schema";

/** Authorization statuses in a coordinator's words. */
export const statusLabels: Record<AuthorizationStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  pending: "Awaiting payer",
  information_requested: "Information requested",
  approved: "Approved",
  partially_approved: "Partially approved",
  modified: "Approved with changes",
  denied: "Denied",
  peer_to_peer: "Peer-to-peer",
  appeal: "In appeal",
  no_auth_required: "No auth required",
  renewal_due: "Renewal due",
  superseded: "Superseded",
  exhausted: "Units exhausted",
  expired: "Expired",
  cancelled: "Cancelled",
  voided: "Voided",
  duplicate: "Duplicate",
};
