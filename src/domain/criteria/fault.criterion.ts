/**
 * FAULT (jp-2024.2, statute layer): did the party asked for compensation act with intent or
 * negligence (Civil Code Art. 709)? Damages rest on it; Copyright Act Art. 114 only presumes their
 * amount; an injunction (Art. 112) needs no fault.
 * - The provider (when LIABILITY names it) knew or should have known when: its act aimed at the
 *   expression (intentional overfitting, targeted additional training, a RAG built to output the
 *   expression) or circumvented technical measures; it acknowledged the opt-out; the notice of the
 *   case was served on it; or similar outputs are frequent and it states no suppression measures.
 * - The user alone (when only the user is liable) knew the work when it knew it, named it in the
 *   prompt or used it as the image-to-image input.
 * MET with data.grounds; NOT_MET when nothing shows fault (no damages; injunction still); UNKNOWN
 * when the fact that would show it is missing; NOT_APPLICABLE when nothing was found or the claim
 * is a framework claim.
 */
import { ClaimType, Finding, RuleLayer } from '../enums';
import type { LocalizedText } from '../enums';
import { ART_112, ART_114, CIVIL_709, GU_LIABILITY } from './citations';
import { CriterionCode, isPositive, joinText, listEn, listJa, makeFinding, priorOrCheck, text, type Criterion } from './criterion';
import { FRAMEWORK_CLAIMS, decidingFinding, firmKnew, liabilityV2Criterion } from './liability.v2.criterion';

const CITATION = `${CIVIL_709}; ${ART_114}; ${GU_LIABILITY}`;
const CODE = CriterionCode.FAULT;

const AMOUNT_NOTE = text(
  'Damages rest on intent or negligence (Civil Code Art. 709); Copyright Act Art. 114 only presumes their amount. An injunction (Art. 112) is available for any infringement, fault or not.',
  '損害賠償は故意又は過失に基づきます（民法第709条）。著作権法第114条はその額を推定するにとどまります。差止め（第112条）は過失の有無を問わず侵害があれば認められます。',
);

