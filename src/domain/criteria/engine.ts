/**
 * The explainable rules engine: runs the criteria of a rule set in order, each
 * seeing the findings before it, and derives the decision, strength, tier,
 * remedies and missing facts from the findings. Pure: no I/O, no clock.
 *
 * Decision (first that applies):
 * 1. INELIGIBLE — facts.eligibility.eligible is false (all findings still listed);
 * 2. NOT_ACTIONABLE — PROTECTED_WORK, APPLICABLE_LAW or INFRINGEMENT is NOT_MET;
 * 3. NEEDS_HUMAN_REVIEW — INFRINGEMENT (or PROTECTED_WORK / APPLICABLE_LAW) is
 *    UNKNOWN, or, infringement not being established, style is the only basis
 *    (NON_ENJOYMENT data.styleOnly) or a high similarity score awaits a human
 *    (SIMILARITY data.awaitingHumanConfirmation);
 * 4. ACTIONABLE — INFRINGEMENT MET or PRESUMED.
 * Strength: null for INELIGIBLE; ACTIONABLE is STRONG when PROTECTED_WORK,
 * APPLICABLE_LAW, INFRINGEMENT and the criteria INFRINGEMENT rests on
 * (data.basis) hold outright, MODERATE when any is PRESUMED; NOT_ACTIONABLE and
 * NEEDS_HUMAN_REVIEW are WEAK.
 */
import { AssessmentDecision, type ClaimType, Finding, Strength, type Remedy, type Tier } from '../enums';
import type { AssessmentFacts, AssessmentResult, RuleFindingData } from '../types';
import { CriterionCode, isPositive, type Criterion } from './criterion';
import { applicableLawCriterion } from './applicable-law.criterion';
import { infringementCriterion } from './infringement.criterion';
import { liabilityCriterion } from './liability.criterion';
import { nonEnjoymentCriterion } from './non-enjoyment.criterion';
import { protectedWorkCriterion } from './protected-work.criterion';
import { relianceCriterion } from './reliance.criterion';
import { CURRENT_RULE_SET, type RuleSet } from './rule-sets';
import { similarityCriterion } from './similarity.criterion';
import { recommendRemedies, tierCriterion } from './tier.criterion';
import { unreasonablePrejudiceCriterion } from './unreasonable-prejudice.criterion';

/** Every criterion a rule set may name, by code. */
export const CRITERIA: Readonly<Record<string, Criterion>> = Object.freeze({
  [CriterionCode.PROTECTED_WORK]: protectedWorkCriterion,
  [CriterionCode.APPLICABLE_LAW]: applicableLawCriterion,
  [CriterionCode.NON_ENJOYMENT]: nonEnjoymentCriterion,
  [CriterionCode.UNREASONABLE_PREJUDICE]: unreasonablePrejudiceCriterion,
  [CriterionCode.SIMILARITY]: similarityCriterion,
  [CriterionCode.RELIANCE]: relianceCriterion,
  [CriterionCode.INFRINGEMENT]: infringementCriterion,
  [CriterionCode.LIABILITY]: liabilityCriterion,
  [CriterionCode.TIER]: tierCriterion,
});

export function assess(facts: AssessmentFacts, ruleSet: RuleSet = CURRENT_RULE_SET): AssessmentResult {
  const prior = new Map<string, RuleFindingData>();
  const findings: RuleFindingData[] = [];
  for (const code of ruleSet.criteria) {
    const criterion = ruleSet.implementations?.[code] ?? CRITERIA[code];
    if (!criterion) throw new Error(`rule set ${ruleSet.version} names an unknown criterion ${code}`);
    const finding = criterion.check(facts, prior);
    // A criterion returns a fresh finding: stamping its layer keeps the object's shape (no copy).
    if (criterion.layer && !finding.layer) finding.layer = criterion.layer;
    prior.set(code, finding);
    findings.push(finding);
  }

  const deciding = decidingCode(ruleSet, facts.claimType);
  const decision = decide(facts, prior, deciding);
  const tier = (prior.get(CriterionCode.TIER)?.data?.tier as Tier | null | undefined) ?? null;
  const recommendedRemedies: Remedy[] =
    decision === AssessmentDecision.ACTIONABLE || decision === AssessmentDecision.NEEDS_HUMAN_REVIEW
      ? (ruleSet.recommendRemedies ? ruleSet.recommendRemedies(facts, prior) : recommendRemedies(tier, facts.claimType, facts.requestedRemedies))
      : [];
  const reliance = prior.get(CriterionCode.RELIANCE);

  return {
    decision,
    strength: strengthOf(decision, prior, deciding),
    tier,
    ruleSetVersion: ruleSet.version,
    findings,
    missingFacts: missingFactsOf(findings),
    recommendedRemedies,
    ordersDisclosure: reliance?.finding === Finding.UNKNOWN && reliance.data?.ordersDisclosure === true,
  };
}

