// Test factories for the authorization module: ids, payer rules, commands, a virtual clock, and a small world of
// cases that applies commands through decide/evolve, routes linked commands and sweeps due deadlines.
import {
  type Actor,
  type Approval,
  type CaseCommandInput,
  type CaseEvent,
  type CaseState,
  type CoverageClaimLine,
  type CreateCaseCommandInput,
  type DecideResult,
  type PayerRuleSet,
  decide,
  evolve,
  linkedCommands,
  nextDeadline,
  parsePayerRules,
} from "~/authorizations";

/** expect.stringContaining, typed for use inside object literals. */
export function containing(text: string): string {
  return expect.stringContaining(text) as string;
}

export function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

export const IDS = {
  patient: uuid(0x1),
  coverage: uuid(0x2),
  payer: uuid(0x3),
  plan: uuid(0x4),
  provider: uuid(0x5),
  facility: uuid(0x6),
  regimen: uuid(0x7),
  otherPayer: uuid(0x8),
  otherPlan: uuid(0x9),
  coordinator: uuid(0x10),
  document: uuid(0x11),
  caseA: uuid(0xa1),
  caseB: uuid(0xb2),
  caseC: uuid(0xc3),
};

export const NPI = { provider: "1234567893", facility: "1902809789" };
export const TIN = "123456789";

export const COORDINATOR: Actor = { userId: IDS.coordinator, role: "coordinator" };

type RawRule = Record<string, unknown>;
let ruleCounter = 0;

/** One payer_rules row for the demo payer "summit-health" unless overridden. */
export function rule(kind: string, value: unknown, overrides: RawRule = {}): RawRule {
  ruleCounter += 1;
  return { id: `rule-${ruleCounter}`, payerId: IDS.payer, kind, value, effectiveFrom: "2026-01-01", source: `Summit Health provider manual (${kind})`, ...overrides };
}

