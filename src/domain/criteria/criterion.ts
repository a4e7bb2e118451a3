/**
 * A criterion of the infringement assessment (DESIGN.md "Assessment: the
 * infringement criteria"; CONVENTIONS.md habit 5): data (code, question,
 * citation) plus a pure check. A check reads the case facts and the findings
 * of the criteria evaluated before it (so INFRINGEMENT can combine them), and
 * returns one finding with an explanation in both languages that names the
 * facts it used. No I/O, no clock.
 */
import { ClaimType, Finding, TriState, type RuleLayer } from '../enums';
import type { LocalizedText } from '../enums';
import type { AssessmentFacts, EligibilityOutcome, RuleFindingData } from '../types';

export interface Criterion {
  code: string;
  /** The question the criterion answers, shown beside its finding. */
  question: LocalizedText;
  /** The default citation; a finding may cite something narrower (e.g. the eligibility rule that failed). */
  citation: string;
  /** STATUTE or FRAMEWORK; the engine stamps it on the finding (criteria of jp-2024.1 declare none). */
  layer?: RuleLayer;
  check(facts: AssessmentFacts, prior: Map<string, RuleFindingData>): RuleFindingData;
}

/** Criterion codes, in the order of rule set jp-2024.1. */
export const CriterionCode = {
  PROTECTED_WORK: 'PROTECTED_WORK',
  APPLICABLE_LAW: 'APPLICABLE_LAW',
  NON_ENJOYMENT: 'NON_ENJOYMENT',
  UNREASONABLE_PREJUDICE: 'UNREASONABLE_PREJUDICE',
  SIMILARITY: 'SIMILARITY',
  RELIANCE: 'RELIANCE',
  INFRINGEMENT: 'INFRINGEMENT',
  LIABILITY: 'LIABILITY',
  TIER: 'TIER',
  /** jp-2024.2: Art. 47-5, minor exploitation incidental to search and information-analysis services. */
  MINOR_EXPLOITATION: 'MINOR_EXPLOITATION',
  /** jp-2024.2: the framework's duty to honour recognised opt-outs (decides OPT_OUT_IGNORED). */
  FRAMEWORK_OPT_OUT: 'FRAMEWORK_OPT_OUT',
  /** jp-2024.2: the framework's duty to disclose training data (decides TRANSPARENCY_FAILURE). */
  FRAMEWORK_TRANSPARENCY: 'FRAMEWORK_TRANSPARENCY',
  /** jp-2024.2: intent or negligence (Civil Code Art. 709), on which damages rest. */
  FAULT: 'FAULT',
} as const;
export type CriterionCode = (typeof CriterionCode)[keyof typeof CriterionCode];

/** The Agency for Cultural Affairs' "General Understanding on AI and Copyright in Japan" (March 2024). */
export const GU = 'General Understanding';

/** Claims that complain of no output: SIMILARITY and RELIANCE do not apply to them. */
export const NON_OUTPUT_CLAIMS: ReadonlySet<ClaimType> = new Set([
  ClaimType.TRAINING_WITHOUT_PERMISSION, ClaimType.OPT_OUT_IGNORED, ClaimType.TRANSPARENCY_FAILURE,
]);

/** Claims against the training act itself, decided by whether the Art. 30-4 exception was lost. */
export const TRAINING_CLAIMS: ReadonlySet<ClaimType> = new Set([
  ClaimType.TRAINING_WITHOUT_PERMISSION, ClaimType.TARGETED_FINE_TUNING,
]);

export function hasOutput(claimType: ClaimType): boolean {
  return !NON_OUTPUT_CLAIMS.has(claimType);
}

/** Similarity score at or above which a case is triaged as a likely close match (never decided by it). */
export const HIGH_SIMILARITY_SCORE = 0.85;
export const MEDIUM_SIMILARITY_SCORE = 0.6;

export function text(en: string, ja: string): LocalizedText {
  return { en, ja };
}

/** Joins sentences of each language: English with a space, Japanese without. */
export function joinText(parts: (LocalizedText | null | undefined | false)[]): LocalizedText {
  const kept = parts.filter((p): p is LocalizedText => !!p);
  return { en: kept.map((p) => p.en).join(' '), ja: kept.map((p) => p.ja).join('') };
}

/**
 * Builds a finding. `missingFacts` (input field paths whose absence made the
 * finding UNKNOWN) go into data.missingFacts, which the engine collects.
 */
export function makeFinding(
  code: string,
  finding: Finding,
  explanation: LocalizedText,
  citation: string | null,
  data: Record<string, unknown> = {},
  missingFacts: string[] = [],
): RuleFindingData {
  const d: Record<string, unknown> = { ...data };
  if (missingFacts.length > 0) d.missingFacts = [...new Set(missingFacts)];
  // Every finding has the same shape (layer included), so the engine and its readers stay monomorphic.
  return { code, finding, explanation, citation, data: d, layer: undefined };
}

/** The eligibility module's rule with this code, if it reported one. */
export function eligibilityRule(eligibility: EligibilityOutcome, code: string): RuleFindingData | undefined {
  return eligibility.rules.find((r) => r.code === code);
}

/** The finding of an earlier criterion; computed on the spot when the rule set did not run it first. */
export function priorOrCheck(
  criterion: Criterion,
  facts: AssessmentFacts,
  prior: Map<string, RuleFindingData>,
): RuleFindingData {
  return prior.get(criterion.code) ?? criterion.check(facts, prior);
}

export function isPositive(f: Finding | undefined): boolean {
  return f === Finding.MET || f === Finding.PRESUMED;
}

/** The work is shown to be in the training data: the firm's answer is YES or a disclosure lists it. */
export function workShownInTrainingData(facts: AssessmentFacts): boolean {
  return facts.facts.workInTrainingData === TriState.YES || facts.evidence.disclosureListsWork === true;
}

export function workShownNotInTrainingData(facts: AssessmentFacts): boolean {
  return facts.facts.workInTrainingData === TriState.NO && facts.evidence.disclosureListsWork !== true;
}

export function formatScore(score: number): string {
  return score.toFixed(2);
}

export function listEn(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function listJa(items: string[]): string {
  return items.join('、');
}
