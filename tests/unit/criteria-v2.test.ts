/**
 * Rule set jp-2024.2 (issue 15): the statute and the framework kept apart, every act under its own
 * law, remedies following the law and the liable party. Cases from the Copyright Act and the
 * General Understanding's own examples; each asserts the decision, the layers and the citations.
 */
import { describe, expect, it } from 'vitest';
import {
  AssessmentDecision, ClaimType, Finding, OptOutSignal, Purpose, Remedy, RightsHolderRole, RuleLayer, TriState, UseStage, WorkKind,
} from '../../src/domain/enums';
import type { AssessmentFacts, AssessmentResult, RuleFindingData } from '../../src/domain/types';
import { assess } from '../../src/domain/criteria/engine';
import { CURRENT_RULE_SET, JP_2024_1, JP_2024_2, ruleSetByVersion } from '../../src/domain/criteria/rule-sets';
import { disclosureCoverage } from '../../src/domain/criteria/disclosure-coverage';
import { buildFacts, deepFreeze, rule, strongOutputFacts, type FactsOverrides } from './assessment-facts.factory';

function run(facts: AssessmentFacts): AssessmentResult {
  return assess(facts, JP_2024_2);
}

function find(r: AssessmentResult, code: string): RuleFindingData {
  const f = r.findings.find((x) => x.code === code);
  if (!f) throw new Error(`no finding ${code}`);
  return f;
}

/** A training claim with nothing beyond ordinary training alleged (no bypass, no database). */
function training(o: FactsOverrides = {}): AssessmentFacts {
  return buildFacts({ claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, ...o, facts: { accessControlBypassed: false, ...o.facts } });
}

describe('jp-2024.2: the rule set', () => {
  it('is current beside jp-2024.1, which stays runnable as it was', () => {
    expect(CURRENT_RULE_SET).toBe(JP_2024_2);
    expect(ruleSetByVersion('jp-2024.1')).toBe(JP_2024_1);
    expect([...JP_2024_2.criteria]).toEqual([
      'PROTECTED_WORK', 'APPLICABLE_LAW', 'NON_ENJOYMENT', 'UNREASONABLE_PREJUDICE', 'SIMILARITY', 'RELIANCE', 'MINOR_EXPLOITATION',
      'INFRINGEMENT', 'FRAMEWORK_OPT_OUT', 'FRAMEWORK_TRANSPARENCY', 'LIABILITY', 'FAULT', 'TIER',
    ]);
    // The same facts under jp-2024.1 still read an acknowledged robots.txt opt-out as the proviso.
    const facts = training({ optOut: { registered: true, signals: [OptOutSignal.ROBOTS_TXT], acknowledgedByFirm: true, effectiveBeforeUse: true } });
    expect(find(assess(facts, JP_2024_1), 'UNREASONABLE_PREJUDICE').finding).toBe(Finding.MET);
    expect(find(assess(facts, JP_2024_1), 'UNREASONABLE_PREJUDICE').layer).toBeUndefined();
    expect(find(run(facts), 'UNREASONABLE_PREJUDICE').finding).toBe(Finding.NOT_MET);
  });

  it('gives every finding a layer, an explanation in both languages and a citation; it is pure', () => {
    const facts = deepFreeze(strongOutputFacts());
    const r = run(facts);
    expect(r.ruleSetVersion).toBe('jp-2024.2');
    expect(run(facts)).toEqual(r);
    for (const f of r.findings) {
      expect([RuleLayer.STATUTE, RuleLayer.FRAMEWORK]).toContain(f.layer);
      expect(f.explanation.en.length).toBeGreaterThan(0);
      expect(f.explanation.ja.length).toBeGreaterThan(0);
      expect(f.citation).toBeTruthy();
    }
    expect(find(r, 'INFRINGEMENT').layer).toBe(RuleLayer.STATUTE);
    expect(find(r, 'FRAMEWORK_OPT_OUT').layer).toBe(RuleLayer.FRAMEWORK);
    expect(find(r, 'TIER').layer).toBe(RuleLayer.FRAMEWORK);
  });

  it('cites only the sections of the General Understanding that were confirmed (§5(1), §5(2), §5(2)キ), never jp-2024.1\'s unconfirmed sub-letters', () => {
    const cases = [strongOutputFacts(), training({ facts: { intentionalOverfitting: true } }), buildFacts({ claimType: ClaimType.TARGETED_FINE_TUNING })];
    for (const facts of cases) {
      for (const f of run(facts).findings) {
        for (const section of f.citation?.match(/§[^ ;,]*/g) ?? []) expect(['§5(1)', '§5(2)', '§5(2)キ']).toContain(section);
      }
    }
    const r = run(strongOutputFacts());
    expect(find(r, 'SIMILARITY').citation).toMatch(/Art\. 21 .*Art\. 27 .*§5\(2\) /);
    expect(find(r, 'NON_ENJOYMENT').citation).toBe('Copyright Act Art. 30-4; General Understanding (15 March 2024) §5(1) (development and training stage)');
    expect(find(r, 'SIMILARITY').layer).toBe(RuleLayer.STATUTE);
    // jp-2024.1 is shown as it was.
    expect(find(assess(strongOutputFacts(), JP_2024_1), 'SIMILARITY').citation).toBe('General Understanding §5(2)(イ)(ア)');
  });
});

