import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadConfig } from "~/config.server";
import { feedOwner, loadUserDeadlines } from "~/deadline-calendar.server";
import { icsFeed } from "~/deadline-calendar";

/** How far back and ahead the feed reaches: recent misses stay visible, a year of deadlines ahead. */
const PAST_DAYS = 30;
const AHEAD_DAYS = 366;

/**
 * The user's deadlines as an iCalendar feed. Calendar apps send no cookie, so the per-user secret in `?token=` is
 * the credential; a regenerated (or unknown) token is refused with 403 and nothing about the organization.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const owner = await feedOwner(new URL(request.url).searchParams.get("token"));
  if (!owner) {
    return new Response("This calendar link is not valid. It may have been regenerated: copy the new link from the Calendar page in Infusion PA.\n", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const now = new Date();
  const entries = await loadUserDeadlines(owner.organizationId, owner.userId, { from: new Date(now.getTime() - PAST_DAYS * 86_400_000), to: new Date(now.getTime() + AHEAD_DAYS * 86_400_000) }, now);
  return new Response(icsFeed(entries, { appUrl: loadConfig().APP_URL, now }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="infusion-pa-deadlines.ics"',
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
