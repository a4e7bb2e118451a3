import { CaseStatus, type ClaimType } from '../../domain/enums';
import { narrow, scopedQuery, type SqlScope } from '../scope';
import { placeholders, type Queryable } from '../database';
import { AccountEntity, AiFirmEntity, AiSystemEntity, CaseEntity, CaseWorkEntity } from '../entities';
import { decodeCursor, encodeCursor, type Page, type PageArgs, pageSize, toPage } from '../paging/cursor';
import { findIn, findInWithReferences } from '../sqlite/fast-read';
import { guardedUpdate, insertRows } from '../sqlite/fast-write';
import { runSql } from '../sqlite/statements';

/**
 * Cases: their rows, the works they concern (`case_work`), the yearly
 * reference counters (a `reference_counter` row on SQLite, a sequence on
 * PostgreSQL), the duplicate key and the scoped `cases` list. A case's
 * status only moves through `writeCaseIfUnchanged` (the workflow's guarded update).
 */

/** What the `cases` list and `reassessCases` may be narrowed by. */
export interface CaseListFilter {
  status?: CaseStatus[] | null; claimType?: ClaimType[] | null; respondentFirmId?: string | null; mediatorId?: string | null; filedAfter?: Date | null;
}

/** One case by id (null when there is none). */
export async function caseById(q: Queryable, id: string): Promise<CaseEntity | null> {
  return (await findIn(q.em, CaseEntity, 'id', [id]))[0] ?? null;
}

/** One case by id for a change: row-locked (FOR UPDATE) on PostgreSQL until the transaction ends. */
export async function caseForUpdate(q: Queryable, id: string): Promise<CaseEntity | null> {
  return (await findIn(q.em, CaseEntity, 'id', [id], { forUpdate: true }))[0] ?? null;
}

/**
 * `UPDATE case SET <changes>, version = version + 1 WHERE id AND version AND status`
 * as `expected` says; false when the row moved on meanwhile (a lost race).
 */
export async function writeCaseIfUnchanged(q: Queryable, expected: Pick<CaseEntity, 'id' | 'version' | 'status'>, changes: Partial<CaseEntity>): Promise<boolean> {
  return (await guardedUpdate(q.em, CaseEntity, changes, { id: expected.id, version: expected.version, status: expected.status })) > 0;
}

/** Records the rule set a case was last assessed under (bumps the version column). */
export async function setRuleSetVersion(q: Queryable, caseId: string, ruleSetVersion: string): Promise<void> {
  await guardedUpdate(q.em, CaseEntity, { ruleSetVersion }, { id: caseId });
}

/** Inserts a new case row built from `fields`; returns it. */
export async function insertCase(q: Queryable, fields: Partial<CaseEntity>): Promise<CaseEntity> {
  const row = q.em.create(CaseEntity, fields);
  await insertRows(q.em, CaseEntity, [row]);
  return row;
}

/** Links a case to the works it concerns (one INSERT). */
export async function linkWorks(q: Queryable, caseId: string, workIds: readonly string[]): Promise<void> {
  await insertRows(q.em, CaseWorkEntity, workIds.map((workId) => ({ caseId, workId })));
}

/**
 * The next value of the named counter (`case-2026`: the number of that year's
 * case references), starting at 1.
 *
 * SQLite: the `reference_counter` row, incremented in this transaction (SQLite
 * has one writer anyway), so the values run without gaps.
 *
 * PostgreSQL: a sequence per counter (`reference_counter_case_2026`; see
 * counterSequenceName), made by migration 1795813200005 for the current and
 * the next year and otherwise here on first use. `nextval` holds no lock
 * past the statement, so concurrent filings never wait for each other's
 * commit. Values are unique but may have gaps: a transaction that rolls back
 * does not return its number.
 */
export async function nextCounterValue(q: Queryable, name: string): Promise<number> {
  if (q.kind === 'postgres') {
    const sequence = await counterSequence(q, name);
    const rows = await runSql<{ value: string | number }>(q.em, 'SELECT nextval($1::regclass) AS "value"', [sequence]);
    return Number(rows[0].value);
  }
  const rows = await runSql<{ value: number }>(q.em,
    'INSERT INTO reference_counter (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = reference_counter.value + 1 RETURNING value', [name]);
  return Number(rows[0].value);
}

/** A counter's name: what `reference_counter.name` holds (at most 20 characters) and, with `-` as `_`, its PostgreSQL sequence's name. */
const COUNTER_NAME = /^[a-z0-9-]{1,20}$/;

