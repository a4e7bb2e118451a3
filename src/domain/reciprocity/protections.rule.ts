/**
 * PROTECTIONS — which protections of the framework the creator gets in Japan.
 * - Japanese creators (Art. 6(i), and works first published in Japan, Art. 6(ii)): all five.
 * - Foreign creators protected by treaty (Art. 6(iii)): COPYRIGHT by national treatment, plus
 *   exactly the protections a reciprocity agreement with their country (nationality), in force
 *   on `asOf`, extends.
 * - Not protected: none. Protected-ness is the creator's, independent of the work's term.
 */
import { Finding, Protection } from '../enums';
import type { AgreementData } from '../types';
import type { LocalizedText } from '../enums';
import { isJapaneseBasis, type Art6Result } from './art6.rule';
import { CITE } from './citations';
import { ymd } from './dates';
import { agreementsInForce } from './membership';
import { EligibilityRuleCode, countryLabel, text, type EligibilityContext, type RuleResult } from './rule';

export const ALL_PROTECTIONS: readonly Protection[] = [
  Protection.COPYRIGHT, Protection.OPT_OUT_RECOGNITION, Protection.DISPUTE_ACCESS, Protection.DAMAGES_PARITY, Protection.TRANSPARENCY_DUTY,
];

export interface ProtectionsResult extends RuleResult {
  protections: Protection[];
  agreement: AgreementData | null;
}

const CODE = EligibilityRuleCode.PROTECTIONS;

function ordered(ps: Iterable<Protection>): Protection[] {
  const set = new Set(ps);
  return ALL_PROTECTIONS.filter((p) => set.has(p));
}

export function checkProtections(ctx: EligibilityContext, art6: Art6Result): ProtectionsResult {
  const asOf = ymd(ctx.asOf);
  const nat = countryLabel(ctx.ref.country(ctx.nationality), ctx.nationality);
  const build = (finding: Finding, protections: Protection[], agreement: AgreementData | null, explanation: LocalizedText): ProtectionsResult => ({
    protections,
    agreement,
    missingFacts: [],
    finding: {
      code: CODE,
      finding,
      explanation,
      citation: CITE.PROTECTIONS,
      data: {
        creatorNationality: ctx.nationality,
        art6Basis: art6.basis,
        protections,
        agreement: agreement
          ? { partnerCountry: agreement.partnerCountry, inForceFrom: ymd(agreement.inForceFrom), inForceTo: agreement.inForceTo ? ymd(agreement.inForceTo) : null, protections: ordered(agreement.protections) }
          : null,
        asOf,
      },
    },
  });

  if (art6.finding.finding === Finding.UNKNOWN) {
    return build(Finding.UNKNOWN, [], null, text(
      'Which protections apply cannot be decided until protection under Art. 6 is known (see PROTECTED_WORK).',
      '第6条による保護の有無が判明するまで、適用される保護は判断できません（PROTECTED_WORK を参照）。',
    ));
  }
  if (art6.basis === null) {
    return build(Finding.NOT_MET, [], null, text(
      `The work is not protected in Japan under Art. 6, so the creator (nationality ${nat}) gets none of the framework's protections.`,
      `著作物は第6条により日本で保護されないため、著作者（国籍 ${nat}）は本制度のいずれの保護も受けません。`,
    ));
  }
  if (isJapaneseBasis(art6.basis)) {
    return build(Finding.MET, [...ALL_PROTECTIONS], null, text(
      `The work is a Japanese work (${art6.basis}), so the creator gets all five protections: ${ALL_PROTECTIONS.join(', ')}.`,
      `日本の著作物（${art6.basis}）であるため、著作者は5つの保護（${ALL_PROTECTIONS.join('、')}）をすべて受けます。`,
    ));
  }
  const agreements = agreementsInForce(ctx.ref, ctx.nationality, ctx.asOf);
  const agreement = agreements[0] ?? null;
  const extended = ordered(agreements.flatMap((a) => a.protections).filter((p) => p !== Protection.COPYRIGHT));
  const protections = ordered([Protection.COPYRIGHT, ...extended]);
  if (agreement === null) {
    return build(Finding.MET, protections, null, text(
      `The creator (nationality ${nat}) is protected by treaty (${art6.treaties.join(', ')}), so gets COPYRIGHT by national treatment; no reciprocity agreement between Japan and ${ctx.nationality || nat} is in force on ${asOf}, so none of the framework's new protections (${ALL_PROTECTIONS.slice(1).join(', ')}) extends to them.`,
      `著作者（国籍 ${nat}）は条約（${art6.treaties.join('・')}）により保護されるため、内国民待遇として COPYRIGHT を受けます。${asOf}時点で日本と${ctx.nationality || nat}との相互主義協定は発効していないため、本制度の新たな保護（${ALL_PROTECTIONS.slice(1).join('、')}）は及びません。`,
    ));
  }
  const notExtended = ALL_PROTECTIONS.filter((p) => !protections.includes(p));
  return build(Finding.MET, protections, agreement, text(
    `The creator (nationality ${nat}) is protected by treaty (${art6.treaties.join(', ')}), so gets COPYRIGHT by national treatment, and the reciprocity agreement with ${agreement.partnerCountry} in force since ${ymd(agreement.inForceFrom)} extends ${extended.length ? extended.join(', ') : 'no further protection'}${notExtended.length ? ` (not: ${notExtended.join(', ')})` : ''}.`,
    `著作者（国籍 ${nat}）は条約（${art6.treaties.join('・')}）により保護され内国民待遇として COPYRIGHT を受けます。さらに${ymd(agreement.inForceFrom)}発効の${agreement.partnerCountry}との相互主義協定により ${extended.length ? extended.join('、') : '追加の保護なし'} が及びます${notExtended.length ? `（対象外: ${notExtended.join('、')}）` : ''}。`,
  ));
}
