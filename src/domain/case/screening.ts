import { AssessmentDecision, Finding } from '../enums';
import type { AssessmentResult, EligibilityOutcome } from '../types';
import { Command, CommandType } from './commands';
import { triageReviewReason, type TriageCitationData } from '../triage';

/**
 * What screening does with an assessment: an ineligible case closes naming the
 * failing rules; an actionable one goes to the firm — unless the case's
 * similarity triage is WEAK (src/domain/triage.ts: the output and the original
 * uploaded share little), which sends it to a mediator with that reason;
 * anything else goes to a mediator for review.
 */
export function screeningCommand(assessment: AssessmentResult, eligibility: EligibilityOutcome, triage: readonly TriageCitationData[] = []): Command {
  if (assessment.decision === AssessmentDecision.INELIGIBLE) {
    const refused = eligibility.rules.filter((f) => f.finding === Finding.NOT_MET || f.finding === Finding.UNKNOWN);
    const failing = refused.length ? refused : assessment.findings.filter((f) => f.finding === Finding.NOT_MET || f.finding === Finding.UNKNOWN);
    const reasons = (failing.length ? failing : assessment.findings).map((f) => `${f.code}: ${f.explanation.en}`);
    return { type: CommandType.SCREEN_INELIGIBLE, reasons };
  }
  if (assessment.decision === AssessmentDecision.ACTIONABLE) {
    const weak = triageReviewReason(triage);
    if (weak) return { type: CommandType.SCREEN_TO_REVIEW, decision: assessment.decision, reasons: [weak] };
    return { type: CommandType.SCREEN_SEND_NOTICE, decision: assessment.decision };
  }
  const open = assessment.findings.filter((f) => f.finding === Finding.NOT_MET || f.finding === Finding.UNKNOWN).map((f) => `${f.code}: ${f.finding}`);
  return { type: CommandType.SCREEN_TO_REVIEW, decision: assessment.decision, reasons: open };
}
