/**
 * SIMILARITY: are the essential expressive features of the work directly
 * perceivable in the output? A human finding (facts.essentialFeaturesPerceivable).
 * A similarity score in the evidence only triages: it is mentioned, never
 * decides. Without a human finding the result is UNKNOWN, with
 * data.triagePriority HIGH (score ≥ 0.85, data.awaitingHumanConfirmation),
 * MEDIUM (≥ 0.6), LOW (lower) or null (no score). NOT_APPLICABLE for claims
 * with no output.
 */
import { Finding } from '../enums';
import {
  CriterionCode, GU, HIGH_SIMILARITY_SCORE, MEDIUM_SIMILARITY_SCORE, formatScore, hasOutput, joinText, makeFinding, text,
  type Criterion,
} from './criterion';

const CITATION = `${GU} §5(2)(イ)(ア)`;

export type TriagePriority = 'HIGH' | 'MEDIUM' | 'LOW';

export function triagePriority(score: number | null): TriagePriority | null {
  if (score === null) return null;
  if (score >= HIGH_SIMILARITY_SCORE) return 'HIGH';
  if (score >= MEDIUM_SIMILARITY_SCORE) return 'MEDIUM';
  return 'LOW';
}

export const similarityCriterion: Criterion = {
  code: CriterionCode.SIMILARITY,
  question: text(
    'Are the essential features of the expression of the work directly perceivable in the output?',
    '生成物から作品の表現上の本質的な特徴を直接感得できるか？',
  ),
  citation: CITATION,
  check(facts) {
    const code = CriterionCode.SIMILARITY;
    const human = facts.facts.essentialFeaturesPerceivable ?? null;
    const score = facts.evidence.maxSimilarityScore;
    const priority = triagePriority(score);
    const data: Record<string, unknown> = { essentialFeaturesPerceivable: human, maxSimilarityScore: score };

    if (!hasOutput(facts.claimType)) {
      return makeFinding(
        code, Finding.NOT_APPLICABLE,
        text(
          `Not applicable: a ${facts.claimType} claim complains of no output to compare with the work.`,
          `該当しません。${facts.claimType}の申立ては作品と比較すべき生成物を対象としていません。`,
        ),
        CITATION, data,
      );
    }

    const scoreNote = score === null
      ? null
      : human === null
        ? text(
          `A similarity score of ${formatScore(score)} ` +
            (priority === 'HIGH' ? 'suggests a close match' : priority === 'MEDIUM' ? 'suggests a partial match' : 'suggests little in common') +
            '; a score only triages, and a mediator must confirm.',
          `類似度スコア${formatScore(score)}は` +
            (priority === 'HIGH' ? '近い一致を示唆します' : priority === 'MEDIUM' ? '部分的な一致を示唆します' : '共通点が少ないことを示唆します') +
            '。スコアは優先度付けにのみ用い、調停人による確認が必要です。',
        )
        : text(
          `The similarity score of ${formatScore(score)} in the evidence only triages and did not decide this finding.`,
          `証拠中の類似度スコア${formatScore(score)}は優先度付けにのみ用い、この判断には用いていません。`,
        );

    if (human === true) {
      return makeFinding(
        code, Finding.MET,
        joinText([
          text(
            'A human reviewer found that the essential features of the expression of the work are directly perceivable in the output.',
            '人による確認の結果、生成物から作品の表現上の本質的な特徴を直接感得できると判断されました。',
          ),
          scoreNote,
        ]),
        CITATION, data,
      );
    }
    if (human === false) {
      return makeFinding(
        code, Finding.NOT_MET,
        joinText([
          text(
            'A human reviewer found that the essential features of the expression of the work are not perceivable in the output; what is shared, such as style or ideas, is not protected expression.',
            '人による確認の結果、生成物から作品の表現上の本質的な特徴は感得できないと判断されました。作風やアイデアの共通は保護される表現には当たりません。',
          ),
          scoreNote,
        ]),
        CITATION, data,
      );
    }
    return makeFinding(
      code, Finding.UNKNOWN,
      joinText([
        text(
          'No human finding yet on whether the essential features of the expression of the work are perceivable in the output.',
          '生成物から作品の表現上の本質的な特徴を感得できるかについて、人による判断がまだありません。',
        ),
        scoreNote,
      ]),
      CITATION,
      { ...data, triagePriority: priority, awaitingHumanConfirmation: priority === 'HIGH' },
      ['facts.essentialFeaturesPerceivable'],
    );
  },
};
