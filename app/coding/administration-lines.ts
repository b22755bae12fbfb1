// Administration lines (96360-96549, C8957) from the timing, kind and route of all administrations
// together: the initial-service choice, sequential/concurrent/repeat services, hydration, pushes,
// injections, subcutaneous and intra-arterial infusions, pumps and port care.
import { NOC_DRUG_CODES, addOnBases, administrationLabel } from "./codes";
import type { CodingContext, DraftLine } from "./claim";
import type { Administration } from "./encounter";
import type { FindingDraft } from "./findings";
import { ceilUnits } from "./quantity";
import { type Interval, dateOf, nextDay, overlapMinutes, subtract, toMinutes, totalMinutes, union } from "./time";

type Kind = Administration["kind"];

/** First-hour codes cover 16-90 minutes; each further unit needs more than 30 minutes of the next hour. */
export function additionalHourUnits(minutes: number): number {
  return minutes <= 90 ? 0 : ceilUnits((minutes - 90) / 60);
}

/** 96361 after a different initial service: each unit needs more than 30 minutes. */
export function secondaryHydrationUnits(minutes: number): number {
  return minutes <= 30 ? 0 : ceilUnits((minutes - 30) / 60);
}

export const PUSH_MAX_MINUTES = 15;
export const HYDRATION_MIN_MINUTES = 31;
export const PROLONGED_PUMP_MINUTES = 8 * 60;

interface Timing {
  start?: number;
  stop?: number;
  minutes?: number;
  /** start/stop given but stop precedes start. */
  invalid: boolean;
}

interface IvService {
  ids: string[];
  kind: Kind;
  mode: "infusion" | "push";
  timing: Timing;
  site: string | undefined;
  drugKey: string;
  primary: boolean;
  pump: boolean;
  separateSiteRequired: boolean | undefined;
  dateOfService: string;
  /** Position after sorting by start and id: the tie-breaker everywhere. */
  order: number;
}

interface TimedService extends IvService {
  interval: Interval | undefined;
}

/** Emitted administration codes, aggregated per code, modifiers and date. */
class LineEmitter {
  private readonly lines = new Map<string, DraftLine>();
  constructor(private readonly baseOrder: number) {}

  add(code: string, units: number, service: { ids: readonly string[]; dateOfService: string }, explanation: string, modifiers: readonly string[] = []): void {
    if (units <= 0) return;
    const key = `${code}|${modifiers.join(",")}|${service.dateOfService}`;
    const existing = this.lines.get(key);
    if (existing) {
      existing.units += units;
      for (const id of service.ids) if (!existing.administrations.includes(id)) existing.administrations.push(id);
      existing.explanation += `; ${explanation}`;
      return;
    }
    this.lines.set(key, {
      kind: "administration",
      code,
      units,
      modifiers: [...modifiers],
      dateOfService: service.dateOfService,
      administrations: [...service.ids],
      label: administrationLabel(code),
      explanation,
      order: this.baseOrder + this.lines.size,
    });
  }

  codes(): Set<string> {
    return new Set([...this.lines.values()].map((l) => l.code));
  }

  all(): DraftLine[] {
    return [...this.lines.values()];
  }
}

type Drafts = FindingDraft<DraftLine>[];

function timingOf(a: Administration): Timing {
  const start = a.start === undefined ? undefined : toMinutes(a.start);
  const stop = a.stop === undefined ? undefined : toMinutes(a.stop);
  if (start !== undefined && stop !== undefined) {
    if (stop < start) return { start, stop, invalid: true };
    return { start, stop, minutes: stop - start, invalid: false };
  }
  const timing: Timing = { invalid: false };
  if (start !== undefined) timing.start = start;
  if (stop !== undefined) timing.stop = stop;
  return timing;
}

function drugKeyOf(a: Administration): string {
  const drug = a.drug;
  if (!drug) return `administration:${a.id}`;
  if (NOC_DRUG_CODES.has(drug.hcpcs)) return `${drug.hcpcs}:${(drug.name ?? drug.ndc ?? a.id).toLowerCase()}`;
  return drug.hcpcs;
}

const KIND_RANK: Record<Kind, number> = { chemotherapy: 0, therapeutic: 1, hydration: 2 };

/** Facility hierarchy: chemo infusion > chemo push > therapeutic infusion > therapeutic push > hydration. */
function hierarchyRank(s: IvService): number {
  return KIND_RANK[s.kind] * 2 + (s.mode === "infusion" ? 0 : 1);
}

function byHierarchy(a: IvService, b: IvService): number {
  return hierarchyRank(a) - hierarchyRank(b) || a.order - b.order;
}

function describe(s: IvService): string {
  const minutes = s.timing.minutes === undefined ? "" : `, ${s.timing.minutes} min`;
  return `${s.ids.join("+")} (${s.kind} ${s.mode}${minutes})`;
}

