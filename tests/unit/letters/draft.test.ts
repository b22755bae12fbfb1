// Letters drafted from a case: what the payer reads must come from the case (patient, drug with its dose basis,
// diagnosis, denial, criteria with their evidence, enclosures), and what the case cannot know stays a prompt.
import { dottedDiagnosis, draftLetter, intervalWords, unfilledPrompts, type LetterFacts } from "~/letters/draft";

function makeFacts(overrides: Partial<LetterFacts> = {}): LetterFacts {
  return {
    today: "2026-03-20",
    facility: { name: "Riverside Regional Hospital Outpatient Infusion", address: "12 River Rd · Harrisburg, PA · 17101", npi: "1902809789" },
    patient: { firstName: "Eleanor", lastName: "Xiong", birthDate: "1956-06-24" },
    coverage: { payerName: "Keystone Medicare Advantage", planName: "Keystone Advantage HMO", memberId: "KMA163076527" },
    caseNumber: "PA-000110",
    references: ["payer reference KE-REF-73271467"],
    orderingProvider: { name: "Samuel Okafor", npi: "1234567893", credentials: "MD" },
    drugs: [{ name: "infliximab (Remicade)", hcpcs: "J1745", dose: "5 mg/kg", route: "iv_infusion", intervalDays: 56, administrations: 6 }],
    diagnoses: ["K5090"],
    requested: { from: "2026-04-01", to: "2026-09-30", siteOfCare: "hopd_off_campus" },
    denial: { decidedOn: "2026-03-12", reason: "Site of care: infusion can be given at home or in an office", category: "site_of_care" },
    appealLevel: 1,
    siteOfCare: {
      requestedSite: "hopd_off_campus",
      checklist: [
        { criterion: 1, met: true, evidence: [{ description: "Nursing note 2026-02-02: rate titration every 15 minutes", documentName: "nursing-note.pdf" }] },
        { criterion: 2, met: true, evidence: [{ description: "Telemetry during two prior infusions" }] },
        { criterion: 3, met: true, evidence: [{ description: "Anaphylaxis on 2025-11-04 needed the rapid-response team" }] },
        { criterion: 5, met: false, evidence: [] },
        { criterion: 9, met: false, evidence: [{ description: "typed but not ticked" }] },
      ],
      payerCriteria: ["1+2+3", "4"],
      policySource: "Anthem CG-MED-83",
    },
    enclosures: [{ fileName: "nursing-note.pdf", kind: "clinical note", date: "2026-02-02" }],
    ...overrides,
  };
}

