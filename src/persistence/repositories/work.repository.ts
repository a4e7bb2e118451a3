import { In } from 'typeorm';
import type { Queryable } from '../database';
import { WorkEntity } from '../entities';
import { readRows, sqlText } from '../sql';
import { narrow, scopedQuery, type SqlScope } from '../scope';

/** Works creators register. */

/** Works by id, in one statement (per-request loader, complaint checks). */
export async function worksWithIds(q: Queryable, ids: readonly string[]): Promise<WorkEntity[]> {
  return ids.length ? readRows(q, WorkEntity, 'w', WORKS_WITH_IDS(q, ids.length), ids) : [];
}

const WORKS_WITH_IDS = sqlText(({ list, columns, n }) => `SELECT ${columns(WorkEntity, 'w')} FROM "work" w WHERE w."id" IN (${list(1, n)})`);

/** The works of many cases through their case_work links, in one statement; each row carries its case's id (per-request loader). */
export async function worksOfCases(q: Queryable, caseIds: readonly string[]): Promise<Array<WorkEntity & { caseId: string }>> {
  if (caseIds.length === 0) return [];
  return readRows<WorkEntity & { caseId: string }>(q, WorkEntity, 'w', WORKS_OF_CASES(q, caseIds.length), caseIds, ['caseId']);
}

const WORKS_OF_CASES = sqlText(({ list, columns, n }) => `SELECT ${columns(WorkEntity, 'w')}, cw."caseId" AS "caseId"
  FROM "work" w JOIN "case_work" cw ON cw."workId" = w."id" WHERE cw."caseId" IN (${list(1, n)})`);

/** One case's works through its case_work links, oldest registered first (screening). */
export function worksOfCase(q: Queryable, caseId: string): Promise<WorkEntity[]> {
  return readRows(q, WorkEntity, 'w', WORKS_OF_CASE(q), [caseId], ['caseId']);
}

const WORKS_OF_CASE = sqlText(({ p, columns }) => `SELECT ${columns(WorkEntity, 'w')}, cw."caseId" AS "caseId"
  FROM "work" w JOIN "case_work" cw ON cw."workId" = w."id" WHERE cw."caseId" = ${p(1)} ORDER BY w."createdAt" ASC, w."id" ASC`);

/** The work with this id. */
export function workById(q: Queryable, id: string): Promise<WorkEntity | null> {
  return q.em.findOne(WorkEntity, { where: { id } });
}

/** Inserts a work and returns the row as written. */
export async function insertWork(q: Queryable, fields: Omit<WorkEntity, 'createdAt'> & Partial<Pick<WorkEntity, 'createdAt'>>): Promise<WorkEntity> {
  const work = q.em.create(WorkEntity, fields);
  await q.em.insert(WorkEntity, work);
  return work;
}

/** Inserts works built by the caller, 200 a statement (bulk import). */
export async function insertWorks(q: Queryable, works: WorkEntity[]): Promise<void> {
  // updateEntity(false): TypeORM's multi-row insert on SQLite writes the re-read rows back into the given objects
  // out of order (ids swapped between objects, measured); the caller's objects stay as it built them.
  for (let i = 0; i < works.length; i += 200) await q.em.createQueryBuilder().insert().into(WorkEntity).values(works.slice(i, i + 200)).updateEntity(false).execute();
}

/** The owner's works with any of these content hashes, oldest first (bulk import). */
export function worksOfOwnerWithHashes(q: Queryable, ownerId: string, hashes: string[]): Promise<WorkEntity[]> {
  if (!hashes.length) return Promise.resolve([]);
  return q.em.find(WorkEntity, { where: { ownerId, contentHash: In(hashes) }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** A page of the works in `scope`, oldest first, after the work with id `afterId`; `limit` rows at most. */
export function worksPage(q: Queryable, scope: SqlScope, afterId: string | null, limit: number): Promise<WorkEntity[]> {
  const qb = scopedQuery(q.em, WorkEntity, 'w', scope);
  // The cursor is the last work's id; its time is read in the same statement (no date crosses the driver boundary).
  const at = '(SELECT a."createdAt" FROM "work" a WHERE a."id" = :after)';
  if (afterId) narrow(qb, `w.createdAt > ${at} OR (w.createdAt = ${at} AND w.id > :after)`, { after: afterId });
  return qb.orderBy('w.createdAt', 'ASC').addOrderBy('w.id', 'ASC').take(limit).getMany();
}
