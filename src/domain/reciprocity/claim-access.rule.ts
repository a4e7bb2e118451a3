/**
 * CLAIM_ACCESS — is this type of claim open to the creator?
 * - OPT_OUT_IGNORED needs OPT_OUT_RECOGNITION; TRANSPARENCY_FAILURE needs TRANSPARENCY_DUTY:
 *   these rest on the framework's new protections, which reach foreign creators only through
 *   a reciprocity agreement (DESIGN "Reciprocity" rule 3).
 * - Output and training infringement claims (OUTPUT_REPRODUCES_WORK, RAG_REPRODUCTION,
 *   TARGETED_FINE_TUNING, TRAINING_WITHOUT_PERMISSION) need only COPYRIGHT: a treaty-protected
 *   foreign creator brings them by national treatment even without DISPUTE_ACCESS.
 */
import { ClaimType, Finding, Protection } from '../enums';
import type { LocalizedText } from '../enums';
import { CITE } from './citations';
import { ymd } from './dates';
import type { ProtectionsResult } from './protections.rule';
import { EligibilityRuleCode, countryLabel, text, type EligibilityContext, type RuleResult } from './rule';

/** The protection each claim type rests on. */
export const REQUIRED_PROTECTION: Readonly<Record<ClaimType, Protection>> = {
  [ClaimType.OPT_OUT_IGNORED]: Protection.OPT_OUT_RECOGNITION,
  [ClaimType.TRANSPARENCY_FAILURE]: Protection.TRANSPARENCY_DUTY,
  [ClaimType.OUTPUT_REPRODUCES_WORK]: Protection.COPYRIGHT,
  [ClaimType.RAG_REPRODUCTION]: Protection.COPYRIGHT,
  [ClaimType.TARGETED_FINE_TUNING]: Protection.COPYRIGHT,
  [ClaimType.TRAINING_WITHOUT_PERMISSION]: Protection.COPYRIGHT,
};

const CODE = EligibilityRuleCode.CLAIM_ACCESS;

export function checkClaimAccess(ctx: EligibilityContext, protections: ProtectionsResult): RuleResult {
  const claim = ctx.query.claimType;
  const required = REQUIRED_PROTECTION[claim];
  const asOf = ymd(ctx.asOf);
  const nat = countryLabel(ctx.ref.country(ctx.nationality), ctx.nationality);
  const build = (finding: Finding, explanation: LocalizedText): RuleResult => ({
    missingFacts: [],
    finding: {
      code: CODE,
      finding,
      explanation,
      citation: CITE.CLAIM_ACCESS,
      data: { claimType: claim, requiredProtection: required ?? null, protections: protections.protections, creatorNationality: ctx.nationality, asOf },
    },
  });
  if (required === undefined) {
    return build(Finding.NOT_MET, text(`Unknown claim type "${String(claim)}".`, `不明な申立ての種類「${String(claim)}」です。`));
  }
  if (protections.finding.finding === Finding.UNKNOWN) {
    return build(Finding.UNKNOWN, text(
      `A claim of type ${claim} needs ${required}; whether the creator has it cannot be decided until PROTECTED_WORK is known.`,
      `${claim} の申立てには ${required} が必要ですが、PROTECTED_WORK が判明するまで判断できません。`,
    ));
  }
  if (protections.protections.includes(required)) {
    const nationalTreatment = required === Protection.COPYRIGHT && !protections.protections.includes(Protection.DISPUTE_ACCESS);
    return build(Finding.MET, text(
      `A claim of type ${claim} needs ${required}, which the creator (nationality ${nat}) has${nationalTreatment ? '; although no agreement extends DISPUTE_ACCESS, an infringement claim on the work is open by national treatment (Berne Art. 5(1))' : ''}.`,
      `${claim} の申立てには ${required} が必要であり、著作者（国籍 ${nat}）はこれを有します${nationalTreatment ? '。DISPUTE_ACCESS を認める協定はありませんが、著作物の侵害に関する申立ては内国民待遇（ベルヌ条約第5条(1)）により可能です' : ''}。`,
    ));
  }
  if (protections.protections.length === 0) {
    return build(Finding.NOT_MET, text(
      `A claim of type ${claim} needs ${required}, but the work is not protected in Japan (see PROTECTED_WORK), so the creator (nationality ${nat}) has no protection to rest it on.`,
      `${claim} の申立てには ${required} が必要ですが、著作物は日本で保護されない（PROTECTED_WORK を参照）ため、著作者（国籍 ${nat}）には根拠となる保護がありません。`,
    ));
  }
  return build(Finding.NOT_MET, text(
    `A claim of type ${claim} needs ${required}, a protection of the framework that reaches foreign creators only under a reciprocity agreement; no agreement between Japan and ${ctx.nationality} in force on ${asOf} extends it (the creator has: ${protections.protections.join(', ')}). Claims that the output or training infringes the work (OUTPUT_REPRODUCES_WORK, RAG_REPRODUCTION, TARGETED_FINE_TUNING, TRAINING_WITHOUT_PERMISSION) remain open by national treatment.`,
    `${claim} の申立てには ${required} が必要です。これは相互主義協定がある場合に限り外国の著作者に及ぶ本制度の保護であり、${asOf}時点で日本と${ctx.nationality}との間にこれを認める協定は発効していません（著作者の保護: ${protections.protections.join('、')}）。出力や学習による侵害の申立て（OUTPUT_REPRODUCES_WORK、RAG_REPRODUCTION、TARGETED_FINE_TUNING、TRAINING_WITHOUT_PERMISSION）は内国民待遇により可能です。`,
  ));
}
