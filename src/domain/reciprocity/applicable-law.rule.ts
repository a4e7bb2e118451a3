/**
 * APPLICABLE_LAW — "vice versa": does Japanese law govern the act complained of?
 * Copyright is territorial, act by act (lex loci protectionis, Berne Art. 5(2); for damages, the
 * law of the place where the result occurred, Act on General Rules for Application of Laws Art. 17):
 * - a training act (TRAINING_WITHOUT_PERMISSION, TARGETED_FINE_TUNING, and OPT_OUT_IGNORED at the
 *   training or fine-tuning stage or with no stage given) by where the training ran
 *   (trainingServerInJapan) — serving outputs in Japan does not bring a training abroad under the Act;
 * - an output act (OUTPUT_REPRODUCES_WORK, RAG_REPRODUCTION, and OPT_OUT_IGNORED at the RAG or
 *   generation stage) by where the output is made available (outputServedInJapan);
 * - TRANSPARENCY_FAILURE (the framework's duty to disclose) by either connection.
 * The deciding fact true → MET; false → NOT_MET (refer); not given → PRESUMED for a Japanese firm
 * (its acts are presumed to take place in Japan), otherwise UNKNOWN naming the missing fact.
 */
import { ClaimType, Finding, UseStage } from '../enums';
import type { LocalizedText } from '../enums';
import { CITE } from './citations';
import { EligibilityRuleCode, countryLabel, text, type EligibilityContext, type RuleResult } from './rule';

const CODE = EligibilityRuleCode.APPLICABLE_LAW;

/** Which act a claim complains of, for the territorial question. */
export type TerritorialAct = 'TRAINING' | 'OUTPUT' | 'EITHER';

export function territorialActOf(claimType: ClaimType, stage?: UseStage | null): TerritorialAct {
  switch (claimType) {
    case ClaimType.TRAINING_WITHOUT_PERMISSION:
    case ClaimType.TARGETED_FINE_TUNING:
      return 'TRAINING';
    case ClaimType.OUTPUT_REPRODUCES_WORK:
    case ClaimType.RAG_REPRODUCTION:
      return 'OUTPUT';
    case ClaimType.OPT_OUT_IGNORED:
      return stage === UseStage.RAG || stage === UseStage.GENERATION ? 'OUTPUT' : 'TRAINING';
    default:
      return 'EITHER';
  }
}

