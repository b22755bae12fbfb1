// A peer-to-peer review or an appeal as a child workflow of its case (ids in ./case-episodes.ts). Its history is the
// episode's own timeline — opened, scheduled, decided — apart from the case's commands; the case remains the system
// of record and keeps the deadlines, so this workflow only listens and ends with the outcome.
import { condition, defineQuery, defineSignal, setHandler } from "@temporalio/workflow";
import type { CaseEvent } from "../app/authorizations";
import { episodeEnd, type EpisodeInput, type EpisodeOutcome } from "./case-episodes";

/** An event of this episode (or the one that closed its case), sent by the case workflow. */
export const episodeEvent = defineSignal<[CaseEvent]>("episodeEvent");
export const episodeTimeline = defineQuery<string[]>("episodeTimeline");

export async function caseEpisode(input: EpisodeInput): Promise<EpisodeOutcome> {
  const timeline: CaseEvent[] = [input.opened];
  let ended: EpisodeOutcome | undefined;
  setHandler(episodeTimeline, () => timeline.map((e) => e.type));
  setHandler(episodeEvent, (event) => {
    if (ended) return;
    timeline.push(event);
    ended = episodeEnd(input, event);
  });
  await condition(() => ended !== undefined);
  return ended!;
}
