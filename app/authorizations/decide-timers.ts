// The timer command: a deadline was reached. It emits the deadline's event once; a stale or repeated timer
// (the band already raised, the case moved on, the clock not there yet) is a no-op, so sweeps and workflow
// timers may fire more than once.
import type { CommandOf } from "./commands";
import type { CaseState } from "./case-state";
import { type Deadline, deadlines } from "./deadlines";
import type { DecideContext, MakeEvent } from "./decide-support";
import { type Decision, accept } from "./errors";
import type { CaseEvent } from "./events";

type Result = Decision<CaseEvent>;

/** Narrower bands are more urgent: 7 before 14 before 30. */
function urgency(band: number | "units" | undefined): number {
  return typeof band === "number" ? band : Number.MAX_SAFE_INTEGER;
}

function timerData(deadline: Deadline) {
  return { key: deadline.key, dueAt: deadline.at.toISOString(), rule: deadline.rule };
}

export function deadlineReached(state: CaseState, command: CommandOf<"deadline-reached">, context: DecideContext, event: MakeEvent): Result {
  const due = deadlines(state, context.rules, context.now).filter((d) => d.kind === command.kind && d.overdue);
  if (due.length === 0) return accept([]);
  switch (command.kind) {
    case "renewal-alert": {
      if (!state.authorization) return accept([]);
      const unitsDue = due.find((d) => d.band === "units");
      const datesDue = due.filter((d) => typeof d.band === "number").sort((a, b) => urgency(a.band) - urgency(b.band));
      if (command.band === "units" || (command.band === undefined && datesDue.length === 0)) {
        return accept(unitsDue ? [event("renewal-alert-raised", { ...timerData(unitsDue), band: "units", effectiveTo: state.authorization.effectiveTo, skippedBands: [] })] : []);
      }
      if (command.band !== undefined && !datesDue.some((d) => d.band === command.band)) return accept([]);
      // Whichever band's timer fired, one alert goes out: the most urgent band due; wider ones due too are skipped.
      const [chosen, ...wider] = datesDue;
      if (!chosen || chosen.band === undefined) return accept([]);
      const skippedBands = wider.map((d) => d.band as number);
      return accept([event("renewal-alert-raised", { ...timerData(chosen), band: chosen.band, effectiveTo: state.authorization.effectiveTo, skippedBands })]);
    }
    case "follow-up": {
      const first = due[0];
      return accept(first ? [event("follow-up-due", timerData(first))] : []);
    }
    case "decision-due":
      return accept(due.map((d) => event("decision-overdue", timerData(d))));
    case "rfi-due":
      return accept(due.map((d) => event("information-overdue", { ...timerData(d), requestId: d.key.replace("rfi-due:", "") })));
    case "p2p-request":
      return accept(due.map((d) => event("p2p-window-closed", timerData(d))));
    case "appeal-filing":
      return accept(due.map((d) => event("appeal-window-closed", { ...timerData(d), level: d.appealLevel ?? 1 })));
    case "site-of-care-transition":
      return accept(due.map((d) => event("site-of-care-transition-due", { ...timerData(d), firstDoseWindowDays: d.windowDays ?? 0 })));
    case "expiry":
      return accept(state.authorization ? due.map((d) => event("expired", { ...timerData(d), effectiveTo: state.authorization?.effectiveTo ?? "" })) : []);
  }
}
