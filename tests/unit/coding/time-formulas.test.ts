// The time formulas of rule book §1, at every boundary, and the rule book's own checks.
import { additionalHourUnits, secondaryHydrationUnits } from "~/coding";
import { code, infusion, makeDrug, summary } from "./support";

describe("additional-hour units (96366/96415/96361 after an initial)", () => {
  it.each([
    [16, 0], [60, 0], [90, 0], [91, 1], [150, 1], [151, 2], [245, 3], [540, 8],
  ])("%i minutes → %i unit(s)", (minutes, units) => {
    expect(additionalHourUnits(minutes)).toBe(units);
  });
});

describe("hydration as a secondary service (96361 only)", () => {
  it.each([
    [30, 0], [31, 1], [90, 1], [91, 2], [175, 3],
  ])("%i minutes → %i unit(s)", (minutes, units) => {
    expect(secondaryHydrationUnits(minutes)).toBe(units);
  });
});

describe("rule book §1 checks through the engine", () => {
  const therapeutic = (minutes: number) => code({ administrations: [infusion("a1", "therapeutic", "09:00", minutes, { drug: makeDrug("J1745", 300) })] });

  it("75 min → 96365", () => expect(summary(therapeutic(75), "administration")).toEqual(["96365×1"]));
  it("105 min → 96365 + 96366×1", () => expect(summary(therapeutic(105), "administration")).toEqual(["96365×1", "96366×1"]));
  it("540 min → 96365 + 96366×8", () => expect(summary(therapeutic(540), "administration")).toEqual(["96365×1", "96366×8"]));
  it("245 min chemotherapy → 96413 + 96415×3", () => {
    const claim = code({ administrations: [infusion("c1", "chemotherapy", "09:00", 245, { drug: makeDrug("J9271", 200) })] });
    expect(summary(claim, "administration")).toEqual(["96413×1", "96415×3"]);
  });
  it("hydration of 175 min after a drug infusion → 96361×3", () => {
    const claim = code({
      administrations: [
        infusion("a1", "therapeutic", "09:00", 60, { drug: makeDrug("J1745", 300) }),
        infusion("h1", "hydration", "10:00", 175),
      ],
    });
    expect(summary(claim, "administration")).toEqual(["96365×1", "96361×3"]);
  });
});

describe("boundaries", () => {
  const one = (kind: "therapeutic" | "hydration" | "chemotherapy", minutes: number) =>
    summary(code({ administrations: [infusion("a1", kind, "09:00", minutes, kind === "hydration" ? {} : { drug: makeDrug(kind === "chemotherapy" ? "J9271" : "J1745", 100) })] }), "administration");

  it.each([
    [15, ["96374×1"]], [16, ["96365×1"]], [90, ["96365×1"]], [91, ["96365×1", "96366×1"]],
  ])("therapeutic %i min → %j (push ≤ 15 min)", (minutes, lines) => expect(one("therapeutic", minutes)).toEqual(lines));

  it.each([
    [15, ["96409×1"]], [16, ["96413×1"]], [90, ["96413×1"]], [91, ["96413×1", "96415×1"]],
  ])("chemotherapy %i min → %j", (minutes, lines) => expect(one("chemotherapy", minutes)).toEqual(lines));

  it.each([
    [30, []], [31, ["96360×1"]], [90, ["96360×1"]], [91, ["96360×1", "96361×1"]], [150, ["96360×1", "96361×1"]], [151, ["96360×1", "96361×2"]],
  ])("hydration alone %i min → %j", (minutes, lines) => expect(one("hydration", minutes)).toEqual(lines));

  it("a missing stop time gives no time-based code and an error finding", () => {
    const claim = code({ administrations: [{ id: "a1", kind: "therapeutic", route: "iv-infusion", start: "2025-03-04T09:00", drug: makeDrug("J1745", 100) }] });
    expect(summary(claim, "administration")).toEqual([]);
    expect(claim.findings.find((f) => f.rule === "ADMIN_TIME_MISSING")).toMatchObject({ severity: "error", administration: "a1" });
  });

  it("a stop before the start is an error, not a negative time", () => {
    const claim = code({ administrations: [{ id: "a1", kind: "therapeutic", route: "iv-infusion", start: "2025-03-04T10:00", stop: "2025-03-04T09:00", drug: makeDrug("J1745", 100) }] });
    expect(summary(claim, "administration")).toEqual([]);
    expect(claim.findings.map((f) => f.rule)).toContain("ADMIN_TIME_INVALID");
  });

  it("an infusion crossing midnight counts its real minutes", () => {
    const claim = code({ administrations: [{ id: "a1", kind: "therapeutic", route: "iv-infusion", start: "2025-03-04T23:30", stop: "2025-03-05T01:15", drug: makeDrug("J1745", 100) }] });
    expect(summary(claim, "administration")).toEqual(["96365×1", "96366×1"]);
  });
});
