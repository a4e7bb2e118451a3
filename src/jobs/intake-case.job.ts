import { Not, In } from 'typeorm';
import { CaseOutcome, CaseStatus } from '../domain/enums';
import { CommandType, SYSTEM_ACTOR } from '../domain/case/case-machine';
import { AiFirmEntity, CaseEntity, CaseWorkEntity, WorkEntity } from '../entities';
import type { Processor } from './job-context';
import { jobId, QueueName } from './queues';

export interface IntakeJobData { caseId: string }

/**
 * FILED → SCREENING, or CLOSED(DUPLICATE) naming the earlier open case with the
 * same complainant, respondent, works and claim type, or CLOSED(INELIGIBLE)
 * when the complaint is no longer complete. Idempotent: a case that has left
 * FILED is left alone, and the event carries a unique idempotency key.
 */
export const processIntake: Processor<IntakeJobData> = async (ctx, { caseId }) => {
  return ctx.db.transaction(async (tx) => {
    const row = await tx.em.findOne(CaseEntity, { where: { id: caseId } });
    if (!row || row.status !== CaseStatus.FILED) return 'skipped';
    const now = ctx.now();
    const key = `intake-${caseId}`;
    const reasons: string[] = [];
    const links = await tx.em.find(CaseWorkEntity, { where: { caseId } });
    const works = links.length ? await tx.em.count(WorkEntity, { where: { id: In(links.map((l) => l.workId)), ownerId: row.complainantId } }) : 0;
    if (links.length === 0 || works !== links.length) reasons.push('a work named in the complaint is no longer registered to the complainant');
    if (!(await tx.em.exists(AiFirmEntity, { where: { id: row.respondentFirmId } }))) reasons.push('the respondent firm no longer exists');
    if (!row.statement.trim()) reasons.push('the statement is empty');
    if (reasons.length) {
      await ctx.workflow.apply(tx, row, { type: CommandType.INTAKE_REJECT, outcome: CaseOutcome.INELIGIBLE, reasons }, SYSTEM_ACTOR, now, { idempotencyKey: key });
      return 'incomplete';
    }
    const earlier = await tx.em.findOne(CaseEntity, {
      where: { dedupKey: row.dedupKey, status: Not(CaseStatus.CLOSED), id: Not(row.id) },
      order: { reference: 'ASC' },
    });
    if (earlier && earlier.reference < row.reference) {
      await ctx.workflow.apply(tx, row, { type: CommandType.INTAKE_REJECT, outcome: CaseOutcome.DUPLICATE, duplicateOf: earlier.reference }, SYSTEM_ACTOR, now,
        { idempotencyKey: key });
      return 'duplicate';
    }
    await ctx.workflow.apply(tx, row, { type: CommandType.INTAKE_ACCEPT }, SYSTEM_ACTOR, now, { idempotencyKey: key });
    await tx.enqueue({ queue: QueueName.SCREEN, name: 'screen', jobId: jobId('screen', caseId), payload: { caseId } });
    return 'accepted';
  });
};