describe('point 1: the Art. 30-4 proviso', () => {
  it('GU example — a database sold for analysis: the proviso is met and training infringes (statute)', () => {
    const r = run(training({ works: [{ kind: WorkKind.DATABASE }], facts: { databaseOfferedForAnalysis: true } }));
    const up = find(r, 'UNREASONABLE_PREJUDICE');
    expect(up.finding).toBe(Finding.MET);
    expect(up.layer).toBe(RuleLayer.STATUTE);
    expect(up.citation).toContain('Art. 30-4 proviso');
    expect(up.citation).toContain('§5(1)');
    expect(up.explanation.en).toMatch(/database work offered .* for information analysis/);
    expect(find(r, 'INFRINGEMENT').finding).toBe(Finding.MET);
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
  });

  it('a DATABASE kind alone is not "offered for analysis": the missing fact is named', () => {
    const r = run(training({ works: [{ kind: WorkKind.DATABASE }] }));
    const up = find(r, 'UNREASONABLE_PREJUDICE');
    expect(up.finding).toBe(Finding.UNKNOWN);
    expect(r.missingFacts).toContain('facts.databaseOfferedForAnalysis');
    expect(up.explanation.en).toMatch(/not by that alone offered for information analysis/);
    const no = run(training({ works: [{ kind: WorkKind.DATABASE }], facts: { databaseOfferedForAnalysis: false } }));
    expect(find(no, 'UNREASONABLE_PREJUDICE').finding).toBe(Finding.NOT_MET);
    expect(no.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
  });

  it('GU example — robots.txt on data meant for sale, circumvented: the proviso is met', () => {
    const r = run(training({ facts: { accessControlBypassed: true }, optOut: { registered: true, signals: [OptOutSignal.ROBOTS_TXT] } }));
    const up = find(r, 'UNREASONABLE_PREJUDICE');
    expect(up.finding).toBe(Finding.MET);
    expect(up.explanation.en).toMatch(/robots\.txt, ID\/password gating\) were circumvented/);
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
  });

  it('an acknowledged robots.txt or registry opt-out alone never meets the proviso; it is evidence that the firm knew', () => {
    const r = run(training({ optOut: { registered: true, signals: [OptOutSignal.ROBOTS_TXT, OptOutSignal.REGISTRY], acknowledgedByFirm: true, effectiveBeforeUse: true } }));
    const up = find(r, 'UNREASONABLE_PREJUDICE');
    expect(up.finding).toBe(Finding.NOT_MET);
    expect(up.data?.firmKnew).toBe(true);
    expect(up.explanation.en).toMatch(/An opt-out is not the proviso/);
    expect(up.explanation.en).toMatch(/FRAMEWORK_OPT_OUT/);
    expect(find(r, 'INFRINGEMENT').finding).toBe(Finding.NOT_MET);
    expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
  });
});

