/**
 * LIABILITY (jp-2024.2): who is liable for the finding that decides the claim.
 * - Framework claims (OPT_OUT_IGNORED, TRANSPARENCY_FAILURE): the firm, for its own framework duty
 *   (framework layer).
 * - The firm's own acts (training, fine-tuning, a RAG built to output the expression): the
 *   developer/provider.
 * - RAG outputs: the provider, whose service retrieves the work and makes the output available;
 *   the user too when the prompt named the work or the user knew it.
 * - Other outputs: the user who generated it; the developer/provider too when similar outputs are
 *   frequent, or it knew of the risk (opt-out acknowledged, notice served) and did not mitigate
 *   (General Understanding §5(2)キ).
 * Follows the deciding finding: MET / PRESUMED / UNKNOWN (conditional); NOT_APPLICABLE when nothing
 * was found. data.parties lists 'USER' / 'PROVIDER'; remedies are asked only of those.
 */
import { ClaimType, Finding, RuleLayer } from '../enums';
import type { LocalizedText } from '../enums';
import type { AssessmentFacts, RuleFindingData } from '../types';
import { ART_30_4, FRAMEWORK_OPT_OUT_CITATION, FRAMEWORK_TRANSPARENCY_CITATION, GU_LIABILITY, GU_TRAINING } from './citations';
import { CriterionCode, joinText, listEn, listJa, makeFinding, priorOrCheck, text, type Criterion } from './criterion';
import { frameworkOptOutCriterion } from './framework-opt-out.criterion';
import { frameworkTransparencyCriterion } from './framework-transparency.criterion';
import { infringementV2Criterion } from './infringement.v2.criterion';
import type { LiableParty } from './liability.criterion';

export const FRAMEWORK_CLAIMS: Readonly<Partial<Record<ClaimType, string>>> = {
  [ClaimType.OPT_OUT_IGNORED]: CriterionCode.FRAMEWORK_OPT_OUT,
  [ClaimType.TRANSPARENCY_FAILURE]: CriterionCode.FRAMEWORK_TRANSPARENCY,
};

/** The finding that decides the claim in jp-2024.2: the framework criterion for framework claims, otherwise INFRINGEMENT. */
export function decidingFinding(facts: AssessmentFacts, prior: Map<string, RuleFindingData>): RuleFindingData {
  switch (facts.claimType) {
    case ClaimType.OPT_OUT_IGNORED: return priorOrCheck(frameworkOptOutCriterion, facts, prior);
    case ClaimType.TRANSPARENCY_FAILURE: return priorOrCheck(frameworkTransparencyCriterion, facts, prior);
    default: return priorOrCheck(infringementV2Criterion, facts, prior);
  }
}

/** The firm knew of the risk: it acknowledged the opt-out or the case's notice was served on it. */
export function firmKnew(facts: AssessmentFacts): LocalizedText[] {
  const out: LocalizedText[] = [];
  if (facts.optOut.acknowledgedByFirm) out.push(text('it acknowledged the opt-out', 'オプトアウトを確認していた'));
  if (facts.noticeServed === true) out.push(text('the notice of this case was served on it', 'この事案の通知を受けていた'));
  return out;
}

