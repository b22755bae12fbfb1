// The case page's data as the browser receives it (dates as ISO strings).
import type { SerializeFrom } from "@remix-run/node";
import type { CasePage } from "~/case-page.server";

export type CasePageData = SerializeFrom<CasePage>;
export type CaseHeaderData = CasePageData["header"];
export type CaseLineData = CasePageData["lines"][number];
export type CaseDocumentData = CasePageData["documents"][number];
export type UpcomingVisitData = CasePageData["upcoming"][number];
