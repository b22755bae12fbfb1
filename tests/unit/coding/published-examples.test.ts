// Published coding examples (CMS/MAC pages, AAPC coding alerts, coding publications), one row each, with the
// codes and units the publication gives. The second table covers every time boundary of the rule book
// (15/16 push vs infusion, 30/31 hydration, 90/91 additional hour, 30/31 repeat push).
//
// Each row says where it comes from (publisher, page title, URL) and paraphrases the example; the publications'
// own text is not copied. Publications do not fix the order of claim lines, so the administration lines are
// compared as a sorted list (line order is covered in administration.test.ts). Drug lines are asserted only where
// the publication states them.
import { codeEncounter, type Encounter } from "~/coding";
import { at, fixtureReference, infusion, makeDrug, makeEncounter, push, summary } from "./support";

interface PublishedCase {
  /** Publisher, page title, URL. */
  source: string;
  /** A short paraphrase of the published example and its answer. */
  quote: string;
  encounter: Encounter;
  expected: {
    /** Administration lines as "code×units[MODS]", any order. */
    administration: string[];
    /** Drug lines as "code×units[MODS]", only where the publication states them. */
    drugs?: string[];
  };
}

const infliximab = makeDrug("J1745", 300);
const pembrolizumab = makeDrug("J9271", 200);
const ondansetron = makeDrug("J2405", 8);
const dexamethasone = makeDrug("J1100", 10);
// Drugs outside the sample reference files: their drug lines carry findings, their administration lines do not.
const ceftriaxone = makeDrug("J0696", 1000, { name: "ceftriaxone" });
const azithromycin = makeDrug("J0456", 500, { name: "azithromycin" });
const lorazepam = makeDrug("J2060", 1, { name: "lorazepam" });

const NEXT_DAY = "2025-03-05";

const MEDLEARN_OVERLAP = "MedLearn Publishing, 'Pharmacy Question for the Week of January 31, 2022', https://medlearn.com/pharmacy-question-for-the-week-of-january-31-2022/";
const MEDLEARN_ANSWER = { administration: ["96365×1", "96366×8", "96367×1"] };

/** MedLearn's overlapping infusions: drug A 6:00–7:30, drug B 7:00–16:00 on the same line, B the reason for the visit. */
function medlearnOverlap(setting: "professional" | "facility", overlappingInfusions: "deduct-overlap-from-sequential" | "concurrent-96368"): Encounter {
  return makeEncounter({
    setting,
    policy: { overlappingInfusions },
    administrations: [
      infusion("a", "therapeutic", "06:00", 90, { drug: dexamethasone }),
      infusion("b", "therapeutic", "07:00", 540, { drug: infliximab, primary: true }),
    ],
  });
}

/** An administration on another day of the same encounter (an ED stay crossing midnight). */
function onDay(date: string, start: string, minutes: number): { start: string; stop: string } {
  return { start: at(start, 0, date), stop: at(start, minutes, date) };
}

function coded(encounter: Encounter): { administration: string[]; drugs: string[] } {
  const claim = codeEncounter(encounter, fixtureReference());
  return { administration: summary(claim, "administration").sort(), drugs: summary(claim, "drug") };
}

function check({ encounter, expected }: PublishedCase): void {
  const actual = coded(encounter);
  expect(actual.administration).toEqual([...expected.administration].sort());
  if (expected.drugs) expect(actual.drugs).toEqual(expected.drugs);
}

