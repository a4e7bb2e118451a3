/**
 * Versioned rule sets: a version, when it took effect, and the criteria it
 * runs, in order (a criterion sees the findings of those before it). A case
 * records the version it was assessed under (AssessmentResult.ruleSetVersion).
 */
import { RuleLayer, type Remedy } from '../enums';
import type { AssessmentFacts, RuleFindingData } from '../types';
import { applicableLawV2Criterion } from './applicable-law.v2.criterion';
import { ART_21_27_SIMILARITY, ART_30_4, GU_GENERATION, GU_TRAINING } from './citations';
import { CriterionCode, type Criterion } from './criterion';
import { faultCriterion } from './fault.criterion';
import { frameworkOptOutCriterion } from './framework-opt-out.criterion';
import { frameworkTransparencyCriterion } from './framework-transparency.criterion';
import { infringementV2Criterion } from './infringement.v2.criterion';
import { FRAMEWORK_CLAIMS, liabilityV2Criterion } from './liability.v2.criterion';
import { minorExploitationCriterion } from './minor-exploitation.criterion';
import { nonEnjoymentCriterion } from './non-enjoyment.criterion';
import { protectedWorkCriterion } from './protected-work.criterion';
import { similarityCriterion } from './similarity.criterion';
import { relianceV2Criterion } from './reliance.v2.criterion';
import { remediesV2, tierV2Criterion } from './tier.v2.criterion';
import { unreasonablePrejudiceV2Criterion } from './unreasonable-prejudice.v2.criterion';

export interface RuleSet {
  version: string;
  title: string;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  description: string;
  /** Criterion codes, in evaluation order. */
  criteria: readonly string[];
  /** Criteria of this set that differ from jp-2024.1's, by code (the engine uses the jp-2024.1 criterion otherwise). */
  implementations?: Readonly<Record<string, Criterion>>;
  /** The criterion that decides a claim type, when it is not INFRINGEMENT (framework claims). */
  decidedBy?: Readonly<Partial<Record<string, string>>>;
  /** The remedies to recommend, when this set has its own rule (jp-2024.1 uses the tier table). */
  recommendRemedies?: (facts: AssessmentFacts, findings: Map<string, RuleFindingData>) => Remedy[];
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

/**
 * jp-2024.1's criterion, unchanged in behaviour, as a statute-layer criterion of jp-2024.2 citing `citation`: jp-2024.1
 * cites sub-letters of the General Understanding (§5(1)(イ), §5(2)(イ)(ア)) that could not be confirmed against its text
 * (reference/README.md), and jp-2024.2 cites only what was confirmed. jp-2024.1 keeps its own citations.
 */
function statuteCriterion(criterion: Criterion, citation: string): Criterion {
  return {
    ...criterion,
    layer: RuleLayer.STATUTE,
    citation,
    check: (facts, prior) => ({ ...criterion.check(facts, prior), citation }),
  };
}

export const JP_2024_2: RuleSet = Object.freeze({
  version: 'jp-2024.2',
  title: 'Japan: the Copyright Act as the General Understanding reads it, and the framework\'s duties, kept apart',
  effectiveFrom: '2026-11-23',
  description:
    'Two layers. The statute (Copyright Act Arts. 6, 21, 30-4, 47-5, 51–58, 112, 114; Civil Code Art. 709, read with '
    + "the Agency for Cultural Affairs' General Understanding on AI and Copyright of 15 March 2024) decides infringement, "
    + 'liability, fault and remedies: the Art. 30-4 proviso only for a database work offered for analysis or circumvented '
    + 'technical measures on data meant for sale; every act under the law of its own place (training where it ran, output '
    + 'where it is made available); RAG retrieval is a direct input; compensation rests on fault and is asked only of a '
    + 'liable provider. The framework (duties participating firms accept: honour recognised opt-outs, disclose training data '
    + 'on request — AI Promotion Act, Act No. 53 of 2025; the draft Principle Code) decides OPT_OUT_IGNORED and '
    + 'TRANSPARENCY_FAILURE, and its purpose tier only orders the remedies.',
  criteria: Object.freeze([
    CriterionCode.PROTECTED_WORK,
    CriterionCode.APPLICABLE_LAW,
    CriterionCode.NON_ENJOYMENT,
    CriterionCode.UNREASONABLE_PREJUDICE,
    CriterionCode.SIMILARITY,
    CriterionCode.RELIANCE,
    CriterionCode.MINOR_EXPLOITATION,
    CriterionCode.INFRINGEMENT,
    CriterionCode.FRAMEWORK_OPT_OUT,
    CriterionCode.FRAMEWORK_TRANSPARENCY,
    CriterionCode.LIABILITY,
    CriterionCode.FAULT,
    CriterionCode.TIER,
  ]),
  implementations: Object.freeze({
    // jp-2024.1's criteria whose behaviour is unchanged, labelled with their layer.
    [CriterionCode.PROTECTED_WORK]: { ...protectedWorkCriterion, layer: RuleLayer.STATUTE },
    [CriterionCode.NON_ENJOYMENT]: statuteCriterion(nonEnjoymentCriterion, `${ART_30_4}; ${GU_TRAINING}`),
    [CriterionCode.SIMILARITY]: statuteCriterion(similarityCriterion, `${ART_21_27_SIMILARITY}; ${GU_GENERATION}`),
    [CriterionCode.APPLICABLE_LAW]: applicableLawV2Criterion,
    [CriterionCode.UNREASONABLE_PREJUDICE]: unreasonablePrejudiceV2Criterion,
    [CriterionCode.RELIANCE]: relianceV2Criterion,
    [CriterionCode.MINOR_EXPLOITATION]: minorExploitationCriterion,
    [CriterionCode.INFRINGEMENT]: infringementV2Criterion,
    [CriterionCode.FRAMEWORK_OPT_OUT]: frameworkOptOutCriterion,
    [CriterionCode.FRAMEWORK_TRANSPARENCY]: frameworkTransparencyCriterion,
    [CriterionCode.LIABILITY]: liabilityV2Criterion,
    [CriterionCode.FAULT]: faultCriterion,
    [CriterionCode.TIER]: tierV2Criterion,
  }),
  decidedBy: FRAMEWORK_CLAIMS,
  recommendRemedies: remediesV2,
});

/** Every rule set, oldest first. */
export const RULE_SETS: readonly RuleSet[] = Object.freeze([JP_2024_1, JP_2024_2]);

/** New assessments use the current set; a case assessed under an older one keeps its version and findings. */
export const CURRENT_RULE_SET: RuleSet = JP_2024_2;

export function ruleSetByVersion(version: string): RuleSet | undefined {
  return RULE_SETS.find((r) => r.version === version);
}
