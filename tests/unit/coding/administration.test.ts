// Administration coding rules (rule book §1), with the published examples they come from.
import { at, code, infusion, makeDrug, push, rules, summary } from "./support";

const infliximab = makeDrug("J1745", 300);
const pembro = makeDrug("J9271", 200);
const ondansetron = makeDrug("J2405", 8);
const dexamethasone = makeDrug("J1100", 10);
const diphenhydramine = makeDrug("J1200", 25);

describe("choosing the initial service", () => {
  const visit = (setting: "professional" | "facility", primaryOnHydration = false) =>
    code({
      setting,
      administrations: [
        infusion("h1", "hydration", "09:00", 60, { primary: primaryOnHydration }),
        infusion("a1", "therapeutic", "10:00", 60, { drug: infliximab, primary: !primaryOnHydration }),
      ],
    });

  it("facility: the hierarchy puts the drug infusion first even when hydration ran first (codingclarified.com, 'Pick the initial code using the hierarchy')", () => {
    expect(summary(visit("facility"), "administration")).toEqual(["96365×1", "96361×1"]);
  });

  it("professional: the primary reason is the initial service, regardless of order (Pub. 100-04 ch. 12 §30.5)", () => {
    const claim = code({
      setting: "professional",
      administrations: [
        infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab }),
        push("p1", "therapeutic", "10:30", ondansetron, { primary: true }),
      ],
    });
    // Facility would take the infusion (96365 + 96375); the professional primary is the push.
    expect(summary(claim, "administration")).toEqual(["96374×1", "96367×1"]);
    const facility = code({ setting: "facility", administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab }), push("p1", "therapeutic", "10:30", ondansetron, { primary: true })] });
    expect(summary(facility, "administration")).toEqual(["96365×1", "96375×1"]);
  });

  it("professional without a primary: the facility hierarchy and a warning", () => {
    const claim = code({ administrations: [push("p1", "therapeutic", "08:50", ondansetron), infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab })] });
    expect(summary(claim, "administration")).toEqual(["96365×1", "96375×1"]);
    expect(claim.findings.find((f) => f.rule === "ADMIN_PRIMARY_MISSING")?.severity).toBe("warning");
  });

  it("professional primary hydration cannot be initial when a drug was given", () => {
    const claim = visit("professional", true);
    expect(summary(claim, "administration")).toEqual(["96365×1", "96361×1"]);
    expect(rules(claim)).toContain("ADMIN_PRIMARY_OVERRIDDEN");
  });

  it("professional primary that would leave an add-on without its base falls back to the hierarchy", () => {
    const claim = code({
      administrations: [
        infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab, primary: true }),
        infusion("c1", "chemotherapy", "10:00", 60, { drug: pembro }),
      ],
    });
    // 96417 needs 96413: the chemotherapy infusion must be the initial.
    expect(summary(claim, "administration")).toEqual(["96413×1", "96367×1"]);
    expect(rules(claim)).toContain("ADMIN_PRIMARY_OVERRIDDEN");
  });

  it("a facility never bills 96374 as an add-on to 96360: push + 96361 instead (rule book §1)", () => {
    const claim = code({ setting: "facility", administrations: [infusion("h1", "hydration", "09:00", 120), push("p1", "therapeutic", "11:05", ondansetron)] });
    expect(summary(claim, "administration")).toEqual(["96374×1", "96361×2"]);
  });
});