export const faultCriterion: Criterion = {
  code: CODE,
  layer: RuleLayer.STATUTE,
  question: text(
    'Did the party asked for compensation know, or should it have known, that it infringed (intent or negligence)?',
    '損害賠償を求められる者は侵害を知り、または知るべきであったか（故意・過失）？',
  ),
  citation: CITATION,
  check(facts, prior) {
    const f = facts.facts;
    const decided = decidingFinding(facts, prior);
    const liability = priorOrCheck(liabilityV2Criterion, facts, prior);
    const parties = (liability.data?.parties as string[] | undefined) ?? [];
    const data: Record<string, unknown> = { party: null, grounds: [] };
    if (FRAMEWORK_CLAIMS[facts.claimType]) {
      return makeFinding(CODE, Finding.NOT_APPLICABLE, text(
        'Not applicable: a framework claim does not rest on Civil Code Art. 709; its remedies are those of the framework.',
        '該当しません。本制度上の申立ては民法第709条に基づくものではなく、救済は本制度によります。',
      ), CITATION, data);
    }
    if (!isPositive(decided.finding) && decided.finding !== Finding.UNKNOWN) {
      return makeFinding(CODE, Finding.NOT_APPLICABLE, text(
        'Not applicable: no infringement was found.', '該当しません：侵害が認められません。',
      ), CITATION, data);
    }

    if (parties.includes('PROVIDER') || parties.length === 0) {
      const grounds: LocalizedText[] = [];
      if (f.intentionalOverfitting === true) grounds.push(text('it intentionally overfitted the model to the work', '作品に対して意図的に過学習させた'));
      if (f.targetedAdditionalTraining === true) grounds.push(text("its additional training aimed at one creator's expression", '追加学習が特定の創作者の表現を目的としていた'));
      if (f.ragOutputsExpression === true) grounds.push(text('its RAG was built to output the expression', 'RAGが表現を出力するよう構築されていた'));
      if (f.accessControlBypassed === true) grounds.push(text('it circumvented technical measures to collect the data', '技術的な措置を回避してデータを収集した'));
      grounds.push(...firmKnew(facts));
      const measures = facts.aiSystem?.disclosure?.suppressionMeasures ?? [];
      if (f.similarOutputsFrequent === true && measures.length === 0) {
        grounds.push(text('similar outputs are frequent and it states no suppression measures', '類似した生成物が頻繁に生成され、出力抑制措置も示していない'));
      }
      const d = { party: 'PROVIDER', grounds: grounds.map((g) => g.en), signals: [...facts.optOut.signals] };
      if (grounds.length > 0) {
        return makeFinding(CODE, Finding.MET, joinText([
          text(`The developer/provider knew or should have known: ${listEn(grounds.map((g) => g.en))}.`, `開発者・提供者は知り、または知るべきでした：${listJa(grounds.map((g) => g.ja))}。`),
          AMOUNT_NOTE,
        ]), CITATION, d);
      }
      const output = facts.claimType === ClaimType.OUTPUT_REPRODUCES_WORK || facts.claimType === ClaimType.RAG_REPRODUCTION;
      if (output && f.similarOutputsFrequent == null) {
        return makeFinding(CODE, Finding.UNKNOWN, joinText([
          text(
            'Whether the developer/provider should have known cannot be decided yet: it is not stated whether similar outputs are frequent.',
            '開発者・提供者が知るべきであったかはまだ判断できません：類似した生成物が頻繁に生成されているかが示されていません。',
          ),
          facts.optOut.signals.length > 0
            ? text(`Opt-out signals (${facts.optOut.signals.join(', ')}) were published; whether the firm read them is not shown.`, `オプトアウトの表示（${facts.optOut.signals.join('、')}）はありますが、事業者がそれを認識したかは示されていません。`)
            : null,
          AMOUNT_NOTE,
        ]), CITATION, d, ['facts.similarOutputsFrequent']);
      }
      return makeFinding(CODE, Finding.NOT_MET, joinText([
        text(
          'No intent or negligence of the developer/provider is shown (no notice, no acknowledged opt-out, no unmitigated frequent similar outputs): damages are not available against it on these facts.',
          '開発者・提供者の故意・過失は示されていません（通知、確認済みのオプトアウト、放置された頻繁な類似生成のいずれもありません）。この事実関係では損害賠償は求められません。',
        ),
        AMOUNT_NOTE,
      ]), CITATION, d);
    }

    const userGrounds: LocalizedText[] = [];
    if (f.userKnewWork === true) userGrounds.push(text('the user knew the work', '利用者が作品を知っていた'));
    if (f.promptNamedWorkOrAuthor === true) userGrounds.push(text('the prompt named the work or its author', 'プロンプトで作品名または著作者名を指定した'));
    if (f.imageToImageInputWasWork === true) userGrounds.push(text('the user gave the work as the image-to-image input', '利用者が作品をImage to Imageの入力とした'));
    const d = { party: 'USER', grounds: userGrounds.map((g) => g.en) };
    if (userGrounds.length > 0) {
      return makeFinding(CODE, Finding.MET, joinText([
        text(`The user acted with intent: ${listEn(userGrounds.map((g) => g.en))}. Only the user is liable, so the provider is not asked for compensation.`,
          `利用者には故意があります：${listJa(userGrounds.map((g) => g.ja))}。責任を負うのは利用者のみであり、提供者に損害賠償は求めません。`),
        AMOUNT_NOTE,
      ]), CITATION, d);
    }
    return makeFinding(CODE, f.userKnewWork === false ? Finding.NOT_MET : Finding.UNKNOWN, joinText([
      text(
        'The user is not shown to have known the work; without negligence there are no damages, though an injunction (takedown) is still available. Only the user is liable, so the provider is not asked for compensation.',
        '利用者が作品を知っていたとは示されていません。過失がなければ損害賠償は認められませんが、差止め（削除）は可能です。責任を負うのは利用者のみであり、提供者に損害賠償は求めません。',
      ),
      AMOUNT_NOTE,
    ]), `${CIVIL_709}; ${ART_112}; ${GU_LIABILITY}`, d);
  },
};
