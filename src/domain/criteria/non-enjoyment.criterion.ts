/**
 * NON_ENJOYMENT: does the Art. 30-4 exception hold? MET = the exception holds
 * (use for information analysis, not for enjoying the expression); NOT_MET =
 * the exception is lost because the purpose includes enjoying the expression.
 *
 * Choices (documented for the integrator):
 * - The exception concerns the training / fine-tuning / RAG use of the work. It
 *   is still reported for output claims (OUTPUT_REPRODUCES_WORK at the
 *   GENERATION stage): it tells whether the training behind the output was
 *   itself exempt, and the explanation says that it does not shelter an
 *   output that reproduces the work (SIMILARITY and RELIANCE decide that).
 * - NOT_APPLICABLE only for TRANSPARENCY_FAILURE (a claim about the duty to
 *   disclose, not about a use of the work).
 * - A missing enjoyment flag is read as "not alleged" (ordinary training for
 *   analysis), except the flag the claim rests on: targetedAdditionalTraining
 *   for TARGETED_FINE_TUNING (or the FINE_TUNE stage) and ragOutputsExpression
 *   for RAG_REPRODUCTION (or the RAG stage), whose absence makes it UNKNOWN.
 * - Style: when a human found that the output does not show the work's
 *   essential features (essentialFeaturesPerceivable false), only style is
 *   shared, and style alone is an idea, not expression: the exception stands
 *   (MET, data.styleOnly). Targeted additional training whose outputs share
 *   only style is left UNKNOWN (data.styleOnly, data.needsHumanJudgement):
 *   whether it aimed at the expression common to the creator's works is a
 *   mediator's call; the engine then asks for human review.
 */
import { ClaimType, Finding, UseStage } from '../enums';
import type { LocalizedText } from '../enums';
import { CriterionCode, GU, hasOutput, joinText, listEn, listJa, makeFinding, text, type Criterion } from './criterion';

const CITATION = `Copyright Act Art. 30-4; ${GU} §5(1)(イ)`;

const STYLE_NOTE = text(
  'Style alone is an idea, not expression: a shared style does not take the exception away.',
  '作風（スタイル）はそれだけではアイデアであって表現ではなく、作風が共通するだけでは例外は失われません。',
);