describe('point 2: two layers', () => {
  const optOut = { registered: true, recognised: true, signals: [OptOutSignal.ROBOTS_TXT], acknowledgedByFirm: true, effectiveBeforeUse: true };

  it('OPT_OUT_IGNORED is decided on the framework layer, not the statute, and says so', () => {
    const r = run(buildFacts({ claimType: ClaimType.OPT_OUT_IGNORED, optOut }));
    const fw = find(r, 'FRAMEWORK_OPT_OUT');
    expect(fw.finding).toBe(Finding.MET);
    expect(fw.layer).toBe(RuleLayer.FRAMEWORK);
    expect(fw.citation).toContain('Act No. 53 of 2025');
    expect(fw.citation).toMatch(/Not a right under the Copyright Act/);
    expect(fw.explanation.en).toMatch(/not a breach of the Copyright Act/);
    const inf = find(r, 'INFRINGEMENT');
    expect(inf.finding).toBe(Finding.NOT_APPLICABLE);
    expect(inf.layer).toBe(RuleLayer.STATUTE);
    expect(inf.explanation.en).toMatch(/decided on the framework layer/);
    expect(find(r, 'LIABILITY').layer).toBe(RuleLayer.FRAMEWORK);
    expect(find(r, 'FAULT').finding).toBe(Finding.NOT_APPLICABLE);
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
  });

  it('an opt-out not recognised for the creator does not breach the framework duty', () => {
    const r = run(buildFacts({ claimType: ClaimType.OPT_OUT_IGNORED, optOut: { ...optOut, recognised: false } }));
    expect(find(r, 'FRAMEWORK_OPT_OUT').finding).toBe(Finding.NOT_MET);
    expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
  });

  it('TRANSPARENCY_FAILURE is decided on the framework layer, citing the Principle Code (comply or explain)', () => {
    const r = run(buildFacts({ claimType: ClaimType.TRANSPARENCY_FAILURE, aiSystem: { disclosure: null } }));
    const fw = find(r, 'FRAMEWORK_TRANSPARENCY');
    expect(fw.finding).toBe(Finding.MET);
    expect(fw.layer).toBe(RuleLayer.FRAMEWORK);
    expect(fw.citation).toMatch(/Principle Code .*comply or explain/);
    expect(fw.explanation.en).toMatch(/not from the Copyright Act/);
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    const disclosed = run(buildFacts({ claimType: ClaimType.TRANSPARENCY_FAILURE }));
    expect(find(disclosed, 'FRAMEWORK_TRANSPARENCY').finding).toBe(Finding.NOT_MET);
    expect(disclosed.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
  });

  it('INFRINGEMENT stays statutory for statutory claims', () => {
    const r = run(strongOutputFacts());
    expect(find(r, 'INFRINGEMENT').finding).toBe(Finding.MET);
    expect(find(r, 'INFRINGEMENT').citation).toContain('Art. 21');
    expect(find(r, 'FRAMEWORK_OPT_OUT').finding).toBe(Finding.NOT_APPLICABLE);
    expect(find(r, 'FRAMEWORK_TRANSPARENCY').finding).toBe(Finding.NOT_APPLICABLE);
  });
});

describe('point 3: territoriality, act by act', () => {
  it('a training claim against training abroad is not governed by the Act, even though the firm serves outputs in Japan', () => {
    const r = run(training({
      aiSystem: { trainingServerInJapan: false, servesJapaneseUsers: true }, facts: { outputServedInJapan: true, intentionalOverfitting: true },
      eligibility: { rules: { APPLICABLE_LAW: Finding.NOT_MET } },
    }));
    const law = find(r, 'APPLICABLE_LAW');
    expect(law.finding).toBe(Finding.NOT_MET);
    expect(law.explanation.en).toMatch(/place where the training ran/);
    expect(law.explanation.en).toMatch(/output acts under the Japanese Act .*not this training/);
    expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
  });

  it('the output claim against the same firm is governed by where the output is made available', () => {
    const r = run(strongOutputFacts({ aiSystem: { trainingServerInJapan: false }, facts: { outputServedInJapan: true } }));
    expect(find(r, 'APPLICABLE_LAW').finding).toBe(Finding.MET);
    expect(find(r, 'APPLICABLE_LAW').explanation.en).toMatch(/place where the output is made available/);
  });

  it('outputServedInJapan is never inferred from servesJapaneseUsers: unknown stays UNKNOWN and is a missing fact', () => {
    const r = run(strongOutputFacts({
      aiSystem: { trainingServerInJapan: false, servesJapaneseUsers: true }, facts: { outputServedInJapan: null },
      eligibility: { rules: { APPLICABLE_LAW: Finding.UNKNOWN } },
    }));
    const law = find(r, 'APPLICABLE_LAW');
    expect(law.finding).toBe(Finding.UNKNOWN);
    expect(law.explanation.en).toMatch(/does not by itself show/);
    expect(r.missingFacts).toContain('facts.outputServedInJapan');
    expect(r.decision).toBe(AssessmentDecision.NEEDS_HUMAN_REVIEW);
  });

  it('a training-stage opt-out claim follows the training place; at the generation stage, the output place', () => {
    const base = { claimType: ClaimType.OPT_OUT_IGNORED, aiSystem: { trainingServerInJapan: false }, facts: { outputServedInJapan: true },
      optOut: { registered: true, recognised: true, acknowledgedByFirm: true, effectiveBeforeUse: true } } as const;
    expect(find(run(buildFacts({ ...base, stage: UseStage.TRAINING })), 'APPLICABLE_LAW').finding).toBe(Finding.NOT_MET);
    expect(find(run(buildFacts({ ...base, stage: UseStage.GENERATION })), 'APPLICABLE_LAW').finding).toBe(Finding.MET);
  });
});

describe('point 5: remedies follow the law and the liable party', () => {
  it('GU example — frequent similar outputs: the provider is liable too, with fault, and is asked for compensation', () => {
    const r = run(strongOutputFacts({ facts: { similarOutputsFrequent: true } }));
    expect(find(r, 'LIABILITY').data?.parties).toEqual(['USER', 'PROVIDER']);
    expect(find(r, 'LIABILITY').citation).toContain('§5(2)キ');
    const fault = find(r, 'FAULT');
    expect(fault.finding).toBe(Finding.MET);
    expect(fault.citation).toContain('Civil Code Art. 709');
    expect(fault.explanation.en).toMatch(/Art\. 114 only presumes their amount/);
    expect(r.recommendedRemedies).toContain(Remedy.COMPENSATION);
  });

  it('when only the user is liable, the provider is not asked for compensation or a licence', () => {
    const r = run(strongOutputFacts({ facts: { similarOutputsFrequent: false } }));
    expect(find(r, 'LIABILITY').data?.parties).toEqual(['USER']);
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(r.recommendedRemedies).not.toContain(Remedy.COMPENSATION);
    expect(r.recommendedRemedies).not.toContain(Remedy.LICENSE);
    expect(r.recommendedRemedies).toContain(Remedy.TAKEDOWN);
  });

  it('GU example — intentional overfitting by a research system: the tier orders, but never removes compensation', () => {
    const r = run(training({ aiSystem: { purpose: Purpose.RESEARCH }, facts: { intentionalOverfitting: true }, requestedRemedies: [Remedy.COMPENSATION] }));
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(r.tier).toBe('RESEARCH');
    expect(find(r, 'FAULT').finding).toBe(Finding.MET);
    expect(r.recommendedRemedies[0]).toBe(Remedy.COMPENSATION);
    expect(r.recommendedRemedies).toContain(Remedy.DATASET_REMOVAL);
    expect(find(r, 'TIER').explanation.en).toMatch(/never removes what the law gives/);
  });

  it('an injunction is available for any infringement, fault or not: no fault shown, no compensation, removal still', () => {
    const r = run(training({ works: [{ kind: WorkKind.DATABASE }], facts: { databaseOfferedForAnalysis: true } }));
    expect(find(r, 'FAULT').finding).toBe(Finding.NOT_MET);
    expect(r.recommendedRemedies).toEqual(expect.arrayContaining([Remedy.DATASET_REMOVAL, Remedy.OUTPUT_FILTER]));
    expect(r.recommendedRemedies).not.toContain(Remedy.COMPENSATION);
  });

  it('a served notice makes the firm know: fault is met', () => {
    const r = run({ ...training({ works: [{ kind: WorkKind.DATABASE }], facts: { databaseOfferedForAnalysis: true } }), noticeServed: true });
    expect(find(r, 'FAULT').finding).toBe(Finding.MET);
    expect(find(r, 'FAULT').explanation.en).toMatch(/notice of this case was served/);
    expect(r.recommendedRemedies).toContain(Remedy.COMPENSATION);
  });

  it('GU example — a LoRA on one creator\'s works: training infringes, the provider is liable with intent', () => {
    const r = run(buildFacts({ claimType: ClaimType.TARGETED_FINE_TUNING, facts: { targetedAdditionalTraining: true, accessControlBypassed: false } }));
    expect(find(r, 'NON_ENJOYMENT').finding).toBe(Finding.NOT_MET);
    expect(find(r, 'INFRINGEMENT').finding).toBe(Finding.MET);
    expect(find(r, 'INFRINGEMENT').citation).toContain('§5(1)');
    expect(find(r, 'LIABILITY').data?.parties).toEqual(['PROVIDER']);
    expect(find(r, 'FAULT').finding).toBe(Finding.MET);
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
  });

  it('standing follows the holder\'s role: an exclusive licensee is told that the injunction is the copyright holder\'s (Art. 112)', () => {
    const licensee = run(strongOutputFacts({ works: [{ kind: WorkKind.ILLUSTRATION, holderRole: RightsHolderRole.EXCLUSIVE_LICENSEE }] }));
    expect(licensee.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(find(licensee, 'TIER').data?.injunctionNeedsHolder).toBe(true);
    expect(find(licensee, 'TIER').explanation.en).toMatch(/Art\. 112 gives an injunction to the author and the copyright holder, not to a licensee/);
    expect(find(licensee, 'TIER').explanation.ja).toContain('独占的利用許諾');
    for (const holderRole of [RightsHolderRole.AUTHOR, RightsHolderRole.COPYRIGHT_HOLDER, undefined]) {
      const holder = run(strongOutputFacts({ works: [{ kind: WorkKind.ILLUSTRATION, holderRole }] }));
      expect(find(holder, 'TIER').data?.injunctionNeedsHolder).toBeUndefined();
    }
    // A work the complainant holds outright among them: it has the injunction for that one.
    const mixed = run(strongOutputFacts({ works: [
      { kind: WorkKind.ILLUSTRATION, holderRole: RightsHolderRole.EXCLUSIVE_LICENSEE }, { kind: WorkKind.ILLUSTRATION, holderRole: RightsHolderRole.COPYRIGHT_HOLDER },
    ] }));
    expect(find(mixed, 'TIER').data?.injunctionNeedsHolder).toBeUndefined();
  });

  it('GU example — style alone: not infringement; nothing is asked of anyone', () => {
    const r = run(buildFacts({ facts: { essentialFeaturesPerceivable: false, outputServedInJapan: true, workInTrainingData: TriState.YES } }));
    expect(find(r, 'INFRINGEMENT').finding).toBe(Finding.NOT_MET);
    expect(find(r, 'NON_ENJOYMENT').data?.styleOnly).toBe(true);
    expect(find(r, 'LIABILITY').finding).toBe(Finding.NOT_APPLICABLE);
    expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
    expect(r.recommendedRemedies).toEqual([]);
  });
});

describe('points 6 and 8: RAG and disclosures', () => {
  const rag = (facts: AssessmentFacts['facts']) => buildFacts({
    claimType: ClaimType.RAG_REPRODUCTION, aiSystem: { usesRag: true },
    facts: { outputServedInJapan: true, ragOutputsExpression: false, essentialFeaturesPerceivable: true, ...facts },
  });

  it('GU example — RAG outputs: the retrieved document is a direct input, so reliance is MET', () => {
    const r = run(rag({ ragRetrievedWork: true }));
    expect(find(r, 'RELIANCE').finding).toBe(Finding.MET);
    expect(find(r, 'RELIANCE').explanation.en).toMatch(/direct input/);
    expect(find(r, 'INFRINGEMENT').finding).toBe(Finding.MET);
    expect(find(r, 'LIABILITY').data?.parties).toEqual(['PROVIDER']);
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
  });

  it('a RAG claim with nothing shown names ragRetrievedWork as missing', () => {
    const r = run(rag({}));
    expect(r.missingFacts).toContain('facts.ragRetrievedWork');
  });

  it('Art. 47-5 covers a minor use incidental to a search or analysis result: no infringement', () => {
    const r = run(rag({ ragRetrievedWork: true, minorIncidentalUse: true }));
    const minor = find(r, 'MINOR_EXPLOITATION');
    expect(minor.finding).toBe(Finding.MET);
    expect(minor.citation).toContain('Art. 47-5');
    expect(find(r, 'INFRINGEMENT').finding).toBe(Finding.NOT_MET);
    expect(find(r, 'INFRINGEMENT').citation).toContain('Art. 47-5');
    expect(r.decision).toBe(AssessmentDecision.NOT_ACTIONABLE);
  });

  it('Art. 47-5 never covers a RAG built to output the expression', () => {
    const r = run(rag({ ragOutputsExpression: true, minorIncidentalUse: true }));
    expect(find(r, 'MINOR_EXPLOITATION').finding).toBe(Finding.NOT_MET);
    expect(find(r, 'INFRINGEMENT').finding).toBe(Finding.MET);
  });

  it('Art. 47-5 does not apply to ordinary outputs', () => {
    expect(find(run(strongOutputFacts()), 'MINOR_EXPLOITATION').finding).toBe(Finding.NOT_APPLICABLE);
  });

  it('a disclosure presumes reliance only when it covers the work, and the explanation says why', () => {
    const facts = { essentialFeaturesPerceivable: true, outputServedInJapan: true };
    const covered = run(buildFacts({ facts, evidence: { disclosureListsWork: true } }));
    expect(find(covered, 'RELIANCE').finding).toBe(Finding.PRESUMED);
    expect(find(covered, 'RELIANCE').explanation.en).toMatch(/covers the work/);
    const notCovered = run(buildFacts({ facts, evidence: { disclosureListsWork: false } }));
    expect(find(notCovered, 'RELIANCE').finding).toBe(Finding.UNKNOWN);
  });

  it('disclosure coverage: the work, its source, a containing category — not a broad one', () => {
    const work = { kind: WorkKind.ILLUSTRATION, title: 'Sakura at Dusk', canonicalUrl: 'https://art.example.jp/sakura' };
    expect(disclosureCoverage({ work, categories: null, disclosures: [{ url: null, text: 'Includes "Sakura at Dusk" by A.' }] })).toBe('WORK');
    expect(disclosureCoverage({ work, categories: null, disclosures: [{ url: null, text: 'crawled art.example.jp in 2023' }] })).toBe('SOURCE');
    expect(disclosureCoverage({ work, categories: ['ILLUSTRATION'], disclosures: [] })).toBe('CATEGORY');
    expect(disclosureCoverage({ work, categories: ['PUBLIC_WEB_CRAWL', 'OTHER'], disclosures: [{ url: null, text: 'news articles' }] })).toBeNull();
  });
});

describe('jp-2024.2 and the eligibility rule', () => {
  it('follows a PRESUMED eligibility answer (a Japanese firm) when the place of the act is not stated', () => {
    const r = run(strongOutputFacts({ facts: { outputServedInJapan: null }, eligibility: { ruleData: [rule('APPLICABLE_LAW', Finding.PRESUMED)] } }));
    expect(find(r, 'APPLICABLE_LAW').finding).toBe(Finding.PRESUMED);
  });

  it('a presumed place still names the fact that would overturn it, so the creator is told it matters (point 3)', () => {
    const facts = strongOutputFacts({ facts: { outputServedInJapan: null }, eligibility: { ruleData: [rule('APPLICABLE_LAW', Finding.PRESUMED)] } });
    const r = run(facts);
    expect(r.decision).toBe(AssessmentDecision.ACTIONABLE);
    expect(r.missingFacts).toContain('facts.outputServedInJapan');
    expect(find(r, 'APPLICABLE_LAW').explanation.en).toMatch(/Stating it would decide the point/);
    // Stated, the presumption gives way to the fact.
    const abroad = run(strongOutputFacts({ facts: { outputServedInJapan: false }, eligibility: { ruleData: [rule('APPLICABLE_LAW', Finding.PRESUMED)] } }));
    expect(find(abroad, 'APPLICABLE_LAW').finding).toBe(Finding.NOT_MET);
    expect(abroad.missingFacts).not.toContain('facts.outputServedInJapan');
    // jp-2024.1 is shown as it was: its presumption names no missing fact.
    expect(assess(facts, JP_2024_1).missingFacts).not.toContain('facts.outputServedInJapan');
  });
});
