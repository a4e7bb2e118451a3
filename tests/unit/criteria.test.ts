import { describe, expect, it } from 'vitest';
import { ClaimType, Finding, OptOutSignal, Purpose, Remedy, Tier, TriState, UseStage, WorkKind } from '../../src/domain/enums';
import type { AssessmentFacts, RuleFindingData } from '../../src/domain/types';
import type { Criterion } from '../../src/domain/criteria/criterion';
import { applicableLawCriterion } from '../../src/domain/criteria/applicable-law.criterion';
import { infringementCriterion } from '../../src/domain/criteria/infringement.criterion';
import { liabilityCriterion } from '../../src/domain/criteria/liability.criterion';
import { nonEnjoymentCriterion } from '../../src/domain/criteria/non-enjoyment.criterion';
import { protectedWorkCriterion } from '../../src/domain/criteria/protected-work.criterion';
import { relianceCriterion } from '../../src/domain/criteria/reliance.criterion';
import { CURRENT_RULE_SET, JP_2024_1, RULE_SETS, ruleSetByVersion } from '../../src/domain/criteria/rule-sets';
import { similarityCriterion } from '../../src/domain/criteria/similarity.criterion';
import { recommendRemedies, remediesForTier, tierCriterion } from '../../src/domain/criteria/tier.criterion';
import { unreasonablePrejudiceCriterion } from '../../src/domain/criteria/unreasonable-prejudice.criterion';
import { buildFacts, rule, strongOutputFacts } from './assessment-facts.factory';

function run(criterion: Criterion, facts: AssessmentFacts, prior = new Map<string, RuleFindingData>()): RuleFindingData {
  const f = criterion.check(facts, prior);
  expect(f.code).toBe(criterion.code);
  expect(f.explanation.en.trim().length).toBeGreaterThan(0);
  expect(f.explanation.ja.trim().length).toBeGreaterThan(0);
  expect(f.citation).toBeTruthy();
  return f;
}

/** The English explanation names each of these (case-insensitive) and the Japanese one each of `ja`. */
function expectExplains(f: RuleFindingData, en: string[], ja: string[] = []): void {
  for (const word of en) expect(f.explanation.en.toLowerCase()).toContain(word.toLowerCase());
  for (const word of ja) expect(f.explanation.ja).toContain(word);
}

