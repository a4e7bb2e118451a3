import type { Processor } from './job-context';

export interface ScreenJobData { caseId: string }
/**
 * Evidence was added (evidenceId), the firm disclosed the system's training data (disclosedAt), or an
 * admin asked for the open cases to be re-assessed under a rule set (ruleSetVersion, requestedAt: reassessCases).
 */
export interface ReassessJobData { caseId: string; evidenceId?: string; disclosedAt?: string; ruleSetVersion?: string; requestedAt?: string }

/** SCREENING → NOTICE_SENT, MEDIATOR_REVIEW or CLOSED(INELIGIBLE), with the assessment stored. Idempotent (status re-checked, keyed event). */
export const processScreen: Processor<ScreenJobData> = async (ctx, { caseId }) =>
  ctx.services.screening.screen(caseId, 'SCREENING', ctx.now(), `screen-${caseId}`);

/** A new assessment (the old one stays in history); no status move. */
export const processReassess: Processor<ReassessJobData> = async (ctx, { caseId, evidenceId, disclosedAt, ruleSetVersion, requestedAt }) =>
  ruleSetVersion
    ? ctx.services.screening.screen(caseId, 'RULES_CHANGED', ctx.now(), `reassess-${caseId}-rules-${ruleSetVersion}-${requestedAt}`, ruleSetVersion)
    : evidenceId
    ? ctx.services.screening.screen(caseId, 'EVIDENCE_ADDED', ctx.now(), `reassess-${caseId}-${evidenceId}`)
    : ctx.services.screening.screen(caseId, 'DISCLOSURE', ctx.now(), `reassess-${caseId}-disclosure-${disclosedAt}`);