/** Chemotherapy codes only for drugs eligible for complex administration (per drug, payer may override). */
function effectiveKind(a: Administration, ctx: CodingContext, findings: Drafts): Kind {
  if (a.kind !== "chemotherapy" || !a.drug) return a.kind;
  const hcpcs = a.drug.hcpcs;
  const eligible = ctx.policy.complexAdministration[hcpcs] ?? ctx.reference.drug(hcpcs, ctx.dateOfService)?.complexAdministration ?? true;
  if (eligible) return a.kind;
  findings.push({
    rule: "ADMIN_COMPLEX_NOT_ELIGIBLE",
    message: `${hcpcs} is not eligible for chemotherapy administration codes for this payer; ${a.id} is coded as a therapeutic administration.`,
    administration: a.id,
  });
  return "therapeutic";
}

function serviceDate(timing: Timing, ctx: CodingContext, a: Administration): string {
  return a.start !== undefined && timing.start !== undefined ? dateOf(a.start) : ctx.dateOfService;
}


interface Prepared {
  iv: IvService[];
  injections: { a: Administration; kind: Kind; timing: Timing }[];
  subcutaneousInfusions: { a: Administration; timing: Timing }[];
  intraArterial: { a: Administration; kind: Kind; timing: Timing }[];
  procedures: Administration[];
}

function prepare(administrations: readonly Administration[], ctx: CodingContext, findings: Drafts): Prepared {
  const prepared: Prepared = { iv: [], injections: [], subcutaneousInfusions: [], intraArterial: [], procedures: [] };
  const bags = new Map<string, { a: Administration; kind: Kind; timing: Timing }[]>();
  const ivGroups: { a: Administration; kind: Kind; timing: Timing }[][] = [];
  const dayAfter = nextDay(ctx.dateOfService);
  for (const a of administrations) {
    if (a.procedure !== undefined) {
      prepared.procedures.push(a);
      continue;
    }
    if (a.kvo) {
      findings.push({ rule: "ADMIN_KVO_NOT_REPORTED", message: `${a.id} is keep-vein-open fluid, which is not reported.`, administration: a.id });
      continue;
    }
    const timing = timingOf(a);
    if (a.start !== undefined && dateOf(a.start) !== ctx.dateOfService && dateOf(a.start) !== dayAfter) {
      findings.push({ rule: "ADMIN_DATE_MISMATCH", message: `${a.id} starts on ${dateOf(a.start)}, not on the date of service ${ctx.dateOfService} (or the next day for a visit crossing midnight).`, administration: a.id });
    }
    if (timing.invalid) {
      findings.push({ rule: "ADMIN_TIME_INVALID", message: `${a.id} stops before it starts (${a.start} → ${a.stop}); no time-based code is produced from it.`, administration: a.id });
    }
    const kind = effectiveKind(a, ctx, findings);
    switch (a.route) {
      case "iv-infusion":
      case "iv-push": {
        const entry = { a, kind, timing };
        if (a.bag === undefined) ivGroups.push([entry]);
        else {
          const group = bags.get(a.bag);
          if (group) group.push(entry);
          else {
            const created = [entry];
            bags.set(a.bag, created);
            ivGroups.push(created);
          }
        }
        break;
      }
      case "subcutaneous":
      case "intramuscular":
        prepared.injections.push({ a, kind, timing });
        break;
      case "subcutaneous-infusion":
        prepared.subcutaneousInfusions.push({ a, timing });
        break;
      case "intra-arterial":
        prepared.intraArterial.push({ a, kind, timing });
        break;
    }
  }
  ivGroups.forEach((group, order) => prepared.iv.push(mergeBag(group, order, ctx)));
  return prepared;
}

/** Administrations sharing a bag are one infusion: the highest kind, the whole time, all drugs. */
function mergeBag(group: readonly { a: Administration; kind: Kind; timing: Timing }[], order: number, ctx: CodingContext): IvService {
  const first = group[0];
  if (!first) throw new Error("empty bag group");
  if (group.length === 1) return singleService(first.a, first.kind, first.timing, order, ctx);
  const starts = group.map((g) => g.timing.start).filter((v): v is number => v !== undefined);
  const stops = group.map((g) => g.timing.stop).filter((v): v is number => v !== undefined);
  const invalid = group.some((g) => g.timing.invalid);
  const timing: Timing = { invalid };
  if (starts.length > 0) timing.start = Math.min(...starts);
  if (stops.length > 0) timing.stop = Math.max(...stops);
  if (!invalid && timing.start !== undefined && timing.stop !== undefined && timing.stop >= timing.start) timing.minutes = timing.stop - timing.start;
  const kind = group.map((g) => g.kind).sort((x, y) => KIND_RANK[x] - KIND_RANK[y])[0] ?? first.kind;
  const drugKeys = [...new Set(group.filter((g) => g.a.drug).map((g) => drugKeyOf(g.a)))].sort();
  const startText = group.map((g) => g.a.start).filter((s): s is string => s !== undefined).sort()[0];
  return {
    ids: group.map((g) => g.a.id),
    kind,
    mode: group.every((g) => g.a.route === "iv-push") ? "push" : "infusion",
    timing,
    site: group.map((g) => g.a.accessSite).find((s) => s !== undefined),
    drugKey: drugKeys.length > 0 ? drugKeys.join("+") : drugKeyOf(first.a),
    primary: group.some((g) => g.a.primary),
    pump: group.some((g) => g.a.pump),
    separateSiteRequired: group.map((g) => g.a.separateSiteRequired).find((v) => v !== undefined),
    dateOfService: startText ? dateOf(startText) : ctx.dateOfService,
    order,
  };
}

