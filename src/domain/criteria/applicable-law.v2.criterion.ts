/**
 * APPLICABLE_LAW (jp-2024.2): is the act complained of governed by Japanese law? Copyright is
 * territorial, act by act (src/domain/reciprocity/applicable-law.rule.ts, territorialActOf):
 * a training act by where the training ran (aiSystem.trainingServerInJapan), an output act by
 * where the output is made available (facts.outputServedInJapan — never inferred from the
 * firm's servesJapaneseUsers: not stated stays UNKNOWN and is a missing fact), TRANSPARENCY_FAILURE
 * by either. When the deciding fact is missing, a PRESUMED (Japanese firm) or NOT_MET answer of the
 * eligibility rule is followed; otherwise UNKNOWN.
 */
import { Finding, RuleLayer } from '../enums';
import { territorialActOf } from '../reciprocity/applicable-law.rule';
import { CITE } from '../reciprocity/citations';
import { CriterionCode, eligibilityRule, joinText, makeFinding, text, type Criterion } from './criterion';

const CITATION = CITE.APPLICABLE_LAW;

export const applicableLawV2Criterion: Criterion = {
  code: CriterionCode.APPLICABLE_LAW,
  layer: RuleLayer.STATUTE,
  question: text(
    'Is the act complained of governed by Japanese law (training: where it ran; output: where it was made available)?',
    '申し立てられた行為に日本法が適用されるか（学習は行われた地、生成物は提供された地による）？',
  ),
  citation: CITATION,
  check(facts) {
    const code = CriterionCode.APPLICABLE_LAW;
    const sys = facts.aiSystem;
    const act = territorialActOf(facts.claimType, facts.stage);
    const training = sys ? sys.trainingServerInJapan : null;
    const served = facts.facts.outputServedInJapan ?? null;
    const rule = eligibilityRule(facts.eligibility, 'APPLICABLE_LAW');
    const data = {
      act, trainingServerInJapan: training, outputServedInJapan: served,
      servesJapaneseUsers: sys ? sys.servesJapaneseUsers : null, eligibilityFinding: rule?.finding ?? null,
    };
    const trainingRule = text(
      'A training act is governed by the law of the place where the training ran.',
      '学習行為には学習が行われた地の法が適用されます。',
    );
    const outputRule = text(
      'An output act is governed by the law of the place where the output is made available.',
      '生成物の利用行為には生成物が提供された地の法が適用されます。',
    );

    if (act === 'EITHER') {
      if (training === true || served === true) {
        return makeFinding(code, Finding.MET, text(
          `The framework's duty reaches the firm's conduct in Japan: ${training === true ? 'training ran on a server in Japan' : 'the output was served to users in Japan'}.`,
          `${training === true ? '学習が日本国内のサーバーで行われた' : '生成物が日本国内の利用者に提供された'}ため、日本における事業者の行為に本制度の義務が及びます。`,
        ), CITATION, data);
      }
      if (training === false && served === false) {
        return makeFinding(code, Finding.NOT_MET, text(
          'Neither training nor output takes place in Japan: the case is referred rather than assessed here.',
          '学習も生成物の提供も日本国内で行われていないため、本手続では判断せず回付します。',
        ), CITATION, data);
      }
    } else {
      const trainingAct = act === 'TRAINING';
      const place = trainingAct ? training : served;
      const why = trainingAct ? trainingRule : outputRule;
      if (place === true) {
        return makeFinding(code, Finding.MET, joinText([
          text(
            `Japanese law applies: ${trainingAct ? 'the training ran on a server in Japan' : 'the output was served to users in Japan'}.`,
            `日本法が適用されます：${trainingAct ? '学習は日本国内のサーバーで行われました' : '生成物は日本国内の利用者に提供されました'}。`,
          ),
          why,
        ]), CITATION, data);
      }
      if (place === false) {
        return makeFinding(code, Finding.NOT_MET, joinText([
          text(
            `Japanese law does not govern this act: ${trainingAct ? 'the training ran outside Japan' : 'the output was not served to users in Japan'}; the case is referred rather than assessed here.`,
            `この行為には日本法は適用されません：${trainingAct ? '学習は日本国外で行われました' : '生成物は日本国内の利用者に提供されていません'}。本手続では判断せず回付します。`,
          ),
          why,
          trainingAct && (served === true || sys?.servesJapaneseUsers === true)
            ? text(
              'That the firm serves outputs in Japan brings its output acts under the Japanese Act (an output claim), not this training.',
              '事業者が日本で生成物を提供していることは、生成物の利用行為（生成物に関する申立て）を日本法の下に置くもので、この学習行為ではありません。',
            )
            : null,
        ]), CITATION, data);
      }
      const missing = trainingAct ? (sys ? ['aiSystem.trainingServerInJapan'] : ['aiSystemId']) : ['facts.outputServedInJapan'];
      if (rule && (rule.finding === Finding.PRESUMED || rule.finding === Finding.MET)) {
        // A presumption, not a fact: the fact that would overturn it is listed, so previewAssessment tells the creator it matters.
        return makeFinding(code, Finding.PRESUMED, joinText([
          text(
            `Japanese law is presumed to apply: ${trainingAct ? 'where the training ran' : 'where the output was made available'} is not stated, and the eligibility rule presumes the act took place in Japan. Stating it would decide the point.`,
            `日本法の適用が推定されます：${trainingAct ? '学習が行われた地' : '生成物が提供された地'}は示されていませんが、受付資格のルールは行為が日本国内で行われたと推定しています。これを示せば判断が確定します。`,
          ),
          why,
          text(`(APPLICABLE_LAW: ${rule.explanation.en})`, `（APPLICABLE_LAW：${rule.explanation.ja}）`),
        ]), CITATION, data, missing);
      }
      return makeFinding(code, Finding.UNKNOWN, joinText([
        text(
          `Whether Japanese law governs this act cannot be decided yet: ${trainingAct ? (sys ? 'where the training ran is not known' : 'the complaint names no AI system, so where the training ran is not known') : 'it is not stated whether the output was served to users in Japan'}.`,
          `この行為に日本法が適用されるかはまだ判断できません：${trainingAct ? (sys ? '学習が行われた地が分かりません' : '申立てにAIシステムが特定されておらず、学習が行われた地が分かりません') : '生成物が日本国内の利用者に提供されたかが示されていません'}。`,
        ),
        why,
        !trainingAct && sys?.servesJapaneseUsers === true
          ? text(
            'That the AI system serves users in Japan does not by itself show that this output was made available there.',
            'AIシステムが日本の利用者にサービスを提供していることだけでは、この生成物が日本で提供されたことは示されません。',
          )
          : null,
      ]), CITATION, data, missing);
    }

    if (rule && rule.finding !== Finding.UNKNOWN && rule.finding !== Finding.NOT_APPLICABLE) {
      const f = rule.finding === Finding.MET ? Finding.PRESUMED : rule.finding;
      return makeFinding(code, f, text(
        `Where the firm trains and serves is not fully stated; the eligibility rule found: ${rule.explanation.en}`,
        `事業者が学習し提供する地が十分に示されていません。受付資格のルールの判断：${rule.explanation.ja}`,
      ), CITATION, data);
    }
    return makeFinding(code, Finding.UNKNOWN, text(
      'Whether the firm trains or serves in Japan is not known.',
      '事業者が日本国内で学習し、または生成物を提供しているかが分かりません。',
    ), CITATION, data, [...(sys ? [] : ['aiSystemId']), ...(served === null ? ['facts.outputServedInJapan'] : [])]);
  },
};
