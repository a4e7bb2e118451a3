/**
 * CROSS_BORDER_REFERRAL — against a foreign firm whose country has a reciprocity agreement
 * with Japan in force on `asOf` that extends DISPUTE_ACCESS, the notice is also copied to the
 * partner body (DESIGN "Reciprocity" rule 4). Otherwise NOT_APPLICABLE.
 */
import { Finding, Protection } from '../enums';
import type { LocalizedText } from '../enums';
import { CITE } from './citations';
import { ymd } from './dates';
import { agreementsInForce } from './membership';
import { EligibilityRuleCode, countryLabel, text, type EligibilityContext, type RuleResult } from './rule';

export interface CrossBorderReferralResult extends RuleResult {
  crossBorderReferral: { partnerCountry: string } | null;
}

const CODE = EligibilityRuleCode.CROSS_BORDER_REFERRAL;

export function checkCrossBorderReferral(ctx: EligibilityContext): CrossBorderReferralResult {
  const asOf = ymd(ctx.asOf);
  const firm = countryLabel(ctx.ref.country(ctx.respondentCountry), ctx.respondentCountry);
  const build = (finding: Finding, referral: { partnerCountry: string } | null, explanation: LocalizedText, agreementFrom: Date | null = null): CrossBorderReferralResult => ({
    crossBorderReferral: referral,
    missingFacts: [],
    finding: {
      code: CODE,
      finding,
      explanation,
      citation: CITE.CROSS_BORDER_REFERRAL,
      data: { respondentCountry: ctx.respondentCountry, crossBorderReferral: referral, agreementInForceFrom: agreementFrom ? ymd(agreementFrom) : null, asOf },
    },
  });
  if (ctx.respondentCountry === 'JP' || ctx.respondentCountry === '') {
    return build(Finding.NOT_APPLICABLE, null, text(
      ctx.respondentCountry === 'JP' ? 'The respondent firm is Japanese (JP): no cross-border referral.' : 'The respondent firm\'s country was not given: no cross-border referral.',
      ctx.respondentCountry === 'JP' ? '相手方企業は日本企業（JP）であり、国際付託はありません。' : '相手方企業の所在国が入力されていないため、国際付託はありません。',
    ));
  }
  const withAccess = agreementsInForce(ctx.ref, ctx.respondentCountry, ctx.asOf).find((a) => a.protections.includes(Protection.DISPUTE_ACCESS));
  if (!withAccess) {
    return build(Finding.NOT_APPLICABLE, null, text(
      `No reciprocity agreement between Japan and ${firm} extending DISPUTE_ACCESS is in force on ${asOf}: the notice goes to the firm only.`,
      `${asOf}時点で日本と${firm}との間に DISPUTE_ACCESS を認める相互主義協定は発効していないため、通知は企業にのみ送られます。`,
    ));
  }
  return build(Finding.MET, { partnerCountry: withAccess.partnerCountry }, text(
    `The respondent firm is in ${firm}, whose reciprocity agreement with Japan (in force since ${ymd(withAccess.inForceFrom)}) extends DISPUTE_ACCESS: the notice is also copied to the partner body in ${withAccess.partnerCountry}.`,
    `相手方企業の所在国${firm}は日本との相互主義協定（${ymd(withAccess.inForceFrom)}発効）で DISPUTE_ACCESS を認めているため、通知は${withAccess.partnerCountry}の相手方機関にも写しが送られます。`,
  ), withAccess.inForceFrom);
}
