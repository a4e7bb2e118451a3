import { LessThanOrEqual } from 'typeorm';
import { DeadlineKind, DeadlineState } from '../../domain/enums';
import type { Queryable } from '../database';
import { DeadlineEntity } from '../entities';
import { readRows, sqlText, values, writeRows } from '../sql';

/** Deadlines: the windows a case's parties must act within. */

/** The PENDING deadlines of many cases in one statement, soonest first (per-request loader). */
export function pendingDeadlinesOfCases(q: Queryable, caseIds: readonly string[]): Promise<DeadlineEntity[]> {
  if (caseIds.length === 0) return Promise.resolve([]);
  return readRows(q, DeadlineEntity, 'd', PENDING_OF_CASES(q, caseIds.length), [...caseIds, DeadlineState.PENDING]);
}

const PENDING_OF_CASES = sqlText(({ p, list, columns, n }) => `SELECT ${columns(DeadlineEntity, 'd')} FROM "deadline" d WHERE d."caseId" IN (${list(1, n)}) AND d."state" = ${p(n + 1)} ORDER BY d."dueAt" ASC`);

/** Inserts a PENDING deadline built from `fields` (one kept INSERT); returns the row as written. */
export async function insertDeadline(q: Queryable, fields: Partial<DeadlineEntity>): Promise<DeadlineEntity> {
  const row = q.em.create(DeadlineEntity, fields);
  await writeRows(q, INSERT_DEADLINE(q), values(q, DeadlineEntity, row, DEADLINE_COLUMNS));
  return row;
}

const DEADLINE_COLUMNS = ['id', 'caseId', 'kind', 'startsAt', 'dueAt', 'state', 'remindersSent', 'firedAt', 'createdAt'] as const;
const INSERT_DEADLINE = sqlText(({ list }) => `INSERT INTO "deadline" ("id", "caseId", "kind", "startsAt", "dueAt", "state", "remindersSent", "firedAt", "createdAt") VALUES (${list(1, 9)})`);

/** Cancels the case's PENDING deadlines of these kinds (one UPDATE). */
export async function cancelPendingOfKinds(q: Queryable, caseId: string, kinds: readonly DeadlineKind[]): Promise<void> {
  if (kinds.length === 0) return;
  await writeRows(q, CANCEL_PENDING_OF_KINDS(q, kinds.length), [caseId, ...kinds]);
}

const CANCEL_PENDING_OF_KINDS = sqlText(({ p, list, n }) => `UPDATE "deadline" SET "state" = 'CANCELLED' WHERE "caseId" = ${p(1)} AND "state" = 'PENDING' AND "kind" IN (${list(2, n)})`);

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
