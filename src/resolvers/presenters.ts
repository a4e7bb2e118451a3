import type { AssessmentResult, RuleFindingData } from '../domain/types';
import type { AssessmentEntity } from '../persistence/entities';
import type { OptOutSignal } from '../domain/enums';
import type { SignalReading } from '../domain/opt-out-signal-values';

/** A finding in the viewer's language, with both texts available. */
export function presentFinding(f: RuleFindingData, locale: string) {
  return {
    code: f.code, finding: f.finding, citation: f.citation, data: f.data ?? null, layer: f.layer ?? null,
    explanation: locale === 'en' ? f.explanation.en : f.explanation.ja, explanationEn: f.explanation.en, explanationJa: f.explanation.ja,
  };
}

export function presentAssessment(a: AssessmentEntity | (AssessmentResult & { id?: null; trigger?: string; createdAt?: Date | null }), locale: string) {
  return {
    id: a.id ?? null,
    decision: a.decision, strength: a.strength, tier: a.tier, ruleSetVersion: a.ruleSetVersion,
    findings: a.findings.map((f) => presentFinding(f, locale)),
    citations: [...new Set(a.findings.map((f) => f.citation).filter((c): c is string => !!c))],
    missingFacts: a.missingFacts, recommendedRemedies: a.recommendedRemedies, ordersDisclosure: a.ordersDisclosure,
    trigger: a.trigger ?? 'PREVIEW', createdAt: a.createdAt ?? null,
    triage: ('triage' in a ? a.triage : null) ?? [],
  };
}

export function presentEligibility(e: import('../domain/types').EligibilityOutcome, locale: string) {
  return {
    eligible: e.eligible, protections: e.protections, protectedUntil: e.protectedUntil, missingFacts: e.missingFacts,
    rules: e.rules.map((r) => presentFinding(r, locale)), crossBorderReferralCountry: e.crossBorderReferral?.partnerCountry ?? null,
  };
}

/** A signal value's reading, its explanation in the viewer's language. */
export function presentSignalReading(signal: OptOutSignal, value: string, r: SignalReading, locale: string) {
  return {
    signal, value, scope: r.scope, uses: r.uses, generativeOnly: r.generativeOnly, reservesAnything: r.uses.length > 0,
    explanation: locale === 'en' ? r.explanation.en : r.explanation.ja,
  };
}
