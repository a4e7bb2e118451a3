/**
 * Test factories for the rules engine: AssessmentFacts with sensible defaults
 * (a Japanese creator's illustration, a commercial AI system trained in Japan
 * with disclosed training data, nothing alleged), and EligibilityOutcome built
 * by hand (the reciprocity module is not called).
 */
import {
  ClaimType, Finding, Protection, Purpose, TriState, UseStage, WorkKind, type EvidenceKind, type Remedy,
} from '../../src/domain/enums';
import type { AssessmentFacts, ComplaintFacts, EligibilityOutcome, RuleFindingData, TrainingDisclosureData } from '../../src/domain/types';

export const ELIGIBILITY_CODES = ['PROTECTED_WORK', 'TERM', 'PROTECTIONS', 'CLAIM_ACCESS', 'APPLICABLE_LAW', 'CROSS_BORDER_REFERRAL'] as const;
export type EligibilityCode = (typeof ELIGIBILITY_CODES)[number];

export function rule(code: string, finding: Finding, en?: string, citation: string | null = `cite:${code}`): RuleFindingData {
  return {
    code,
    finding,
    explanation: { en: en ?? `${code} is ${finding}`, ja: `${code}は${finding}です` },
    citation,
  };
}

export interface EligibilityOverrides {
  eligible?: boolean;
  /** Finding per rule code; a code mapped to null is left out of the rules. */
  rules?: Partial<Record<EligibilityCode, Finding | null>>;
  /** Whole rules, replacing the generated ones with the same code. */
  ruleData?: RuleFindingData[];
  missingFacts?: string[];
  protectedUntil?: Date | null;
}

export function eligibilityOutcome(o: EligibilityOverrides = {}): EligibilityOutcome {
  const findings: Record<EligibilityCode, Finding | null> = {
    PROTECTED_WORK: Finding.MET, TERM: Finding.MET, PROTECTIONS: Finding.MET, CLAIM_ACCESS: Finding.MET,
    APPLICABLE_LAW: Finding.MET, CROSS_BORDER_REFERRAL: Finding.NOT_APPLICABLE, ...o.rules,
  };
  const rules = ELIGIBILITY_CODES
    .filter((c) => findings[c] !== null)
    .map((c) => o.ruleData?.find((r) => r.code === c) ?? rule(c, findings[c] as Finding));
  return {
    eligible: o.eligible ?? true,
    protections: [Protection.COPYRIGHT, Protection.OPT_OUT_RECOGNITION, Protection.DISPUTE_ACCESS],
    protectedUntil: o.protectedUntil === undefined ? new Date(Date.UTC(2095, 11, 31)) : o.protectedUntil,
    rules,
    crossBorderReferral: null,
    missingFacts: o.missingFacts ?? [],
  };
}

type AiSystem = NonNullable<AssessmentFacts['aiSystem']>;

export interface FactsOverrides {
  claimType?: ClaimType;
  stage?: UseStage;
  eligibility?: EligibilityOutcome | EligibilityOverrides;
  works?: AssessmentFacts['works'];
  /** null: no AI system named; an object is merged over the default system. */
  aiSystem?: (Partial<Omit<AiSystem, 'disclosure'>> & { disclosure?: Partial<TrainingDisclosureData> | null }) | null;
  facts?: ComplaintFacts;
  evidence?: { maxSimilarityScore?: number | null; kinds?: EvidenceKind[]; disclosureListsWork?: boolean };
  optOut?: Partial<AssessmentFacts['optOut']>;
  requestedRemedies?: Remedy[];
}

function isOutcome(e: EligibilityOutcome | EligibilityOverrides): e is EligibilityOutcome {
  return Array.isArray((e as EligibilityOutcome).rules) && typeof (e as EligibilityOutcome).eligible === 'boolean'
    && 'protections' in e;
}

export function buildFacts(o: FactsOverrides = {}): AssessmentFacts {
  let aiSystem: AssessmentFacts['aiSystem'];
  if (o.aiSystem === null) {
    aiSystem = null;
  } else {
    const { disclosure, ...rest } = o.aiSystem ?? {};
    aiSystem = {
      purpose: Purpose.COMMERCIAL,
      trainingServerInJapan: true,
      servesJapaneseUsers: true,
      usesRag: false,
      ...rest,
      disclosure: disclosure === null
        ? null
        : { categories: ['licensed illustrations', 'public web images'], cutoff: new Date(Date.UTC(2024, 0, 1)), suppressionMeasures: [], ...disclosure },
    };
  }
  return {
    claimType: o.claimType ?? ClaimType.OUTPUT_REPRODUCES_WORK,
    stage: o.stage ?? (o.claimType === ClaimType.TARGETED_FINE_TUNING ? UseStage.FINE_TUNE
      : o.claimType === ClaimType.RAG_REPRODUCTION ? UseStage.RAG
        : o.claimType === ClaimType.TRAINING_WITHOUT_PERMISSION || o.claimType === ClaimType.OPT_OUT_IGNORED ? UseStage.TRAINING
          : UseStage.GENERATION),
    eligibility: o.eligibility === undefined ? eligibilityOutcome() : isOutcome(o.eligibility) ? o.eligibility : eligibilityOutcome(o.eligibility),
    works: o.works ?? [{ kind: WorkKind.ILLUSTRATION }],
    aiSystem,
    facts: { ...o.facts },
    evidence: { maxSimilarityScore: null, kinds: [], ...o.evidence },
    optOut: { registered: false, recognised: true, signals: [], acknowledgedByFirm: false, effectiveBeforeUse: null, ...o.optOut },
    requestedRemedies: o.requestedRemedies ?? [],
  };
}

/** An output claim that holds outright: the prompt named the work, a human found its essential features in the output. */
export function strongOutputFacts(o: FactsOverrides = {}): AssessmentFacts {
  return buildFacts({
    ...o,
    facts: { promptNamedWorkOrAuthor: true, essentialFeaturesPerceivable: true, workInTrainingData: TriState.YES, outputServedInJapan: true, ...o.facts },
  });
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