describe('PROTECTED_WORK', () => {
  it('is MET when the eligibility rules PROTECTED_WORK and TERM are both MET, citing Art. 6 and Arts. 51–58', () => {
    const f = run(protectedWorkCriterion, buildFacts());
    expect(f.finding).toBe(Finding.MET);
    expect(f.citation).toBe('Copyright Act Art. 6; Arts. 51–58');
    expectExplains(f, ['protected in Japan', 'term', '2095-12-31'], ['第6条', '保護期間']);
  });

  it('is NOT_MET citing the failing TERM rule and its explanation', () => {
    const facts = buildFacts({
      eligibility: { rules: { TERM: Finding.NOT_MET }, ruleData: [rule('TERM', Finding.NOT_MET, 'The author died in 1940; protection ended on 31 December 2010.', 'Copyright Act Art. 51(2)')] },
    });
    const f = run(protectedWorkCriterion, facts);
    expect(f.finding).toBe(Finding.NOT_MET);
    expect(f.citation).toBe('Copyright Act Art. 51(2)');
    expectExplains(f, ['term of protection has ended', 'died in 1940'], ['保護期間が満了']);
  });

  it('is NOT_MET when the work is not protected under Art. 6', () => {
    const f = run(protectedWorkCriterion, buildFacts({ eligibility: { eligible: false, rules: { PROTECTED_WORK: Finding.NOT_MET } } }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['not protected in Japan', 'PROTECTED_WORK'], ['第6条']);
  });

  it('is UNKNOWN with the eligibility module\'s missing facts when TERM is UNKNOWN', () => {
    const f = run(protectedWorkCriterion, buildFacts({ eligibility: { rules: { TERM: Finding.UNKNOWN }, missingFacts: ['authorDeathYear'] } }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data?.missingFacts).toEqual(['authorDeathYear']);
    expectExplains(f, ['TERM', 'authorDeathYear'], ['authorDeathYear']);
  });

  it('is PRESUMED when an eligibility rule is PRESUMED', () => {
    const f = run(protectedWorkCriterion, buildFacts({ eligibility: { rules: { TERM: Finding.PRESUMED } } }));
    expect(f.finding).toBe(Finding.PRESUMED);
    expectExplains(f, ['presumption']);
  });
});

describe('APPLICABLE_LAW', () => {
  it('follows the eligibility rule when it is MET, quoting it and its citation', () => {
    const f = run(applicableLawCriterion, buildFacts());
    expect(f.finding).toBe(Finding.MET);
    expect(f.citation).toBe('cite:APPLICABLE_LAW');
    expectExplains(f, ['Japanese law applies', 'APPLICABLE_LAW is MET'], ['日本法']);
  });

  it('is NOT_MET (refer) when the eligibility rule is NOT_MET', () => {
    const f = run(applicableLawCriterion, buildFacts({ eligibility: { rules: { APPLICABLE_LAW: Finding.NOT_MET } } }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['does not apply', 'referred'], ['回付']);
  });

  it('falls back to the training server in Japan when the eligibility rule is UNKNOWN', () => {
    const f = run(applicableLawCriterion, buildFacts({ eligibility: { rules: { APPLICABLE_LAW: Finding.UNKNOWN } } }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.citation).toContain('Berne Convention Art. 5(2)');
    expectExplains(f, ['training ran on a server in Japan'], ['日本国内のサーバー']);
  });

  it('falls back to facts.outputServedInJapan when the rule is absent', () => {
    const f = run(applicableLawCriterion, buildFacts({
      eligibility: { rules: { APPLICABLE_LAW: null } },
      aiSystem: { trainingServerInJapan: false, servesJapaneseUsers: false },
      facts: { outputServedInJapan: true },
    }));
    expect(f.finding).toBe(Finding.MET);
    expectExplains(f, ['output was served to users in Japan']);
  });

  it('is PRESUMED when the system serves Japanese users but trained abroad', () => {
    const f = run(applicableLawCriterion, buildFacts({
      eligibility: { rules: { APPLICABLE_LAW: Finding.UNKNOWN } },
      aiSystem: { trainingServerInJapan: false, servesJapaneseUsers: true },
    }));
    expect(f.finding).toBe(Finding.PRESUMED);
    expectExplains(f, ['serves users in Japan', 'presumed'], ['推定']);
  });

  it('is NOT_MET from the facts when training was abroad and the output was not served in Japan', () => {
    const f = run(applicableLawCriterion, buildFacts({
      eligibility: { rules: { APPLICABLE_LAW: Finding.UNKNOWN } },
      aiSystem: { trainingServerInJapan: false, servesJapaneseUsers: true },
      facts: { outputServedInJapan: false },
    }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['outside Japan', 'not served to users in Japan', 'referred']);
  });

  it('is UNKNOWN naming aiSystemId and facts.outputServedInJapan when nothing is known', () => {
    const f = run(applicableLawCriterion, buildFacts({ eligibility: { rules: { APPLICABLE_LAW: Finding.UNKNOWN } }, aiSystem: null }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data?.missingFacts).toEqual(['aiSystemId', 'facts.outputServedInJapan']);
    expectExplains(f, ['names no AI system']);
  });
});

describe('NON_ENJOYMENT (does the Art. 30-4 exception hold?)', () => {
  it('is MET for ordinary training for analysis, citing Art. 30-4 and §5(1)(イ)', () => {
    const f = run(nonEnjoymentCriterion, buildFacts({ claimType: ClaimType.TRAINING_WITHOUT_PERMISSION }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.citation).toBe('Copyright Act Art. 30-4; General Understanding §5(1)(イ)');
    expectExplains(f, ['exception holds', 'information analysis'], ['第30条の4', '情報解析']);
    expect(f.data?.styleOnly).toBeUndefined();
  });

  it('is NOT_MET for intentional overfitting', () => {
    const f = run(nonEnjoymentCriterion, buildFacts({ claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, facts: { intentionalOverfitting: true } }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['exception is lost', 'enjoying the expression', 'intentional overfitting'], ['過学習', '享受']);
  });

  it('is NOT_MET for additional training aimed at one creator\'s expression', () => {
    const f = run(nonEnjoymentCriterion, buildFacts({ claimType: ClaimType.TARGETED_FINE_TUNING, facts: { targetedAdditionalTraining: true } }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['additional training', "one creator's expression"], ['追加学習']);
  });

  it('is NOT_MET for a RAG system built to output the expression, naming every ground', () => {
    const f = run(nonEnjoymentCriterion, buildFacts({
      claimType: ClaimType.RAG_REPRODUCTION, facts: { ragOutputsExpression: true, intentionalOverfitting: true },
    }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['RAG', 'intentional overfitting'], ['RAG', '過学習']);
  });

  it('stands for style only and flags that style alone is an idea, not expression', () => {
    const f = run(nonEnjoymentCriterion, buildFacts({ claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, facts: { essentialFeaturesPerceivable: false } }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.data?.styleOnly).toBe(true);
    expectExplains(f, ['style alone is an idea, not expression'], ['作風', 'アイデア']);
  });

  it('is UNKNOWN (a mediator\'s call) for targeted training whose outputs share only style', () => {
    const f = run(nonEnjoymentCriterion, buildFacts({
      claimType: ClaimType.TARGETED_FINE_TUNING, facts: { targetedAdditionalTraining: true, essentialFeaturesPerceivable: false },
    }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data).toMatchObject({ styleOnly: true, needsHumanJudgement: true });
    expect(f.data?.missingFacts).toBeUndefined();
    expectExplains(f, ['style alone is an idea', 'mediator'], ['調停人']);
  });

  it('is UNKNOWN for a fine-tuning claim that does not say whether the training was targeted', () => {
    const f = run(nonEnjoymentCriterion, buildFacts({ claimType: ClaimType.TARGETED_FINE_TUNING }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data?.missingFacts).toEqual(['facts.targetedAdditionalTraining']);
  });

  it('is still reported for an output claim, saying it does not shelter the output', () => {
    const f = run(nonEnjoymentCriterion, buildFacts({ claimType: ClaimType.OUTPUT_REPRODUCES_WORK, stage: UseStage.GENERATION }));
    expect(f.finding).toBe(Finding.MET);
    expectExplains(f, ['never shelters an output', 'SIMILARITY and RELIANCE']);
  });

  it('is NOT_APPLICABLE for a transparency claim', () => {
    const f = run(nonEnjoymentCriterion, buildFacts({ claimType: ClaimType.TRANSPARENCY_FAILURE }));
    expect(f.finding).toBe(Finding.NOT_APPLICABLE);
    expectExplains(f, ['duty to disclose']);
  });
});

describe('UNREASONABLE_PREJUDICE (does the Art. 30-4 proviso apply?)', () => {
  const training = ClaimType.TRAINING_WITHOUT_PERMISSION;

  it('is MET for a database work sold for analysis, citing the proviso and §5(1)(ウ)', () => {
    const f = run(unreasonablePrejudiceCriterion, buildFacts({ claimType: training, works: [{ kind: WorkKind.DATABASE }] }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.citation).toBe('Copyright Act Art. 30-4 proviso; General Understanding §5(1)(ウ)');
    expectExplains(f, ['proviso applies', 'database work'], ['データベースの著作物', 'ただし書']);
  });

  it('is MET when access controls on data meant for sale were bypassed', () => {
    const f = run(unreasonablePrejudiceCriterion, buildFacts({ claimType: training, facts: { accessControlBypassed: true } }));
    expect(f.finding).toBe(Finding.MET);
    expectExplains(f, ['robots.txt', 'ID/password', 'bypassed'], ['回避']);
  });

  it('is MET for a robots.txt opt-out the firm acknowledged (technical measure it knew of)', () => {
    const f = run(unreasonablePrejudiceCriterion, buildFacts({
      claimType: training, facts: { accessControlBypassed: false },
      optOut: { registered: true, signals: [OptOutSignal.ROBOTS_TXT], acknowledgedByFirm: true, effectiveBeforeUse: true },
    }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.data?.firmKnew).toBe(true);
    expectExplains(f, ['robots.txt opt-out', 'acknowledged']);
  });

  it('records other opt-out signals as evidence that the firm knew, without taking the exception away', () => {
    const f = run(unreasonablePrejudiceCriterion, buildFacts({
      claimType: training, facts: { accessControlBypassed: false },
      optOut: { registered: true, signals: [OptOutSignal.REGISTRY, OptOutSignal.TDMREP, OptOutSignal.AI_TXT], acknowledgedByFirm: true, effectiveBeforeUse: true },
    }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expect(f.data?.firmKnew).toBe(true);
    expectExplains(f, ['REGISTRY, TDMREP, AI_TXT', 'firm knew', 'does not by itself take the exception away'], ['確認済み']);
  });

  it('does not count a robots.txt opt-out that took effect after the use', () => {
    const f = run(unreasonablePrejudiceCriterion, buildFacts({
      claimType: training, facts: { accessControlBypassed: false },
      optOut: { registered: true, signals: [OptOutSignal.ROBOTS_TXT], acknowledgedByFirm: true, effectiveBeforeUse: false },
    }));
    expect(f.finding).toBe(Finding.NOT_MET);
  });

  it('is UNKNOWN for a training claim that does not say whether access controls were bypassed', () => {
    const f = run(unreasonablePrejudiceCriterion, buildFacts({ claimType: training, optOut: { registered: true, signals: [OptOutSignal.IPTC_DMI] } }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data?.missingFacts).toEqual(['facts.accessControlBypassed']);
    expectExplains(f, ['cannot be decided', 'IPTC_DMI']);
  });

  it('is NOT_MET for an output claim with no ground shown', () => {
    const f = run(unreasonablePrejudiceCriterion, buildFacts());
    expect(f.finding).toBe(Finding.NOT_MET);
    expect(f.data?.firmKnew).toBe(false);
    expectExplains(f, ['does not apply', 'none was alleged']);
  });

  it('is NOT_APPLICABLE for a transparency claim', () => {
    expect(run(unreasonablePrejudiceCriterion, buildFacts({ claimType: ClaimType.TRANSPARENCY_FAILURE })).finding).toBe(Finding.NOT_APPLICABLE);
  });
});

describe('SIMILARITY (a human finding; a score only triages)', () => {
  it('is MET on the human finding and says the score did not decide it', () => {
    const f = run(similarityCriterion, buildFacts({ facts: { essentialFeaturesPerceivable: true }, evidence: { maxSimilarityScore: 0.42 } }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.citation).toBe('General Understanding §5(2)(イ)(ア)');
    expectExplains(f, ['human reviewer', 'essential features', '0.42', 'did not decide'], ['本質的な特徴', '0.42']);
  });

  it('is NOT_MET on the human finding even with a high score', () => {
    const f = run(similarityCriterion, buildFacts({ facts: { essentialFeaturesPerceivable: false }, evidence: { maxSimilarityScore: 0.97 } }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['not perceivable', 'style', '0.97']);
  });

  it('is UNKNOWN with HIGH triage priority for a high score and no human finding', () => {
    const f = run(similarityCriterion, buildFacts({ evidence: { maxSimilarityScore: 0.93 } }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data).toMatchObject({ triagePriority: 'HIGH', awaitingHumanConfirmation: true, missingFacts: ['facts.essentialFeaturesPerceivable'] });
    expectExplains(f, ['score of 0.93 suggests a close match', 'a mediator must confirm'], ['0.93', '調停人']);
  });

  it('is UNKNOWN with a lower priority for a middling score, and with none without a score', () => {
    const mid = run(similarityCriterion, buildFacts({ evidence: { maxSimilarityScore: 0.7 } }));
    expect(mid.data).toMatchObject({ triagePriority: 'MEDIUM', awaitingHumanConfirmation: false });
    const none = run(similarityCriterion, buildFacts());
    expect(none.finding).toBe(Finding.UNKNOWN);
    expect(none.data?.triagePriority).toBeNull();
  });

  it.each([ClaimType.TRAINING_WITHOUT_PERMISSION, ClaimType.OPT_OUT_IGNORED, ClaimType.TRANSPARENCY_FAILURE])(
    'is NOT_APPLICABLE for %s (no output)',
    (claimType) => {
      const f = run(similarityCriterion, buildFacts({ claimType, facts: { essentialFeaturesPerceivable: true } }));
      expect(f.finding).toBe(Finding.NOT_APPLICABLE);
      expectExplains(f, ['no output']);
    },
  );
});

describe('RELIANCE', () => {
  it('is MET when the prompt named the work or its author', () => {
    const f = run(relianceCriterion, buildFacts({ facts: { promptNamedWorkOrAuthor: true } }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.citation).toBe('General Understanding §5(2)(イ)(イ)');
    expectExplains(f, ['prompt named the work'], ['プロンプト']);
  });

  it('is MET naming both the user\'s knowledge and the image-to-image input', () => {
    const f = run(relianceCriterion, buildFacts({ facts: { userKnewWork: true, imageToImageInputWasWork: true } }));
    expect(f.finding).toBe(Finding.MET);
    expectExplains(f, ['user knew the work', 'image-to-image input']);
  });

  it('is PRESUMED when the work was in the training data', () => {
    const f = run(relianceCriterion, buildFacts({ facts: { workInTrainingData: TriState.YES } }));
    expect(f.finding).toBe(Finding.PRESUMED);
    expect(f.data?.rebuttable).toBe(true);
    expectExplains(f, ['presumed', 'in the training data', 'rebuttable'], ['推認']);
  });

  it('is PRESUMED when a disclosure lists the work', () => {
    const f = run(relianceCriterion, buildFacts({ facts: { workInTrainingData: TriState.UNKNOWN }, evidence: { disclosureListsWork: true } }));
    expect(f.finding).toBe(Finding.PRESUMED);
    expectExplains(f, ['disclosure lists the work']);
  });

  it('is PRESUMED when additional training targeted the creator\'s works', () => {
    const f = run(relianceCriterion, buildFacts({ claimType: ClaimType.TARGETED_FINE_TUNING, facts: { targetedAdditionalTraining: true } }));
    expect(f.finding).toBe(Finding.PRESUMED);
    expectExplains(f, ["additional training was done on the creator's works"], ['追加学習']);
  });

  it('stays PRESUMED but rebuttable, naming the firm\'s suppression measures', () => {
    const f = run(relianceCriterion, buildFacts({
      facts: { workInTrainingData: TriState.YES },
      aiSystem: { disclosure: { suppressionMeasures: ['prompt filter for artist names', 'near-duplicate output filter'] } },
    }));
    expect(f.finding).toBe(Finding.PRESUMED);
    expect(f.data?.suppressionMeasures).toEqual(['prompt filter for artist names', 'near-duplicate output filter']);
    expectExplains(f, ['rebuttable', 'prompt filter for artist names', 'near-duplicate output filter'], ['出力抑制措置', 'prompt filter for artist names']);
  });

  it('is NOT_MET when the work was not in the training data and the user did not know it', () => {
    const f = run(relianceCriterion, buildFacts({ facts: { workInTrainingData: TriState.NO, userKnewWork: false } }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['not in the training data', 'did not know', 'coincidental'], ['偶然']);
  });

  it('is UNKNOWN asking about the user when the work was not in the data', () => {
    const f = run(relianceCriterion, buildFacts({ facts: { workInTrainingData: TriState.NO } }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data?.missingFacts).toEqual(['facts.userKnewWork']);
    expect(f.data?.ordersDisclosure).toBe(false);
  });

  it('is UNKNOWN and orders disclosure (adverse inference) when the training data is undisclosed', () => {
    const f = run(relianceCriterion, buildFacts({ aiSystem: { disclosure: null } }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data).toMatchObject({ ordersDisclosure: true, missingFacts: ['facts.workInTrainingData'] });
    expectExplains(f, ['not disclosed', 'disclosure', 'ordered', 'adverse inference'], ['開示', '不利益な推認']);
  });

  it('orders disclosure too when a disclosure exists but does not answer for the work', () => {
    const f = run(relianceCriterion, buildFacts({ facts: { workInTrainingData: TriState.UNKNOWN } }));
    expect(f.data?.ordersDisclosure).toBe(true);
    expectExplains(f, ['licensed illustrations', 'does not show whether the work was used']);
  });

  it('is UNKNOWN without ordering disclosure when no AI system is named', () => {
    const f = run(relianceCriterion, buildFacts({ aiSystem: null }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data?.ordersDisclosure).toBe(false);
    expect(f.data?.missingFacts).toEqual(['aiSystemId', 'facts.workInTrainingData']);
  });

  it('is NOT_APPLICABLE for a claim with no output', () => {
    expect(run(relianceCriterion, buildFacts({ claimType: ClaimType.OPT_OUT_IGNORED, facts: { userKnewWork: true } })).finding)
      .toBe(Finding.NOT_APPLICABLE);
  });
});

describe('INFRINGEMENT', () => {
  it('output claim: MET when similarity and reliance are MET, saying Art. 30-4 does not cover the output', () => {
    const f = run(infringementCriterion, strongOutputFacts());
    expect(f.finding).toBe(Finding.MET);
    expect(f.data?.basis).toEqual(['SIMILARITY', 'RELIANCE']);
    expect(f.citation).toContain('§5(2)(イ)');
    expectExplains(f, ['output infringes', 'similarity', 'reliance', 'not an output that reproduces'], ['類似性', '依拠性']);
  });

  it('output claim: PRESUMED when reliance is only presumed', () => {
    const f = run(infringementCriterion, buildFacts({ facts: { essentialFeaturesPerceivable: true, workInTrainingData: TriState.YES } }));
    expect(f.finding).toBe(Finding.PRESUMED);
    expectExplains(f, ['presumed to rely']);
  });

  it('output claim: NOT_MET naming the part that failed', () => {
    const f = run(infringementCriterion, buildFacts({ facts: { essentialFeaturesPerceivable: false, promptNamedWorkOrAuthor: true } }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expect(f.data?.basis).toEqual(['SIMILARITY']);
    expectExplains(f, ['similarity not established']);
  });

  it('output claim: UNKNOWN when a part is UNKNOWN, using prior findings when given', () => {
    const facts = buildFacts({ facts: { promptNamedWorkOrAuthor: true } });
    const prior = new Map([[similarityCriterion.code, similarityCriterion.check(facts, new Map())]]);
    const f = run(infringementCriterion, facts, prior);
    expect(f.finding).toBe(Finding.UNKNOWN);
    expectExplains(f, ['until similarity is settled']);
  });

  it('training claim: MET when the exception is lost by intentional overfitting', () => {
    const f = run(infringementCriterion, buildFacts({
      claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, facts: { intentionalOverfitting: true, accessControlBypassed: false },
    }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.data?.basis).toEqual(['NON_ENJOYMENT']);
    expectExplains(f, ['training infringes', 'enjoying the expression'], ['第30条の4']);
  });

  it('training claim: MET when the proviso applies (database work)', () => {
    const f = run(infringementCriterion, buildFacts({ claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, works: [{ kind: WorkKind.DATABASE }] }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.data?.basis).toEqual(['UNREASONABLE_PREJUDICE']);
    expectExplains(f, ['proviso applies']);
  });

  it('training claim: NOT_MET when the exception stands', () => {
    const f = run(infringementCriterion, buildFacts({ claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, facts: { accessControlBypassed: false } }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['permitted under Art. 30-4 without the creator\'s permission'], ['第30条の4']);
  });

  it('training claim: NOT_MET when the work was not in the training data', () => {
    const f = run(infringementCriterion, buildFacts({
      claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, facts: { workInTrainingData: TriState.NO, intentionalOverfitting: true },
    }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['not in the training data']);
  });

  it('training claim: UNKNOWN while the proviso is undecided', () => {
    const f = run(infringementCriterion, buildFacts({ claimType: ClaimType.TRAINING_WITHOUT_PERMISSION }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data?.basis).toEqual(['UNREASONABLE_PREJUDICE']);
  });

  it('opt-out claim: MET when registered, recognised, effective before use and acknowledged, naming the signals', () => {
    const f = run(infringementCriterion, buildFacts({
      claimType: ClaimType.OPT_OUT_IGNORED,
      optOut: { registered: true, recognised: true, signals: [OptOutSignal.REGISTRY, OptOutSignal.TDMREP], acknowledgedByFirm: true, effectiveBeforeUse: true },
    }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.citation).toContain('Opt-out recognition');
    expectExplains(f, ['opt-out was ignored', 'REGISTRY, TDMREP', 'acknowledged'], ['オプトアウト', 'REGISTRY、TDMREP']);
  });

  it('opt-out claim: MET when the work is in the training data though not acknowledged', () => {
    const f = run(infringementCriterion, buildFacts({
      claimType: ClaimType.OPT_OUT_IGNORED, facts: { workInTrainingData: TriState.YES },
      optOut: { registered: true, signals: [OptOutSignal.CAWG], effectiveBeforeUse: true },
    }));
    expect(f.finding).toBe(Finding.MET);
    expectExplains(f, ['work is in the training data']);
  });

  it('opt-out claim: NOT_MET when the opt-out is not recognised for the creator\'s country', () => {
    const f = run(infringementCriterion, buildFacts({
      claimType: ClaimType.OPT_OUT_IGNORED, optOut: { registered: true, recognised: false, acknowledgedByFirm: true, effectiveBeforeUse: true },
    }));
    expect(f.finding).toBe(Finding.NOT_MET);
    expectExplains(f, ['not recognised', 'reciprocity agreement'], ['相互主義協定']);
  });

  it('opt-out claim: NOT_MET when it took effect after the use; UNKNOWN when that is unknown', () => {
    const after = run(infringementCriterion, buildFacts({
      claimType: ClaimType.OPT_OUT_IGNORED, optOut: { registered: true, acknowledgedByFirm: true, effectiveBeforeUse: false },
    }));
    expect(after.finding).toBe(Finding.NOT_MET);
    expectExplains(after, ['after the use']);
    const unknown = run(infringementCriterion, buildFacts({
      claimType: ClaimType.OPT_OUT_IGNORED, optOut: { registered: true, acknowledgedByFirm: true, effectiveBeforeUse: null },
    }));
    expect(unknown.finding).toBe(Finding.UNKNOWN);
    expect(unknown.data?.missingFacts).toEqual(['optOut.effectiveBeforeUse']);
  });

  it('opt-out claim: NOT_MET without an opt-out; UNKNOWN when neither acknowledgement nor use is shown', () => {
    expect(run(infringementCriterion, buildFacts({ claimType: ClaimType.OPT_OUT_IGNORED })).finding).toBe(Finding.NOT_MET);
    const f = run(infringementCriterion, buildFacts({
      claimType: ClaimType.OPT_OUT_IGNORED, optOut: { registered: true, signals: [OptOutSignal.AI_TXT], effectiveBeforeUse: true },
    }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data?.missingFacts).toEqual(['facts.workInTrainingData']);
  });

  it('RAG claim: MET when the RAG was built to output the expression; otherwise similarity and reliance decide', () => {
    const rag = run(infringementCriterion, buildFacts({ claimType: ClaimType.RAG_REPRODUCTION, facts: { ragOutputsExpression: true } }));
    expect(rag.finding).toBe(Finding.MET);
    expectExplains(rag, ['RAG', 'built to output the expression']);
    const viaOutput = run(infringementCriterion, strongOutputFacts({ claimType: ClaimType.RAG_REPRODUCTION, facts: { ragOutputsExpression: false } }));
    expect(viaOutput.finding).toBe(Finding.MET);
    expect(viaOutput.data?.basis).toEqual(['SIMILARITY', 'RELIANCE']);
  });

  it('transparency claim: MET when undisclosed, NOT_MET when disclosed, UNKNOWN without a system', () => {
    const undisclosed = run(infringementCriterion, buildFacts({ claimType: ClaimType.TRANSPARENCY_FAILURE, aiSystem: { disclosure: null } }));
    expect(undisclosed.finding).toBe(Finding.MET);
    expectExplains(undisclosed, ['duty to disclose is not met'], ['開示義務']);
    const disclosed = run(infringementCriterion, buildFacts({ claimType: ClaimType.TRANSPARENCY_FAILURE }));
    expect(disclosed.finding).toBe(Finding.NOT_MET);
    expectExplains(disclosed, ['licensed illustrations']);
    const none = run(infringementCriterion, buildFacts({ claimType: ClaimType.TRANSPARENCY_FAILURE, aiSystem: null }));
    expect(none.finding).toBe(Finding.UNKNOWN);
    expect(none.data?.missingFacts).toEqual(['aiSystemId']);
  });
});

describe('LIABILITY', () => {
  it('holds the user alone liable when outputs are not frequent and the firm did not know', () => {
    const f = run(liabilityCriterion, strongOutputFacts());
    expect(f.finding).toBe(Finding.MET);
    expect(f.data?.parties).toEqual(['USER']);
    expect(f.citation).toBe('General Understanding §5(2)(エ)');
    expectExplains(f, ['user who generated the output is liable', 'not shown to have known'], ['利用者']);
  });

  it('adds the provider when similar outputs are frequent', () => {
    const f = run(liabilityCriterion, strongOutputFacts({ facts: { similarOutputsFrequent: true } }));
    expect(f.data?.parties).toEqual(['USER', 'PROVIDER']);
    expectExplains(f, ['liable first', 'provider is liable too', 'similar outputs are frequent'], ['開発者・提供者も責任']);
  });

  it('adds the provider when it acknowledged the opt-out and did not mitigate', () => {
    const f = run(liabilityCriterion, strongOutputFacts({ optOut: { registered: true, signals: [OptOutSignal.REGISTRY], acknowledgedByFirm: true, effectiveBeforeUse: true } }));
    expect(f.data?.parties).toEqual(['USER', 'PROVIDER']);
    expectExplains(f, ['did not mitigate', 'acknowledged the opt-out']);
  });

  it('leaves the provider out when it knew but mitigated with suppression measures', () => {
    const f = run(liabilityCriterion, strongOutputFacts({
      optOut: { registered: true, acknowledgedByFirm: true, effectiveBeforeUse: true },
      aiSystem: { disclosure: { suppressionMeasures: ['artist-name prompt filter'] } },
    }));
    expect(f.data?.parties).toEqual(['USER']);
    expectExplains(f, ['mitigated', 'artist-name prompt filter']);
  });

  it('holds the provider liable for its own training act', () => {
    const f = run(liabilityCriterion, buildFacts({ claimType: ClaimType.TRAINING_WITHOUT_PERMISSION, facts: { intentionalOverfitting: true, accessControlBypassed: false } }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.data?.parties).toEqual(['PROVIDER']);
    expectExplains(f, ['developer/provider', 'its own']);
  });

  it('is NOT_APPLICABLE when there is no infringement, and conditional (UNKNOWN) when it is undecided', () => {
    const none = run(liabilityCriterion, buildFacts({ facts: { essentialFeaturesPerceivable: false } }));
    expect(none.finding).toBe(Finding.NOT_APPLICABLE);
    expect(none.data?.parties).toEqual([]);
    const open = run(liabilityCriterion, buildFacts({ facts: { promptNamedWorkOrAuthor: true } }));
    expect(open.finding).toBe(Finding.UNKNOWN);
    expectExplains(open, ['if infringement is established']);
  });
});

describe('TIER', () => {
  it.each([
    [Purpose.RESEARCH, Tier.RESEARCH],
    [Purpose.NONCOMMERCIAL, Tier.NONCOMMERCIAL],
  ])('%s system → %s: removal and attribution, Art. 112(2)', (purpose, tier) => {
    const f = run(tierCriterion, buildFacts({ aiSystem: { purpose }, facts: { outputCommercial: false } }));
    expect(f.finding).toBe(Finding.MET);
    expect(f.data?.tier).toBe(tier);
    expect(f.citation).toContain('Art. 112(2)');
    expectExplains(f, [tier, 'removal and attribution', 'removal from the training data', 'attribution'], ['削除']);
    expect(f.data?.remedies).not.toContain(Remedy.COMPENSATION);
  });

  it('COMMERCIAL from the system\'s purpose: damages (Art. 114)', () => {
    const f = run(tierCriterion, buildFacts());
    expect(f.data?.tier).toBe(Tier.COMMERCIAL);
    expect(f.citation).toContain('Art. 114');
    expectExplains(f, ['COMMERCIAL', 'damages'], ['損害賠償']);
  });

  it('COMMERCIAL from a commercial output of a research system', () => {
    const f = run(tierCriterion, buildFacts({ aiSystem: { purpose: Purpose.RESEARCH }, facts: { outputCommercial: true } }));
    expect(f.data?.tier).toBe(Tier.COMMERCIAL);
    expectExplains(f, ['output is used commercially']);
  });

  it('COMMERCIAL_COMPETING when the output competes with the original: injunction + damages (Arts. 112, 114)', () => {
    const f = run(tierCriterion, buildFacts({ facts: { outputCompetesWithOriginal: true } }));
    expect(f.data?.tier).toBe(Tier.COMMERCIAL_COMPETING);
    expect(f.citation).toBe('Copyright Act Art. 112 (injunction), Art. 114 (damages)');
    expectExplains(f, ['competes with the original', 'injunction', 'damages'], ['差止', '損害賠償']);
  });

  it('is UNKNOWN when no AI system is named and the output is not shown commercial', () => {
    const f = run(tierCriterion, buildFacts({ aiSystem: null }));
    expect(f.finding).toBe(Finding.UNKNOWN);
    expect(f.data?.missingFacts).toEqual(['aiSystemId', 'facts.outputCommercial']);
  });

  it('remedies: tier sets, and requested ones that fit first', () => {
    expect(remediesForTier(Tier.RESEARCH, ClaimType.TRAINING_WITHOUT_PERMISSION))
      .toEqual([Remedy.DATASET_REMOVAL, Remedy.OUTPUT_FILTER, Remedy.ATTRIBUTION]);
    expect(remediesForTier(Tier.COMMERCIAL, ClaimType.OUTPUT_REPRODUCES_WORK)).toEqual([
      Remedy.DATASET_REMOVAL, Remedy.OUTPUT_FILTER, Remedy.TAKEDOWN, Remedy.ATTRIBUTION, Remedy.COMPENSATION, Remedy.LICENSE,
    ]);
    expect(recommendRemedies(Tier.COMMERCIAL_COMPETING, ClaimType.OUTPUT_REPRODUCES_WORK, [Remedy.COMPENSATION, Remedy.LICENSE]))
      .toEqual([Remedy.COMPENSATION, Remedy.OUTPUT_FILTER, Remedy.TAKEDOWN, Remedy.DATASET_REMOVAL]);
  });
});

describe('rule sets', () => {
  it('jp-2024.1 lists the nine criteria in order and stays runnable; jp-2024.2 is current', () => {
    expect(JP_2024_1).toMatchObject({ version: 'jp-2024.1', effectiveFrom: '2024-03-15' });
    expect(JP_2024_1.title.length).toBeGreaterThan(0);
    expect(JP_2024_1.description.length).toBeGreaterThan(0);
    expect([...JP_2024_1.criteria]).toEqual([
      'PROTECTED_WORK', 'APPLICABLE_LAW', 'NON_ENJOYMENT', 'UNREASONABLE_PREJUDICE', 'SIMILARITY', 'RELIANCE', 'INFRINGEMENT', 'LIABILITY', 'TIER',
    ]);
    expect(CURRENT_RULE_SET.version).toBe('jp-2024.2');
    expect(RULE_SETS).toContain(JP_2024_1);
    expect(ruleSetByVersion('jp-2024.1')).toBe(JP_2024_1);
    expect(ruleSetByVersion('jp-1999.1')).toBeUndefined();
  });
});
