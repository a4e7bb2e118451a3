import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AssessmentDecision, ClaimType, Finding, OptOutSignal, Purpose, Remedy, Strength, Tier, TriState, UseStage, WorkKind,
} from '../../src/domain/enums';
import type { AssessmentResult, RuleFindingData } from '../../src/domain/types';
import { CRITERIA, assess as assessWith, citationsOf } from '../../src/domain/criteria/engine';
import { JP_2024_1, type RuleSet } from '../../src/domain/criteria/rule-sets';
import type { AssessmentFacts } from '../../src/domain/types';

/** These tests describe rule set jp-2024.1, which stays runnable as it was (jp-2024.2 has its own tests). */
const assess = (facts: AssessmentFacts, ruleSet: RuleSet = JP_2024_1): AssessmentResult => assessWith(facts, ruleSet);
import { buildFacts, deepFreeze, eligibilityOutcome, strongOutputFacts } from './assessment-facts.factory';

const ORDER = ['PROTECTED_WORK', 'APPLICABLE_LAW', 'NON_ENJOYMENT', 'UNREASONABLE_PREJUDICE', 'SIMILARITY', 'RELIANCE', 'INFRINGEMENT', 'LIABILITY', 'TIER'];

function finding(result: AssessmentResult, code: string): RuleFindingData {
  const f = result.findings.find((x) => x.code === code);
  if (!f) throw new Error(`no finding ${code}`);
  return f;
}

