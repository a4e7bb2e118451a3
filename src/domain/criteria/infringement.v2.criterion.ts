/**
 * INFRINGEMENT (jp-2024.2, statute layer): is the Copyright Act infringed by the act complained of?
 * - OUTPUT_REPRODUCES_WORK: SIMILARITY ∧ RELIANCE (MET, or PRESUMED when reliance is presumed),
 *   unless Art. 47-5 covers a RAG or search output (MINOR_EXPLOITATION MET).
 * - RAG_REPRODUCTION: a RAG built to output the expression of the works it retrieves → MET (its
 *   reproduction is not for analysis: Art. 30-4 does not cover it); otherwise as an output claim.
 * - TRAINING_WITHOUT_PERMISSION, TARGETED_FINE_TUNING: the Art. 30-4 exception is lost (NON_ENJOYMENT
 *   NOT_MET, or the proviso MET on its own grounds — never on an opt-out) → MET.
 * - OPT_OUT_IGNORED, TRANSPARENCY_FAILURE: NOT_APPLICABLE — these claims are decided on the
 *   framework layer (FRAMEWORK_OPT_OUT, FRAMEWORK_TRANSPARENCY) and do not allege a statutory breach.
 */
import { ClaimType, Finding, RuleLayer } from '../enums';
import type { RuleFindingData } from '../types';
import { ART_21, ART_30_4, ART_47_5, GU_GENERATION, GU_TRAINING } from './citations';
import { CriterionCode, joinText, makeFinding, priorOrCheck, text, type Criterion } from './criterion';
import { outputInfringement, trainingInfringement } from './infringement.criterion';
import { minorExploitationCriterion } from './minor-exploitation.criterion';
import { nonEnjoymentCriterion } from './non-enjoyment.criterion';
import { relianceV2Criterion } from './reliance.v2.criterion';
import { similarityCriterion } from './similarity.criterion';
import { unreasonablePrejudiceV2Criterion } from './unreasonable-prejudice.v2.criterion';

const CODE = CriterionCode.INFRINGEMENT;
const OUTPUT_CITATION = `${ART_21}; ${GU_GENERATION}`;
const TRAINING_CITATION = `${ART_30_4}; ${GU_TRAINING}`;

export const infringementV2Criterion: Criterion = {
  code: CODE,
  layer: RuleLayer.STATUTE,
  question: text(
    'Under the Copyright Act, is there an infringement of the kind complained of (similarity, reliance, no exception)?',
    '著作権法上、申し立てられた種類の侵害があるか（類似性・依拠性・権利制限の有無）？',
  ),
  citation: `${ART_21}, ${ART_30_4}; ${GU_TRAINING}; ${GU_GENERATION}`,
  check(facts, prior) {
    const output = (): RuleFindingData => {
      const r = outputInfringement(facts, priorOrCheck(similarityCriterion, facts, prior), priorOrCheck(relianceV2Criterion, facts, prior));
      const minor = priorOrCheck(minorExploitationCriterion, facts, prior);
      if ((r.finding === Finding.MET || r.finding === Finding.PRESUMED) && minor.finding === Finding.MET) {
        return makeFinding(CODE, Finding.NOT_MET, joinText([
          text(
            'No infringement: the output shows the work and relied on it, but Art. 47-5 covers it as a minor exploitation incidental to a search or information-analysis result.',
            '侵害は認められません：生成物は作品を再現し依拠していますが、検索・情報解析の結果に付随する軽微利用として第47条の5により認められます。',
          ),
        ]), `${ART_47_5}; ${GU_GENERATION}`, { claimType: facts.claimType, basis: [CriterionCode.MINOR_EXPLOITATION] });
      }
      return { ...r, citation: OUTPUT_CITATION };
    };
    switch (facts.claimType) {
      case ClaimType.OUTPUT_REPRODUCES_WORK:
        return output();
      case ClaimType.RAG_REPRODUCTION: {
        const ne = priorOrCheck(nonEnjoymentCriterion, facts, prior);
        if (facts.facts.ragOutputsExpression === true) {
          return makeFinding(CODE, Finding.MET, text(
            'The RAG use infringes: the RAG system was built to output the expression of the works it retrieves, so reproducing them for it is not for analysis and Art. 30-4 does not cover it.',
            'RAGによる利用は著作権を侵害します：検索した著作物の表現を出力するよう構築されており、そのための複製は情報解析のためではないため第30条の4の権利制限は及びません。',
          ), TRAINING_CITATION, { claimType: facts.claimType, basis: [ne.code] });
        }
        return output();
      }
      case ClaimType.TRAINING_WITHOUT_PERMISSION:
      case ClaimType.TARGETED_FINE_TUNING: {
        const r = trainingInfringement(facts, priorOrCheck(nonEnjoymentCriterion, facts, prior), priorOrCheck(unreasonablePrejudiceV2Criterion, facts, prior));
        return { ...r, citation: TRAINING_CITATION };
      }
      case ClaimType.OPT_OUT_IGNORED:
      case ClaimType.TRANSPARENCY_FAILURE: {
        const decidedBy = facts.claimType === ClaimType.OPT_OUT_IGNORED ? CriterionCode.FRAMEWORK_OPT_OUT : CriterionCode.FRAMEWORK_TRANSPARENCY;
        return makeFinding(CODE, Finding.NOT_APPLICABLE, text(
          `Not applicable: a ${facts.claimType} claim is decided on the framework layer (${decidedBy}) and does not allege that the Copyright Act was broken. A statutory claim about the training itself is TRAINING_WITHOUT_PERMISSION.`,
          `該当しません。${facts.claimType}の申立ては本制度の層（${decidedBy}）で判断され、著作権法違反を主張するものではありません。学習そのものについての法律上の申立てはTRAINING_WITHOUT_PERMISSIONです。`,
        ), `${ART_21}; ${ART_30_4}`, { claimType: facts.claimType, basis: [], decidedBy });
      }
      default: {
        const never: never = facts.claimType;
        throw new Error(`unknown claim type ${String(never)}`);
      }
    }
  },
};