/** The common case, an administration in no shared bag: the same result as mergeBag without the merging. */
function singleService(a: Administration, kind: Kind, timing: Timing, order: number, ctx: CodingContext): IvService {
  const merged: Timing = { invalid: timing.invalid };
  if (timing.start !== undefined) merged.start = timing.start;
  if (timing.stop !== undefined) merged.stop = timing.stop;
  if (!timing.invalid && timing.start !== undefined && timing.stop !== undefined && timing.stop >= timing.start) merged.minutes = timing.stop - timing.start;
  return {
    ids: [a.id],
    kind,
    mode: a.route === "iv-push" ? "push" : "infusion",
    timing: merged,
    site: a.accessSite,
    drugKey: drugKeyOf(a),
    primary: a.primary,
    pump: a.pump,
    separateSiteRequired: a.separateSiteRequired,
    dateOfService: a.start ? dateOf(a.start) : ctx.dateOfService,
    order,
  };
}

interface IvPlan {
  timed: TimedService[];
  pumps: IvService[];
}

/** A service with its interval, built field by field: object spread of a service is a hot spot when coding in bulk. */
function timed(s: IvService, mode: IvService["mode"], interval: Interval | undefined): TimedService {
  return {
    ids: s.ids,
    kind: s.kind,
    mode,
    timing: s.timing,
    site: s.site,
    drugKey: s.drugKey,
    primary: s.primary,
    pump: s.pump,
    separateSiteRequired: s.separateSiteRequired,
    dateOfService: s.dateOfService,
    order: s.order,
    interval,
  };
}

/** Decides push vs infusion from the time, sets pumps apart, and drops untimed infusions with a finding. */
function planIv(services: readonly IvService[], findings: Drafts): IvPlan {
  const plan: IvPlan = { timed: [], pumps: [] };
  for (const s of services) {
    const minutes = s.timing.minutes;
    if (s.mode === "infusion" && s.pump && s.kind !== "hydration") {
      if (minutes !== undefined && minutes <= PROLONGED_PUMP_MINUTES) {
        findings.push({ rule: "ADMIN_PUMP_UNDER_8_HOURS", message: `${describe(s)} used a pump but lasted ${minutes} minutes (not more than 8 hours): coded as an ordinary infusion.`, administration: s.ids[0] });
      } else {
        plan.pumps.push(s);
        continue;
      }
    }
    if (s.mode === "push") {
      plan.timed.push(timed(s, s.mode, minutes !== undefined && s.timing.start !== undefined ? { start: s.timing.start, stop: s.timing.start + minutes } : undefined));
      continue;
    }
    if (minutes === undefined || s.timing.start === undefined) {
      if (!s.timing.invalid) {
        findings.push({ rule: "ADMIN_TIME_MISSING", message: `${s.ids.join("+")} has no ${s.timing.start === undefined ? "start" : "stop"} time: no time-based code can be produced from it (documentation gap).`, administration: s.ids[0] });
      }
      continue;
    }
    if (minutes <= PUSH_MAX_MINUTES && s.kind !== "hydration") {
      findings.push({ rule: "ADMIN_SHORT_INFUSION_AS_PUSH", message: `${s.ids.join("+")} ran ${minutes} minutes (15 or less): coded as an IV push.`, administration: s.ids[0] });
      plan.timed.push(timed(s, "push", { start: s.timing.start, stop: s.timing.start + minutes }));
      continue;
    }
    plan.timed.push(timed(s, s.mode, { start: s.timing.start, stop: s.timing.start + minutes }));
  }
  return plan;
}

interface EncounterState {
  concurrentReported: boolean;
  /** Per drug: the time of its last reported push (start) or infusion (stop). */
  lastGiven: Map<string, number | undefined>;
}

interface Placed {
  service: TimedService;
  role: "initial" | "sequential" | "concurrent";
  minutes: number;
  ids: string[];
}

function initialCode(s: IvService): string {
  if (s.kind === "chemotherapy") return s.mode === "infusion" ? "96413" : "96409";
  return s.mode === "infusion" ? "96365" : "96374";
}

/** What one chain of services shares while it is coded (module-level functions, not closures: cheaper in bulk). */
interface Chain {
  placed: Placed[];
  state: EncounterState;
  emitter: LineEmitter;
  findings: Drafts;
  ctx: CodingContext;
}

