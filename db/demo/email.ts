// Email settings and history in the demo: the organization's email settings (reply-to, digest at 7 am New York
// time), Jordan's own preferences (no digest), a delegate nurse for Dr. Natarajan (she gets the emails as well),
// and, for each information request Dr. Lee answered herself, the emailed sign-in link she followed and the use of
// the action link. No secret exists for those sign-in links (the stored hashes are random), so none can be used.
import type { Organization } from "./organization";
import { addDays, addMinutes, at } from "./random";
import type { CaseRef } from "./cases";
import type { Context } from "./types";

export function buildEmailSettings(ctx: Context, org: Organization, cases: CaseRef[]): void {
  const { rng, data, today, organizationId } = ctx;
  data.organizationEmailSettings.push({
    id: rng.uuid(),
    organizationId,
    replyTo: "pa-team@riverside.example",
    digestDefault: true,
    digestHour: 7,
    timeZone: "America/New_York",
    noticesOff: [],
    updatedAt: at(addDays(today, -90), 10, 15),
    updatedById: org.users.admin,
  });
  data.emailPreferences.push({ id: rng.uuid(), organizationId, userId: org.users.jordan, digest: false, notices: { deadlines: true }, updatedAt: at(addDays(today, -60), 16, 40) });

  const natarajan = data.providers.find((p) => p.id === org.providers.natarajan.id);
  if (natarajan) Object.assign(natarajan, { delegateName: "Sam Rivera, RN", delegateEmail: "s.rivera@riverside.example", delegateMode: "also" });

  const hex = () => `${rng.uuid()}${rng.uuid()}`.replace(/-/g, "");
  for (const c of cases) {
    if (c.draft.patient.provider.key !== "lee") continue;
    const events = c.record.events;
    for (const sent of events.filter((e) => e.type === "information-sent" && e.actorUserId === org.users.clinician)) {
      if (sent.type !== "information-sent") continue;
      const answeredAt = new Date(sent.occurredAt);
      const linkKey = `upload-requested-document:information-request:${c.draft.id}:${sent.data.requestId}`;
      data.signInLinks.push({
        id: rng.uuid(),
        organizationId,
        tokenHash: hex(),
        linkKey,
        returnPath: `/cases/${c.draft.id}`,
        providerId: org.providers.lee.id,
        recipient: "provider",
        userId: org.users.clinician,
        expiresAt: addMinutes(answeredAt, 12),
        usedAt: addMinutes(answeredAt, -2),
        createdAt: addMinutes(answeredAt, -3),
      });
      data.emailLinkUses.push({ id: rng.uuid(), organizationId, linkKey, state: "done", claimedAt: answeredAt, usedAt: answeredAt, actorUserId: org.users.clinician });
    }
  }
}