/** The PostgreSQL sequence behind a counter: `case-2026` → `reference_counter_case_2026` (names have no `_`, so no two counters share one). */
export function counterSequenceName(name: string): string {
  if (!COUNTER_NAME.test(name)) throw new Error(`A counter's name is 1–20 characters a–z, 0–9 and -, not "${name}"`);
  return `reference_counter_${name.replace(/-/g, '_')}`;
}

/** Sequences seen committed, per database (DataSource): each is looked up once per process. */
const committedSequences = new WeakMap<object, Set<string>>();

/**
 * The counter's sequence, created when there is none yet: in this transaction,
 * behind a savepoint. Two transactions that both find it missing both try
 * `CREATE SEQUENCE IF NOT EXISTS`; the second waits for the first to commit
 * and then fails on the catalog's unique index (23505, or 42P07), which is
 * rolled back to the savepoint: the sequence is there by then. It starts after
 * the counter row's value, if a row of that name exists.
 */
async function counterSequence(q: Queryable, name: string): Promise<string> {
  const sequence = counterSequenceName(name);
  let seen = committedSequences.get(q.em.dataSource);
  if (!seen) committedSequences.set(q.em.dataSource, seen = new Set());
  if (seen.has(sequence)) return sequence;
  const [found] = await q.em.query('SELECT to_regclass($1) IS NOT NULL AS "exists"', [sequence]) as Array<{ exists: boolean }>;
  // Remembered only when found: one this transaction creates is not visible to others until it commits.
  if (found.exists) {
    seen.add(sequence);
    return sequence;
  }
  const [counter] = await q.em.query('SELECT "value" FROM "reference_counter" WHERE "name" = $1', [name]) as Array<{ value: number }>;
  const start = Number(counter?.value ?? 0) + 1;
  const inTransaction = q.em.queryRunner?.isTransactionActive === true;
  if (inTransaction) await q.em.query('SAVEPOINT "counter_sequence"');
  try {
    await q.em.query(`CREATE SEQUENCE IF NOT EXISTS "${sequence}" AS bigint START WITH ${start} MINVALUE 1`);
    if (inTransaction) await q.em.query('RELEASE SAVEPOINT "counter_sequence"');
  } catch (error) {
    const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P07') throw error;
    // Made meanwhile by a transaction that has committed since.
    if (inTransaction) {
      await q.em.query('ROLLBACK TO SAVEPOINT "counter_sequence"');
      await q.em.query('RELEASE SAVEPOINT "counter_sequence"');
    }
  }
  return sequence;
}

/**
 * Whether a filed complaint still stands, in one statement: how many works it
 * links, how many of those are still registered to the complainant or to one
 * of the principals it was filed for (`case_principal`), and
 * whether the respondent firm still exists.
 */
export async function complaintCompleteness(q: Queryable, row: Pick<CaseEntity, 'id' | 'respondentFirmId' | 'complainantId'>): Promise<{ links: number; owned: number; firms: number }> {
  const p = placeholders(q, 3);
  const [counts] = await runSql<{ links: string | number; owned: string | number; firms: string | number }>(q.em,
    `SELECT COUNT(*) AS "links", COUNT(w."id") AS "owned", (SELECT COUNT(*) FROM "ai_firm" f WHERE f."id" = ${p[0]}) AS "firms"
       FROM "case_work" cw LEFT JOIN "work" w ON w."id" = cw."workId"
        AND (w."ownerId" = ${p[1]} OR EXISTS (SELECT 1 FROM "case_principal" cp WHERE cp."caseId" = cw."caseId" AND cp."principalId" = w."ownerId"))
      WHERE cw."caseId" = ${p[2]}`,
    [row.respondentFirmId, row.complainantId, row.id]);
  return { links: Number(counts.links), owned: Number(counts.owned), firms: Number(counts.firms) };
}

/** The reference of the first open case (other than `caseId`) with this duplicate key, or null. */
export async function firstOpenCaseWithDedupKey(q: Queryable, dedupKey: string, caseId: string): Promise<string | null> {
  const p = placeholders(q, 3);
  const [earlier] = await runSql<{ reference: string }>(q.em,
    `SELECT "reference" FROM "case" WHERE "dedupKey" = ${p[0]} AND "status" <> ${p[1]} AND "id" <> ${p[2]} ORDER BY "reference" ASC LIMIT 1`,
    [dedupKey, CaseStatus.CLOSED, caseId]);
  return earlier?.reference ?? null;
}

/** Cases by id with their complainant, respondent firm and AI system, in one statement (per-request loader). */
export async function casesWithParties(q: Queryable, ids: readonly string[]): Promise<Array<[CaseEntity, AccountEntity | null, AiFirmEntity | null, AiSystemEntity | null]>> {
  const rows = await findInWithReferences(q.em, CaseEntity, 'id', ids, [
    { entity: AccountEntity, via: 'complainantId' }, { entity: AiFirmEntity, via: 'respondentFirmId' }, { entity: AiSystemEntity, via: 'aiSystemId' },
  ]);
  return rows as Array<[CaseEntity, AccountEntity | null, AiFirmEntity | null, AiSystemEntity | null]>;
}