describe("the site-of-care letter", () => {
  it("is drafted from the case: patient, member, payer, drug with its dose basis, diagnosis, denial and site", () => {
    const letter = draftLetter("site-of-care", makeFacts());
    expect(letter.kind).toBe("site-of-care");
    expect(letter.title).toBe("Level 1 appeal for a site-of-care exception: infliximab (Remicade) at hospital outpatient (off campus)");
    const text = letter.text;
    expect(text).toContain("Patient: Xiong, Eleanor · date of birth June 24, 1956");
    expect(text).toContain("Member ID: KMA163076527 · plan: Keystone Advantage HMO");
    expect(text).toContain("Keystone Medicare Advantage, Utilization Management — Appeals");
    expect(text).toContain("Case PA-000110 · payer reference KE-REF-73271467");
    expect(text).toContain("Drug: infliximab (Remicade) (J1745) 5 mg/kg by intravenous infusion every 8 weeks, 6 administrations");
    expect(text).toContain("Diagnosis: K50.90");
    expect(text).toContain("On March 12, 2026 you denied this request. The reason given was: “Site of care: infusion can be given at home or in an office”.");
    expect(text).toContain("Samuel Okafor, MD");
  });

  it("argues each criterion met with its evidence, names the payer's criteria, and leaves out what was not ticked", () => {
    const text = draftLetter("site-of-care", makeFacts()).text;
    expect(text).toContain("Your site-of-care policy (Anthem CG-MED-83) allows hospital outpatient administration when criteria 1+2+3 or 4 below are met.");
    expect(text).toContain("  1. Infusion complexity needs skilled nursing supervision.\n     Evidence: Nursing note 2026-02-02: rate titration every 15 minutes (enclosed: nursing-note.pdf)");
    expect(text).toContain("  3. Immediate access to hospital services needed.\n     Evidence: Anaphylaxis on 2025-11-04 needed the rapid-response team");
    expect(text).not.toContain("Cardiac or pulmonary comorbidity");
    expect(text).not.toContain("typed but not ticked");
    expect(text).toContain("Enclosed:\n  - nursing-note.pdf (clinical note, February 2, 2026)");
    expect(unfilledPrompts(text)).toEqual([]);
  });

  it("prompts for the payer's criteria (and the clinical rationale) when nobody has answered the checklist", () => {
    const facts = makeFacts({ denial: undefined, enclosures: [] });
    facts.siteOfCare = { ...facts.siteOfCare!, checklist: [] };
    const letter = draftLetter("site-of-care", facts);
    expect(letter.title).toMatch(/^Request for a site-of-care exception/);
    for (const n of [1, 2, 3, 4, 11]) expect(letter.text).toMatch(new RegExp(`  ${n}\\. .+\\n     \\[State the clinical facts`));
    expect(letter.text).not.toContain("  5. ");
    expect(letter.text).not.toContain("you denied");
    // Five criteria to argue and the enclosures to list.
    expect(unfilledPrompts(letter.text)).toHaveLength(6);
  });
});

describe("the medical-necessity appeal letter", () => {
  it("answers the denial's category and mentions an upheld peer-to-peer review", () => {
    const letter = draftLetter(
      "medical-necessity",
      makeFacts({ appealLevel: 2, denial: { decidedOn: "2026-03-12", reason: "Step therapy: no trial of methotrexate documented", category: "step_therapy" }, peerToPeerUpheldOn: "2026-03-18", siteOfCare: undefined }),
    );
    expect(letter.title).toBe("Level 2 appeal of the denial of infliximab (Remicade) (J1745)");
    expect(letter.text).toContain("A peer-to-peer review on March 18, 2026 upheld the denial.");
    expect(letter.text).toContain("[List each prior therapy tried, with dates, doses and why it was stopped");
    expect(letter.text).toContain("Treatment requested: infliximab (Remicade) (J1745) 5 mg/kg by intravenous infusion every 8 weeks, 6 administrations, from April 1, 2026 to September 30, 2026 at hospital outpatient (off campus).");
    expect(letter.text).toContain("Xiong is treated for K50.90");
    expect(letter.fileName).toBe("PA-000110-medical-necessity-letter.pdf");
    expect(letter.fileName).not.toMatch(/Xiong|Eleanor/);
  });

  it("files an external review as such", () => {
    expect(draftLetter("medical-necessity", makeFacts({ appealLevel: "external" })).title).toMatch(/^Request for external review of the denial/);
  });
});

describe("letter words", () => {
  it("writes diagnoses with their dot and intervals in weeks", () => {
    expect(dottedDiagnosis("K5090")).toBe("K50.90");
    expect(dottedDiagnosis("G35")).toBe("G35");
    expect(dottedDiagnosis("M05.79")).toBe("M05.79");
    expect(intervalWords(56)).toBe("every 8 weeks");
    expect(intervalWords(7)).toBe("weekly");
    expect(intervalWords(10)).toBe("every 10 days");
    expect(intervalWords(0)).toBe("as a single dose");
  });

  it("finds the [bracketed] prompts still to write", () => {
    expect(unfilledPrompts("Dear [name of the reviewer], see [x] and [Describe the history].")).toEqual(["[name of the reviewer]", "[Describe the history]"]);
  });
});
