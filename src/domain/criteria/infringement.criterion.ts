/**
 * INFRINGEMENT: SIMILARITY ∧ RELIANCE ∧ no exception, read per claim type:
 * - OUTPUT_REPRODUCES_WORK: SIMILARITY MET and RELIANCE MET → MET, RELIANCE
 *   PRESUMED → PRESUMED (Art. 30-4 never covers an output's reproduction).
 * - TRAINING_WITHOUT_PERMISSION, TARGETED_FINE_TUNING: the exception is lost
 *   (NON_ENJOYMENT NOT_MET or UNREASONABLE_PREJUDICE MET) → MET; it stands →
 *   NOT_MET; a work shown not to be in the training data → NOT_MET.
 * - OPT_OUT_IGNORED: an opt-out registered, recognised, effective before the
 *   use, and the firm acknowledged it or the work is in the training data → MET
 *   under the framework's opt-out recognition.
 * - RAG_REPRODUCTION: a RAG built to output the expression → MET; otherwise as
 *   an output claim.
 * - TRANSPARENCY_FAILURE: training data undisclosed → MET; disclosed → NOT_MET.
 * UNKNOWN when a needed part is UNKNOWN. data.basis lists the criteria the
 * finding rests on (the engine grades strength from them).
 */
import { ClaimType, Finding } from '../enums';
import type { LocalizedText } from '../enums';
import type { AssessmentFacts, RuleFindingData } from '../types';
import {
  CriterionCode, GU, joinText, listEn, listJa, makeFinding, priorOrCheck, text, workShownInTrainingData,
  workShownNotInTrainingData, type Criterion,
} from './criterion';
import { nonEnjoymentCriterion } from './non-enjoyment.criterion';
import { relianceCriterion } from './reliance.criterion';
import { similarityCriterion } from './similarity.criterion';
import { unreasonablePrejudiceCriterion } from './unreasonable-prejudice.criterion';

const CODE = CriterionCode.INFRINGEMENT;
const OUTPUT_CITATION = `Copyright Act Art. 21; ${GU} §5(2)(イ)`;
const TRAINING_CITATION = `Copyright Act Art. 30-4; ${GU} §5(1)(イ), §5(1)(ウ)`;
const OPT_OUT_CITATION = `Opt-out recognition (proposed balanced framework); Copyright Act Art. 30-4 proviso; ${GU} §5(1)(ウ)`;
const TRANSPARENCY_CITATION = `Transparency duty (proposed balanced framework); ${GU} §5(2)(イ)(イ)`;

const NAMES: Record<string, LocalizedText> = {
  [CriterionCode.SIMILARITY]: text('similarity', '類似性'),
  [CriterionCode.RELIANCE]: text('reliance', '依拠性'),
  [CriterionCode.NON_ENJOYMENT]: text('the Art. 30-4 exception', '第30条の4の権利制限'),
  [CriterionCode.UNREASONABLE_PREJUDICE]: text('the Art. 30-4 proviso', '第30条の4ただし書'),
};

function names(findings: RuleFindingData[]): LocalizedText {
  return text(listEn(findings.map((f) => NAMES[f.code]?.en ?? f.code)), listJa(findings.map((f) => NAMES[f.code]?.ja ?? f.code)));
}