function remember(chain: Chain, s: TimedService): void {
  chain.state.lastGiven.set(s.drugKey, s.mode === "push" ? s.timing.start : s.interval?.stop);
}

/** Hydration time not concurrent with a drug infusion; the concurrent minutes are a finding, never billed. */
function hydrationPieces(hydration: readonly TimedService[], drugInfusionIntervals: readonly Interval[], findings: Drafts): { pieces: Interval[]; concurrent: number } {
  const all = union(hydration.flatMap((h) => (h.interval ? [h.interval] : [])));
  const pieces = subtract(all, drugInfusionIntervals);
  const concurrent = totalMinutes(all) - totalMinutes(pieces);
  if (concurrent > 0) {
    findings.push({
      rule: "ADMIN_HYDRATION_CONCURRENT",
      message: `${concurrent} minutes of hydration (${hydration.map((h) => h.ids.join("+")).join(", ")}) ran at the same time as a drug infusion and are not billed.`,
      administration: hydration[0]?.ids[0],
    });
  }
  return { pieces, concurrent };
}

/** One chain of services on one access: an initial service and everything subsequent to it. */
function codeChain(
  services: readonly TimedService[],
  initial: TimedService | undefined,
  initialModifiers: readonly string[],
  drugInfusionIntervals: readonly Interval[],
  state: EncounterState,
  emitter: LineEmitter,
  ctx: CodingContext,
  findings: Drafts,
): void {
  const { policy } = ctx;
  const hydration = services.filter((s) => s.kind === "hydration");
  const drugs = services.filter((s) => s.kind !== "hydration");

  const hydrationService = { ids: hydration.flatMap((h) => h.ids), dateOfService: hydration[0]?.dateOfService ?? ctx.dateOfService };

  if (!initial) {
    // Hydration only: initial hydration, then additional hours.
    if (hydration.length === 0) return;
    const { pieces } = hydrationPieces(hydration, drugInfusionIntervals, findings);
    const minutesList = policy.hydrationSplit === "per-piece" ? pieces.map((p) => p.stop - p.start) : [totalMinutes(pieces)];
    const [first = 0, ...rest] = minutesList;
    if (first < HYDRATION_MIN_MINUTES) {
      if (totalMinutes(pieces) > 0) {
        findings.push({ rule: "ADMIN_TIME_TOO_SHORT", message: `Hydration ${hydrationService.ids.join(", ")} lasted ${first} minutes: 30 minutes or less is not reportable.`, administration: hydrationService.ids[0] });
      }
      return;
    }
    emitter.add("96360", 1, hydrationService, `Initial hydration ${hydrationService.ids.join(", ")}: ${first} min`, initialModifiers);
    const extra = additionalHourUnits(first) + rest.reduce((sum, m) => sum + secondaryHydrationUnits(m), 0);
    emitter.add("96361", extra, hydrationService, `Hydration beyond the first hour: ${minutesList.join(" + ")} min → ${extra} unit(s)`, initialModifiers);
    return;
  }

  const placed: Placed[] = [];
  const chain: Chain = { placed, state, emitter, findings, ctx };

  emitter.add(initialCode(initial), 1, initial, `Initial service ${describe(initial)}`, initialModifiers);
  if (initial.mode === "infusion") placed.push({ service: initial, role: "initial", minutes: initial.timing.minutes ?? 0, ids: [...initial.ids] });
  remember(chain, initial);

  const others = drugs.filter((s) => s !== initial).sort((a, b) => (a.timing.start ?? Infinity) - (b.timing.start ?? Infinity) || a.order - b.order);
  for (const s of others) {
    if (s.mode === "infusion") codeInfusion(chain, s);
    else codePush(chain, s);
  }

  for (const p of placed) {
    if (p.role === "concurrent") continue;
    const code = p.service.kind === "chemotherapy" ? "96415" : "96366";
    const units = additionalHourUnits(p.minutes);
    emitter.add(code, units, { ids: p.ids, dateOfService: p.service.dateOfService }, `Additional hour(s) of ${p.ids.join("+")}: ${p.minutes} min → ${units} unit(s)`);
  }

  if (hydration.length > 0) {
    const { pieces } = hydrationPieces(hydration, drugInfusionIntervals, findings);
    const minutesList = policy.hydrationSplit === "per-piece" ? pieces.map((p) => p.stop - p.start) : [totalMinutes(pieces)];
    const units = minutesList.reduce((sum, m) => sum + secondaryHydrationUnits(m), 0);
    if (units > 0) {
      emitter.add("96361", units, hydrationService, `Hydration after a different initial service: ${minutesList.join(" + ")} min not concurrent with a drug → ${units} unit(s)`);
    } else if (totalMinutes(pieces) > 0) {
      findings.push({ rule: "ADMIN_TIME_TOO_SHORT", message: `Hydration ${hydrationService.ids.join(", ")}: ${minutesList.join(" + ")} minutes not concurrent with a drug; 30 minutes or less is not reportable.`, administration: hydrationService.ids[0] });
    }
  }

}