const publishedExamples: PublishedCase[] = [
  {
    source: "AAPC, Pulmonology Coding Alert, 'You Be the Coder: Infusion Codes Necessitate Constant Supervision', https://aapc.com/codes/coding-newsletters/my-pulmonology-coding-alert/you-be-the-coderinfusion-codes-necessitate-constant-supervision-article",
    quote: "a 75-minute therapeutic infusion is 96365 alone: the 15 minutes past the hour are not reportable",
    encounter: makeEncounter({ administrations: [infusion("a1", "therapeutic", "09:00", 75, { drug: infliximab, primary: true })] }),
    expected: { administration: ["96365×1"] },
  },
  {
    source: "AAPC, Pulmonology Coding Alert, 'You Be the Coder: Infusion Codes Necessitate Constant Supervision', https://aapc.com/codes/coding-newsletters/my-pulmonology-coding-alert/you-be-the-coderinfusion-codes-necessitate-constant-supervision-article",
    quote: "one drug infused for 1 hour 45 minutes is 96365 for the first hour and 96366 for the other 45 minutes",
    encounter: makeEncounter({ administrations: [infusion("a1", "therapeutic", "09:00", 105, { drug: infliximab, primary: true })] }),
    expected: { administration: ["96365×1", "96366×1"] },
  },
  {
    source: "AAPC, Oncology & Hematology Coding Alert, 'Coding Quiz Answers: Check Your Answers to Our Infusion Coding Quiz', https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/coding-quiz-answers-check-your-answers-to-our-infusion-coding-quiz-169271-article",
    quote: "a 105-minute chemotherapy infusion is 96413 for the first hour and 96415 for the 45 minutes beyond it",
    encounter: makeEncounter({ administrations: [infusion("c1", "chemotherapy", "09:00", 105, { drug: pembrolizumab, primary: true })] }),
    expected: { administration: ["96413×1", "96415×1"] },
  },
  {
    source: "AAPC, Oncology & Hematology Coding Alert, 'You Be the Coder: Watch Sequencing for Accurate Prophylactic Infusion Coding', https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/you-be-the-coder-watch-sequencing-for-accurate-prophylactic-infusion-coding-171590-article",
    quote: "facility: a 30-minute antibiotic infusion before a 115-minute chemotherapy infusion is 96413 + 96415 (55 min) + 96367 for the antibiotic; chemotherapy is initial by the hierarchy although it came second",
    encounter: makeEncounter({
      setting: "facility",
      administrations: [
        infusion("ab", "therapeutic", "08:30", 30, { drug: ceftriaxone }),
        infusion("c1", "chemotherapy", "09:00", 115, { drug: pembrolizumab }),
      ],
    }),
    expected: { administration: ["96413×1", "96415×1", "96367×1"] },
  },
  {
    source: "AAPC forum 'IV Hydration question' quoting the CPT time-reporting example (also Coding Ahead, CPT 96361, 'after midnight rule'), https://aapc.com/discuss/threads/iv-hydration-question.110083",
    quote: "IV hydration from 11 pm to 2 am is 96360 once and 96361 twice; the time is counted continuously across midnight",
    encounter: makeEncounter({ administrations: [infusion("h1", "hydration", "23:00", 180, { primary: true })] }),
    expected: { administration: ["96360×1", "96361×2"] },
  },
  {
    source: "Coding Ahead, 'CPT 96361' (worked example), https://webhooks.codingahead.com/cpt/codes/96361",
    quote: "hydration 9:00 to 12:20 (3 h 20 min) is 96360 + 96361×2; the last 20 minutes do not exceed 30 and are not reportable",
    encounter: makeEncounter({ administrations: [infusion("h1", "hydration", "09:00", 200, { primary: true })] }),
    expected: { administration: ["96360×1", "96361×2"] },
  },
  {
    source: "MedLearn Publishing, 'General Question for the Week of November 15, 2021', https://medlearn.com/general-question-for-the-week-of-november-15-2021/",
    quote: "3 hours of hydration during which two different drugs were pushed (5 min in all): 96374 + 96375 + 96361×3, hydration being secondary to the push",
    encounter: makeEncounter({
      setting: "facility",
      administrations: [
        infusion("h1", "hydration", "09:00", 180),
        push("p1", "therapeutic", "09:30", ondansetron),
        push("p2", "therapeutic", "10:30", dexamethasone),
      ],
    }),
    expected: { administration: ["96374×1", "96375×1", "96361×3"] },
  },
  {
    source: "Emerald Health, 'Are You Billing Correctly for Hydration Administration?', https://www.emeraldhealthllc.com/are-you-billing-correctly-for-hydration-administration/",
    quote: "saline 4 pm to 7 pm with a drug infusion 5 pm to 6 pm on the same line: subtract the drug time from the saline, giving 96365 + 96361×2",
    encounter: makeEncounter({
      setting: "facility",
      administrations: [infusion("h1", "hydration", "16:00", 180), infusion("a1", "therapeutic", "17:00", 60, { drug: infliximab })],
    }),
    expected: { administration: ["96365×1", "96361×2"] },
  },
  {
    source: MEDLEARN_OVERLAP,
    quote: "drug A 6:00–7:30 and drug B 7:00–16:00 on the same line (professional, B primary): B is 96365 + 96366×8, A is 96367 after deducting the 30 overlapping minutes (our deduct-overlap-from-sequential switch)",
    encounter: medlearnOverlap("professional", "deduct-overlap-from-sequential"),
    expected: MEDLEARN_ANSWER,
  },
  {
    source: MEDLEARN_OVERLAP,
    quote: "two drugs started and stopped within a minute or two of each other: one is 96365, the other concurrent 96368",
    encounter: makeEncounter({
      setting: "facility",
      administrations: [infusion("a", "therapeutic", "09:30", 60, { drug: infliximab }), infusion("b", "therapeutic", "09:32", 60, { drug: dexamethasone })],
    }),
    expected: { administration: ["96365×1", "96368×1"] },
  },
  {
    source: "ASCO Coding and Reimbursement Hotline, 'Concurrent Infusions' (2008), reproduced in AAPC forum 'Infusion or hydration', https://www.aapc.com/discuss/threads/infusion-or-hydration.14684/post-192125",
    quote: "a second drug added to the same bag is one infusate and one infusion: one administration code, but a drug code for each substance",
    encounter: makeEncounter({
      administrations: [
        infusion("a1", "therapeutic", "09:00", 45, { drug: dexamethasone, bag: "bag1", primary: true }),
        infusion("a2", "therapeutic", "09:00", 45, { drug: ondansetron, bag: "bag1" }),
      ],
    }),
    expected: { administration: ["96365×1"], drugs: ["J1100×10", "J2405×8"] },
  },
  {
    source: "ASCO Coding and Reimbursement Hotline, 'Concurrent Infusions' (2008), reproduced in AAPC forum 'Infusion or hydration', https://www.aapc.com/discuss/threads/infusion-or-hydration.14684/post-192125",
    quote: "two drugs mixed in one bag and given in 15 minutes are one push; each drug is still reported",
    encounter: makeEncounter({
      administrations: [
        infusion("a1", "therapeutic", "09:00", 15, { drug: dexamethasone, bag: "bag1", primary: true }),
        infusion("a2", "therapeutic", "09:00", 15, { drug: ondansetron, bag: "bag1" }),
      ],
    }),
    expected: { administration: ["96374×1"], drugs: ["J1100×10", "J2405×8"] },
  },
  {
    source: "ASCO Coding and Reimbursement Hotline, 'Concurrent Infusions' (2008), reproduced in AAPC forum 'Infusion or hydration', https://www.aapc.com/discuss/threads/infusion-or-hydration.14684/post-192125",
    quote: "two drugs hung in separate bags and run at the same time: initial code for the first, concurrent 96368 for the second",
    encounter: makeEncounter({
      administrations: [
        infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab, primary: true }),
        infusion("a2", "therapeutic", "09:15", 30, { drug: dexamethasone }),
      ],
    }),
    expected: { administration: ["96365×1", "96368×1"] },
  },
  {
    source: "Noridian JE Part A, 'Chemotherapy Administration Billing' (Administration Hierarchy), https://med.noridianmedicare.com/web/jea/topics/drugs-biologicals-injections/chemotherapy-administration-billing",
    quote: "facilities follow the hierarchy: 96374 is never reported as an add-on to 96360, the IV push is primary to hydration (so 96374 + 96361)",
    encounter: makeEncounter({
      setting: "facility",
      administrations: [infusion("h1", "hydration", "09:00", 60), push("p1", "therapeutic", "10:05", ondansetron)],
    }),
    expected: { administration: ["96374×1", "96361×1"] },
  },
  {
    source: "Noridian JE Part A, 'Initial Drug Administration' (CMS CR 3631), https://med.noridianmedicare.com/web/jea/topics/drugs-biologicals-injections/initial-drug-administration",
    quote: "a service of a subsequent nature is coded as subsequent even if it is the first of its group: the first push after an initial infusion is 96375",
    encounter: makeEncounter({
      setting: "facility",
      administrations: [infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab }), push("p1", "therapeutic", "10:05", ondansetron)],
    }),
    expected: { administration: ["96365×1", "96375×1"] },
  },
  {
    source: "Noridian JE Part A, 'Initial Drug Administration' (Separate IV Sites), https://med.noridianmedicare.com/web/jea/topics/drugs-biologicals-injections/initial-drug-administration; CMS RAC issue 0071 'Initial Hydration, Infusion and Chemotherapy Administration', https://www.cms.gov/Research-Statistics-Data-and-Systems/Monitoring-Programs/Medicare-FFS-Compliance-Programs/Recovery-Audit-Program/Approved-RAC-Topics-Items/0071-Initial-Hydration-Infusion-and-Chemotherapy-Administration.html",
    quote: "two initial codes only when two separate IV sites must be used; the second initial carries 59/XE/XS/XP/XU (XU is our Medicare default)",
    encounter: makeEncounter({
      administrations: [
        infusion("a1", "therapeutic", "09:00", 60, { drug: infliximab, accessSite: "left arm", primary: true }),
        infusion("a2", "therapeutic", "09:00", 60, { drug: dexamethasone, accessSite: "right arm", separateSiteRequired: true }),
      ],
    }),
    expected: { administration: ["96365×1", "96365×1[XU]"] },
  },
  {
    source: "OptiMantra, 'CPT code 96376 – each additional sequential intravenous push of the same substance/drug' (Example), https://site.optimantra.com/medical-code-definitions/cpt-r-code-96376---therapeutic-prophylactic-or-diagnostic-injection-each-additional-sequential-intravenous-push-of-the-same-substance-drug",
    quote: "facility: ondansetron IV push for nausea, then the same drug pushed again 45 minutes later is 96374 + 96376",
    encounter: makeEncounter({
      setting: "facility",
      administrations: [push("p1", "therapeutic", "09:00", ondansetron), push("p2", "therapeutic", "09:45", ondansetron)],
    }),
    expected: { administration: ["96374×1", "96376×1"] },
  },
  {
    source: "AAPC, Oncology & Hematology Coding Alert, 'Reader Questions: Skip +96376 on Physician Claim', https://www.aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/reader-questions-skip-96376-on-physician-claim-article",
    quote: "only the facility reports 96376: on the physician's claim the repeat push of the same drug gets no code",
    encounter: makeEncounter({
      administrations: [push("p1", "therapeutic", "09:00", ondansetron, { primary: true }), push("p2", "therapeutic", "09:45", ondansetron)],
    }),
    expected: { administration: ["96374×1"] },
  },
  {
    source: "The Haugen Group, 'Injections & Infusions: Beyond the Basics – Webinar Q&A', https://www.thehaugengroup.com/tips-expertise-injections-infusions-beyond-the-basics-webinar-qa/",
    quote: "one ED encounter over two days: ceftriaxone 23-min infusion 96365, azithromycin push 96375, next day lorazepam push 96375, azithromycin push again 96376, and two more ceftriaxone runs of 30 min each 96376 (our push-per-repeat switch)",
    encounter: makeEncounter({
      setting: "facility",
      policy: { repeatSameDrugInfusion: "push-per-repeat" },
      administrations: [
        infusion("rocephin1", "therapeutic", "12:22", 23, { drug: ceftriaxone }),
        push("zithro1", "therapeutic", "12:43", azithromycin),
        { id: "ativan", kind: "therapeutic", route: "iv-push", ...onDay(NEXT_DAY, "13:25", 2), drug: lorazepam },
        { id: "zithro2", kind: "therapeutic", route: "iv-push", ...onDay(NEXT_DAY, "11:07", 2), drug: azithromycin },
        { id: "rocephin2", kind: "therapeutic", route: "iv-infusion", ...onDay(NEXT_DAY, "12:23", 30), drug: ceftriaxone },
        { id: "rocephin3", kind: "therapeutic", route: "iv-infusion", ...onDay(NEXT_DAY, "22:37", 30), drug: ceftriaxone },
      ],
    }),
    // The three 96376 of the second day are one line of 3 units; the two 96375 fall on different days.
    expected: { administration: ["96365×1", "96375×1", "96375×1", "96376×3"] },
  },
  {
    source: "OrbDoc, 'CPT 96374' (Resolution Strategy), https://orbdoc-website.pages.dev/resources/cpt/96374",
    quote: "ondansetron 4 mg IV push over 5 minutes is billed 96374 with J2405 (ondansetron 1 mg) × 4",
    encounter: makeEncounter({
      administrations: [{ id: "p1", kind: "therapeutic", route: "iv-push", start: at("09:00"), stop: at("09:05"), drug: makeDrug("J2405", 4), primary: true }],
    }),
    expected: { administration: ["96374×1"], drugs: ["J2405×4"] },
  },
];