function data(claimType: ClaimType, basis: RuleFindingData[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { claimType, basis: basis.map((b) => b.code), ...extra };
}

/** SIMILARITY ∧ RELIANCE, for claims about an output. */
export function outputInfringement(facts: AssessmentFacts, sim: RuleFindingData, rel: RuleFindingData): RuleFindingData {
  const parts = [sim, rel];
  const failed = parts.filter((p) => p.finding === Finding.NOT_MET || p.finding === Finding.NOT_APPLICABLE);
  if (failed.length > 0) {
    const n = names(failed);
    return makeFinding(
      CODE, Finding.NOT_MET,
      text(`No infringement by the output: ${n.en} not established.`, `生成物による侵害は認められません：${n.ja}が認められません。`),
      OUTPUT_CITATION, data(facts.claimType, failed),
    );
  }
  const unknown = parts.filter((p) => p.finding === Finding.UNKNOWN);
  if (unknown.length > 0) {
    const n = names(unknown);
    return makeFinding(
      CODE, Finding.UNKNOWN,
      text(
        `Infringement by the output cannot be decided until ${n.en} ${unknown.length > 1 ? 'are' : 'is'} settled.`,
        `${n.ja}が判断されるまで、生成物による侵害の有無は判断できません。`,
      ),
      OUTPUT_CITATION, data(facts.claimType, unknown),
    );
  }
  const presumed = rel.finding === Finding.PRESUMED || sim.finding === Finding.PRESUMED;
  return makeFinding(
    CODE, presumed ? Finding.PRESUMED : Finding.MET,
    joinText([
      text(
        `The output infringes: the essential features of the work are perceivable in it (similarity) and it ${presumed ? 'is presumed to rely' : 'relied'} on the work (reliance).`,
        `生成物は著作権を侵害します：作品の表現上の本質的な特徴を感得でき（類似性）、作品に${presumed ? '依拠したと推認されます' : '依拠しています'}（依拠性）。`,
      ),
      text(
        'The Art. 30-4 exception covers training, not an output that reproduces the work.',
        '第30条の4の権利制限は学習に関するもので、作品を再現する生成物には及びません。',
      ),
    ]),
    OUTPUT_CITATION, data(facts.claimType, parts),
  );
}

export function trainingInfringement(facts: AssessmentFacts, ne: RuleFindingData, up: RuleFindingData): RuleFindingData {
  if (workShownNotInTrainingData(facts)) {
    return makeFinding(
      CODE, Finding.NOT_MET,
      text('No infringement by training: the work was not in the training data.', '学習による侵害は認められません：作品は学習データに含まれていません。'),
      TRAINING_CITATION, data(facts.claimType, [], { workInTrainingData: facts.facts.workInTrainingData ?? null }),
    );
  }
  const lost = [ne.finding === Finding.NOT_MET ? ne : null, up.finding === Finding.MET ? up : null]
    .filter((x): x is RuleFindingData => x !== null);
  if (lost.length > 0) {
    return makeFinding(
      CODE, Finding.MET,
      joinText([
        text(
          'The training infringes: the Art. 30-4 exception does not cover it because ' +
            listEn(lost.map((l) => (l.code === CriterionCode.NON_ENJOYMENT ? 'its purpose includes enjoying the expression' : 'the proviso applies (unreasonable prejudice)'))) + '.',
          '学習は著作権を侵害します：' +
            listJa(lost.map((l) => (l.code === CriterionCode.NON_ENJOYMENT ? '利用目的に表現の享受が含まれる' : 'ただし書に該当する（著作権者の利益を不当に害する）'))) +
            'ため、第30条の4の権利制限は及びません。',
        ),
      ]),
      TRAINING_CITATION, data(facts.claimType, lost),
    );
  }
  const stands = (ne.finding === Finding.MET || ne.finding === Finding.PRESUMED)
    && (up.finding === Finding.NOT_MET || up.finding === Finding.NOT_APPLICABLE);
  if (stands) {
    return makeFinding(
      CODE, Finding.NOT_MET,
      joinText([
        text(
          'No infringement by training: training for information analysis is permitted under Art. 30-4 without the creator\'s permission, and the proviso does not apply.',
          '学習による侵害は認められません：情報解析のための学習は第30条の4により許諾なく行うことができ、ただし書にも該当しません。',
        ),
        ne.data?.styleOnly === true
          ? text('Style alone is an idea, not expression.', '作風はそれだけではアイデアであり表現ではありません。')
          : null,
      ]),
      TRAINING_CITATION, data(facts.claimType, [ne, up]),
    );
  }
  const unknown = [ne, up].filter((p) => p.finding === Finding.UNKNOWN);
  const n = names(unknown);
  return makeFinding(
    CODE, Finding.UNKNOWN,
    text(
      `Infringement by training cannot be decided until ${n.en} ${unknown.length > 1 ? 'are' : 'is'} settled.`,
      `${n.ja}が判断されるまで、学習による侵害の有無は判断できません。`,
    ),
    TRAINING_CITATION, data(facts.claimType, unknown, ne.data?.styleOnly === true ? { styleOnly: true } : {}),
  );
}

function optOutInfringement(facts: AssessmentFacts, up: RuleFindingData): RuleFindingData {
  const { optOut } = facts;
  const extra = {
    registered: optOut.registered, recognised: optOut.recognised, signals: [...optOut.signals],
    acknowledgedByFirm: optOut.acknowledgedByFirm, effectiveBeforeUse: optOut.effectiveBeforeUse ?? null,
  };
  const notMet = (en: string, ja: string) =>
    makeFinding(CODE, Finding.NOT_MET, text(`The opt-out was not ignored in a way the framework recognises: ${en}.`, `枠組みの下で認められるオプトアウト無視には当たりません：${ja}。`),
      OPT_OUT_CITATION, data(facts.claimType, [], extra));
  if (!optOut.registered) return notMet('no opt-out covering the work is registered', '作品を対象とするオプトアウトが登録されていません');
  if (!optOut.recognised) {
    return notMet(
      "the opt-out is not recognised for the creator's country (no reciprocity agreement extends opt-out recognition)",
      '創作者の国についてオプトアウトが承認されていません（オプトアウト承認を定める相互主義協定がありません）',
    );
  }
  if (optOut.effectiveBeforeUse === false) return notMet('the opt-out took effect only after the use complained of', 'オプトアウトの効力発生は問題の利用の後です');
  const signals = optOut.signals.length > 0 ? optOut.signals.join(', ') : 'the registry entry';
  const signalsJa = optOut.signals.length > 0 ? optOut.signals.join('、') : 'レジストリの登録';
  if (optOut.effectiveBeforeUse == null) {
    return makeFinding(
      CODE, Finding.UNKNOWN,
      text(
        `An opt-out (${signals}) is registered and recognised, but it is not known whether it took effect before the use.`,
        `オプトアウト（${signalsJa}）は登録・承認されていますが、利用の前に効力を生じていたかが分かりません。`,
      ),
      OPT_OUT_CITATION, data(facts.claimType, [], extra), ['optOut.effectiveBeforeUse'],
    );
  }
  const knew: LocalizedText[] = [];
  if (optOut.acknowledgedByFirm) knew.push(text('the firm acknowledged the opt-out', '事業者がオプトアウトを確認していた'));
  if (workShownInTrainingData(facts)) knew.push(text('the work is in the training data', '作品が学習データに含まれている'));
  if (knew.length > 0) {
    return makeFinding(
      CODE, Finding.MET,
      joinText([
        text(
          `The opt-out was ignored: it was registered and recognised, signalled by ${signals}, effective before the use, and ${listEn(knew.map((k) => k.en))}.`,
          `オプトアウトが無視されました：登録・承認され、${signalsJa}で表示され、利用前に効力を生じており、${listJa(knew.map((k) => k.ja))}。`,
        ),
        up.finding === Finding.MET
          ? text('The Art. 30-4 proviso also applies.', '第30条の4ただし書にも該当します。')
          : null,
      ]),
      OPT_OUT_CITATION, data(facts.claimType, [], extra),
    );
  }
  if (workShownNotInTrainingData(facts)) {
    return notMet('the work was not in the training data and the firm did not acknowledge the opt-out', '作品は学習データに含まれておらず、事業者もオプトアウトを確認していません');
  }
  return makeFinding(
    CODE, Finding.UNKNOWN,
    text(
      `An opt-out (${signals}) was effective before the use, but neither the firm's acknowledgement nor the work's presence in the training data is shown.`,
      `オプトアウト（${signalsJa}）は利用前に効力を生じていましたが、事業者による確認も、作品が学習データに含まれていることも示されていません。`,
    ),
    OPT_OUT_CITATION, data(facts.claimType, [], extra), ['facts.workInTrainingData'],
  );
}

function transparencyInfringement(facts: AssessmentFacts): RuleFindingData {
  const sys = facts.aiSystem;
  if (!sys) {
    return makeFinding(
      CODE, Finding.UNKNOWN,
      text('The duty to disclose cannot be assessed: the complaint names no AI system.', '開示義務の履行を判断できません：申立てにAIシステムが特定されていません。'),
      TRANSPARENCY_CITATION, data(facts.claimType, []), ['aiSystemId'],
    );
  }
  if (sys.disclosure === null) {
    return makeFinding(
      CODE, Finding.MET,
      text(
        'The duty to disclose is not met: the firm has not disclosed the training-data categories of this AI system.',
        '開示義務が果たされていません：事業者はこのAIシステムの学習データの区分を開示していません。',
      ),
      TRANSPARENCY_CITATION, data(facts.claimType, [], { disclosed: false }),
    );
  }
  const cats = sys.disclosure.categories;
  return makeFinding(
    CODE, Finding.NOT_MET,
    text(
      `The duty to disclose is met: the firm disclosed the training-data categories of this AI system (${cats.join(', ') || 'none listed'}).`,
      `開示義務は果たされています：事業者はこのAIシステムの学習データの区分を開示しています（${cats.join('、') || '記載なし'}）。`,
    ),
    TRANSPARENCY_CITATION, data(facts.claimType, [], { disclosed: true, categories: [...cats] }),
  );
}

export const infringementCriterion: Criterion = {
  code: CODE,
  question: text(
    'Taken together (similarity, reliance, no exception), is there an infringement of the kind complained of?',
    '類似性・依拠性・権利制限の有無を総合して、申し立てられた種類の侵害があるか？',
  ),
  citation: `Copyright Act Arts. 21, 30-4; ${GU} §5(1), §5(2)(イ)`,
  check(facts, prior) {
    switch (facts.claimType) {
      case ClaimType.OUTPUT_REPRODUCES_WORK:
        return outputInfringement(facts, priorOrCheck(similarityCriterion, facts, prior), priorOrCheck(relianceCriterion, facts, prior));
      case ClaimType.RAG_REPRODUCTION: {
        const ne = priorOrCheck(nonEnjoymentCriterion, facts, prior);
        if (facts.facts.ragOutputsExpression === true) {
          return makeFinding(
            CODE, Finding.MET,
            text(
              'The RAG use infringes: the RAG system was built to output the expression of the works it retrieves, so the Art. 30-4 exception does not cover it.',
              'RAGによる利用は著作権を侵害します：検索した著作物の表現を出力するよう構築されており、第30条の4の権利制限は及びません。',
            ),
            TRAINING_CITATION, data(facts.claimType, [ne]),
          );
        }
        return outputInfringement(facts, priorOrCheck(similarityCriterion, facts, prior), priorOrCheck(relianceCriterion, facts, prior));
      }
      case ClaimType.TRAINING_WITHOUT_PERMISSION:
      case ClaimType.TARGETED_FINE_TUNING:
        return trainingInfringement(
          facts, priorOrCheck(nonEnjoymentCriterion, facts, prior), priorOrCheck(unreasonablePrejudiceCriterion, facts, prior),
        );
      case ClaimType.OPT_OUT_IGNORED:
        return optOutInfringement(facts, priorOrCheck(unreasonablePrejudiceCriterion, facts, prior));
      case ClaimType.TRANSPARENCY_FAILURE:
        return transparencyInfringement(facts);
      default: {
        const never: never = facts.claimType;
        throw new Error(`unknown claim type ${String(never)}`);
      }
    }
  },
};