export const liabilityV2Criterion: Criterion = {
  code: CriterionCode.LIABILITY,
  layer: RuleLayer.STATUTE,
  question: text('Who is liable: the user, the developer or provider, or both?', '誰が責任を負うか：利用者、開発者・提供者、またはその双方か？'),
  citation: GU_LIABILITY,
  check(facts, prior) {
    const code = CriterionCode.LIABILITY;
    const decided = decidingFinding(facts, prior);
    const f = facts.facts;
    const measures = facts.aiSystem?.disclosure?.suppressionMeasures ?? [];
    const mitigated = measures.length > 0;
    const knew = firmKnew(facts);
    const framework = FRAMEWORK_CLAIMS[facts.claimType];
    let parties: LiableParty[];
    let who: LocalizedText;
    let citation = GU_LIABILITY;
    let layer = RuleLayer.STATUTE;

    if (framework) {
      parties = ['PROVIDER'];
      layer = RuleLayer.FRAMEWORK;
      citation = facts.claimType === ClaimType.OPT_OUT_IGNORED ? FRAMEWORK_OPT_OUT_CITATION : FRAMEWORK_TRANSPARENCY_CITATION;
      who = text(
        'The respondent firm answers for its own duty under the framework.',
        '相手方事業者が本制度上の自らの義務について責任を負います。',
      );
    } else if (facts.claimType === ClaimType.TRAINING_WITHOUT_PERMISSION || facts.claimType === ClaimType.TARGETED_FINE_TUNING
      || (facts.claimType === ClaimType.RAG_REPRODUCTION && f.ragOutputsExpression === true)) {
      parties = ['PROVIDER'];
      citation = `${ART_30_4}; ${GU_TRAINING}`;
      who = text(
        'The developer/provider (the respondent firm) is liable: the act complained of (its training, fine-tuning or RAG reproduction) is its own.',
        '開発者・提供者（相手方事業者）が責任を負います：問題の行為（学習、追加学習またはRAGのための複製）は事業者自身の行為です。',
      );
    } else if (facts.claimType === ClaimType.RAG_REPRODUCTION) {
      const userToo = f.promptNamedWorkOrAuthor === true || f.userKnewWork === true;
      parties = userToo ? ['USER', 'PROVIDER'] : ['PROVIDER'];
      who = text(
        'The provider is liable: its RAG service retrieves the work and makes the output available' +
          (userToo ? '; the user is liable too, having aimed at the work (named it or knew it).' : '.'),
        '提供者が責任を負います：そのRAGサービスが作品を検索し生成物を提供しています' +
          (userToo ? '。利用者も作品を狙っていた（指定し、または知っていた）ため責任を負います。' : '。'),
      );
    } else {
      const reasons: LocalizedText[] = [];
      if (f.similarOutputsFrequent === true) reasons.push(text('similar outputs are frequent', '類似した生成物が頻繁に生成されている'));
      if (knew.length > 0 && !mitigated) {
        reasons.push(text(
          `it did not mitigate after learning of the risk (${listEn(knew.map((k) => k.en))})`,
          `リスクを知った後も対策を講じなかった（${listJa(knew.map((k) => k.ja))}）`,
        ));
      }
      parties = reasons.length > 0 ? ['USER', 'PROVIDER'] : ['USER'];
      who = reasons.length > 0
        ? text(
          `The user who generated the output is liable; the developer/provider is liable too because ${listEn(reasons.map((r) => r.en))}.`,
          `生成物を生成した利用者が責任を負い、${listJa(reasons.map((r) => r.ja))}ため、開発者・提供者も責任を負います。`,
        )
        : text(
          'Only the user who generated the output is liable: similar outputs are not shown to be frequent, and the developer/provider is not shown to have known of the risk and left it unmitigated. The provider is not asked for compensation.',
          '生成物を生成した利用者のみが責任を負います。類似した生成物が頻繁に生成されているとは示されておらず、開発者・提供者がリスクを知りながら対策を怠ったとも示されていません。提供者に損害賠償は求めません。',
        );
    }
    const data = {
      parties, similarOutputsFrequent: f.similarOutputsFrequent ?? null, firmKnew: knew.length > 0, mitigated,
      decidedBy: decided.code, decidingFinding: decided.finding,
    };
    const finding = (value: Finding, explanation: LocalizedText, d: Record<string, unknown>) => ({
      ...makeFinding(code, value, explanation, citation, d), layer,
    });
    switch (decided.finding) {
      case Finding.NOT_MET:
      case Finding.NOT_APPLICABLE:
        return finding(Finding.NOT_APPLICABLE, text(
          `Not applicable: ${decided.code} found nothing, so no one is liable.`,
          `該当しません：${decided.code}で何も認められないため、責任を負う者はいません。`,
        ), { ...data, parties: [] });
      case Finding.UNKNOWN:
        return finding(Finding.UNKNOWN, joinText([
          text(`If ${decided.code} is established:`, `${decided.code}が認められた場合：`),
          { en: who.en.charAt(0).toLowerCase() + who.en.slice(1), ja: who.ja },
        ]), data);
      default:
        return finding(decided.finding, who, data);
    }
  },
};
