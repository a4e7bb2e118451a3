/**
 * LIABILITY: who is liable. For an output, the user who generated it first;
 * the developer/provider (the respondent firm) too when similar outputs are
 * frequent (facts.similarOutputsFrequent) or it did not mitigate after
 * learning of the risk (it knew: opt-out acknowledged or UNREASONABLE_PREJUDICE
 * data.firmKnew; it mitigated: the disclosure states suppression measures).
 * For the firm's own acts (training, fine-tuning, a RAG built to output the
 * expression, the duty to disclose) the provider alone.
 * The finding follows INFRINGEMENT: MET / PRESUMED / UNKNOWN (conditional), and
 * NOT_APPLICABLE when there is no infringement. data.parties: ['USER', 'PROVIDER'].
 */
import { ClaimType, Finding } from '../enums';
import type { LocalizedText } from '../enums';
import { CriterionCode, GU, joinText, listEn, listJa, makeFinding, priorOrCheck, text, type Criterion } from './criterion';
import { infringementCriterion } from './infringement.criterion';
import { unreasonablePrejudiceCriterion } from './unreasonable-prejudice.criterion';

export type LiableParty = 'USER' | 'PROVIDER';

const OUTPUT_CITATION = `${GU} §5(2)(エ)`;
const PROVIDER_ACT_CITATION = `Copyright Act Art. 30-4; ${GU} §5(1)`;

const PROVIDER_ACTS: Record<ClaimType, LocalizedText> = {
  [ClaimType.TRAINING_WITHOUT_PERMISSION]: text('training on the work', '作品を用いた学習'),
  [ClaimType.OPT_OUT_IGNORED]: text('training on the work despite the opt-out', 'オプトアウトを無視した学習'),
  [ClaimType.TARGETED_FINE_TUNING]: text('the additional training on the work', '作品を用いた追加学習'),
  [ClaimType.RAG_REPRODUCTION]: text('building a RAG system that outputs the expression', '表現を出力するRAGの構築'),
  [ClaimType.TRANSPARENCY_FAILURE]: text('not disclosing the training data', '学習データの不開示'),
  [ClaimType.OUTPUT_REPRODUCES_WORK]: text('generating the output', '生成物の生成'),
};

export const liabilityCriterion: Criterion = {
  code: CriterionCode.LIABILITY,
  question: text('Who is liable: the user, the developer or provider, or both?', '誰が責任を負うか：利用者、開発者・提供者、またはその双方か？'),
  citation: OUTPUT_CITATION,
  check(facts, prior) {
    const code = CriterionCode.LIABILITY;
    const inf = priorOrCheck(infringementCriterion, facts, prior);
    const up = priorOrCheck(unreasonablePrejudiceCriterion, facts, prior);
    const f = facts.facts;
    const measures = facts.aiSystem?.disclosure?.suppressionMeasures ?? [];
    const knew = facts.optOut.acknowledgedByFirm || up.data?.firmKnew === true;
    const mitigated = measures.length > 0;

    const providerAct = facts.claimType !== ClaimType.OUTPUT_REPRODUCES_WORK
      && !(facts.claimType === ClaimType.RAG_REPRODUCTION && f.ragOutputsExpression !== true);

    let parties: LiableParty[];
    let who: LocalizedText;
    if (providerAct) {
      parties = ['PROVIDER'];
      const act = PROVIDER_ACTS[facts.claimType];
      who = text(
        `The developer/provider (the respondent firm) is liable: the act complained of, ${act.en}, is its own.`,
        `開発者・提供者（相手方事業者）が責任を負います：問題の行為（${act.ja}）は事業者自身の行為です。`,
      );
    } else {
      const reasons: LocalizedText[] = [];
      if (f.similarOutputsFrequent === true) reasons.push(text('similar outputs are frequent', '類似した生成物が頻繁に生成されている'));
      if (knew && !mitigated) {
        reasons.push(text(
          'it did not mitigate after learning of the risk' + (facts.optOut.acknowledgedByFirm ? ' (it acknowledged the opt-out)' : ' (opt-out signals show it knew)'),
          'リスクを知った後も対策を講じなかった' + (facts.optOut.acknowledgedByFirm ? '（オプトアウトを確認済み）' : '（オプトアウト表示により認識していた）'),
        ));
      }
      parties = reasons.length > 0 ? ['USER', 'PROVIDER'] : ['USER'];
      who = reasons.length > 0
        ? text(
          `The user who generated the output is liable first; the developer/provider is liable too because ${listEn(reasons.map((r) => r.en))}.`,
          `生成物を生成した利用者がまず責任を負い、${listJa(reasons.map((r) => r.ja))}ため、開発者・提供者も責任を負います。`,
        )
        : text(
          'The user who generated the output is liable; the developer/provider is not, as similar outputs are not shown to be frequent' +
            (knew ? ` and it mitigated after learning of the risk (${measures.join('; ')})` : ' and it is not shown to have known of the risk') + '.',
          '生成物を生成した利用者が責任を負います。類似した生成物が頻繁に生成されているとは示されておらず、' +
            (knew ? `事業者はリスクを知った後に対策（${measures.join('、')}）を講じているため` : '事業者がリスクを知っていたとも示されていないため') +
            '、開発者・提供者は責任を負いません。',
        );
    }
    const data = {
      parties, similarOutputsFrequent: f.similarOutputsFrequent ?? null, firmKnew: knew, mitigated,
      infringement: inf.finding,
    };
    const citation = providerAct ? PROVIDER_ACT_CITATION : OUTPUT_CITATION;

    switch (inf.finding) {
      case Finding.NOT_MET:
      case Finding.NOT_APPLICABLE:
        return makeFinding(
          code, Finding.NOT_APPLICABLE,
          text('Not applicable: no infringement was found, so no one is liable.', '該当しません：侵害が認められないため、責任を負う者はいません。'),
          citation, { ...data, parties: [] },
        );
      case Finding.UNKNOWN:
        return makeFinding(
          code, Finding.UNKNOWN,
          joinText([text('If infringement is established:', '侵害が認められた場合：'), { en: who.en.charAt(0).toLowerCase() + who.en.slice(1), ja: who.ja }]),
          citation, data,
        );
      default:
        return makeFinding(code, inf.finding, who, citation, data);
    }
  },
};