export function makeRules(rows: readonly RawRule[]): PayerRuleSet {
  const parsed = parsePayerRules(rows, { [IDS.payer]: "summit-health", [IDS.otherPayer]: "lakeside-care" });
  if (!parsed.ok) throw new Error(`bad rule fixture: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  return parsed.ruleSet;
}

/** Summit Health's rules in the scenarios: 15 d / 72 h decisions, 10-day RFIs, 14-day P2P, 180/60/120-day appeals. */
export function summitRules(extra: readonly RawRule[] = []): PayerRuleSet {
  return makeRules([
    rule("decision-timeframe", { standardDays: 15, expeditedHours: 72 }),
    rule("rfi-due", { days: 10 }),
    rule("p2p-window", { days: 14 }),
    rule("appeal-window", { days: 180, level: 1 }),
    rule("appeal-window", { days: 60, level: 2 }),
    rule("appeal-window", { days: 120, level: "external" }),
    ...extra,
  ]);
}

/** Infliximab 5 mg/kg for an 80 kg patient: 400 mg = 40 units of J1745 every 8 weeks, 6 doses. */
export function makeCreateCommand(overrides: Partial<CreateCaseCommandInput> = {}): CreateCaseCommandInput {
  return {
    type: "create-case",
    caseId: IDS.caseA,
    caseNumber: "PA-000001",
    regimenId: IDS.regimen,
    patient: { patientId: IDS.patient, weightKg: 80, weighedOn: "2026-01-02" },
    coverage: { coverageId: IDS.coverage, payerId: IDS.payer, planId: IDS.plan, lineOfBusiness: "commercial", memberId: "SH123456789" },
    orderingProvider: { providerId: IDS.provider, npi: NPI.provider },
    facility: { facilityId: IDS.facility, npi: NPI.facility, tin: TIN, siteOfCare: "office", placeOfService: "11", timeZone: "America/New_York" },
    lines: [{ hcpcs: "J1745", dose: { value: 5, unit: "mg", basis: "per_kg" }, route: "iv_infusion", intervalDays: 56, unitsPerDose: 40, administrations: 6, administrationCodes: ["96413"] }],
    requestedFrom: "2026-01-15",
    requestedTo: "2026-07-14",
    diagnoses: ["K50.90"],
    ...overrides,
  };
}

/** A clean J1745 claim line for the default case: 40 units on 12 March 2026, office, with NDC and weight. */
export function makeClaimLine(overrides: Partial<CoverageClaimLine> = {}): CoverageClaimLine {
  return {
    kind: "claim_line",
    patientId: IDS.patient,
    memberId: "SH123456789",
    payerId: IDS.payer,
    planId: IDS.plan,
    renderingNpi: NPI.provider,
    facilityNpi: NPI.facility,
    facilityTin: TIN,
    siteOfCare: "office",
    placeOfService: "11",
    hcpcs: "J1745",
    ndc11: "57894003001",
    units: 40,
    dateOfService: "2026-03-12",
    diagnoses: ["K50.90"],
    weightKg: 80,
    ...overrides,
  };
}

export function makeApproval(overrides: Partial<Approval> & { units?: number } = {}): Approval {
  const { units = 240, ...rest } = overrides;
  return { outcome: "approved", authorizationNumber: "SH-AUTH-1001", effectiveFrom: "2026-01-15", effectiveTo: "2026-07-14", lines: [{ lineNumber: 1, authorizedUnits: units, mappedHcpcs: [] }], ...rest };
}

export class VirtualClock {
  private current: Date;
  constructor(start: string) {
    this.current = new Date(start);
  }
  get now(): Date {
    return new Date(this.current);
  }
  set(iso: string): Date {
    this.current = new Date(iso);
    return this.now;
  }
  advanceHours(hours: number): Date {
    this.current = new Date(this.current.getTime() + hours * 3_600_000);
    return this.now;
  }
  advanceDays(days: number): Date {
    return this.advanceHours(days * 24);
  }
}

/** A command without its caseId; the world fills it in. */
export type Cmd = CaseCommandInput extends infer C ? (C extends { caseId: string } ? Omit<C, "caseId"> & { caseId?: string } : never) : never;

export interface CaseRecord {
  state: CaseState | undefined;
  events: CaseEvent[];
}

export class World {
  readonly clock: VirtualClock;
  readonly rules: PayerRuleSet;
  readonly cases = new Map<string, CaseRecord>();
  /** Every command the world routed between cases (linkedCommands). */
  readonly routed: CaseCommandInput[] = [];

  constructor(options: { start?: string; rules?: PayerRuleSet } = {}) {
    this.clock = new VirtualClock(options.start ?? "2026-01-05T14:00:00Z");
    this.rules = options.rules ?? summitRules();
  }

  state(caseId: string = IDS.caseA): CaseState {
    const state = this.cases.get(caseId)?.state;
    if (!state) throw new Error(`no case ${caseId}`);
    return state;
  }

  events(caseId: string = IDS.caseA): CaseEvent[] {
    return this.cases.get(caseId)?.events ?? [];
  }

  /** Decides and, when accepted, appends; linked commands go to their cases. */
  /** `actor` null is the system (engine, sweep). */
  attempt(caseId: string, command: Cmd, actor: Actor | null = COORDINATOR): DecideResult {
    const record = this.cases.get(caseId) ?? { state: undefined, events: [] };
    const result = decide(record.state, { ...command, caseId }, { now: this.clock.now, rules: this.rules, ...(actor ? { actor } : {}) });
    if (!result.ok) return result;
    for (const event of result.events) record.state = evolve(record.state, event);
    record.events.push(...result.events);
    this.cases.set(caseId, record);
    if (record.state) {
      for (const linked of linkedCommands(record.state, result.events)) {
        this.routed.push(linked);
        this.run(linked.caseId, linked, null);
      }
    }
    return result;
  }

  /** Like attempt, but a refusal fails the test with its message. */
  run(caseId: string, command: Cmd, actor: Actor | null = COORDINATOR): CaseEvent[] {
    const result = this.attempt(caseId, command, actor);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
    return result.events;
  }

  /** Fires every deadline due at the clock's time, as the engine's sweep would; returns the events. */
  sweep(): CaseEvent[] {
    const fired: CaseEvent[] = [];
    for (const [caseId, record] of this.cases) {
      for (let guard = 0; guard < 50 && record.state; guard++) {
        const due = nextDeadline(record.state, this.rules, this.clock.now);
        if (!due || !due.overdue) break;
        const events = this.run(caseId, { type: "deadline-reached", kind: due.kind, ...(due.band !== undefined ? { band: due.band } : {}) }, null);
        if (events.length === 0) throw new Error(`deadline ${due.key} fired nothing and would loop`);
        fired.push(...events);
      }
    }
    return fired;
  }
}

export type StatusRecipe = CaseState["status"];

/** A case in the given status, reached through real commands (so every state is one the decider can produce). */
export function makeCase(options: { status?: StatusRecipe; create?: Partial<CreateCaseCommandInput>; rules?: PayerRuleSet; world?: World } = {}): { world: World; state: CaseState } {
  const world = options.world ?? new World(options.rules ? { rules: options.rules } : {});
  const id = options.create?.caseId ?? IDS.caseA;
  const run = (command: Cmd) => world.run(id, command);
  const status = options.status ?? "draft";
  run(makeCreateCommand(options.create));
  if (status === "draft") return { world, state: world.state(id) };
  if (status === "cancelled") run({ type: "cancel", reason: "Therapy stopped" });
  else if (status === "voided") run({ type: "void", reason: "Entered in error" });
  else if (status === "duplicate") run({ type: "mark-duplicate", duplicateOfCaseId: IDS.caseC });
  else {
    run({ type: "submit", channel: "fax", proofReference: "fax-receipt-001" });
    if (status === "pending") run({ type: "record-payer-acknowledgement", references: [{ kind: "payer-reference", value: "REF-1" }] });
    if (status === "information_requested") run({ type: "pend-for-information", items: ["Last 3 months of CRP"] });
    if (["approved", "renewal_due", "superseded", "exhausted", "expired"].includes(status)) run({ type: "record-decision", ...makeApproval() });
    if (status === "partially_approved") run({ type: "record-decision", ...makeApproval({ outcome: "partially_approved", units: 160 }) });
    if (status === "modified") run({ type: "record-decision", ...makeApproval({ outcome: "modified", authorizedSiteOfCare: "ambulatory_infusion_center" }) });
    if (status === "no_auth_required") run({ type: "record-decision", outcome: "no_auth_required" });
    if (["denied", "peer_to_peer", "appeal"].includes(status)) run({ type: "record-decision", outcome: "denied", reason: "Step therapy: no trial of a conventional immunomodulator", denialCategory: "step_therapy" });
    if (status === "peer_to_peer") run({ type: "request-p2p", callWindows: ["Tue 12-1 pm"] });
    if (status === "appeal") run({ type: "file-appeal", level: 1, channel: "fax", proofReference: "fax-appeal-1" });
    if (status === "renewal_due") run({ type: "start-renewal", successorCaseId: IDS.caseB });
    if (status === "superseded") run({ type: "supersede", successorCaseId: IDS.caseB, from: "2026-07-15", reason: "renewal" });
    if (status === "exhausted") run({ type: "sync-ledger", lines: [{ lineNumber: 1, usedUnits: 240, usedVisits: 6 }], upcoming: [] });
    if (status === "expired") {
      world.clock.set("2026-07-15T12:00:00Z");
      world.run(id, { type: "deadline-reached", kind: "expiry" }, null);
    }
  }
  const state = world.state(id);
  if (state.status !== status) throw new Error(`makeCase wanted ${status}, got ${state.status}`);
  return { world, state };
}