// Every time boundary of the rule book, each side a row of its own.
const FIRST_HOUR = "AAPC forum 'First hour of service' (quoting the CPT time guidelines: 16–90 minutes is the initial infusion code, a second hour needs 91), https://aapc.com/discuss/threads/first-hour-of-service.109191";
const RULE_BOOK = "rule book §1 time formulas (Noridian JE/JF drug administration pages; CMS Pub. 100-04 ch. 12 §30.5)";
const timeBoundaries: PublishedCase[] = [
  {
    source: `Noridian JE Part A, 'Chemotherapy Administration Billing' (a push is an infusion of 15 minutes or less), https://med.noridianmedicare.com/web/jea/topics/drugs-biologicals-injections/chemotherapy-administration-billing; ${RULE_BOOK}`,
    quote: "15/16: a 15-minute therapeutic infusion is a push, 96374",
    encounter: makeEncounter({ administrations: [infusion("a1", "therapeutic", "09:00", 15, { drug: dexamethasone, primary: true })] }),
    expected: { administration: ["96374×1"] },
  },
  {
    source: `${FIRST_HOUR}; We Are Medical Coders, 'The 16-Minute Rule: CPT 96365 vs 96374', https://www.wearemedicalcoders.com/post/the-16-minute-rule-cpt-96365-vs-96374`,
    quote: "15/16: a 16-minute therapeutic infusion is an infusion, 96365",
    encounter: makeEncounter({ administrations: [infusion("a1", "therapeutic", "09:00", 16, { drug: dexamethasone, primary: true })] }),
    expected: { administration: ["96365×1"] },
  },
  {
    source: `Noridian JE Part A, 'Chemotherapy Administration Billing' (push definition applies to chemotherapy), https://med.noridianmedicare.com/web/jea/topics/drugs-biologicals-injections/chemotherapy-administration-billing; ${RULE_BOOK}`,
    quote: "15/16: a 15-minute chemotherapy infusion is a chemotherapy push, 96409",
    encounter: makeEncounter({ administrations: [infusion("c1", "chemotherapy", "09:00", 15, { drug: pembrolizumab, primary: true })] }),
    expected: { administration: ["96409×1"] },
  },
  {
    source: `${FIRST_HOUR}; Clear Cost Estimate, 'CPT 96409 & 96411 — chemotherapy intravenous push administration', https://www.clearcostestimate.com/billing/cpt/96409-96411`,
    quote: "15/16: 16 minutes or more of chemotherapy is an infusion, 96413",
    encounter: makeEncounter({ administrations: [infusion("c1", "chemotherapy", "09:00", 16, { drug: pembrolizumab, primary: true })] }),
    expected: { administration: ["96413×1"] },
  },
  {
    source: "AAPC, Oncology & Hematology Coding Alert, 'Infusions: 96360, +96361: Hydration in Focus for Oncology/Hematology Practices', https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/infusions-96360-96361-hydration-in-focus-for-oncologyhematology-practices-111391-article",
    quote: "30/31: hydration of 30 minutes or less is not reported",
    encounter: makeEncounter({ administrations: [infusion("h1", "hydration", "09:00", 30, { primary: true })] }),
    expected: { administration: [] },
  },
  {
    source: "AAPC, Oncology & Hematology Coding Alert, 'Infusions: 96360, +96361: Hydration in Focus for Oncology/Hematology Practices', https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/infusions-96360-96361-hydration-in-focus-for-oncologyhematology-practices-111391-article",
    quote: "30/31: 31 minutes of hydration is 96360",
    encounter: makeEncounter({ administrations: [infusion("h1", "hydration", "09:00", 31, { primary: true })] }),
    expected: { administration: ["96360×1"] },
  },
  {
    source: `UW Health (UWHC), 'IV Infusion Mini Manual', FAQ 7, https://docslib.org/doc/9492712/uwhc-iv-infusion-mini-manual; ${FIRST_HOUR}`,
    quote: "90/91: an infusion of 1 hour 30 minutes is charged as 1 hour, 96365 alone",
    encounter: makeEncounter({ administrations: [infusion("a1", "therapeutic", "09:00", 90, { drug: infliximab, primary: true })] }),
    expected: { administration: ["96365×1"] },
  },
  {
    source: `${FIRST_HOUR}; MPS, 'Hydration For Dummies' (91 minutes = 2-hour infusion), https://mpsrcm.com/hydration-for-dummies/`,
    quote: "90/91: a 91-minute infusion reaches the second hour, 96365 + 96366",
    encounter: makeEncounter({ administrations: [infusion("a1", "therapeutic", "09:00", 91, { drug: infliximab, primary: true })] }),
    expected: { administration: ["96365×1", "96366×1"] },
  },
  {
    source: "AAPC, Oncology & Hematology Coding Alert, 'Infusions: 96360, +96361: Hydration in Focus for Oncology/Hematology Practices', https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/infusions-96360-96361-hydration-in-focus-for-oncologyhematology-practices-111391-article",
    quote: "90/91: 96360 covers hydration up to 90 minutes",
    encounter: makeEncounter({ administrations: [infusion("h1", "hydration", "09:00", 90, { primary: true })] }),
    expected: { administration: ["96360×1"] },
  },
  {
    source: "AAPC, Oncology & Hematology Coding Alert, 'Infusions: 96360, +96361: Hydration in Focus for Oncology/Hematology Practices', https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/infusions-96360-96361-hydration-in-focus-for-oncologyhematology-practices-111391-article; Ohio HIMA, 'Infusion and Injection Coding – Part 2', https://ohiohima.blogspot.com/2024/08/infusion-and-injection-coding-part-2.html",
    quote: "90/91: 96361 needs a minimum of 91 minutes of hydration",
    encounter: makeEncounter({ administrations: [infusion("h1", "hydration", "09:00", 91, { primary: true })] }),
    expected: { administration: ["96360×1", "96361×1"] },
  },
  {
    source: "ASCO, J Oncol Pract 2009;5(5):252, 'Billing for Multiple Injections or Intravenous Pushes of the Same Drug', http://pubmedcentralcanada.ca/pmcc/articles/PMC2790664/",
    quote: "30/31 (repeat push): 96376 is not reported for a push of the same drug within 30 minutes of the last reported push",
    encounter: makeEncounter({
      setting: "facility",
      administrations: [push("p1", "therapeutic", "09:00", ondansetron), push("p2", "therapeutic", "09:30", ondansetron)],
    }),
    expected: { administration: ["96374×1"] },
  },
  {
    source: "ASCO, J Oncol Pract 2009;5(5):252, 'Billing for Multiple Injections or Intravenous Pushes of the Same Drug', http://pubmedcentralcanada.ca/pmcc/articles/PMC2790664/",
    quote: "30/31 (repeat push): a facility push of the same drug 31 minutes after the last is 96376",
    encounter: makeEncounter({
      setting: "facility",
      administrations: [push("p1", "therapeutic", "09:00", ondansetron), push("p2", "therapeutic", "09:31", ondansetron)],
    }),
    expected: { administration: ["96374×1", "96376×1"] },
  },
];

