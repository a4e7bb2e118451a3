import type { Processor } from './job-context';

export interface AssignMediatorJobData { caseId: string }

/**
 * A case entered MEDIATION without a mediator: pick one (capacity, no conflict
 * of interest, shared language, least loaded) and record MEDIATOR_ASSIGNED,
 * which ends the MEDIATOR_ASSIGNMENT window. Nobody available: MEDIATOR_UNAVAILABLE
 * is recorded and the window's end tells the admins. Idempotent: a case that
 * has a mediator, or is no longer in MEDIATION, is skipped.
 */
export const processAssignMediator: Processor<AssignMediatorJobData> = async (ctx, { caseId }) =>
  ctx.services.mediation.assignFromJob(caseId, ctx.now());