export const nonEnjoymentCriterion: Criterion = {
  code: CriterionCode.NON_ENJOYMENT,
  question: text(
    'Does the Art. 30-4 exception (use not for enjoying the expression) hold?',
    '第30条の4の権利制限（思想又は感情の享受を目的としない利用）は成り立つか？',
  ),
  citation: CITATION,
  check(facts) {
    const code = CriterionCode.NON_ENJOYMENT;
    const f = facts.facts;
    const data: Record<string, unknown> = {
      intentionalOverfitting: f.intentionalOverfitting ?? null,
      targetedAdditionalTraining: f.targetedAdditionalTraining ?? null,
      ragOutputsExpression: f.ragOutputsExpression ?? null,
      essentialFeaturesPerceivable: f.essentialFeaturesPerceivable ?? null,
      stage: facts.stage,
    };

    if (facts.claimType === ClaimType.TRANSPARENCY_FAILURE) {
      return makeFinding(
        code, Finding.NOT_APPLICABLE,
        text(
          'Not applicable: a transparency claim concerns the duty to disclose training data, not whether a use of the work was exempt under Art. 30-4.',
          '該当しません。透明性に関する申立ては学習データの開示義務に関するもので、第30条の4による利用の可否を問うものではありません。',
        ),
        CITATION, data,
      );
    }

    const styleOnly = f.essentialFeaturesPerceivable === false;
    const targeted = f.targetedAdditionalTraining === true;
    const grounds: LocalizedText[] = [];
    if (f.intentionalOverfitting === true) {
      grounds.push(text('intentional overfitting to reproduce the work', '作品をそのまま出力させる目的での意図的な過学習'));
    }
    if (targeted && !styleOnly) {
      grounds.push(text(
        "additional training on a small set of works aimed at outputting one creator's expression",
        '特定の創作者の表現を出力させることを目的とした少量の作品による追加学習',
      ));
    }
    if (f.ragOutputsExpression === true) {
      grounds.push(text('a RAG system built to output the expression of the works it retrieves', '検索した著作物の表現を出力するよう構築されたRAG（検索拡張生成）'));
    }
    const outputNote = hasOutput(facts.claimType)
      ? text(
        "The exception covers the training act only; it never shelters an output that reproduces the work, which SIMILARITY and RELIANCE decide.",
        'この権利制限は学習行為にのみ関わり、作品を再現する生成物を正当化するものではありません（類似性と依拠性で判断します）。',
      )
      : null;

    if (grounds.length > 0) {
      return makeFinding(
        code, Finding.NOT_MET,
        joinText([
          text(
            `The Art. 30-4 exception is lost: the purpose includes enjoying the expression (${listEn(grounds.map((g) => g.en))}).`,
            `第30条の4の権利制限は適用されません。利用目的に表現の享受が含まれます（${listJa(grounds.map((g) => g.ja))}）。`,
          ),
          outputNote,
        ]),
        CITATION, { ...data, exceptionHolds: false },
      );
    }

    if (targeted && styleOnly) {
      return makeFinding(
        code, Finding.UNKNOWN,
        joinText([
          text(
            "Additional training was aimed at one creator's works, but the outputs were found to share only their style (the essential features of the expression are not perceivable).",
            '特定の創作者の作品を対象とした追加学習が行われましたが、生成物に共通するのは作風のみであると判断されています（表現上の本質的な特徴は感得できません）。',
          ),
          STYLE_NOTE,
          text(
            "Whether the training aimed at outputting the creative expression common to those works is for a mediator to judge.",
            'その追加学習がそれらの作品に共通する創作的表現を出力させることを目的としていたかは、調停人が判断します。',
          ),
        ]),
        CITATION, { ...data, styleOnly: true, needsHumanJudgement: true },
      );
    }

    const missing: string[] = [];
    if ((facts.claimType === ClaimType.TARGETED_FINE_TUNING || facts.stage === UseStage.FINE_TUNE) && f.targetedAdditionalTraining == null) {
      missing.push('facts.targetedAdditionalTraining');
    }
    if ((facts.claimType === ClaimType.RAG_REPRODUCTION || facts.stage === UseStage.RAG) && f.ragOutputsExpression == null) {
      missing.push('facts.ragOutputsExpression');
    }
    if (missing.length > 0) {
      return makeFinding(
        code, Finding.UNKNOWN,
        text(
          'Whether the Art. 30-4 exception holds cannot be decided yet: it is not stated ' +
            listEn([
              ...(missing.includes('facts.targetedAdditionalTraining') ? ["whether the additional training was aimed at one creator's expression"] : []),
              ...(missing.includes('facts.ragOutputsExpression') ? ['whether the RAG system was built to output the expression'] : []),
            ]) + '.',
          '第30条の4の権利制限が成り立つかはまだ判断できません。' +
            listJa([
              ...(missing.includes('facts.targetedAdditionalTraining') ? ['追加学習が特定の創作者の表現を目的としたものか'] : []),
              ...(missing.includes('facts.ragOutputsExpression') ? ['RAGが表現を出力するよう構築されたものか'] : []),
            ]) + 'が示されていません。',
        ),
        CITATION, data, missing,
      );
    }

    return makeFinding(
      code, Finding.MET,
      joinText([
        text(
          'The Art. 30-4 exception holds: no intentional overfitting, no additional training aimed at one creator\'s expression and no RAG built to output the expression is shown, so the use is training for information analysis.',
          '第30条の4の権利制限が成り立ちます。意図的な過学習、特定の創作者の表現を目的とした追加学習、表現を出力するためのRAGはいずれも示されておらず、情報解析のための学習に当たります。',
        ),
        styleOnly ? STYLE_NOTE : null,
        outputNote,
      ]),
      CITATION, { ...data, exceptionHolds: true, ...(styleOnly ? { styleOnly: true } : {}) },
    );
  },
};