describe("subsequent services", () => {
  it("the first push after an initial infusion is 96375, not 96374 (CMS CR 3631; Select Health policy 09)", () => {
    const claim = code({ administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab, primary: true }), push("p1", "therapeutic", "10:05", ondansetron)] });
    expect(summary(claim, "administration")).toEqual(["96365×1", "96375×1"]);
  });

  it("pre-medication pushes before a chemotherapy infusion are each 96375 (ondansetron, dexamethasone, diphenhydramine)", () => {
    const claim = code({
      setting: "facility",
      administrations: [
        push("p1", "therapeutic", "09:00", ondansetron),
        push("p2", "therapeutic", "09:05", dexamethasone),
        push("p3", "therapeutic", "09:10", diphenhydramine),
        infusion("c1", "chemotherapy", "09:30", 30, { drug: pembro }),
      ],
    });
    expect(summary(claim, "administration")).toEqual(["96413×1", "96375×3"]);
  });

  it("a sequential infusion of a new drug is 96367, with its extra time on 96366", () => {
    const claim = code({ administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab, primary: true }), infusion("a2", "therapeutic", "10:00", 100, { drug: makeDrug("J3380", 300) })] });
    expect(summary(claim, "administration")).toEqual(["96365×1", "96367×1", "96366×1"]);
  });

  it("a chemotherapy sequential infusion is 96417 and its extra time goes to 96415", () => {
    const claim = code({ administrations: [infusion("c1", "chemotherapy", "09:00", 60, { drug: pembro, primary: true }), infusion("c2", "chemotherapy", "10:00", 120, { drug: makeDrug("J9035", 500) })] });
    expect(summary(claim, "administration")).toEqual(["96413×1", "96417×1", "96415×1"]);
  });

  it("a therapeutic infusion after a chemotherapy initial is 96367", () => {
    const claim = code({ setting: "facility", administrations: [infusion("c1", "chemotherapy", "09:00", 60, { drug: pembro }), infusion("a1", "therapeutic", "10:00", 30, { drug: makeDrug("J1439", 750) })] });
    expect(summary(claim, "administration")).toEqual(["96413×1", "96367×1"]);
  });

  it("chemo pushes: 96409 initial, 96411 for each additional drug", () => {
    const claim = code({ setting: "facility", administrations: [push("c1", "chemotherapy", "09:00", makeDrug("J9190", 400)), push("c2", "chemotherapy", "09:10", makeDrug("J9060", 20))] });
    expect(summary(claim, "administration")).toEqual(["96409×1", "96411×1"]);
  });
});

describe("96376: repeat push of the same drug, facility only, more than 30 minutes later", () => {
  const repeat = (setting: "professional" | "facility", gap: number) =>
    code({ setting, administrations: [push("p1", "therapeutic", "09:00", ondansetron, { primary: true }), push("p2", "therapeutic", at("09:00", gap).slice(11), ondansetron)] });

  it("facility, 31 minutes later → 96374 + 96376", () => expect(summary(repeat("facility", 31), "administration")).toEqual(["96374×1", "96376×1"]));
  it("facility, 30 minutes later → not reportable", () => {
    const claim = repeat("facility", 30);
    expect(summary(claim, "administration")).toEqual(["96374×1"]);
    expect(rules(claim)).toContain("ADMIN_REPEAT_PUSH_NOT_REPORTED");
  });
  it("professional never reports 96376", () => {
    const claim = repeat("professional", 120);
    expect(summary(claim, "administration")).toEqual(["96374×1"]);
    expect(claim.lines.some((l) => l.code === "96376")).toBe(false);
  });
  it("a different drug is 96375 (new drug), not 96376", () => {
    const claim = code({ setting: "facility", administrations: [push("p1", "therapeutic", "09:00", ondansetron), push("p2", "therapeutic", "09:10", dexamethasone)] });
    expect(summary(claim, "administration")).toEqual(["96374×1", "96375×1"]);
  });
});

