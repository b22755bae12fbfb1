import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Callout, Card, Code, Flex, Heading, Text } from "@radix-ui/themes";
import { DEFAULT_TIME_ZONE, addDays, isIsoDate, localDate, startOfLocalDay } from "~/authorizations/calendar";
import { requireRole } from "~/auth.server";
import { PageHeader } from "~/components/app-shell";
import { DeadlineGrid } from "~/components/calendar/deadline-grid";
import { loadConfig } from "~/config.server";
import { calendarWeeks, shiftAnchor, type CalendarEntry, type CalendarView } from "~/deadline-calendar";
import { CALENDAR_ROLES, feedCreatedAt, loadUserDeadlines, regenerateFeedToken } from "~/deadline-calendar.server";

export const meta: MetaFunction = () => [{ title: "Calendar · Infusion PA" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CALENDAR_ROLES);
  const url = new URL(request.url);
  const now = new Date();
  const today = localDate(now, DEFAULT_TIME_ZONE);
  const view: CalendarView = url.searchParams.get("view") === "week" ? "week" : "month";
  const asked = url.searchParams.get("date");
  const anchor = asked && isIsoDate(asked) ? asked : today;
  const weeks = calendarWeeks(view, anchor);
  const first = weeks[0]![0]!;
  const last = weeks.at(-1)!.at(-1)!;
  const entries = await loadUserDeadlines(user.organizationId, user.userId, { from: startOfLocalDay(first, DEFAULT_TIME_ZONE), to: startOfLocalDay(addDays(last, 1), DEFAULT_TIME_ZONE) }, now);
  const byDay: Record<string, CalendarEntry[]> = {};
  for (const entry of entries) (byDay[entry.date] ??= []).push(entry);
  const feedSince = await feedCreatedAt(user.organizationId, user.userId);
  return {
    view,
    anchor,
    today,
    weeks,
    month: view === "month" ? anchor.slice(0, 7) : null,
    entries: byDay,
    count: entries.length,
    previous: shiftAnchor(view, anchor, -1),
    next: shiftAnchor(view, anchor, 1),
    feedSince: feedSince?.toISOString() ?? null,
  };
}

/** `regenerate-feed` makes a new feed secret (the old link stops working) and shows the new link once. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, CALENDAR_ROLES);
  const form = await request.formData();
  if (form.get("intent") !== "regenerate-feed") return { ok: false as const, message: "Choose what to do with the calendar feed." };
  const token = await regenerateFeedToken(user.organizationId, user.userId);
  const base = loadConfig().APP_URL.replace(/\/+$/, "");
  return { ok: true as const, feedUrl: `${base}/calendar.ics?token=${encodeURIComponent(token)}` };
}

const monthWords = (iso: string) => new Date(`${iso.slice(0, 7)}-15T12:00:00Z`).toLocaleDateString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
const shortDay = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

function FeedCard({ feedSince }: { feedSince: string | null }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "regenerate-feed";
  return (
    <Card size="2">
      <Heading as="h2" size="3" mb="2">
        Calendar feed
      </Heading>
      <Text as="p" size="2" color="gray" mb="3">
        Subscribe from Outlook, Google or Apple Calendar to see these deadlines there. The feed shows only the kind of deadline, the case number and the
        patient&apos;s initials. Anyone with the link can read it: regenerate it if it was shared by mistake, and the old link stops working.
      </Text>
      {result?.ok ? (
        <Callout.Root color="green" mb="3" role="status">
          <Callout.Text>
            Your new feed link (copy it now; it is shown only once):
            <br />
            <Code data-testid="feed-url" style={{ wordBreak: "break-all" }}>
              {result.feedUrl}
            </Code>
          </Callout.Text>
        </Callout.Root>
      ) : result ? (
        <Callout.Root color="red" mb="3" role="alert">
          <Callout.Text>{result.message}</Callout.Text>
        </Callout.Root>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="regenerate-feed" />
        <Flex gap="3" align="center" wrap="wrap">
          <Button type="submit" variant="soft" disabled={busy}>
            {feedSince || result?.ok ? "Regenerate feed link" : "Create feed link"}
          </Button>
          <Text size="1" color="gray">
            {feedSince ? `Current link made ${shortDay(feedSince.slice(0, 10))}.` : "No feed link yet."}
          </Text>
        </Flex>
      </Form>
    </Card>
  );
}

export default function Calendar() {
  const { view, anchor, today, weeks, month, entries, count, previous, next, feedSince } = useLoaderData<typeof loader>();
  const title = view === "month" ? monthWords(anchor) : `Week of ${shortDay(weeks[0]![0]!)}`;
  const to = (params: { view?: CalendarView; date?: string }) => `/calendar?view=${params.view ?? view}&date=${params.date ?? anchor}`;
  return (
    <>
      <PageHeader title="Calendar" description="Your deadlines: payer decisions, information due, peer-to-peer requests and calls, appeal windows and expiries. Arrow keys move between days; Enter opens a day's first deadline." />
      <Flex direction="column" gap="4">
        <Flex justify="between" align="center" wrap="wrap" gap="3">
          <Flex align="center" gap="2">
            <Button asChild variant="soft" color="gray" size="1">
              <Link to={to({ date: previous })} aria-label={view === "month" ? "Previous month" : "Previous week"}>
                ←
              </Link>
            </Button>
            <Heading as="h2" size="4" id="calendar-title" data-testid="calendar-title">
              {title}
            </Heading>
            <Button asChild variant="soft" color="gray" size="1">
              <Link to={to({ date: next })} aria-label={view === "month" ? "Next month" : "Next week"}>
                →
              </Link>
            </Button>
            <Button asChild variant="ghost" size="1">
              <Link to={to({ date: today })}>Today</Link>
            </Button>
          </Flex>
          <Flex align="center" gap="3">
            <Text size="2" color="gray" role="status">
              {count === 0 ? "Nothing due in this view" : `${count} ${count === 1 ? "deadline" : "deadlines"}`}
            </Text>
            <Flex gap="1" role="group" aria-label="Calendar view">
              {(["month", "week"] as const).map((v) => (
                <Button key={v} asChild size="1" variant={v === view ? "solid" : "soft"} color={v === view ? undefined : "gray"}>
                  <Link to={to({ view: v })} aria-current={v === view ? "page" : undefined}>
                    {v === "month" ? "Month" : "Week"}
                  </Link>
                </Button>
              ))}
            </Flex>
          </Flex>
        </Flex>
        <DeadlineGrid key={`${view}-${anchor}`} weeks={weeks} month={month} today={today} entries={entries} label={`Deadlines, ${title}`} detailed={view === "week"} />
        <FeedCard feedSince={feedSince} />
      </Flex>
    </>
  );
}
