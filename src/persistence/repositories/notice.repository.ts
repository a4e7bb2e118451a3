import type { Queryable } from '../database';
import { NoticeEntity } from '../entities';
import { sqlText, values, writeRows } from '../sql';
import { runSql } from '../sqlite/statements';

/** Notices served on respondents: the row and its service attempts (every channel). */

/** The notice row (by id or by case), locked for the transaction on PostgreSQL (SQLite serialises writers): attempts are appended, never lost. */
export function lockedNotice(q: Queryable, where: { id: string } | { caseId: string }): Promise<NoticeEntity | null> {
  const [key, value] = Object.entries(where)[0];
  const qb = q.em.createQueryBuilder(NoticeEntity, 'n').where(`n.${key} = :value`, { value });
  if (q.kind === 'postgres') qb.setLock('pessimistic_write');
  return qb.getOne();
}

/** Writes changed fields of a notice (service attempts, when it was served). */
export async function updateNotice(q: Queryable, id: string, changes: Partial<NoticeEntity>): Promise<void> {
  await q.em.update(NoticeEntity, { id }, changes);
}

/** Whether the case has its notice already (one kept statement, in the move's transaction). */
export async function hasNoticeOfCase(q: Queryable, caseId: string): Promise<boolean> {
  return (await runSql(q.em, NOTICE_OF_CASE_EXISTS(q), [caseId])).length > 0;
}

const NOTICE_OF_CASE_EXISTS = sqlText(({ p }) => `SELECT 1 AS "found" FROM "notice" WHERE "caseId" = ${p(1)}`);

/** Inserts a notice (one kept INSERT). */
export async function insertNotice(q: Queryable, fields: Partial<NoticeEntity>): Promise<void> {
  await writeRows(q, INSERT_NOTICE(q), values(q, NoticeEntity, fields, NOTICE_COLUMNS));
}

const NOTICE_COLUMNS = ['id', 'caseId', 'firmId', 'summary', 'sentAt', 'acknowledgedAt', 'respondedAt', 'responseKind', 'responseStatement', 'servedAt',
  'serviceAttempts', 'claimCodeHash', 'claimedAt', 'createdAt'] as const;
const INSERT_NOTICE = sqlText(({ list }) => 'INSERT INTO "notice" ("id", "caseId", "firmId", "summary", "sentAt", "acknowledgedAt", "respondedAt", "responseKind", '
  + `"responseStatement", "servedAt", "serviceAttempts", "claimCodeHash", "claimedAt", "createdAt") VALUES (${list(1, 14)})`);

/** The case's notice (null before NOTICE_SENT). */
export function noticeOfCase(q: Queryable, caseId: string): Promise<NoticeEntity | null> {
  return q.em.findOne(NoticeEntity, { where: { caseId } });
}

/** One notice by id (null when there is none). */
export function noticeById(q: Queryable, id: string): Promise<NoticeEntity | null> {
  return q.em.findOne(NoticeEntity, { where: { id } });
}

/** The notice whose emailed claim code has this SHA-256 (the public notice page; no lock). */
export function noticeWithClaimCodeHash(q: Queryable, hash: string): Promise<NoticeEntity | null> {
  return q.em.findOne(NoticeEntity, { where: { claimCodeHash: hash } });
}

/** Writes changed fields of the case's notice (the firm's response). */
export async function updateNoticeOfCase(q: Queryable, caseId: string, changes: Partial<NoticeEntity>): Promise<void> {
  await q.em.update(NoticeEntity, { caseId }, changes);
}

/**
 * Notices created at or before `before` that no email has served yet (no EMAIL attempt that succeeded or
 * failed for good), oldest first, at most `limit`: their serve-notice job should still be on its way (the reconciler).
 */
export function noticesAwaitingEmail(q: Queryable, before: Date, limit: number): Promise<NoticeEntity[]> {
  const served = q.kind === 'postgres'
    ? `(COALESCE(n."serviceAttempts", '[]')::jsonb @> '[{"channel":"EMAIL","ok":true}]' OR COALESCE(n."serviceAttempts", '[]')::jsonb @> '[{"channel":"EMAIL","permanent":true}]')`
    : `EXISTS (SELECT 1 FROM json_each(COALESCE(n."serviceAttempts", '[]')) a WHERE json_extract(a.value, '$.channel') = 'EMAIL' AND (json_extract(a.value, '$.ok') = 1 OR json_extract(a.value, '$.permanent') = 1))`;
  return q.em.createQueryBuilder(NoticeEntity, 'n')
    .where('n.createdAt <= :before', { before })
    .andWhere(`NOT ${served}`)
    .orderBy('n.createdAt', 'ASC').limit(limit).getMany();
}
