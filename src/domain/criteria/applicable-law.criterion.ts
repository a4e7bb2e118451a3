/**
 * APPLICABLE_LAW: did training run on a server in Japan, or was the output
 * served to users in Japan? Otherwise Japanese law does not apply and the case
 * is referred. The reciprocity module's APPLICABLE_LAW rule decides when it
 * gave an answer; when it is UNKNOWN (or absent) the complaint's own facts are
 * read: facts.outputServedInJapan, aiSystem.trainingServerInJapan and
 * aiSystem.servesJapaneseUsers (the last only presumes that the output reached
 * users in Japan).
 */
import { Finding } from '../enums';
import { CriterionCode, eligibilityRule, hasOutput, joinText, listEn, listJa, makeFinding, text, type Criterion } from './criterion';

const CITATION = 'Berne Convention Art. 5(2) (law of the country where protection is claimed); Act on General Rules for Application of Laws Art. 17';

export const applicableLawCriterion: Criterion = {
  code: CriterionCode.APPLICABLE_LAW,
  question: text(
    'Did training run on a server in Japan, or was the output served to users in Japan?',
    '学習は日本国内のサーバーで行われたか、または生成物は日本国内の利用者に提供されたか？',
  ),
  citation: CITATION,
  check(facts) {
    const code = CriterionCode.APPLICABLE_LAW;
    const sys = facts.aiSystem;
    const served = facts.facts.outputServedInJapan ?? null;
    const rule = eligibilityRule(facts.eligibility, 'APPLICABLE_LAW');
    const data = {
      eligibilityFinding: rule?.finding ?? null,
      trainingServerInJapan: sys ? sys.trainingServerInJapan : null,
      servesJapaneseUsers: sys ? sys.servesJapaneseUsers : null,
      outputServedInJapan: served,
    };

    if (rule && (rule.finding === Finding.MET || rule.finding === Finding.PRESUMED || rule.finding === Finding.NOT_MET)) {
      const lead = rule.finding === Finding.NOT_MET
        ? text(
          'Japanese law does not apply: neither training in Japan nor output served in Japan was found, so the case is referred rather than assessed here.',
          '日本法は適用されません。日本国内での学習も日本国内への生成物の提供も認められないため、本手続では判断せず回付します。',
        )
        : text('Japanese law applies.', '日本法が適用されます。');
      return makeFinding(
        code, rule.finding,
        joinText([lead, text(`(APPLICABLE_LAW: ${rule.explanation.en})`, `（APPLICABLE_LAW：${rule.explanation.ja}）`)]),
        rule.citation ?? CITATION, data,
      );
    }

    const groundsEn: string[] = [];
    const groundsJa: string[] = [];
    if (sys?.trainingServerInJapan) { groundsEn.push('training ran on a server in Japan'); groundsJa.push('学習が日本国内のサーバーで行われた'); }
    if (served === true) { groundsEn.push('the output was served to users in Japan'); groundsJa.push('生成物が日本国内の利用者に提供された'); }
    if (groundsEn.length > 0) {
      return makeFinding(
        code, Finding.MET,
        text(`Japanese law applies: ${listEn(groundsEn)}.`, `日本法が適用されます：${listJa(groundsJa)}。`),
        CITATION, data,
      );
    }

    const output = hasOutput(facts.claimType);
    if (sys?.servesJapaneseUsers && !(output && served === false)) {
      return makeFinding(
        code, Finding.PRESUMED,
        text(
          'Japanese law is presumed to apply: the AI system serves users in Japan, so its output is presumed to have reached users in Japan (training ran outside Japan).',
          'AIシステムは日本国内の利用者にサービスを提供しているため、生成物が日本国内に提供されたものと推定され、日本法の適用が推定されます（学習は日本国外で行われました）。',
        ),
        CITATION, data,
      );
    }

    if (sys && (served === false || !output)) {
      return makeFinding(
        code, Finding.NOT_MET,
        text(
          'Japanese law does not apply: training ran outside Japan and ' +
            (output ? 'the output was not served to users in Japan' : 'the AI system does not serve users in Japan') +
            '; the case is referred rather than assessed here.',
          '日本法は適用されません。学習は日本国外で行われ、' +
            (output ? '生成物は日本国内の利用者に提供されていません' : 'AIシステムは日本国内の利用者にサービスを提供していません') +
            '。本手続では判断せず回付します。',
        ),
        CITATION, data,
      );
    }

    const missing = [
      ...(sys ? [] : ['aiSystemId']),
      ...(output && served === null ? ['facts.outputServedInJapan'] : []),
    ];
    return makeFinding(
      code, Finding.UNKNOWN,
      joinText([
        text(
          'Whether Japanese law applies cannot be decided yet: it is not known where training ran or whether the output was served to users in Japan.',
          '日本法が適用されるかはまだ判断できません。学習がどこで行われたか、生成物が日本国内の利用者に提供されたかが分かりません。',
        ),
        !sys ? text('The complaint names no AI system.', '申立てにAIシステムが特定されていません。') : null,
      ]),
      CITATION, data, missing,
    );
  },
};