describe("concurrent infusions and bags", () => {
  it("two bags running at the same time on one line: initial + 96368, once per encounter", () => {
    const claim = code({
      setting: "facility",
      administrations: [
        infusion("c1", "chemotherapy", "09:00", 120, { drug: pembro }),
        infusion("l1", "therapeutic", "09:00", 120, { drug: makeDrug("J0640", 400) }),
        infusion("a3", "therapeutic", "09:30", 60, { drug: makeDrug("J1439", 750) }),
      ],
    });
    expect(summary(claim, "administration")).toEqual(["96413×1", "96368×1", "96415×1"]);
    expect(rules(claim)).toContain("ADMIN_CONCURRENT_ONCE");
  });

  it("policy deduct-overlap-from-sequential codes the overlapping drug as sequential with the overlap removed", () => {
    const claim = code({
      setting: "facility",
      policy: { overlappingInfusions: "deduct-overlap-from-sequential" },
      administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab }), infusion("a2", "therapeutic", "09:30", 90, { drug: makeDrug("J3380", 300) })],
    });
    // a2 runs 90 min, 30 of them overlapping: 60 min sequential.
    expect(summary(claim, "administration")).toEqual(["96365×1", "96367×1"]);
  });

  it("after a push initial, overlapping infusions are sequential: 96368 would have no base (found by the property tests)", () => {
    // CPT lists 96368 only with 96365, 96366, 96413, 96415, 96416; a chemo push initial gives none of them.
    const claim = code({
      setting: "facility",
      administrations: [
        push("c1", "chemotherapy", "08:45", makeDrug("J9190", 500)),
        infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab }),
        infusion("a2", "therapeutic", "09:30", 90, { drug: makeDrug("J3380", 300) }),
      ],
    });
    expect(summary(claim, "administration")).toEqual(["96409×1", "96367×2"]);
    expect(rules(claim)).toContain("ADMIN_CONCURRENT_WITHOUT_BASE");
    expect(rules(claim)).not.toContain("ADMIN_ADDON_WITHOUT_BASE");
  });

  it("drugs mixed in one bag are one infusion, each with its own drug line", () => {
    const claim = code({
      setting: "facility",
      administrations: [
        infusion("a1", "therapeutic", "09:00", 60, { bag: "B1", drug: makeDrug("J1100", 10) }),
        infusion("a2", "therapeutic", "09:00", 60, { bag: "B1", drug: makeDrug("J2405", 8) }),
      ],
    });
    expect(summary(claim, "administration")).toEqual(["96365×1"]);
    expect(summary(claim, "drug")).toEqual(["J1100×10", "J2405×8"]);
  });

  it("two drugs mixed and given in 15 minutes or less are one push", () => {
    const claim = code({ administrations: [infusion("a1", "therapeutic", "09:00", 10, { bag: "B1", drug: makeDrug("J1100", 10) }), infusion("a2", "therapeutic", "09:00", 10, { bag: "B1", drug: makeDrug("J2405", 8) })] });
    expect(summary(claim, "administration")).toEqual(["96374×1"]);
  });

  it("a drug mixed into a saline bag: the fluid is the vehicle, not hydration", () => {
    const claim = code({ administrations: [infusion("a1", "therapeutic", "09:00", 60, { bag: "B1", drug: infliximab }), infusion("h1", "hydration", "09:00", 60, { bag: "B1" })] });
    expect(summary(claim, "administration")).toEqual(["96365×1"]);
  });
});

describe("hydration", () => {
  it("hydration concurrent with a drug infusion is not billed (NCCI Policy Manual ch. XI)", () => {
    const claim = code({ setting: "facility", administrations: [infusion("a1", "therapeutic", "09:00", 120, { drug: infliximab }), infusion("h1", "hydration", "09:00", 120)] });
    expect(summary(claim, "administration")).toEqual(["96365×1", "96366×1"]);
    expect(claim.findings.find((f) => f.rule === "ADMIN_HYDRATION_CONCURRENT")?.message).toContain("120 minutes");
  });

  it("split hydration: non-concurrent pieces summed by default (CPT Assistant 6/2007)", () => {
    const claim = code({ setting: "facility", administrations: [infusion("h1", "hydration", "08:40", 200), infusion("c1", "chemotherapy", "09:00", 120, { drug: pembro })] });
    // 200 min of hydration, 120 concurrent: 20 before + 60 after = 80 min → 96361×1.
    expect(summary(claim, "administration")).toEqual(["96413×1", "96415×1", "96361×1"]);
  });

  it("split hydration: 40 min before + 40 min after a drug — summed 80 min → 96361×1, per-piece → 96361×2", () => {
    const split = (hydrationSplit?: "per-piece") =>
      summary(code({ setting: "facility", ...(hydrationSplit ? { policy: { hydrationSplit } } : {}), administrations: [infusion("h1", "hydration", "08:20", 200), infusion("c1", "chemotherapy", "09:00", 120, { drug: pembro })] }), "administration");
    expect(split()).toEqual(["96413×1", "96415×1", "96361×1"]);
    expect(split("per-piece")).toEqual(["96413×1", "96415×1", "96361×2"]);
  });

  it("keep-vein-open fluid is never reported", () => {
    const claim = code({ administrations: [infusion("k1", "hydration", "09:00", 120, { kvo: true })] });
    expect(summary(claim)).toEqual([]);
    expect(rules(claim)).toContain("ADMIN_KVO_NOT_REPORTED");
  });
});