/** A drug infusion after the initial service: repeat, concurrent (96368) or sequential (96367/96417). */
function codeInfusion(chain: Chain, s: TimedService): void {
  const { placed, state, emitter, findings, ctx } = chain;
  const { policy } = ctx;
  const facility = ctx.encounter.setting === "facility";
  const minutes = s.timing.minutes ?? 0;
  const prior = placed.find((p) => p.role !== "concurrent" && p.service.drugKey === s.drugKey);
  if (prior) {
    const chemo = s.kind === "chemotherapy";
    switch (policy.repeatSameDrugInfusion) {
      case "sum-times":
        prior.minutes += minutes;
        prior.ids.push(...s.ids);
        break;
      case "additional-hour-per-repeat": {
        const units = 1 + additionalHourUnits(minutes);
        emitter.add(chemo ? "96415" : "96366", units, s, `Repeat infusion of the same drug ${describe(s)}: additional hour per repeat → ${units} unit(s)`);
        break;
      }
      case "push-per-repeat": {
        const code = chemo ? "96411" : facility ? "96376" : "96375";
        emitter.add(code, 1, s, `Repeat infusion of the same drug ${describe(s)} reported as a push (payer policy)`);
        break;
      }
    }
    remember(chain, s);
    return;
  }
  const overlapping = placed.flatMap((p) => (p.service.interval ? [p.service.interval] : []));
  const overlap = s.interval ? overlapMinutes(s.interval, overlapping) : 0;
  if (overlap > 0) {
    // 96368 is reported only with an initial or additional-hour infusion code (96365, 96366, 96413, 96415, 96416):
    // after a push initial it would stand without its base, so the overlap is deducted from a sequential infusion.
    const concurrentHasBase = placed.some((p) => p.role === "initial");
    if (policy.overlappingInfusions === "concurrent-96368" && !concurrentHasBase) {
      findings.push({ rule: "ADMIN_CONCURRENT_WITHOUT_BASE", message: `${describe(s)} overlaps another infusion, but the initial service is a push: 96368 would have no base code, so it is coded as a sequential infusion with the ${overlap} overlapping minutes deducted.`, administration: s.ids[0] });
    }
    switch (concurrentHasBase ? policy.overlappingInfusions : "deduct-overlap-from-sequential") {
      case "concurrent-96368":
        if (!state.concurrentReported) {
          emitter.add("96368", 1, s, `Concurrent infusion ${describe(s)}: overlaps another infusion by ${overlap} min`);
          state.concurrentReported = true;
        } else {
          findings.push({ rule: "ADMIN_CONCURRENT_ONCE", message: `${describe(s)} is concurrent too; 96368 is reported once per encounter.`, administration: s.ids[0] });
        }
        placed.push({ service: s, role: "concurrent", minutes, ids: [...s.ids] });
        remember(chain, s);
        return;
      case "deduct-overlap-from-sequential": {
        const remaining = minutes - overlap;
        if (remaining <= PUSH_MAX_MINUTES) {
          findings.push({ rule: "ADMIN_TIME_TOO_SHORT", message: `${describe(s)}: ${remaining} minutes remain after deducting ${overlap} overlapping minutes; not reportable as a sequential infusion.`, administration: s.ids[0] });
          placed.push({ service: s, role: "concurrent", minutes, ids: [...s.ids] });
          remember(chain, s);
          return;
        }
        emitter.add(s.kind === "chemotherapy" ? "96417" : "96367", 1, s, `Sequential infusion of a new drug ${describe(s)} with ${overlap} overlapping minutes deducted`);
        placed.push({ service: s, role: "sequential", minutes: remaining, ids: [...s.ids] });
        remember(chain, s);
        return;
      }
    }
  }
  emitter.add(s.kind === "chemotherapy" ? "96417" : "96367", 1, s, `Sequential infusion of a new drug ${describe(s)}`);
  placed.push({ service: s, role: "sequential", minutes, ids: [...s.ids] });
  remember(chain, s);
}

