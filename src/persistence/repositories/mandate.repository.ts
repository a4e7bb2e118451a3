import { In, IsNull } from 'typeorm';
import type { Queryable } from '../database';
import { AccountEntity, CaseEntity, CasePrincipalEntity, MandateEntity, MandateWorkEntity, WorkEntity } from '../entities';
import { findIn } from '../sqlite/fast-read';
import { insertRows } from '../sqlite/fast-write';
import { CaseStatus } from '../../domain/enums';

/**
 * Mandates (`mandate`, `mandate_work`) and the principals a case was filed for
 * (`case_principal`): who may act for whom, over which works and claim types,
 * and for whom each case was filed (issue 14 point 7).
 */

/** Inserts a mandate and, when it lists works, its `mandate_work` links. */
export async function insertMandate(q: Queryable, row: MandateEntity, workIds: readonly string[]): Promise<MandateEntity> {
  await q.em.insert(MandateEntity, row);
  if (workIds.length) await insertRows(q.em, MandateWorkEntity, workIds.map((workId) => ({ mandateId: row.id, workId })));
  return row;
}

/** One mandate by id (null when there is none). */
export function mandateById(q: Queryable, id: string): Promise<MandateEntity | null> {
  return q.em.findOne(MandateEntity, { where: { id } });
}

/** One mandate by id for a change: row-locked (FOR UPDATE) on PostgreSQL until the transaction ends (SQLite has one writer). */
export function mandateForUpdate(q: Queryable, id: string): Promise<MandateEntity | null> {
  return q.em.findOne(MandateEntity, { where: { id }, ...(q.kind === 'postgres' ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

/** Marks a mandate revoked at `now` unless it already is. */
export async function revokeMandate(q: Queryable, id: string, now: Date): Promise<void> {
  await q.em.update(MandateEntity, { id, revokedAt: IsNull() }, { revokedAt: now });
}

/**
 * A page of the mandates an account granted or holds, oldest first, after the
 * mandate with id `afterId`; `limit` rows at most.
 */
export function mandatesOfAccount(q: Queryable, accountId: string, afterId: string | null, limit: number): Promise<MandateEntity[]> {
  const qb = q.em.createQueryBuilder(MandateEntity, 'm').where('(m.principalId = :account OR m.agentId = :account)', { account: accountId });
  // The cursor is the last mandate's id; its time is read in the same statement (no date crosses the driver boundary).
  const at = '(SELECT a."createdAt" FROM "mandate" a WHERE a."id" = :after)';
  if (afterId) qb.andWhere(`(m.createdAt > ${at} OR (m.createdAt = ${at} AND m.id > :after))`, { after: afterId });
  return qb.orderBy('m.createdAt', 'ASC').addOrderBy('m.id', 'ASC').take(limit).getMany();
}

/** Every mandate (live or not) these principals granted this agent: the filing check says why one does not serve. */
export function mandatesFromPrincipalsTo(q: Queryable, agentId: string, principalIds: readonly string[]): Promise<MandateEntity[]> {
  if (!principalIds.length) return Promise.resolve([]);
  return q.em.find(MandateEntity, { where: { agentId, principalId: In([...principalIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
}

/** Which of these works each of these mandates lists, in one statement. */
export async function mandatedWorks(q: Queryable, mandateIds: readonly string[], workIds: readonly string[]): Promise<MandateWorkEntity[]> {
  if (!mandateIds.length || !workIds.length) return [];
  return q.em.find(MandateWorkEntity, { where: { mandateId: In([...mandateIds]), workId: In([...workIds]) } });
}

/** The works listed by many mandates, each row carrying its mandate's id (per-request loader: Mandate.works). */
export function worksOfMandates(q: Queryable, mandateIds: readonly string[]): Promise<Array<WorkEntity & { mandateId: string }>> {
  return findIn(q.em, WorkEntity, 'id', mandateIds, { through: { entity: MandateWorkEntity, join: 'workId', key: 'mandateId' } }) as Promise<Array<WorkEntity & { mandateId: string }>>;
}

// ---------------------------------------------------------------- the principals of a case

/** Records the principals a case was filed for (one INSERT). */
export async function insertCasePrincipals(q: Queryable, rows: CasePrincipalEntity[]): Promise<void> {
  if (rows.length) await insertRows(q.em, CasePrincipalEntity, rows);
}

/** The principal links of many cases, in filing order (the case rule's row check, Case.principals). */
export function principalLinksOfCases(q: Queryable, caseIds: readonly string[]): Promise<CasePrincipalEntity[]> {
  if (!caseIds.length) return Promise.resolve([]);
  return findIn(q.em, CasePrincipalEntity, 'caseId', caseIds, { orderBy: [['caseId', 'ASC'], ['position', 'ASC']] });
}

/** The principal accounts of many cases, each row carrying its case's id, in one statement (per-request loader). */
export function principalsOfCases(q: Queryable, caseIds: readonly string[]): Promise<Array<AccountEntity & { caseId: string }>> {
  return findIn(q.em, AccountEntity, 'id', caseIds, { through: { entity: CasePrincipalEntity, join: 'principalId', key: 'caseId' } }) as Promise<Array<AccountEntity & { caseId: string }>>;
}

/** The cases not yet CLOSED that were filed under this mandate, oldest reference first (their history records a revocation). */
export function openCasesFiledUnder(q: Queryable, mandateId: string): Promise<CaseEntity[]> {
  return q.em.createQueryBuilder(CaseEntity, 'c')
    .where('EXISTS (SELECT 1 FROM "case_principal" cp WHERE cp."caseId" = c.id AND cp."mandateId" = :mandate)', { mandate: mandateId })
    .andWhere('c.status <> :closed', { closed: CaseStatus.CLOSED })
    .orderBy('c.reference', 'ASC').getMany();
}

