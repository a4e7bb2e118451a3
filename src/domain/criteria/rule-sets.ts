/**
 * Versioned rule sets: a version, when it took effect, and the criteria it
 * runs, in order (a criterion sees the findings of those before it). A case
 * records the version it was assessed under (AssessmentResult.ruleSetVersion).
 */
import { CriterionCode } from './criterion';

export interface RuleSet {
  version: string;
  title: string;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  description: string;
  /** Criterion codes, in evaluation order. */
  criteria: readonly string[];
}

export const JP_2024_1: RuleSet = Object.freeze({
  version: 'jp-2024.1',
  title: 'Japan: Copyright Act and the General Understanding on AI and Copyright (March 2024)',
  effectiveFrom: '2024-03-15',
  description:
    'Criteria from the Copyright Act (Art. 6, Arts. 30-4, 51–58, 112, 114) as read by the Agency for Cultural '
    + "Affairs' \"General Understanding on AI and Copyright in Japan\" (March 2024): protected work and term, "
    + 'applicable law, the non-enjoyment exception and its proviso, similarity and reliance, infringement, '
    + 'liability and the remedy tier, with the framework\'s opt-out recognition and transparency duty.',
  criteria: Object.freeze([
    CriterionCode.PROTECTED_WORK,
    CriterionCode.APPLICABLE_LAW,
    CriterionCode.NON_ENJOYMENT,
    CriterionCode.UNREASONABLE_PREJUDICE,
    CriterionCode.SIMILARITY,
    CriterionCode.RELIANCE,
    CriterionCode.INFRINGEMENT,
    CriterionCode.LIABILITY,
    CriterionCode.TIER,
  ]),
});

/** Every rule set, oldest first. */
export const RULE_SETS: readonly RuleSet[] = Object.freeze([JP_2024_1]);

export const CURRENT_RULE_SET: RuleSet = JP_2024_1;

export function ruleSetByVersion(version: string): RuleSet | undefined {
  return RULE_SETS.find((r) => r.version === version);
}
