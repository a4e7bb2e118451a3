/**
 * Eligibility of a creator's complaint under Japan's framework: the work is protected (Art. 6),
 * in term (Arts. 51–58), the claim type is open to the creator, and Japanese law can apply.
 *
 *   eligible = PROTECTED_WORK MET ∧ TERM MET ∧ CLAIM_ACCESS MET ∧ APPLICABLE_LAW ≠ NOT_MET
 *
 * Pure: `asOf` comes in with the query; every rule's finding is returned with its explanation,
 * citation and the data it used, so a refusal names the rule and the data.
 */
import { Finding, RuleLayer } from '../enums';
import type { EligibilityOutcome, EligibilityQuery, ReferenceData } from '../types';
import { checkApplicableLaw } from './applicable-law.rule';
import { checkProtectedWork } from './art6.rule';
import { checkClaimAccess } from './claim-access.rule';
import { checkCrossBorderReferral } from './cross-border-referral.rule';
import { checkProtections } from './protections.rule';
import { buildContext } from './rule';
import { checkTerm } from './term.rule';

/** The layer of each eligibility rule: protection, term and applicable law are the statute; the rest are Chōtei's own rules. */
const LAYERS: Readonly<Record<string, RuleLayer>> = {
  PROTECTED_WORK: RuleLayer.STATUTE, TERM: RuleLayer.STATUTE, APPLICABLE_LAW: RuleLayer.STATUTE,
  PROTECTIONS: RuleLayer.FRAMEWORK, CLAIM_ACCESS: RuleLayer.FRAMEWORK, CROSS_BORDER_REFERRAL: RuleLayer.FRAMEWORK,
};

export function assessEligibility(q: EligibilityQuery, ref: ReferenceData): EligibilityOutcome {
  const ctx = buildContext(q, ref);
  const art6 = checkProtectedWork(ctx);
  const term = checkTerm(ctx, art6.basis);
  const protections = checkProtections(ctx, art6);
  const claimAccess = checkClaimAccess(ctx, protections);
  const applicableLaw = checkApplicableLaw(ctx);
  const referral = checkCrossBorderReferral(ctx);
  const results = [art6, term, protections, claimAccess, applicableLaw, referral];

  const eligible =
    art6.finding.finding === Finding.MET &&
    term.finding.finding === Finding.MET &&
    claimAccess.finding.finding === Finding.MET &&
    applicableLaw.finding.finding !== Finding.NOT_MET;

  return {
    eligible,
    protections: protections.protections,
    protectedUntil: art6.finding.finding === Finding.MET ? term.protectedUntil : null,
    rules: results.map((r) => ({ ...r.finding, layer: LAYERS[r.finding.code] ?? RuleLayer.FRAMEWORK })),
    crossBorderReferral: referral.crossBorderReferral,
    missingFacts: [...new Set(results.flatMap((r) => r.missingFacts))],
  };
}

/** The rules that refused eligibility (not MET, or APPLICABLE_LAW NOT_MET), for a caller that reports only refusals. */
export function refusals(outcome: EligibilityOutcome): EligibilityOutcome['rules'] {
  const required = new Set(['PROTECTED_WORK', 'TERM', 'CLAIM_ACCESS']);
  return outcome.rules.filter((r) =>
    (required.has(r.code) && r.finding !== Finding.MET) || (r.code === 'APPLICABLE_LAW' && r.finding === Finding.NOT_MET));
}
