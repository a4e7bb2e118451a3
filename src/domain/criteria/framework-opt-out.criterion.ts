/**
 * FRAMEWORK_OPT_OUT (jp-2024.2, framework layer): did the firm breach the framework's duty to
 * honour a recognised opt-out? It decides OPT_OUT_IGNORED claims; it is not the Copyright Act
 * (which has no opt-out right) and says so. MET when an opt-out covering the work is registered,
 * recognised for the creator (reciprocity), effective before the use, and the firm acknowledged
 * it or the work is in the training data. NOT_APPLICABLE for other claims (an opt-out there is
 * evidence of knowledge, read by FAULT).
 */
import { ClaimType, Finding, RuleLayer } from '../enums';
import type { LocalizedText } from '../enums';
import { FRAMEWORK_OPT_OUT_CITATION } from './citations';
import { decideOptOut, useOf } from '../opt-out-scope';
import {
  CriterionCode, joinText, listEn, listJa, makeFinding, text, workShownInTrainingData, workShownNotInTrainingData, type Criterion,
} from './criterion';

const CITATION = FRAMEWORK_OPT_OUT_CITATION;
const CODE = CriterionCode.FRAMEWORK_OPT_OUT;

const LAYER_NOTE = text(
  'This is a duty of the framework that participating firms accept, not a breach of the Copyright Act.',
  'これは参加事業者が受け入れる本制度上の義務であり、著作権法違反を意味するものではありません。',
);

export const frameworkOptOutCriterion: Criterion = {
  code: CODE,
  layer: RuleLayer.FRAMEWORK,
  question: text(
    "Under the framework, did the firm ignore a recognised opt-out covering the work?",
    '本制度の下で、事業者は作品を対象とする承認されたオプトアウトを無視したか？',
  ),
  citation: CITATION,
  check(facts) {
    const { optOut } = facts;
    // Which opt-out decides for the use complained of (most restrictive wins), when the scopes are known.
    const decision = optOut.entries
      ? decideOptOut(optOut.entries, useOf(facts.stage, facts.facts.minorIncidentalUse === true), facts.aiSystem?.purpose)
      : null;
    const data = {
      registered: optOut.registered, recognised: optOut.recognised, signals: [...optOut.signals],
      acknowledgedByFirm: optOut.acknowledgedByFirm, effectiveBeforeUse: optOut.effectiveBeforeUse ?? null,
      ...(decision ? { use: decision.use, scopeCoversUse: decision.covers, decidingScope: decision.scope, decidingSignal: decision.signal } : {}),
    };
    if (facts.claimType !== ClaimType.OPT_OUT_IGNORED) {
      return makeFinding(CODE, Finding.NOT_APPLICABLE, joinText([
        text(
          `Not applicable: a ${facts.claimType} claim is not a claim under the framework's opt-out duty.`,
          `該当しません。${facts.claimType}の申立ては本制度のオプトアウト尊重義務に基づく申立てではありません。`,
        ),
        optOut.registered
          ? text('The opt-out recorded for the work is evidence that the firm knew (see FAULT).', '作品について記録されたオプトアウトは、事業者が知っていたことの証拠です（FAULT参照）。')
          : null,
      ]), CITATION, data);
    }
    const notMet = (en: string, ja: string) => makeFinding(CODE, Finding.NOT_MET, joinText([
      text(`The framework's opt-out duty was not breached: ${en}.`, `本制度のオプトアウト尊重義務の違反は認められません：${ja}。`),
      LAYER_NOTE,
    ]), CITATION, data);
    if (!optOut.registered) return notMet('no opt-out covering the work is registered', '作品を対象とするオプトアウトが登録されていません');
    if (!optOut.recognised) {
      return notMet(
        "the opt-out is not recognised for the creator's country (no reciprocity agreement extends opt-out recognition)",
        '創作者の国についてオプトアウトが承認されていません（オプトアウト承認を定める相互主義協定がありません）',
      );
    }
    if (optOut.effectiveBeforeUse === false) return notMet('the opt-out took effect only after the use complained of', 'オプトアウトの効力発生は問題の利用の後です');
    if (decision && !decision.covers) {
      return notMet(
        `no opt-out reserves this use (${decision.use}): the most restrictive one, ${decision.scope} signalled by ${decision.signal ?? 'the registry entry'}, does not cover it`,
        `この利用（${decision.use}）を留保するオプトアウトはありません：最も制限的な ${decision.scope}（${decision.signal ?? 'レジストリの登録'}による表示）も対象外です`,
      );
    }
    const signals = decision?.signal
      ? `${decision.signal} (the most restrictive opt-out covering this ${decision.use} use, scope ${decision.scope}, decided)`
      : optOut.signals.length > 0 ? optOut.signals.join(', ') : 'the registry entry';
    const signalsJa = decision?.signal
      ? `${decision.signal}（この${decision.use}利用を対象とする最も制限的なオプトアウト、範囲 ${decision.scope} が決め手）`
      : optOut.signals.length > 0 ? optOut.signals.join('、') : 'レジストリの登録';
    if (optOut.effectiveBeforeUse == null) {
      return makeFinding(CODE, Finding.UNKNOWN, joinText([
        text(
          `An opt-out (${signals}) is registered and recognised, but it is not known whether it took effect before the use.`,
          `オプトアウト（${signalsJa}）は登録・承認されていますが、利用の前に効力を生じていたかが分かりません。`,
        ),
        LAYER_NOTE,
      ]), CITATION, data, ['optOut.effectiveBeforeUse']);
    }
    const knew: LocalizedText[] = [];
    if (optOut.acknowledgedByFirm) knew.push(text('the firm acknowledged the opt-out', '事業者がオプトアウトを確認していた'));
    if (workShownInTrainingData(facts)) knew.push(text('the work is in the training data', '作品が学習データに含まれている'));
    if (knew.length > 0) {
      return makeFinding(CODE, Finding.MET, joinText([
        text(
          `The framework's opt-out duty was breached: the opt-out was registered and recognised, signalled by ${signals}, effective before the use, and ${listEn(knew.map((k) => k.en))}.`,
          `本制度のオプトアウト尊重義務に違反しています：オプトアウトは登録・承認され、${signalsJa}で表示され、利用前に効力を生じており、${listJa(knew.map((k) => k.ja))}。`,
        ),
        LAYER_NOTE,
      ]), CITATION, data);
    }
    if (workShownNotInTrainingData(facts)) {
      return notMet('the work was not in the training data and the firm did not acknowledge the opt-out', '作品は学習データに含まれておらず、事業者もオプトアウトを確認していません');
    }
    return makeFinding(CODE, Finding.UNKNOWN, joinText([
      text(
        `An opt-out (${signals}) was effective before the use, but neither the firm's acknowledgement nor the work's presence in the training data is shown.`,
        `オプトアウト（${signalsJa}）は利用前に効力を生じていましたが、事業者による確認も、作品が学習データに含まれていることも示されていません。`,
      ),
      LAYER_NOTE,
    ]), CITATION, data, ['facts.workInTrainingData']);
  },
};
