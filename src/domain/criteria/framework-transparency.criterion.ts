/**
 * FRAMEWORK_TRANSPARENCY (jp-2024.2, framework layer): did the firm meet the framework's duty to
 * disclose the training data of the AI system (the draft Principle Code: disclosure on a rights
 * holder's request, comply or explain)? It decides TRANSPARENCY_FAILURE claims; the Copyright Act
 * imposes no such duty, and the explanation says so. NOT_APPLICABLE for other claims.
 */
import { ClaimType, Finding, RuleLayer } from '../enums';
import { FRAMEWORK_TRANSPARENCY_CITATION } from './citations';
import { CriterionCode, joinText, makeFinding, text, type Criterion } from './criterion';

const CITATION = FRAMEWORK_TRANSPARENCY_CITATION;
const CODE = CriterionCode.FRAMEWORK_TRANSPARENCY;

const LAYER_NOTE = text(
  'This duty comes from the framework (disclosure on a rights holder\'s request, comply or explain), not from the Copyright Act.',
  'この義務は本制度（権利者の求めに応じた開示、コンプライ・オア・エクスプレイン）によるもので、著作権法によるものではありません。',
);

export const frameworkTransparencyCriterion: Criterion = {
  code: CODE,
  layer: RuleLayer.FRAMEWORK,
  question: text(
    'Under the framework, did the firm disclose the training data of the AI system?',
    '本制度の下で、事業者はAIシステムの学習データを開示したか？',
  ),
  citation: CITATION,
  check(facts) {
    const sys = facts.aiSystem;
    if (facts.claimType !== ClaimType.TRANSPARENCY_FAILURE) {
      return makeFinding(CODE, Finding.NOT_APPLICABLE, text(
        `Not applicable: a ${facts.claimType} claim is not a claim under the framework's transparency duty.`,
        `該当しません。${facts.claimType}の申立ては本制度の透明性義務に基づく申立てではありません。`,
      ), CITATION, { disclosed: sys ? sys.disclosure !== null : null });
    }
    if (!sys) {
      return makeFinding(CODE, Finding.UNKNOWN, joinText([
        text('The duty to disclose cannot be assessed: the complaint names no AI system.', '開示義務の履行を判断できません：申立てにAIシステムが特定されていません。'),
        LAYER_NOTE,
      ]), CITATION, { disclosed: null }, ['aiSystemId']);
    }
    if (sys.disclosure === null) {
      return makeFinding(CODE, Finding.MET, joinText([
        text(
          'The framework\'s transparency duty is breached: the firm has not disclosed the training-data categories of this AI system, nor explained why not.',
          '本制度の透明性義務に違反しています：事業者はこのAIシステムの学習データの区分を開示しておらず、開示しない理由も説明していません。',
        ),
        LAYER_NOTE,
      ]), CITATION, { disclosed: false });
    }
    const cats = sys.disclosure.categories;
    return makeFinding(CODE, Finding.NOT_MET, joinText([
      text(
        `The framework's transparency duty is met: the firm disclosed the training-data categories of this AI system (${cats.join(', ') || 'none listed'}).`,
        `本制度の透明性義務は果たされています：事業者はこのAIシステムの学習データの区分を開示しています（${cats.join('、') || '記載なし'}）。`,
      ),
      LAYER_NOTE,
    ]), CITATION, { disclosed: true, categories: [...cats] });
  },
};