export function checkApplicableLaw(ctx: EligibilityContext): RuleResult {
  const q = ctx.query;
  const training = q.trainingServerInJapan ?? null;
  const served = q.outputServedInJapan ?? null;
  const act = territorialActOf(q.claimType, q.stage);
  const firm = countryLabel(ctx.ref.country(ctx.respondentCountry), ctx.respondentCountry);
  const japaneseFirm = ctx.respondentCountry === 'JP';
  const given = text(
    `Facts given: trainingServerInJapan = ${String(training)}, outputServedInJapan = ${String(served)}.`,
    `入力された事実：trainingServerInJapan = ${String(training)}、outputServedInJapan = ${String(served)}。`,
  );
  const build = (finding: Finding, explanation: LocalizedText, missingFacts: string[] = []): RuleResult => ({
    missingFacts,
    finding: {
      code: CODE,
      finding,
      explanation: { en: `${explanation.en} ${given.en}`, ja: `${explanation.ja}${given.ja}` },
      citation: CITE.APPLICABLE_LAW,
      data: { respondentCountry: ctx.respondentCountry, act, trainingServerInJapan: training, outputServedInJapan: served, missingFacts },
    },
  });

  if (act === 'EITHER') {
    if (training === true || served === true) {
      return build(Finding.MET, text(
        `The framework's duty applies: ${training === true ? 'training ran on a server in Japan' : 'output was served to users in Japan'} (respondent firm from ${firm}).`,
        `${training === true ? '日本国内のサーバーで学習が行われた' : '日本国内の利用者に出力が提供された'}ため、本制度の義務が及びます（相手方企業の所在国 ${firm}）。`,
      ));
    }
    if (training === false && served === false) {
      return build(Finding.NOT_MET, text(
        `Neither training nor output takes place in Japan (respondent firm from ${firm}): the complaint is to be referred to a forum where the use took place.`,
        `学習も出力の提供も日本国内で行われていません（相手方企業の所在国 ${firm}）。利用が行われた国の紛争解決機関への付託となります。`,
      ));
    }
  } else {
    const trainingAct = act === 'TRAINING';
    const place = trainingAct ? training : served;
    const field = trainingAct ? 'trainingServerInJapan' : 'outputServedInJapan';
    const what = trainingAct
      ? text('a training act is governed by the law of the place where the training ran', '学習行為には学習が行われた地の法が適用されます')
      : text('an output act is governed by the law of the place where the output is made available', '生成物の利用行為には生成物が提供された地の法が適用されます');
    if (place === true) {
      return build(Finding.MET, text(
        `Japanese law applies: ${trainingAct ? 'training ran on a server in Japan' : 'output was served to users in Japan'}, and ${what.en} (respondent firm from ${firm}).`,
        `${trainingAct ? '日本国内のサーバーで学習が行われ' : '日本国内の利用者に出力が提供され'}、${what.ja}。したがって日本法が適用されます（相手方企業の所在国 ${firm}）。`,
      ));
    }
    if (place === false) {
      return build(Finding.NOT_MET, text(
        `Japanese law does not apply to this act: ${trainingAct ? 'the training ran outside Japan' : 'the output was not served to users in Japan'} (${field} = false), and ${what.en}` +
          (trainingAct && served === true ? '; that the firm serves outputs in Japan brings its output acts, not this training, under the Japanese Act' : '') +
          `. The complaint is to be referred to a forum where the act took place (respondent firm from ${firm}).`,
        `この行為には日本法は適用されません：${trainingAct ? '学習は日本国外で行われました' : '生成物は日本国内の利用者に提供されていません'}（${field} = false）。${what.ja}` +
          (trainingAct && served === true ? '。事業者が日本で生成物を提供していることは生成物の利用行為を日本法の下に置くもので、この学習行為ではありません' : '') +
          `。行為が行われた国の紛争解決機関への付託となります（相手方企業の所在国 ${firm}）。`,
      ));
    }
    if (japaneseFirm) {
      return build(Finding.PRESUMED, text(
        `The respondent firm is Japanese (JP); ${field} was not given, so its ${trainingAct ? 'training' : 'output'} is presumed to take place in Japan and Japanese law to apply (${what.en}).`,
        `相手方企業は日本企業（JP）です。${field} が入力されていないため、${trainingAct ? '学習' : '生成物の提供'}は日本国内で行われ日本法が適用されるものと推定します（${what.ja}）。`,
      ));
    }
    return build(Finding.UNKNOWN, text(
      `The respondent firm is foreign (${firm}); ${what.en}, and ${field} was not given.`,
      `相手方企業は外国企業（${firm}）です。${what.ja}が、${field} が入力されていません。`,
    ), [field]);
  }

  const missing = [...(training === null ? ['trainingServerInJapan'] : []), ...(served === null ? ['outputServedInJapan'] : [])];
  if (japaneseFirm) {
    return build(Finding.PRESUMED, text(
      `The respondent firm is Japanese (JP); where training ran and where output was served were not both given (${missing.join(', ')}), so its acts are presumed to take place in Japan.`,
      `相手方企業は日本企業（JP）です。学習の場所と出力の提供先が入力されていない（${missing.join(', ')}）ため、行為は日本国内で行われたものと推定します。`,
    ));
  }
  return build(Finding.UNKNOWN, text(
    `The respondent firm is foreign (${firm}); the framework's duty applies only if training ran on a server in Japan or output was served to users in Japan, and ${missing.join(' and ')} ${missing.length > 1 ? 'were' : 'was'} not given.`,
    `相手方企業は外国企業（${firm}）です。本制度の義務は日本国内のサーバーで学習が行われたか日本国内の利用者に出力が提供された場合に限り及びますが、${missing.join('、')} が入力されていません。`,
  ), missing);
}