/** The criterion whose finding decides the claim: INFRINGEMENT, or the framework criterion the rule set names. */
function decidingCode(ruleSet: RuleSet, claimType: ClaimType): string {
  return ruleSet.decidedBy?.[claimType] ?? CriterionCode.INFRINGEMENT;
}

function decide(facts: AssessmentFacts, prior: Map<string, RuleFindingData>, deciding: string): AssessmentDecision {
  if (!facts.eligibility.eligible) return AssessmentDecision.INELIGIBLE;
  const work = prior.get(CriterionCode.PROTECTED_WORK)?.finding;
  const law = prior.get(CriterionCode.APPLICABLE_LAW)?.finding;
  const inf = prior.get(deciding)?.finding;
  if (work === Finding.NOT_MET || law === Finding.NOT_MET || inf === Finding.NOT_MET) return AssessmentDecision.NOT_ACTIONABLE;
  if (work === Finding.UNKNOWN || law === Finding.UNKNOWN || inf === Finding.UNKNOWN) return AssessmentDecision.NEEDS_HUMAN_REVIEW;
  if (awaitsHuman([...prior.values()]) || !isPositive(inf)) return AssessmentDecision.NEEDS_HUMAN_REVIEW;
  return AssessmentDecision.ACTIONABLE;
}

/** True when style is the only basis, or a high similarity score awaits a human, and infringement is not established. */
export function awaitsHuman(findings: RuleFindingData[]): boolean {
  const by = (code: string) => findings.find((f) => f.code === code);
  if (isPositive(by(CriterionCode.INFRINGEMENT)?.finding)) return false;
  const ne = by(CriterionCode.NON_ENJOYMENT);
  const sim = by(CriterionCode.SIMILARITY);
  return (ne?.finding === Finding.UNKNOWN && ne.data?.styleOnly === true)
    || (sim?.finding === Finding.UNKNOWN && sim.data?.awaitingHumanConfirmation === true);
}

function strengthOf(decision: AssessmentDecision, prior: Map<string, RuleFindingData>, deciding: string): Strength | null {
  if (decision === AssessmentDecision.INELIGIBLE) return null;
  if (decision !== AssessmentDecision.ACTIONABLE) return Strength.WEAK;
  const inf = prior.get(deciding);
  const basis = (inf?.data?.basis as string[] | undefined) ?? [];
  const parts = [CriterionCode.PROTECTED_WORK, CriterionCode.APPLICABLE_LAW, deciding, ...basis]
    .map((code) => prior.get(code)?.finding);
  if (parts.some((f) => f === Finding.UNKNOWN)) return Strength.WEAK;
  if (parts.some((f) => f === Finding.PRESUMED)) return Strength.MODERATE;
  return Strength.STRONG;
}

/**
 * Input field paths whose absence made a finding UNKNOWN — or left it only PRESUMED, when the criterion names the fact that
 * would overturn the presumption (jp-2024.2's APPLICABLE_LAW; no jp-2024.1 criterion names one) — in finding order, without
 * duplicates.
 */
function missingFactsOf(findings: RuleFindingData[]): string[] {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.finding !== Finding.UNKNOWN && f.finding !== Finding.PRESUMED) continue;
    for (const m of (f.data?.missingFacts as string[] | undefined) ?? []) out.add(m);
  }
  return [...out];
}

/** Every finding's citation, without duplicates (the API shows each finding's own citation). */
export function citationsOf(result: Pick<AssessmentResult, 'findings'>): string[] {
  return [...new Set(result.findings.map((f) => f.citation).filter((c): c is string => c !== null))];
}