/** A push after the initial service: a new drug (96375/96411) or a repeat (96376, facility only). */
function codePush(chain: Chain, s: TimedService): void {
  const { state, emitter, findings, ctx } = chain;
  const facility = ctx.encounter.setting === "facility";
  const givenBefore = state.lastGiven.has(s.drugKey);
  if (!givenBefore) {
    emitter.add(s.kind === "chemotherapy" ? "96411" : "96375", 1, s, `Sequential IV push of a new drug ${describe(s)}`);
    remember(chain, s);
    return;
  }
  const last = state.lastGiven.get(s.drugKey);
  if (s.kind === "chemotherapy") {
    findings.push({ rule: "ADMIN_REPEAT_PUSH_NOT_REPORTED", message: `${describe(s)} repeats a chemotherapy drug already given: 96411 is for each additional drug, so no code is produced.`, administration: s.ids[0] });
    return;
  }
  if (!facility) {
    findings.push({ rule: "ADMIN_REPEAT_PUSH_NOT_REPORTED", message: `${describe(s)} repeats a drug already given: 96376 is facility-only, so the repeat is not reported on a professional claim.`, administration: s.ids[0] });
    return;
  }
  const elapsed = s.timing.start !== undefined && last !== undefined ? s.timing.start - last : undefined;
  const threshold = ctx.rules.repeatPushMinutes;
  if (elapsed === undefined) {
    findings.push({ rule: "ADMIN_TIME_MISSING", message: `${describe(s)} repeats a drug but the times do not show ${threshold} minutes since the last one: 96376 cannot be supported.`, administration: s.ids[0] });
    return;
  }
  if (elapsed <= threshold) {
    findings.push({ rule: "ADMIN_REPEAT_PUSH_NOT_REPORTED", message: `${describe(s)} was ${elapsed} minutes after the last dose of the same drug: 96376 needs more than ${threshold} minutes.`, administration: s.ids[0] });
    return;
  }
  emitter.add("96376", 1, s, `Repeat IV push of the same drug ${describe(s)}, ${elapsed} min after the last`);
  remember(chain, s);
}

function overlapsAny(a: readonly TimedService[], b: readonly TimedService[]): boolean {
  const bIntervals = b.flatMap((s) => (s.interval ? [s.interval] : []));
  return a.some((s) => s.interval !== undefined && overlapMinutes(s.interval, bIntervals) > 0);
}

/** All IV services: site groups, chains, second initials. */
function codeIv(
  timed: readonly TimedService[],
  pickInitial: (drugs: readonly TimedService[]) => TimedService | undefined,
  ctx: CodingContext,
  emitter: LineEmitter,
  findings: Drafts,
): void {
  const drugInfusionIntervals = timed.filter((s) => s.kind !== "hydration" && s.mode === "infusion" && s.interval).map((s) => s.interval as Interval);
  const state: EncounterState = { concurrentReported: false, lastGiven: new Map() };
  const drugs = timed.filter((s) => s.kind !== "hydration");
  const initial = pickInitial(drugs);
  const firstSite = initial?.site ?? timed.find((s) => s.site !== undefined)?.site;
  const siteOf = (s: TimedService) => s.site ?? firstSite;

  const groups = new Map<string | undefined, TimedService[]>();
  for (const s of timed) {
    const site = siteOf(s);
    const group = groups.get(site);
    if (group) group.push(s);
    else groups.set(site, [s]);
  }
  const main = groups.get(firstSite) ?? [];
  const separate: TimedService[][] = [];
  for (const [site, group] of groups) {
    if (site === firstSite) continue;
    const declared = group.map((s) => s.separateSiteRequired).find((v) => v !== undefined);
    const isSeparate = declared ?? overlapsAny(group, main);
    if (isSeparate) separate.push(group);
    else {
      main.push(...group);
      findings.push({ rule: "ADMIN_SITE_CHANGE", message: `${group.map((s) => s.ids.join("+")).join(", ")} used another access site (${site}) without running at the same time: coded as part of the same sequence, not as a second initial service.`, administration: group[0]?.ids[0] });
    }
  }
  codeChain(main, initial, [], drugInfusionIntervals, state, emitter, ctx, findings);
  for (const group of separate) {
    const groupInitial = [...group.filter((s) => s.kind !== "hydration")].sort(byHierarchy)[0];
    const modifier = ctx.policy.distinctSiteModifier;
    findings.push({
      rule: "ADMIN_SECOND_INITIAL",
      message: `A second initial service is coded for access site ${group[0]?.site ?? "?"} with modifier ${modifier}: the record must show that a separate IV site was medically required.`,
      administration: group[0]?.ids[0],
    });
    codeChain(group, groupInitial, [modifier], drugInfusionIntervals, state, emitter, ctx, findings);
  }
}

function hierarchyPick(drugs: readonly TimedService[]): TimedService | undefined {
  return [...drugs].sort(byHierarchy)[0];
}

function missingBases(lines: readonly DraftLine[]): string[] {
  const codes = new Set(lines.map((l) => l.code));
  return lines.filter((l) => {
    const bases = addOnBases(l.code);
    return bases !== undefined && !bases.some((b) => codes.has(b));
  }).map((l) => l.code);
}

