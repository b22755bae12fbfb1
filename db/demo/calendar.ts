// The coordinator's calendar feed, as if Casey had subscribed to it a month ago. The stored hash is random, so no
// secret opens it: the demo URL is made by regenerating it on the calendar page.
import { addDays, at } from "./random";
import type { Organization } from "./organization";
import type { Context } from "./types";

export function buildCalendarFeeds(ctx: Context, org: Organization): void {
  const { rng, data, today, organizationId } = ctx;
  const hash = `${rng.uuid()}${rng.uuid()}`.replace(/-/g, "");
  data.calendarFeeds.push({ id: rng.uuid(), organizationId, userId: org.users.coordinator, tokenHash: hash, createdAt: at(addDays(today, -30), 9, 5) });
}
