import { CaseOutcome, CaseStatus } from '../domain/enums';
import { CommandType, SYSTEM_ACTOR } from '../domain/case/case-machine';
import { placeholders } from '../persistence/database';
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
    // Locked (FOR UPDATE on PostgreSQL): a second delivery waits here, then finds the case moved on.
    const row = await ctx.workflow.load(tx, caseId).catch(() => null);
    if (!row || row.status !== CaseStatus.FILED) return 'skipped';
    const now = ctx.now();
    const key = `intake-${caseId}`;
    const reasons: string[] = [];
    // One statement for completeness: the complaint's works still registered to the complainant, and the firm still there.
    const p = placeholders(tx, 3);
    const [counts] = await tx.query<{ links: string | number; owned: string | number; firms: string | number }>(
      `SELECT COUNT(*) AS "links", COUNT(w."id") AS "owned", (SELECT COUNT(*) FROM "ai_firm" f WHERE f."id" = ${p[0]}) AS "firms"
       FROM "case_work" cw LEFT JOIN "work" w ON w."id" = cw."workId" AND w."ownerId" = ${p[1]} WHERE cw."caseId" = ${p[2]}`,
      [row.respondentFirmId, row.complainantId, caseId]);
    if (Number(counts.links) === 0 || Number(counts.owned) !== Number(counts.links)) reasons.push('a work named in the complaint is no longer registered to the complainant');
    if (Number(counts.firms) === 0) reasons.push('the respondent firm no longer exists');
    if (!row.statement.trim()) reasons.push('the statement is empty');
    if (reasons.length) {
      await ctx.workflow.apply(tx, row, { type: CommandType.INTAKE_REJECT, outcome: CaseOutcome.INELIGIBLE, reasons }, SYSTEM_ACTOR, now, { idempotencyKey: key });
      return 'incomplete';
    }
    const q = placeholders(tx, 3);
    const [earlier] = await tx.query<{ reference: string }>(
      `SELECT "reference" FROM "case" WHERE "dedupKey" = ${q[0]} AND "status" <> ${q[1]} AND "id" <> ${q[2]} ORDER BY "reference" ASC LIMIT 1`,
      [row.dedupKey, CaseStatus.CLOSED, row.id]);
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
