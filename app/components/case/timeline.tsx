// The case's audit trail in a coordinator's words: who, when, how it was sent, the proof and the documents.
import { Badge, Box, Card, Flex, Heading, Text } from "@radix-ui/themes";
import { documentKindWords } from "./document-forms";

export interface TimelineEvent {
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  channel: string | null;
  proofReference: string | null;
  occurredAt: string;
  actorName: string | null;
}

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const OUTCOME_WORDS: Record<string, string> = {
  approved: "approved",
  partially_approved: "partially approved",
  modified: "approved with changes",
  denied: "denied",
  no_auth_required: "said no authorization is required",
  overturned: "overturned the denial",
  upheld: "upheld the denial",
};

/** One sentence per event; member names for ids are given by the caller. */
export function eventSentence(event: Pick<TimelineEvent, "type" | "payload">, names: Record<string, string> = {}): string {
  const p = event.payload;
  switch (event.type) {
    case "case-created":
      return "Case opened";
    case "submitted":
      return "Request submitted to the payer";
    case "payer-acknowledged": {
      const refs = Array.isArray(p.references) ? (p.references as { kind?: string; value?: string }[]) : [];
      return `Payer acknowledged the request${refs.length ? `: ${refs.map((r) => `${(r.kind ?? "reference").replace(/-/g, " ")} ${r.value ?? ""}`.trim()).join(", ")}` : ""}`;
    }
    case "information-requested": {
      const items = Array.isArray(p.items) ? (p.items as string[]) : [];
      return `Payer asked for ${items.join("; ") || "more information"}${str(p.dueOn) ? `, due ${str(p.dueOn)}` : ""}`;
    }
    case "information-sent":
      return `Requested information sent${str(p.note) ? `: ${str(p.note)}` : ""}`;
    case "decision-recorded": {
      const outcome = OUTCOME_WORDS[str(p.outcome) ?? ""] ?? str(p.outcome) ?? "decided";
      const approval = p.approval as { authorizationNumber?: string; effectiveFrom?: string; effectiveTo?: string } | undefined;
      const reason = str(p.reason);
      return `Payer ${outcome}${approval?.authorizationNumber ? ` — authorization ${approval.authorizationNumber}, ${approval.effectiveFrom} to ${approval.effectiveTo}` : ""}${reason ? ` — “${reason}”` : ""}`;
    }
    case "p2p-requested":
      return "Peer-to-peer review requested";
    case "p2p-scheduled":
      return `Peer-to-peer call scheduled for ${str(p.scheduledFor)?.slice(0, 16).replace("T", " ") ?? "a time to confirm"}${str(p.reviewer) ? ` with ${str(p.reviewer)}` : ""}`;
    case "p2p-outcome-recorded":
      return `Peer-to-peer reviewer ${OUTCOME_WORDS[str(p.outcome) ?? ""] ?? "decided"}`;
    case "appeal-filed": {
      const level = p.level === "external" ? "external review" : typeof p.level === "number" ? `level ${p.level}` : undefined;
      const kind = p.kind === "site_of_care" ? "site of care" : p.kind === "medical_necessity" ? "medical necessity" : undefined;
      const detail = [level, kind].filter(Boolean).join(", ");
      return `Appeal filed${detail ? ` (${detail})` : ""}`;
    }
    case "appeal-decided":
      return `Appeal decision: the payer ${OUTCOME_WORDS[str(p.outcome) ?? ""] ?? "decided"}`;
    case "renewal-started":
      return "Renewal request started";
    case "superseded":
      return `Superseded by a ${str(p.reason) ?? "new"} request from ${str(p.from) ?? "a later date"}`;
    case "regimen-changed": {
      const held = Array.isArray(p.onHold) ? p.onHold.length : 0;
      return p.covered
        ? "Regimen changed; the current authorization still covers it"
        : `Regimen changed; a revised request is needed${p.revisedCaseId ? " and was drafted" : ""}, and ${held === 1 ? "1 visit or claim is" : `${held} visits and claims are`} on hold`;
    }
    case "cancelled":
      return `Case cancelled: ${str(p.reason) ?? ""}`;
    case "voided":
      return `Case voided: ${str(p.reason) ?? ""}`;
    case "marked-duplicate":
      return "Marked a duplicate of another case";
    case "assigned": {
      const id = str(p.assigneeId);
      return id ? `Assigned to ${names[id] ?? "a team member"}` : "Unassigned";
    }
    case "note-added":
      return `${p.payerContact ? "Payer contact note" : "Note"}: ${str(p.text) ?? ""}`;
    case "document-attached":
      return `Document attached: ${documentKindWords(str(p.kind) ?? "document").toLowerCase()}${p.requestedByPayer ? ", requested by the payer" : ""}`;
    case "ledger-synced":
      return "Units used updated from the unit ledger";
    case "units-exhausted":
      return "Authorized units used up";
    case "decision-overdue":
      return "Payer decision overdue";
    case "follow-up-due":
      return "Follow-up with the payer due";
    case "information-overdue":
      return "Requested information overdue";
    case "p2p-window-closed":
      return "Peer-to-peer window closed";
    case "appeal-window-closed":
      return "Appeal filing window closed";
    case "renewal-alert-raised":
      return `Renewal alert: ${p.band === "units" ? "units for the next doses are running out" : `authorization ends within ${String(p.band)} days`}`;
    case "site-of-care-transition-due":
      return "Site-of-care transition due";
    case "expired":
      return `Authorization expired${str(p.effectiveTo) ? ` (ended ${str(p.effectiveTo)})` : ""}`;
    default:
      return event.type.replace(/-/g, " ");
  }
}

const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "America/New_York" });

/** The documents an event names: the one attached, or the ones sent with an answer or an appeal. */
function eventDocumentIds(event: TimelineEvent): string[] {
  const p = event.payload;
  if (event.type === "document-attached" && typeof p.documentId === "string") return [p.documentId];
  if (Array.isArray(p.documentIds)) return p.documentIds.filter((d): d is string => typeof d === "string");
  return [];
}

export function Timeline({ events, names, documents = {} }: { events: TimelineEvent[]; names: Record<string, string>; documents?: Record<string, string> }) {
  return (
    <Card size="2">
      <Heading as="h2" size="4" mb="3">
        Timeline
      </Heading>
      <Flex direction="column" gap="3" asChild>
        <ol aria-label="Case timeline" style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {[...events].reverse().map((event) => (
            <li key={event.sequence} data-testid="timeline-event" style={{ borderLeft: "2px solid var(--gray-a6)", paddingLeft: 12 }}>
              <Text as="div" size="2" weight="medium">
                {eventSentence(event, names)}
              </Text>
              <Flex gap="2" wrap="wrap" align="center" mt="1">
                <Text size="1" color="gray">
                  {when.format(new Date(event.occurredAt))} · {event.actorName ?? "System"}
                </Text>
                {event.channel ? (
                  <Badge size="1" variant="soft">
                    {event.channel.replace(/_/g, " ")}
                  </Badge>
                ) : null}
                {event.proofReference ? (
                  <Text size="1" color="gray">
                    Proof: {event.proofReference}
                  </Text>
                ) : null}
                {eventDocumentIds(event).map((documentId) => (
                  <Text size="1" key={documentId}>
                    <a href={`/documents/${documentId}`} target="_blank" rel="noreferrer">
                      {documents[documentId] ?? "document"}
                    </a>
                  </Text>
                ))}
              </Flex>
            </li>
          ))}
        </ol>
      </Flex>
      <Box />
    </Card>
  );
}
