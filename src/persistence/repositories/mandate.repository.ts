import { In, IsNull } from 'typeorm';
import type { Queryable } from '../database';
import { AccountEntity, CaseEntity, CasePrincipalEntity, MandateEntity, MandateWorkEntity, WorkEntity } from '../entities';
import { readRows, sqlText, values, writeRows } from '../sql';
import { CaseStatus } from '../../domain/enums';

/**
 * Mandates (`mandate`, `mandate_work`) and the principals a case was filed for
 * (`case_principal`): who may act for whom, over which works and claim types,
 * and for whom each case was filed (issue 14 point 7).
 */

/** Inserts a mandate and, when it lists works, its `mandate_work` links. */
export async function insertMandate(q: Queryable, row: MandateEntity, workIds: readonly string[]): Promise<MandateEntity> {
  await q.em.insert(MandateEntity, row);
  if (workIds.length) await q.em.insert(MandateWorkEntity, workIds.map((workId) => ({ mandateId: row.id, workId })));
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
export async function worksOfMandates(q: Queryable, mandateIds: readonly string[]): Promise<Array<WorkEntity & { mandateId: string }>> {
  if (mandateIds.length === 0) return [];
  return readRows<WorkEntity & { mandateId: string }>(q, WorkEntity, 'w', WORKS_OF_MANDATES(q, mandateIds.length), mandateIds, ['mandateId']);
}

const WORKS_OF_MANDATES = sqlText(({ list, columns, n }) => `SELECT ${columns(WorkEntity, 'w')}, mw."mandateId" AS "mandateId"
  FROM "work" w JOIN "mandate_work" mw ON mw."workId" = w."id" WHERE mw."mandateId" IN (${list(1, n)})`);

// ---------------------------------------------------------------- the principals of a case

/** Records the principals a case was filed for (one INSERT). */
export async function insertCasePrincipals(q: Queryable, rows: CasePrincipalEntity[]): Promise<void> {
  if (rows.length) await writeRows(q, INSERT_CASE_PRINCIPALS(q, rows.length), rows.flatMap((row) => values(q, CasePrincipalEntity, row, CASE_PRINCIPAL_COLUMNS)));
}

const CASE_PRINCIPAL_COLUMNS = ['caseId', 'principalId', 'mandateId', 'position'] as const;
const INSERT_CASE_PRINCIPALS = sqlText(({ p, n }) => 'INSERT INTO "case_principal" ("caseId", "principalId", "mandateId", "position") VALUES '
  + Array.from({ length: n }, (_, i) => `(${p(4 * i + 1)}, ${p(4 * i + 2)}, ${p(4 * i + 3)}, ${p(4 * i + 4)})`).join(', '));

/** The principal links of many cases, in filing order (the case rule's row check, Case.principals). */
export function principalLinksOfCases(q: Queryable, caseIds: readonly string[]): Promise<CasePrincipalEntity[]> {
  if (!caseIds.length) return Promise.resolve([]);
  return readRows(q, CasePrincipalEntity, 'cp', PRINCIPAL_LINKS_OF_CASES(q, caseIds.length), caseIds);
}

const PRINCIPAL_LINKS_OF_CASES = sqlText(({ list, columns, n }) => `SELECT ${columns(CasePrincipalEntity, 'cp')} FROM "case_principal" cp WHERE cp."caseId" IN (${list(1, n)}) ORDER BY cp."caseId" ASC, cp."position" ASC`);

/** The principal accounts of many cases, each row carrying its case's id, in one statement (per-request loader). */
export async function principalsOfCases(q: Queryable, caseIds: readonly string[]): Promise<Array<AccountEntity & { caseId: string }>> {
  if (caseIds.length === 0) return [];
  return readRows<AccountEntity & { caseId: string }>(q, AccountEntity, 'a', PRINCIPALS_OF_CASES(q, caseIds.length), caseIds, ['caseId']);
}

/** `columns` leaves out the password hash (select: false). */
const PRINCIPALS_OF_CASES = sqlText(({ list, columns, n }) => `SELECT ${columns(AccountEntity, 'a')}, cp."caseId" AS "caseId"
  FROM "account" a JOIN "case_principal" cp ON cp."principalId" = a."id" WHERE cp."caseId" IN (${list(1, n)})`);

/** The cases not yet CLOSED that were filed under this mandate, oldest reference first (their history records a revocation). */
export function openCasesFiledUnder(q: Queryable, mandateId: string): Promise<CaseEntity[]> {
  return q.em.createQueryBuilder(CaseEntity, 'c')
    .where('EXISTS (SELECT 1 FROM "case_principal" cp WHERE cp."caseId" = c.id AND cp."mandateId" = :mandate)', { mandate: mandateId })
    .andWhere('c.status <> :closed', { closed: CaseStatus.CLOSED })
    .orderBy('c.reference', 'ASC').getMany();
}