describe("one initial per encounter and access sites", () => {
  it("a second initial at a separate site running at the same time carries the distinct-site modifier (XU by default)", () => {
    const claim = code({
      setting: "facility",
      administrations: [
        infusion("c1", "chemotherapy", "09:00", 60, { drug: pembro, accessSite: "port" }),
        infusion("a1", "therapeutic", "09:15", 60, { drug: infliximab, accessSite: "left forearm" }),
      ],
    });
    expect(summary(claim, "administration")).toEqual(["96413×1", "96365×1[XU]"]);
    expect(rules(claim)).toContain("ADMIN_SECOND_INITIAL");
  });

  it("payer policy can ask for 59 instead of XU", () => {
    const claim = code({
      setting: "facility",
      policy: { distinctSiteModifier: "59" },
      administrations: [infusion("c1", "chemotherapy", "09:00", 60, { drug: pembro, accessSite: "port" }), infusion("a1", "therapeutic", "09:15", 60, { drug: infliximab, accessSite: "arm" })],
    });
    expect(summary(claim, "administration")).toContain("96365×1[59]");
  });

  it("a site change without overlap (an IV restarted) continues the same sequence", () => {
    const claim = code({
      setting: "facility",
      administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab, accessSite: "left" }), infusion("a2", "therapeutic", "10:30", 60, { drug: makeDrug("J3380", 300), accessSite: "right" })],
    });
    expect(summary(claim, "administration")).toEqual(["96365×1", "96367×1"]);
    expect(rules(claim)).toContain("ADMIN_SITE_CHANGE");
  });

  it("across midnight still one initial; later lines carry their own date", () => {
    const claim = code({
      setting: "facility",
      administrations: [
        { id: "a1", kind: "therapeutic", route: "iv-infusion", start: "2025-03-04T22:00", stop: "2025-03-04T23:00", drug: infliximab },
        { id: "a2", kind: "therapeutic", route: "iv-infusion", start: "2025-03-05T00:30", stop: "2025-03-05T01:30", drug: makeDrug("J3380", 300) },
      ],
    });
    expect(summary(claim, "administration")).toEqual(["96365×1", "96367×1"]);
    expect(claim.lines.find((l) => l.code === "96367")?.dateOfService).toBe("2025-03-05");
  });
});

describe("repeat infusion of the same drug (policy switch)", () => {
  const repeat = (policy?: "sum-times" | "additional-hour-per-repeat" | "push-per-repeat", setting: "professional" | "facility" = "facility") =>
    summary(
      code({
        setting,
        ...(policy ? { policy: { repeatSameDrugInfusion: policy } } : {}),
        administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab, primary: true }), infusion("a2", "therapeutic", "11:00", 45, { drug: infliximab })],
      }),
      "administration",
    );

  it("default sum-times: 60 + 45 = 105 min → 96365 + 96366×1", () => expect(repeat()).toEqual(["96365×1", "96366×1"]));
  it("additional-hour-per-repeat → 96365 + 96366×1", () => expect(repeat("additional-hour-per-repeat")).toEqual(["96365×1", "96366×1"]));
  it("push-per-repeat (facility) → 96365 + 96376", () => expect(repeat("push-per-repeat")).toEqual(["96365×1", "96376×1"]));
  it("push-per-repeat (professional) → 96365 + 96375", () => expect(repeat("push-per-repeat", "professional")).toEqual(["96365×1", "96375×1"]));
});

