// NDC normalisation to 11 digits (rule book §2).
import { normalizeNdc } from "~/coding";

describe("normalizeNdc", () => {
  it.each([
    ["0002-7597-01", "00002759701", "4-4-2"],
    ["50242-040-62", "50242004062", "5-3-2"],
    ["60575-4112-1", "60575411201", "5-4-1"],
    ["57894-0030-01", "57894003001", "5-4-2"],
    ["57894003001", "57894003001", "11-digit"],
    [" 00006-3026-02 ", "00006302602", "5-4-2"],
  ])("%s → %s (%s)", (raw, ndc11, layout) => {
    expect(normalizeNdc(raw)).toEqual({ ok: true, ndc11, layout });
  });

  it("a hyphen-less 10-digit NDC is ambiguous, with its three readings", () => {
    expect(normalizeNdc("0002759701")).toEqual({ ok: false, reason: "ambiguous", candidates: ["00002759701", "00027059701", "00027597001"] });
  });

  it.each(["1234-567-8", "ABCDE-1234-12", "123456789012", "", "50242-04062"])("%j is invalid", (raw) => {
    expect(normalizeNdc(raw)).toEqual({ ok: false, reason: "invalid" });
  });
});
