// The calendar grid: a WAI-ARIA grid of days. One day cell is in the tab order at a time (roving tabindex); arrow keys
// move a day or a week, Home/End go to the start or end of the week, Enter moves into the day's first deadline.
import { useRef, useState } from "react";
import { Link } from "@remix-run/react";
import { Badge, Text } from "@radix-ui/themes";
import { CALENDAR_KIND_WORDS, type CalendarEntry, type CalendarKind } from "~/deadline-calendar";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const KIND_COLOR: Record<CalendarKind, "red" | "amber" | "blue" | "violet" | "gray" | "orange"> = {
  "decision-due": "blue",
  "rfi-due": "amber",
  "p2p-request": "violet",
  "p2p-call": "violet",
  "appeal-filing": "orange",
  expiry: "red",
};

const time = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "America/New_York" });
const dayLabel = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

function timeWords(iso: string): string {
  const text = time.format(new Date(iso));
  return text === "12:00 AM" ? "" : text;
}

export function DeadlineGrid({ weeks, month, today, entries, label, detailed }: { weeks: string[][]; month: string | null; today: string; entries: Record<string, CalendarEntry[]>; label: string; detailed: boolean }) {
  const days = weeks.flat();
  const initial = Math.max(0, days.includes(today) ? days.indexOf(today) : days.findIndex((d) => entries[d]?.length));
  const [active, setActive] = useState(initial);
  const cells = useRef<(HTMLDivElement | null)[]>([]);
  const move = (to: number) => {
    const next = Math.max(0, Math.min(days.length - 1, to));
    setActive(next);
    cells.current[next]?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>, index: number) => {
    const inCell = event.target !== event.currentTarget;
    if (inCell && event.key !== "Escape") return;
    const weekStart = index - (index % 7);
    switch (event.key) {
      case "ArrowRight":
        move(index + 1);
        break;
      case "ArrowLeft":
        move(index - 1);
        break;
      case "ArrowDown":
        move(index + 7);
        break;
      case "ArrowUp":
        move(index - 7);
        break;
      case "Home":
        move(weekStart);
        break;
      case "End":
        move(weekStart + 6);
        break;
      case "Enter":
        cells.current[index]?.querySelector<HTMLAnchorElement>("a")?.focus();
        break;
      case "Escape":
        cells.current[index]?.focus();
        break;
      default:
        return;
    }
    event.preventDefault();
  };
  return (
    <div role="grid" aria-label={label} className="deadline-grid" data-testid="calendar-grid">
      <div role="row" className="deadline-grid-row">
        {WEEKDAYS.map((day) => (
          <div role="columnheader" key={day} className="deadline-grid-head">
            <abbr title={day}>{day.slice(0, 3)}</abbr>
          </div>
        ))}
      </div>
      {weeks.map((week, w) => (
        <div role="row" className="deadline-grid-row" key={week[0]}>
          {week.map((day, d) => {
            const index = w * 7 + d;
            const list = entries[day] ?? [];
            const outside = month !== null && day.slice(0, 7) !== month;
            return (
              <div
                role="gridcell"
                key={day}
                ref={(el) => {
                  cells.current[index] = el;
                }}
                tabIndex={index === active ? 0 : -1}
                aria-selected={index === active}
                aria-label={`${dayLabel(day)}${day === today ? ", today" : ""}: ${list.length === 0 ? "no deadlines" : `${list.length} ${list.length === 1 ? "deadline" : "deadlines"}`}`}
                data-date={day}
                data-testid="calendar-day"
                className={`deadline-grid-cell${outside ? " is-outside" : ""}${day === today ? " is-today" : ""}${detailed ? " is-detailed" : ""}`}
                onKeyDown={(event) => onKeyDown(event, index)}
                onFocus={() => setActive(index)}
              >
                <Text as="div" size="1" weight={day === today ? "bold" : undefined} color={outside ? "gray" : undefined} aria-hidden>
                  {Number(day.slice(8))}
                </Text>
                <ul className="deadline-grid-list">
                  {list.map((entry) => (
                    <li key={entry.uid} data-testid="calendar-entry" data-kind={entry.kind}>
                      <Link to={`/cases/${entry.caseId}`} tabIndex={index === active ? 0 : -1} className={entry.overdue ? "is-overdue" : undefined}>
                        <Badge color={KIND_COLOR[entry.kind]} variant="soft" size="1">
                          {CALENDAR_KIND_WORDS[entry.kind]}
                        </Badge>{" "}
                        <Text size="1">
                          {entry.caseNumber} · {entry.initials}
                          {timeWords(entry.at) ? ` · ${timeWords(entry.at)}` : ""}
                          {entry.overdue ? " · overdue" : ""}
                        </Text>
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