function codeIvWithInitialChoice(plan: IvPlan, administrations: readonly Administration[], ctx: CodingContext, baseOrder: number): { lines: DraftLine[]; findings: Drafts } {
  const attempt = (pick: (drugs: readonly TimedService[]) => TimedService | undefined) => {
    const emitter = new LineEmitter(baseOrder);
    const findings: Drafts = [];
    codeIv(plan.timed, pick, ctx, emitter, findings);
    return { lines: emitter.all(), findings };
  };
  if (ctx.encounter.setting === "facility") return attempt(hierarchyPick);

  // Professional: the primary reason for the encounter, whatever the order.
  const drugs = plan.timed.filter((s) => s.kind !== "hydration");
  const primaries = drugs.filter((s) => s.primary).sort(byHierarchy);
  const primaryAdministrations = administrations.filter((a) => a.primary);
  const notes: Drafts = [];
  if (primaries.length === 0) {
    const ivCount = plan.timed.length;
    const primaryHydration = primaryAdministrations.find((a) => a.kind === "hydration");
    if (primaryHydration && drugs.length > 0) {
      notes.push({ rule: "ADMIN_PRIMARY_OVERRIDDEN", message: `${primaryHydration.id} (hydration) is marked primary, but hydration cannot be the initial service when a drug was also given: the initial service follows the hierarchy.`, administration: primaryHydration.id });
    } else if (primaryAdministrations.length === 0 && drugs.length > 0 && ivCount > 1) {
      notes.push({ rule: "ADMIN_PRIMARY_MISSING", message: "No administration is marked primary: the initial service was chosen by the facility hierarchy. Mark the primary reason for the visit." });
    }
    const result = attempt(hierarchyPick);
    return { lines: result.lines, findings: [...notes, ...result.findings] };
  }
  const primary = primaries[0];
  const withPrimary = attempt(() => primary);
  const broken = missingBases(withPrimary.lines);
  if (broken.length === 0) return withPrimary;
  const fallback = attempt(hierarchyPick);
  return {
    lines: fallback.lines,
    findings: [
      { rule: "ADMIN_PRIMARY_OVERRIDDEN", message: `${describe(primary as IvService)} is marked primary, but with it as the initial service ${broken.join(", ")} would have no valid primary code: the initial service follows the hierarchy instead.`, administration: primary?.ids[0] },
      ...fallback.findings,
    ],
  };
}

function distinctDrugs(entries: readonly { a: Administration }[]): { ids: string[]; keys: string[] } {
  return { ids: entries.map((e) => e.a.id), keys: [...new Set(entries.map((e) => drugKeyOf(e.a)))] };
}

function codeInjections(prepared: Prepared, ctx: CodingContext, emitter: LineEmitter): void {
  const dateOfService = ctx.dateOfService;
  const therapeutic = prepared.injections.filter((i) => i.kind !== "chemotherapy");
  if (therapeutic.length > 0) {
    // Two vials or syringes of the same drug are one injection.
    const { ids, keys } = distinctDrugs(therapeutic);
    emitter.add("96372", keys.length, { ids, dateOfService }, `SC/IM injection of ${keys.length} drug(s): ${ids.join(", ")}`);
  }
  const chemo = prepared.injections.filter((i) => i.kind === "chemotherapy");
  const hormonal = chemo.filter((i) => i.a.drug && ctx.reference.drug(i.a.drug.hcpcs, ctx.dateOfService)?.hormonalAntineoplastic === true);
  const nonHormonal = chemo.filter((i) => !hormonal.includes(i));
  for (const [code, list] of [["96401", nonHormonal], ["96402", hormonal]] as const) {
    if (list.length === 0) continue;
    const { ids, keys } = distinctDrugs(list);
    emitter.add(code, keys.length, { ids, dateOfService }, `Chemotherapy SC/IM injection of ${keys.length} drug(s): ${ids.join(", ")}`);
  }
}

function codeSubcutaneousInfusions(prepared: Prepared, ctx: CodingContext, emitter: LineEmitter, findings: Drafts): void {
  const timed = prepared.subcutaneousInfusions.filter(({ a, timing }) => {
    if (timing.minutes === undefined) {
      if (!timing.invalid) findings.push({ rule: "ADMIN_TIME_MISSING", message: `${a.id} (subcutaneous infusion) has no start or stop time: no time-based code can be produced.`, administration: a.id });
      return false;
    }
    return true;
  });
  if (timed.length === 0) return;
  const intervals = union(timed.map(({ timing }) => ({ start: timing.start ?? 0, stop: timing.stop ?? 0 })));
  const minutes = totalMinutes(intervals);
  const ids = timed.map(({ a }) => a.id);
  const service = { ids, dateOfService: ctx.dateOfService };
  if (minutes <= PUSH_MAX_MINUTES) {
    findings.push({ rule: "ADMIN_TIME_TOO_SHORT", message: `Subcutaneous infusion ${ids.join(", ")} lasted ${minutes} minutes: coded as a subcutaneous injection.`, administration: ids[0] });
    emitter.add("96372", 1, service, `Subcutaneous infusion of ${minutes} min coded as an injection`);
    return;
  }
  emitter.add("96369", 1, service, `Subcutaneous infusion with pump set-up: ${minutes} min`);
  emitter.add("96370", additionalHourUnits(minutes), service, `Subcutaneous infusion beyond the first hour: ${minutes} min`);
  const sites = new Set(timed.map(({ a }) => a.accessSite ?? "default"));
  if (sites.size > 1) emitter.add("96371", 1, service, `Additional pump set-up with new subcutaneous site(s): ${sites.size} sites`);
}