describe('assess: ACTIONABLE', () => {
  it('an output claim that holds outright is ACTIONABLE, STRONG, COMMERCIAL, with every finding explained and cited', () => {
    const r = assess(strongOutputFacts());
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(r.strength).toBe(Strength.STRONG);
    expect(r.tier).toBe(Tier.COMMERCIAL);
    expect(r.ruleSetVersion).toBe('jp-2024.1');
    expect(r.findings.map((f) => f.code)).toEqual(ORDER);
    for (const f of r.findings) {
      expect(f.explanation.en.length).toBeGreaterThan(0);
      expect(f.explanation.ja.length).toBeGreaterThan(0);
      expect(f.citation).toBeTruthy();
    }
    expect(r.recommendedRemedies).toEqual([
      Remedy.DATASET_REMOVAL, Remedy.OUTPUT_FILTER, Remedy.TAKEDOWN, Remedy.ATTRIBUTION, Remedy.COMPENSATION, Remedy.LICENSE,
    ]);
    expect(r.missingFacts).toEqual([]);
    expect(r.ordersDisclosure).toBe(false);
    const citations = citationsOf(r);
    expect(citations).toContain('Copyright Act Art. 6; Arts. 51–58');
    expect(citations).toContain('General Understanding §5(2)(イ)(ア)');
    expect(citations).toContain('General Understanding §5(2)(イ)(イ)');
    expect(new Set(citations).size).toBe(citations.length);
  });

  it('is MODERATE when reliance is only presumed from the training data', () => {
    const r = assess(buildFacts({ facts: { essentialFeaturesPerceivable: true, workInTrainingData: TriState.YES } }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(r.strength).toBe(Strength.MODERATE);
    expect(finding(r, 'INFRINGEMENT').finding).toBe(Finding.PRESUMED);
    expect(finding(r, 'LIABILITY').finding).toBe(Finding.PRESUMED);
  });

  it('is MODERATE when Japanese law only presumably applies', () => {
    const r = assess(strongOutputFacts({
      eligibility: { rules: { APPLICABLE_LAW: Finding.UNKNOWN } },
      aiSystem: { trainingServerInJapan: false, servesJapaneseUsers: true },
      facts: { outputServedInJapan: null },
    }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(finding(r, 'APPLICABLE_LAW').finding).toBe(Finding.PRESUMED);
    expect(r.strength).toBe(Strength.MODERATE);
  });

  it('a competing commercial output is COMMERCIAL_COMPETING: requested remedies that fit come first, others dropped', () => {
    const r = assess(strongOutputFacts({
      facts: { outputCompetesWithOriginal: true, outputCommercial: true },
      requestedRemedies: [Remedy.LICENSE, Remedy.TAKEDOWN, Remedy.COMPENSATION],
    }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(r.tier).toBe(Tier.COMMERCIAL_COMPETING);
    expect(r.recommendedRemedies).toEqual([Remedy.TAKEDOWN, Remedy.COMPENSATION, Remedy.OUTPUT_FILTER, Remedy.DATASET_REMOVAL]);
    expect(finding(r, 'TIER').citation).toBe('Copyright Act Art. 112 (injunction), Art. 114 (damages)');
  });

  it('a research system is the RESEARCH tier: removal and attribution, no compensation even if requested', () => {
    const r = assess(strongOutputFacts({ aiSystem: { purpose: Purpose.RESEARCH }, facts: { outputCommercial: false }, requestedRemedies: [Remedy.COMPENSATION, Remedy.ATTRIBUTION] }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(r.tier).toBe(Tier.RESEARCH);
    expect(r.recommendedRemedies).toEqual([Remedy.ATTRIBUTION, Remedy.DATASET_REMOVAL, Remedy.OUTPUT_FILTER, Remedy.TAKEDOWN]);
  });

  it('intentional overfitting by a non-commercial system is ACTIONABLE in the NONCOMMERCIAL tier, against the provider', () => {
    const r = assess(buildFacts({
      claimType: ClaimType.TRAINING_WITHOUT_PERMISSION,
      aiSystem: { purpose: Purpose.NONCOMMERCIAL },
      facts: { intentionalOverfitting: true, accessControlBypassed: false },
    }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(r.strength).toBe(Strength.STRONG);
    expect(r.tier).toBe(Tier.NONCOMMERCIAL);
    expect(r.recommendedRemedies).toEqual([Remedy.DATASET_REMOVAL, Remedy.OUTPUT_FILTER, Remedy.ATTRIBUTION]);
    expect(finding(r, 'SIMILARITY').finding).toBe(Finding.NOT_APPLICABLE);
    expect(finding(r, 'LIABILITY').data?.parties).toEqual(['PROVIDER']);
  });

  it('an ignored, acknowledged opt-out is ACTIONABLE under opt-out recognition', () => {
    const r = assess(buildFacts({
      claimType: ClaimType.OPT_OUT_IGNORED,
      optOut: { registered: true, recognised: true, signals: [OptOutSignal.REGISTRY, OptOutSignal.AI_TXT], acknowledgedByFirm: true, effectiveBeforeUse: true },
    }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(r.strength).toBe(Strength.STRONG);
    expect(finding(r, 'INFRINGEMENT').explanation.en).toContain('REGISTRY, AI_TXT');
    expect(finding(r, 'UNREASONABLE_PREJUDICE').data?.firmKnew).toBe(true);
  });

  it('an undisclosed system is ACTIONABLE on a transparency claim', () => {
    const r = assess(buildFacts({ claimType: ClaimType.TRANSPARENCY_FAILURE, aiSystem: { disclosure: null } }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(finding(r, 'INFRINGEMENT').citation).toContain('Transparency duty');
    expect(finding(r, 'RELIANCE').finding).toBe(Finding.NOT_APPLICABLE);
    expect(r.ordersDisclosure).toBe(false);
  });

  it('a RAG built to output the expression is ACTIONABLE even before a similarity finding', () => {
    const r = assess(buildFacts({ claimType: ClaimType.RAG_REPRODUCTION, stage: UseStage.RAG, facts: { ragOutputsExpression: true }, evidence: { maxSimilarityScore: 0.9 } }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(finding(r, 'NON_ENJOYMENT').finding).toBe(Finding.NOT_MET);
    expect(finding(r, 'LIABILITY').data?.parties).toEqual(['PROVIDER']);
  });
});

describe('assess: NOT_ACTIONABLE', () => {
  it('when Japanese law does not apply (refer), with no remedies and every finding still listed', () => {
    const r = assess(strongOutputFacts({ eligibility: { rules: { APPLICABLE_LAW: Finding.NOT_MET } } }));
    expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
    expect(r.strength).toBe(Strength.WEAK);
    expect(r.recommendedRemedies).toEqual([]);
    expect(r.findings).toHaveLength(9);
    expect(finding(r, 'APPLICABLE_LAW').explanation.en).toContain('referred');
  });

  it('when ordinary training is covered by Art. 30-4', () => {
    const r = assess(buildFacts({ claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, facts: { accessControlBypassed: false } }));
    expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
    expect(finding(r, 'NON_ENJOYMENT').finding).toBe(Finding.MET);
    expect(finding(r, 'INFRINGEMENT').finding).toBe(Finding.NOT_MET);
    expect(finding(r, 'LIABILITY').finding).toBe(Finding.NOT_APPLICABLE);
  });

  it('when a human found only the style shared, flagging that style is an idea', () => {
    const r = assess(buildFacts({ facts: { essentialFeaturesPerceivable: false, promptNamedWorkOrAuthor: true } }));
    expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
    expect(finding(r, 'NON_ENJOYMENT').explanation.en).toContain('Style alone is an idea, not expression');
    expect(r.recommendedRemedies).toEqual([]);
  });

  it('when the work was not in the training data and the user did not know it, despite a high score', () => {
    const r = assess(buildFacts({ facts: { workInTrainingData: TriState.NO, userKnewWork: false }, evidence: { maxSimilarityScore: 0.95 } }));
    expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
    expect(finding(r, 'RELIANCE').finding).toBe(Finding.NOT_MET);
  });
});

describe('assess: INELIGIBLE', () => {
  it('lists every finding but decides INELIGIBLE with no strength and no remedies', () => {
    const r = assess(strongOutputFacts({ eligibility: { eligible: false, rules: { PROTECTED_WORK: Finding.NOT_MET } }, requestedRemedies: [Remedy.COMPENSATION] }));
    expect(r.decision).toBe(AssessmentDecision.INELIGIBLE);
    expect(r.strength).toBeNull();
    expect(r.recommendedRemedies).toEqual([]);
    expect(r.findings.map((f) => f.code)).toEqual(ORDER);
    expect(finding(r, 'PROTECTED_WORK').finding).toBe(Finding.NOT_MET);
  });
});

describe('assess: NEEDS_HUMAN_REVIEW', () => {
  it('when a high similarity score awaits a human finding', () => {
    const r = assess(buildFacts({ facts: { promptNamedWorkOrAuthor: true }, evidence: { maxSimilarityScore: 0.93 } }));
    expect(r.decision).toBe(AssessmentDecision.NEEDS_HUMAN_REVIEW);
    expect(r.strength).toBe(Strength.WEAK);
    expect(r.missingFacts).toEqual(['facts.essentialFeaturesPerceivable']);
    expect(finding(r, 'SIMILARITY').data?.triagePriority).toBe('HIGH');
    expect(r.recommendedRemedies.length).toBeGreaterThan(0);
  });

  it('when the training data is undisclosed: disclosure is ordered', () => {
    const r = assess(buildFacts({ aiSystem: { disclosure: null }, facts: { essentialFeaturesPerceivable: true } }));
    expect(r.decision).toBe(AssessmentDecision.NEEDS_HUMAN_REVIEW);
    expect(r.ordersDisclosure).toBe(true);
    expect(r.missingFacts).toEqual(['facts.workInTrainingData']);
    expect(finding(r, 'RELIANCE').explanation.en).toContain('adverse inference');
  });

  it('when the only basis is style (targeted training, outputs share only style)', () => {
    const r = assess(buildFacts({
      claimType: ClaimType.TARGETED_FINE_TUNING,
      facts: { targetedAdditionalTraining: true, essentialFeaturesPerceivable: false, accessControlBypassed: false },
    }));
    expect(r.decision).toBe(AssessmentDecision.NEEDS_HUMAN_REVIEW);
    expect(finding(r, 'NON_ENJOYMENT').data?.styleOnly).toBe(true);
    expect(r.missingFacts).toEqual([]);
  });

  it('style-only targeted training is still ACTIONABLE when the proviso independently applies', () => {
    const r = assess(buildFacts({
      claimType: ClaimType.TARGETED_FINE_TUNING,
      facts: { targetedAdditionalTraining: true, essentialFeaturesPerceivable: false, accessControlBypassed: true },
    }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
  });

  it('when the term of protection is unknown, naming the eligibility facts that are missing', () => {
    const r = assess(strongOutputFacts({ eligibility: { rules: { TERM: Finding.UNKNOWN }, missingFacts: ['authorDeathYear'] } }));
    expect(r.decision).toBe(AssessmentDecision.NEEDS_HUMAN_REVIEW);
    expect(r.missingFacts).toEqual(['authorDeathYear']);
  });

  it('collects missing facts once each when no AI system is named', () => {
    const r = assess(buildFacts({ aiSystem: null, eligibility: { rules: { APPLICABLE_LAW: Finding.UNKNOWN } } }));
    expect(r.decision).toBe(AssessmentDecision.NEEDS_HUMAN_REVIEW);
    expect(r.tier).toBeNull();
    expect(r.missingFacts).toEqual(['aiSystemId', 'facts.outputServedInJapan', 'facts.essentialFeaturesPerceivable', 'facts.workInTrainingData', 'facts.outputCommercial']);
  });
});

describe('assess: the engine', () => {
  it('is pure: it does not touch deep-frozen facts and gives the same result twice', () => {
    const facts = deepFreeze(strongOutputFacts({ optOut: { registered: true, signals: [OptOutSignal.ROBOTS_TXT], acknowledgedByFirm: true } }));
    expect(assess(facts)).toEqual(assess(facts));
  });

  it('refuses a rule set that names an unknown criterion', () => {
    const bad: RuleSet = { ...JP_2024_1, version: 'bad', criteria: ['PROTECTED_WORK', 'NO_SUCH_RULE'] };
    expect(() => assess(buildFacts(), bad)).toThrow(/NO_SUCH_RULE/);
  });

  it('runs a smaller rule set, computing the parts INFRINGEMENT needs on demand, and records its version', () => {
    const small: RuleSet = { ...JP_2024_1, version: 'test-1', criteria: ['PROTECTED_WORK', 'APPLICABLE_LAW', 'INFRINGEMENT', 'TIER'] };
    const r = assess(strongOutputFacts(), small);
    expect(r.ruleSetVersion).toBe('test-1');
    expect(r.findings.map((f) => f.code)).toEqual(small.criteria);
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
  });

  it('knows every criterion of jp-2024.1', () => {
    for (const code of JP_2024_1.criteria) expect(CRITERIA[code]?.code).toBe(code);
  });
});

describe('assess: invariants over arbitrary facts', () => {
  const bool = fc.option(fc.boolean(), { nil: null });
  const finding = fc.constantFrom(Finding.MET, Finding.NOT_MET, Finding.PRESUMED, Finding.UNKNOWN);
  const arbFacts = fc.record({
    claimType: fc.constantFrom(...Object.values(ClaimType)),
    eligible: fc.boolean(),
    pw: finding, term: finding, law: fc.option(finding, { nil: null }),
    kind: fc.constantFrom(...Object.values(WorkKind)),
    system: fc.option(fc.record({
      purpose: fc.constantFrom(...Object.values(Purpose)), trainingServerInJapan: fc.boolean(), servesJapaneseUsers: fc.boolean(),
      disclosed: fc.boolean(), measures: fc.array(fc.constantFrom('name filter', 'dedup filter'), { maxLength: 2 }),
    }), { nil: null }),
    workInTrainingData: fc.option(fc.constantFrom(...Object.values(TriState)), { nil: null }),
    flags: fc.record({
      promptNamedWorkOrAuthor: bool, imageToImageInputWasWork: bool, userKnewWork: bool, essentialFeaturesPerceivable: bool,
      outputCommercial: bool, outputCompetesWithOriginal: bool, outputServedInJapan: bool, intentionalOverfitting: bool,
      targetedAdditionalTraining: bool, ragOutputsExpression: bool, accessControlBypassed: bool, similarOutputsFrequent: bool,
    }),
    score: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    optOut: fc.record({
      registered: fc.boolean(), recognised: fc.boolean(), acknowledgedByFirm: fc.boolean(), effectiveBeforeUse: bool,
      signals: fc.subarray(Object.values(OptOutSignal)),
    }),
    requested: fc.subarray(Object.values(Remedy)),
  });

  it('every finding is explained in both languages and cited; the decision follows the findings', () => {
    fc.assert(fc.property(arbFacts, (a) => {
      const facts = buildFacts({
        claimType: a.claimType,
        eligibility: eligibilityOutcome({ eligible: a.eligible, rules: { PROTECTED_WORK: a.pw, TERM: a.term, APPLICABLE_LAW: a.law } }),
        works: [{ kind: a.kind }],
        aiSystem: a.system && {
          purpose: a.system.purpose, trainingServerInJapan: a.system.trainingServerInJapan, servesJapaneseUsers: a.system.servesJapaneseUsers,
          disclosure: a.system.disclosed ? { suppressionMeasures: a.system.measures } : null,
        },
        facts: { ...a.flags, workInTrainingData: a.workInTrainingData },
        evidence: { maxSimilarityScore: a.score },
        optOut: a.optOut,
        requestedRemedies: a.requested,
      });
      const r = assess(facts);
      expect(r.findings.map((f) => f.code)).toEqual(ORDER);
      for (const f of r.findings) {
        expect(f.explanation.en.trim()).not.toBe('');
        expect(f.explanation.ja.trim()).not.toBe('');
        expect(f.citation).toBeTruthy();
      }
      expect(r.decision === AssessmentDecision.INELIGIBLE).toBe(!a.eligible);
      expect(r.strength === null).toBe(!a.eligible);
      const inf = r.findings.find((f) => f.code === 'INFRINGEMENT')!.finding;
      if (r.decision === AssessmentDecision.ACTIONABLE) expect([Finding.MET, Finding.PRESUMED]).toContain(inf);
      if (r.decision === AssessmentDecision.NOT_ACTIONABLE || r.decision === AssessmentDecision.INELIGIBLE) {
        expect(r.recommendedRemedies).toEqual([]);
      } else {
        expect(r.recommendedRemedies.length).toBeGreaterThan(0);
      }
      if (a.eligible && inf === Finding.NOT_MET) expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
      if (r.ordersDisclosure) expect(r.findings.find((f) => f.code === 'RELIANCE')!.finding).toBe(Finding.UNKNOWN);
      expect(new Set(r.missingFacts).size).toBe(r.missingFacts.length);
      if (r.findings.some((f) => f.finding === Finding.UNKNOWN && ((f.data?.missingFacts as string[] | undefined)?.length ?? 0) > 0)) {
        expect(r.missingFacts.length).toBeGreaterThan(0);
      }
    }), { numRuns: 500 });
  });
});
