import type { AuthorizationStatus } from "../db/schema";
import type { CertificationType, SiteOfCare } from "./authorizations/vocabulary";

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

/** Sites of care in a coordinator's words (the case page, its forms and the generated letters). */
export const siteOfCareLabels: Record<SiteOfCare, string> = {
  office: "Physician office",
  ambulatory_infusion_center: "Ambulatory infusion center",
  hopd_on_campus: "Hospital outpatient (on campus)",
  hopd_off_campus: "Hospital outpatient (off campus)",
  home: "Home infusion",
};

/** Certification types (X12 UM02) in a coordinator's words. */
export const certificationLabels: Record<CertificationType, string> = {
  initial: "Initial request",
  renewal: "Renewal",
  revised: "Revised request",
  extension: "Extension",
  appeal: "Appeal",
  cancel: "Cancellation",
};