function codeIntraArterial(prepared: Prepared, ctx: CodingContext, emitter: LineEmitter, findings: Drafts): void {
  const therapeutic = prepared.intraArterial.filter((i) => i.kind !== "chemotherapy");
  if (therapeutic.length > 0) {
    const { ids, keys } = distinctDrugs(therapeutic);
    emitter.add("96373", keys.length, { ids, dateOfService: ctx.dateOfService }, `Intra-arterial injection of ${keys.length} drug(s)`);
  }
  let infusionMinutes = 0;
  const infusionIds: string[] = [];
  for (const { a, timing } of prepared.intraArterial.filter((i) => i.kind === "chemotherapy")) {
    const service = { ids: [a.id], dateOfService: serviceDate(timing, ctx, a) };
    if (a.pump && (timing.minutes === undefined || timing.minutes > PROLONGED_PUMP_MINUTES)) {
      emitter.add("96425", 1, service, `Intra-arterial chemotherapy by pump ${a.id}`);
    } else if (timing.minutes === undefined) {
      if (!timing.invalid) findings.push({ rule: "ADMIN_TIME_MISSING", message: `${a.id} (intra-arterial chemotherapy) has no start or stop time: push or infusion cannot be told apart.`, administration: a.id });
    } else if (timing.minutes <= PUSH_MAX_MINUTES) {
      emitter.add("96420", 1, service, `Intra-arterial chemotherapy push ${a.id} (${timing.minutes} min)`);
    } else {
      infusionMinutes += timing.minutes;
      infusionIds.push(a.id);
    }
  }
  if (infusionIds.length > 0) {
    const service = { ids: infusionIds, dateOfService: ctx.dateOfService };
    emitter.add("96422", 1, service, `Intra-arterial chemotherapy infusion: ${infusionMinutes} min`);
    emitter.add("96423", additionalHourUnits(infusionMinutes), service, `Intra-arterial infusion beyond the first hour: ${infusionMinutes} min`);
  }
}

function codePumps(pumps: readonly IvService[], ctx: CodingContext, emitter: LineEmitter, findings: Drafts): void {
  for (const s of pumps) {
    if (s.kind === "chemotherapy") emitter.add("96416", 1, s, `Prolonged chemotherapy infusion by pump started: ${describe(s)}`);
    else if (ctx.encounter.setting === "facility") emitter.add("C8957", 1, s, `Prolonged infusion by pump started (hospital): ${describe(s)}`);
    else {
      findings.push({ rule: "ADMIN_NO_CODE", message: `${describe(s)} is a prolonged non-chemotherapy pump infusion: there is no professional code for its initiation; code it by hand from the documentation.`, administration: s.ids[0] });
    }
  }
}

function codeProcedures(procedures: readonly Administration[], otherLines: number, ctx: CodingContext, emitter: LineEmitter, findings: Drafts): void {
  for (const a of procedures) {
    const service = { ids: [a.id], dateOfService: a.start ? dateOf(a.start) : ctx.dateOfService };
    switch (a.procedure) {
      case "pump-refill-portable":
        emitter.add("96521", 1, service, `Portable pump refill ${a.id}`);
        break;
      case "pump-refill-implantable":
        emitter.add("96522", 1, service, `Implantable pump refill ${a.id}`);
        break;
      case "port-irrigation":
        if (otherLines > 0) {
          findings.push({ rule: "ADMIN_PORT_IRRIGATION_BUNDLED", message: `Port irrigation ${a.id} is not reported: 96523 is not reportable with any other injection or infusion on the same day.`, administration: a.id });
        } else emitter.add("96523", 1, service, `Port or catheter irrigation ${a.id} (no other administration)`);
        break;
      case undefined:
        break;
    }
  }
}

/** Administration lines for the encounter; administrations must already be in canonical order. */
export function codeAdministrations(administrations: readonly Administration[], ctx: CodingContext): DraftLine[] {
  const findings: Drafts = [];
  const prepared = prepare(administrations, ctx, findings);
  const plan = planIv(prepared.iv, findings);
  const iv = codeIvWithInitialChoice(plan, administrations, ctx, 0);
  findings.push(...iv.findings);
  const emitter = new LineEmitter(iv.lines.length);
  codePumps(plan.pumps, ctx, emitter, findings);
  codeSubcutaneousInfusions(prepared, ctx, emitter, findings);
  codeIntraArterial(prepared, ctx, emitter, findings);
  codeInjections(prepared, ctx, emitter);
  codeProcedures(prepared.procedures, iv.lines.length + emitter.all().length, ctx, emitter, findings);
  for (const f of findings) ctx.findings.add(f.rule, f.message, f);
  return [...iv.lines, ...emitter.all()];
}

export function isAddOnWithoutBase(line: { code: string }, codes: ReadonlySet<string>): boolean {
  const bases = addOnBases(line.code);
  return bases !== undefined && !bases.some((b) => codes.has(b));
}