/**
 * A page of the `cases` list, newest reference first: the viewer's `scope`
 * (built by src/policies: caseScope on the alias `c`) first, every filter
 * only narrowing it, then the keyset after the cursor's reference.
 */
export async function casePage(q: Queryable, scope: SqlScope, filter: CaseListFilter | null | undefined, args: PageArgs): Promise<Page<CaseEntity>> {
  const first = pageSize(args);
  const after = decodeCursor(args.after, 'cases');
  const qb = scopedQuery(q.em, CaseEntity, 'c', scope);
  if (filter?.status?.length) narrow(qb, 'c.status IN (:...filterStatus)', { filterStatus: filter.status });
  if (filter?.claimType?.length) narrow(qb, 'c.claimType IN (:...filterClaimType)', { filterClaimType: filter.claimType });
  if (filter?.respondentFirmId) narrow(qb, 'c.respondentFirmId = :filterFirm', { filterFirm: filter.respondentFirmId });
  if (filter?.mediatorId) narrow(qb, 'c.mediatorId = :filterMediator', { filterMediator: filter.mediatorId });
  if (filter?.filedAfter) narrow(qb, 'c.createdAt > :filterFiledAfter', { filterFiledAfter: filter.filedAfter });
  if (after) narrow(qb, 'c.reference < :afterReference', { afterReference: after[0] });
  const rows = await qb.orderBy('c.reference', 'DESC').take(first + 1).getMany();
  return toPage(rows, first, (c) => encodeCursor('cases', c.reference), after);
}

/** The ids of the open cases past screening (not FILED, SCREENING or CLOSED) the filter selects, oldest reference first. */
export async function reassessableCaseIds(q: Queryable, filter: CaseListFilter | null | undefined): Promise<string[]> {
  const qb = q.em.createQueryBuilder(CaseEntity, 'c').select('c.id', 'id')
    .where('c.status NOT IN (:...closed)', { closed: [CaseStatus.FILED, CaseStatus.SCREENING, CaseStatus.CLOSED] });
  if (filter?.status?.length) qb.andWhere('c.status IN (:...filterStatus)', { filterStatus: filter.status });
  if (filter?.claimType?.length) qb.andWhere('c.claimType IN (:...filterClaimType)', { filterClaimType: filter.claimType });
  if (filter?.respondentFirmId) qb.andWhere('c.respondentFirmId = :filterFirm', { filterFirm: filter.respondentFirmId });
  if (filter?.mediatorId) qb.andWhere('c.mediatorId = :filterMediator', { filterMediator: filter.mediatorId });
  if (filter?.filedAfter) qb.andWhere('c.createdAt > :filterFiledAfter', { filterFiledAfter: filter.filedAfter });
  return (await qb.orderBy('c.reference', 'ASC').getRawMany<{ id: string }>()).map((r) => r.id);
}

/** Whether this mediator is assigned to a case against this firm. */
export function mediatesCaseAgainst(q: Queryable, mediatorId: string, firmId: string): Promise<boolean> {
  return q.em.exists(CaseEntity, { where: { mediatorId, respondentFirmId: firmId } });
}

/**
 * Cases whose status expects a job — FILED (intake), SCREENING (screening), MEDIATION without a
 * mediator (assignment) — and that have not changed since `before`, oldest first, at most `limit` (the reconciler).
 */
export function casesExpectingJobs(q: Queryable, before: Date, limit: number): Promise<CaseEntity[]> {
  return q.em.createQueryBuilder(CaseEntity, 'c')
    .where('(c.status IN (:...waiting) OR (c.status = :mediation AND c.mediatorId IS NULL))', { waiting: [CaseStatus.FILED, CaseStatus.SCREENING], mediation: CaseStatus.MEDIATION })
    .andWhere('c.updatedAt <= :before', { before })
    .orderBy('c.updatedAt', 'ASC').limit(limit).getMany();
}

/** How many cases are in each status (statuses with none are absent): one grouped COUNT, for the `chotei_cases` gauge. */
export async function caseCountsByStatus(q: Queryable): Promise<Partial<Record<CaseStatus, number>>> {
  const rows = await q.em.createQueryBuilder(CaseEntity, 'c').select('c.status', 'status').addSelect('COUNT(*)', 'count')
    .groupBy('c.status').getRawMany<{ status: CaseStatus; count: string | number }>();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}
