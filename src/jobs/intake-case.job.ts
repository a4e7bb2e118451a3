import type { Processor } from './job-context';

export interface IntakeJobData { caseId: string }

/**
 * FILED → SCREENING, or CLOSED(DUPLICATE) naming the earlier open case with the
 * same complainant, respondent, works and claim type, or CLOSED(INELIGIBLE)
 * when the complaint is no longer complete (CaseService.intake). Idempotent: a
 * case that has left FILED is left alone, and the event carries a unique
 * idempotency key.
 */
export const processIntake: Processor<IntakeJobData> = async (ctx, { caseId }) =>
  ctx.services.cases.intake(caseId, ctx.now());
