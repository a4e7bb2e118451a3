import { LessThanOrEqual } from 'typeorm';
import { DeadlineKind, DeadlineState } from '../../domain/enums';
import { placeholders, type Queryable } from '../database';
import { DeadlineEntity } from '../entities';
import { findIn } from '../sqlite/fast-read';
import { insertRows } from '../sqlite/fast-write';
import { runSql } from '../sqlite/statements';

/** Deadlines: the windows a case's parties must act within. */

/** The PENDING deadlines of many cases in one statement, soonest first (per-request loader). */
export function pendingDeadlinesOfCases(q: Queryable, caseIds: readonly string[]): Promise<DeadlineEntity[]> {
  return findIn(q.em, DeadlineEntity, 'caseId', caseIds, { where: { state: 'PENDING' }, orderBy: [['dueAt', 'ASC']] });
}

/** Inserts a PENDING deadline built from `fields` (one kept INSERT); returns the row as written. */
export async function insertDeadline(q: Queryable, fields: Partial<DeadlineEntity>): Promise<DeadlineEntity> {
  const row = q.em.create(DeadlineEntity, fields);
  await insertRows(q.em, DeadlineEntity, [row]);
  return row;
}

/** Cancels the case's PENDING deadlines of these kinds (one UPDATE). */
export async function cancelPendingOfKinds(q: Queryable, caseId: string, kinds: readonly DeadlineKind[]): Promise<void> {
  if (kinds.length === 0) return;
  const p = placeholders(q, kinds.length + 1);
  await runSql(q.em, `UPDATE "deadline" SET "state" = 'CANCELLED' WHERE "caseId" = ${p[0]} AND "state" = 'PENDING' AND "kind" IN (${p.slice(1).join(', ')})`, [caseId, ...kinds]);
}

/** The case's PENDING deadline of this kind, if one runs. */
export function pendingDeadlineOfKind(q: Queryable, caseId: string, kind: DeadlineKind): Promise<DeadlineEntity | null> {
  return q.em.findOne(DeadlineEntity, { where: { caseId, kind, state: DeadlineState.PENDING } });
}

/** The case's PENDING deadlines, soonest first. */
export function pendingDeadlinesOf(q: Queryable, caseId: string): Promise<DeadlineEntity[]> {
  return q.em.find(DeadlineEntity, { where: { caseId, state: DeadlineState.PENDING }, order: { dueAt: 'ASC' } });
}

/** One deadline by id (null when there is none). */
export function deadlineById(q: Queryable, id: string): Promise<DeadlineEntity | null> {
  return q.em.findOne(DeadlineEntity, { where: { id } });
}

/** PENDING → FIRED, guarded on the state: true only for the one caller that moved it (job, redelivered job and sweep race). */
export async function markFiredIfPending(q: Queryable, id: string, firedAt: Date): Promise<boolean> {
  const won = await q.em.createQueryBuilder().update(DeadlineEntity).set({ state: DeadlineState.FIRED, firedAt })
    .where('id = :id AND state = :state', { id, state: DeadlineState.PENDING }).execute();
  return won.affected === 1;
}

/** Records that reminder `n` of the deadline went out. */
export async function setRemindersSent(q: Queryable, id: string, n: number): Promise<void> {
  await q.em.update(DeadlineEntity, { id }, { remindersSent: n });
}

/** PENDING deadlines due at or before `now`, soonest first, at most `limit` (the sweep). */
export function overdueDeadlines(q: Queryable, now: Date, limit: number): Promise<DeadlineEntity[]> {
  return q.em.find(DeadlineEntity, { where: { state: DeadlineState.PENDING, dueAt: LessThanOrEqual(now) }, order: { dueAt: 'ASC' }, take: limit });
}
