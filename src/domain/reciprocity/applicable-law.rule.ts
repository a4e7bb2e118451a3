/**
 * APPLICABLE_LAW — "vice versa": does Japanese law govern the use complained of?
 * Copyright is territorial: Japanese law applies to acts in Japan (lex loci protectionis,
 * Berne Art. 5(2); for damages, the law of the place where the result occurred, Act on General
 * Rules for Application of Laws Art. 17). So:
 * - training on a server in Japan, or output served to users in Japan → MET;
 * - both explicitly false → NOT_MET (Japanese law does not apply: refer elsewhere);
 * - otherwise, for a foreign firm → UNKNOWN listing the facts not given; for a Japanese firm →
 *   PRESUMED (its acts are presumed to take place in Japan).
 */
import { Finding } from '../enums';
import type { LocalizedText } from '../enums';
import { CITE } from './citations';
import { EligibilityRuleCode, countryLabel, text, type EligibilityContext, type RuleResult } from './rule';

const CODE = EligibilityRuleCode.APPLICABLE_LAW;

export function checkApplicableLaw(ctx: EligibilityContext): RuleResult {
  const q = ctx.query;
  const training = q.trainingServerInJapan ?? null;
  const served = q.outputServedInJapan ?? null;
  const firm = countryLabel(ctx.ref.country(ctx.respondentCountry), ctx.respondentCountry);
  const japaneseFirm = ctx.respondentCountry === 'JP';
  const missing = [...(training === null ? ['trainingServerInJapan'] : []), ...(served === null ? ['outputServedInJapan'] : [])];
  const build = (finding: Finding, explanation: LocalizedText, missingFacts: string[] = []): RuleResult => ({
    missingFacts,
    finding: {
      code: CODE,
      finding,
      explanation,
      citation: CITE.APPLICABLE_LAW,
      data: { respondentCountry: ctx.respondentCountry, trainingServerInJapan: training, outputServedInJapan: served, missingFacts },
    },
  });
  if (training === true || served === true) {
    const where = [training === true ? 'training ran on a server in Japan' : null, served === true ? 'output was served to users in Japan' : null].filter(Boolean).join(' and ');
    const whereJa = [training === true ? '日本国内のサーバーで学習が行われた' : null, served === true ? '日本国内の利用者に出力が提供された' : null].filter(Boolean).join('、かつ');
    return build(Finding.MET, text(
      `Japanese law applies: ${where} (respondent firm from ${firm}).`,
      `${whereJa}ため、日本法が適用されます（相手方企業の所在国 ${firm}）。`,
    ));
  }
  if (training === false && served === false) {
    return build(Finding.NOT_MET, text(
      `Japanese law does not apply: the respondent firm (${firm}) neither trained on a server in Japan (trainingServerInJapan = false) nor served output to users in Japan (outputServedInJapan = false). The complaint is to be referred to a forum where the use took place.`,
      `相手方企業（${firm}）は日本国内のサーバーで学習しておらず（trainingServerInJapan = false）、日本国内の利用者に出力も提供していない（outputServedInJapan = false）ため、日本法は適用されません。利用が行われた国の紛争解決機関への付託となります。`,
    ));
  }
  if (japaneseFirm) {
    return build(Finding.PRESUMED, text(
      `The respondent firm is Japanese (JP); where training ran and where output was served were not both given (${missing.join(', ')}), so its acts are presumed to take place in Japan and Japanese law to apply.`,
      `相手方企業は日本企業（JP）です。学習の場所と出力の提供先が入力されていない（${missing.join(', ')}）ため、行為は日本国内で行われ日本法が適用されるものと推定します。`,
    ));
  }
  return build(Finding.UNKNOWN, text(
    `The respondent firm is foreign (${firm}); Japanese law applies only if training ran on a server in Japan or output was served to users in Japan, and ${missing.join(' and ')} ${missing.length > 1 ? 'were' : 'was'} not given.`,
    `相手方企業は外国企業（${firm}）です。日本法は、日本国内のサーバーで学習が行われたか日本国内の利用者に出力が提供された場合に限り適用されますが、${missing.join('、')} が入力されていません。`,
  ), missing);
}