describe("injections, subcutaneous and intra-arterial, pumps, port care", () => {
  it("two syringes of the same drug are one 96372; a second drug is another unit", () => {
    const sc = (id: string, hcpcs: string) => ({ id, kind: "therapeutic" as const, route: "subcutaneous" as const, start: at("09:00"), drug: makeDrug(hcpcs, 60) });
    expect(summary(code({ administrations: [sc("i1", "J0897"), sc("i2", "J0897")] }), "administration")).toEqual(["96372×1"]);
    expect(summary(code({ administrations: [sc("i1", "J0897"), sc("i2", "J2506")] }), "administration")).toEqual(["96372×2"]);
  });

  it("hormonal antineoplastic SC/IM is 96402, non-hormonal 96401", () => {
    const claim = code({ administrations: [{ id: "i1", kind: "chemotherapy", route: "intramuscular", drug: makeDrug("J9217", 7.5) }, { id: "i2", kind: "chemotherapy", route: "subcutaneous", drug: makeDrug("J9999", 10, { name: "azacitidine", ndc: "12345-0999-01" }) }] });
    expect(summary(claim, "administration")).toEqual(["96401×1", "96402×1"]);
  });

  it("subcutaneous infusion: 96369, 96370 per added hour, 96371 for a new site", () => {
    const claim = code({
      administrations: [
        { id: "s1", kind: "therapeutic", route: "subcutaneous-infusion", start: at("09:00"), stop: at("09:00", 100), accessSite: "abdomen L", drug: makeDrug("J1569", 10000) },
        { id: "s2", kind: "therapeutic", route: "subcutaneous-infusion", start: at("09:00"), stop: at("09:00", 100), accessSite: "abdomen R", drug: makeDrug("J1569", 10000) },
      ],
    });
    expect(summary(claim, "administration")).toEqual(["96369×1", "96370×1", "96371×1"]);
  });

  it("chemotherapy by portable pump over 8 hours: 96416 beside the chemotherapy infusion (FOLFOX pattern)", () => {
    const claim = code({
      setting: "facility",
      administrations: [
        infusion("c1", "chemotherapy", "09:00", 120, { drug: makeDrug("J9999", 150, { name: "oxaliplatin", ndc: "12345-0888-01" }) }),
        infusion("l1", "therapeutic", "09:00", 120, { drug: makeDrug("J0640", 400) }),
        push("c2", "chemotherapy", "11:05", makeDrug("J9190", 400)),
        { id: "c3", kind: "chemotherapy", route: "iv-infusion", start: at("11:15"), pump: true, drug: makeDrug("J9190", 2400) },
      ],
    });
    expect(summary(claim, "administration")).toEqual(["96413×1", "96368×1", "96411×1", "96415×1", "96416×1"]);
  });

  it("a non-chemotherapy pump infusion is C8957 on a facility claim", () => {
    const claim = code({ setting: "facility", administrations: [{ id: "a1", kind: "therapeutic", route: "iv-infusion", start: at("09:00"), pump: true, drug: makeDrug("J1100", 10) }] });
    expect(summary(claim, "administration")).toEqual(["C8957×1"]);
  });

  it("port irrigation alone is 96523; with another administration it is not reported", () => {
    expect(summary(code({ administrations: [{ id: "p1", kind: "hydration", route: "iv-push", procedure: "port-irrigation" }] }))).toEqual(["96523×1"]);
    const both = code({ administrations: [{ id: "p1", kind: "hydration", route: "iv-push", procedure: "port-irrigation" }, infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab })] });
    expect(summary(both, "administration")).toEqual(["96365×1"]);
    expect(rules(both)).toContain("ADMIN_PORT_IRRIGATION_BUNDLED");
  });
});

describe("complex administration eligibility by drug, overridable per payer", () => {
  it("a payer that denies chemotherapy codes for denosumab gets therapeutic codes and a warning", () => {
    const claim = code({
      payer: { kind: "commercial", id: "acme" },
      policy: { complexAdministration: { J0897: false } },
      administrations: [{ id: "i1", kind: "chemotherapy", route: "subcutaneous", drug: makeDrug("J0897", 120) }],
    });
    expect(summary(claim, "administration")).toEqual(["96372×1"]);
    expect(rules(claim)).toContain("ADMIN_COMPLEX_NOT_ELIGIBLE");
  });

  it("a supportive drug entered as chemotherapy (ondansetron) is coded as therapeutic", () => {
    const claim = code({ administrations: [push("p1", "chemotherapy", "09:00", ondansetron)] });
    expect(summary(claim, "administration")).toEqual(["96374×1"]);
  });
});