// The engine disagrees with these published answers. The engine is not changed here: each row is expected to
// fail (it.fails), so a change that makes the engine agree shows up as a failure to review.
interface Disagreement extends PublishedCase {
  /** What the engine produces instead, and why. */
  why: string;
}

const disagreements: Disagreement[] = [
  {
    source: MEDLEARN_OVERLAP,
    quote: "facility, deduct-overlap switch: MedLearn codes the 9-hour drug B as initial (96365 + 96366×8) and A as 96367",
    why: "The facility hierarchy ranks two therapeutic infusions equally and the engine breaks the tie by start time: A (06:00) becomes the initial 96365 and B the sequential 96367 with the 30 overlapping minutes deducted, 510 min → 96366×7, one unit fewer than the publication (`primary` is not used on facility claims).",
    encounter: medlearnOverlap("facility", "deduct-overlap-from-sequential"),
    expected: MEDLEARN_ANSWER,
  },
  {
    source: MEDLEARN_OVERLAP,
    quote: "facility, default concurrent-96368 switch: MedLearn answers that 96365 + 96368 is not appropriate for this visit",
    why: "With the default overlappingInfusions = concurrent-96368 the engine produces exactly the rejected 96365 (A) + 96368 (B): 96368 is not time based, so the 8 hours B runs alone after A stops get no code. The publication deducts the overlap instead (our non-default switch).",
    encounter: medlearnOverlap("facility", "concurrent-96368"),
    expected: MEDLEARN_ANSWER,
  },
];

describe("published coding examples", () => {
  it.each(publishedExamples)("$quote", (row) => {
    check(row);
  });
});

describe("time boundaries", () => {
  it.each(timeBoundaries)("$quote", (row) => {
    check(row);
  });
});

describe("disagreements to review", () => {
  it.fails.each(disagreements)("$quote", (row) => {
    check(row);
  });
});
