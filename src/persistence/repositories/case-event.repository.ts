import { In, MoreThan } from 'typeorm';
import { conflict } from '../../domain/errors';
import type { Queryable } from '../database';
import { CaseEventEntity } from '../entities';
import { readRows, sqlText, values, writeRows } from '../sql';
import { runSql } from '../sqlite/statements';

/**
 * A case's history (`case_event`): every statement that reads or writes it.
 * Events are only ever appended, numbered 1, 2, … per case (`seq`); an
 * event's idempotency key is unique, so a job that runs twice appends once.
 */

/** The fields of an event the caller decides; the case and the sequence number are the repository's. */
export type EventFields = Omit<Partial<CaseEventEntity>, 'id' | 'caseId' | 'seq'>;

/**
 * Appends events to a case, numbered after its last one, in one INSERT. A
 * duplicate idempotency key or sequence number (someone else appended first)
 * is a CONFLICT.
 *
 * On PostgreSQL, appends to one case are serialised by its row lock: taken
 * here unless this transaction holds it already (caseForUpdate, a move's
 * guarded update: noteCaseLocked), and the numbers are read in the INSERT
 * itself (each row's seq is the case's MAX(seq) in the statement's snapshot
 * plus its place), so an append to a locked case is one round trip. The
 * lock is its own statement, before: a statement that waited for the lock
 * inside would number from a snapshot taken before the other transaction's
 * events committed.
 */
export async function appendEvents(q: Queryable, caseId: string, fields: EventFields[]): Promise<CaseEventEntity[]> {
  if (fields.length === 0) return [];
  const postgres = q.kind === 'postgres';
  if (postgres && !holdsCaseLock(q, caseId)) {
    await q.em.query('SELECT id FROM "case" WHERE id = $1 FOR UPDATE', [caseId]);
    noteCaseLocked(q, caseId);
  }
  let seq = 0;
  if (!postgres) {
    const [last] = await runSql<{ max: number | string | null }>(q.em, LAST_SEQ(q), [caseId]);
    seq = Number(last?.max ?? 0);
  }
  // On PostgreSQL `seq` is first each row's place (1, 2, …), added to the MAX(seq) read in the INSERT.
  const rows = fields.map((f) => q.em.create(CaseEventEntity, { ...f, caseId, seq: ++seq }));
  try {
    const inserted = await writeRows(q, INSERT_EVENTS(q, rows.length), rows.flatMap((row) => values(q, CaseEventEntity, row, EVENT_COLUMNS)));
    // The generated ids (and on PostgreSQL the numbers) come back in insertion order (one VALUES list).
    inserted.rows.forEach((r, i) => {
      rows[i].id = Number(r.id);
      if (postgres) rows[i].seq = Number(r.seq);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
  return rows;
}

/** Cases whose row the transaction (by its entity manager) has locked: its appends need no lock statement of their own. */
const lockedCases = new WeakMap<object, Set<string>>();

/** Notes that this transaction holds the case's row lock (PostgreSQL: after a FOR UPDATE read or an UPDATE that changed the row). */
export function noteCaseLocked(q: Queryable, caseId: string): void {
  if (q.kind !== 'postgres' || !q.em.queryRunner?.isTransactionActive) return;
  let held = lockedCases.get(q.em);
  if (!held) lockedCases.set(q.em, (held = new Set()));
  held.add(caseId);
}

/** Whether this transaction holds the case's row lock (noteCaseLocked). */
export function holdsCaseLock(q: Queryable, caseId: string): boolean {
  return lockedCases.get(q.em)?.has(caseId) === true;
}

const LAST_SEQ = sqlText(({ p }) => `SELECT MAX("seq") AS "max" FROM "case_event" WHERE "caseId" = ${p(1)}`);
/** An event row's written columns, in the order the INSERTs name them (case.repository's one-statement writes bind them so too). */
export const EVENT_COLUMNS = ['caseId', 'seq', 'type', 'fromStatus', 'toStatus', 'actorId', 'actorRole', 'detail', 'idempotencyKey', 'at'] as const;
const INSERT_EVENTS = sqlText(({ kind, p, n }) => 'INSERT INTO "case_event" ("caseId", "seq", "type", "fromStatus", "toStatus", "actorId", "actorRole", "detail", "idempotencyKey", "at") VALUES '
  + Array.from({ length: n }, (_, row) => `(${EVENT_COLUMNS.map((column, i) => {
    const at = row * EVENT_COLUMNS.length;
    if (kind === 'postgres' && column === 'seq') return `(SELECT COALESCE(MAX(l."seq"), 0) FROM "case_event" l WHERE l."caseId" = ${p(at + 1)}::varchar) + ${p(at + 2)}`;
    return p(at + i + 1);
  }).join(', ')})`).join(', ')
  + (kind === 'postgres' ? ' RETURNING "id", "seq"' : ' RETURNING "id"'));

/** A case's whole history, oldest first. */
export function eventsOf(q: Queryable, caseId: string): Promise<CaseEventEntity[]> {
  return q.em.find(CaseEventEntity, { where: { caseId }, order: { seq: 'ASC' } });
}

/**
 * One page of each of many cases' histories in one statement (`Case.events(first, after)` for a page of cases):
 * per case, the events after sequence number `afterSeq` (0: from the start), oldest first, at most `limit` of
 * them (callers ask for first + 1 to learn whether more follow). The keyset and the limit are in the SQL
 * (ROW_NUMBER() per case, on SQLite and PostgreSQL alike): a long history is never read whole.
 */
export function eventPagesOfCases(q: Queryable, caseIds: readonly string[], afterSeq: number, limit: number): Promise<CaseEventEntity[]> {
  if (caseIds.length === 0) return Promise.resolve([]);
  // One case (case(id), the usual read): the plain keyset statement, searched on (caseId, seq) with no derived table.
  if (caseIds.length === 1) return eventPageOfCase(q, caseIds[0], afterSeq, limit);
  const qb = q.em.createQueryBuilder(CaseEventEntity, 'e');
  const e = (name: string) => qb.connection.driver.escape(name);
  const ranked = `SELECT k.${e('id')} AS ${e('id')}, ROW_NUMBER() OVER (PARTITION BY k.${e('caseId')} ORDER BY k.${e('seq')}) AS ${e('rn')}`
    + ` FROM ${e('case_event')} k WHERE k.${e('caseId')} IN (:...pageCaseIds) AND k.${e('seq')} > :pageAfterSeq`;
  return qb
    .where(`e.id IN (SELECT w.${e('id')} FROM (${ranked}) w WHERE w.${e('rn')} <= :pageLimit)`, { pageCaseIds: [...caseIds], pageAfterSeq: afterSeq, pageLimit: limit })
    .orderBy('e.caseId', 'ASC').addOrderBy('e.seq', 'ASC')
    .getMany();
}

/** One page of a case's history: the events after sequence number `afterSeq`, oldest first, at most `limit` (keyset on (caseId, seq)). */
export function eventPageOfCase(q: Queryable, caseId: string, afterSeq: number, limit: number): Promise<CaseEventEntity[]> {
  // A kept statement: case(id) reads it on every view.
  return readRows(q, CaseEventEntity, 'e', EVENT_PAGE_OF_CASE(q), [caseId, afterSeq, limit]);
}

const EVENT_PAGE_OF_CASE = sqlText(({ p, columns }) => `SELECT ${columns(CaseEventEntity, 'e')} FROM "case_event" e WHERE e."caseId" = ${p(1)} AND e."seq" > ${p(2)} ORDER BY e."seq" ASC LIMIT ${p(3)}`);

/** Events of one case by their ids, oldest first (what a published batch names; src/services/case-event-bus.ts). */
export function eventsOfCaseWithIds(q: Queryable, caseId: string, ids: readonly number[]): Promise<CaseEventEntity[]> {
  return q.em.find(CaseEventEntity, { where: { id: In([...ids]), caseId }, order: { seq: 'ASC' } });
}

/** Whether the case already has the event appended under this idempotency key. */
export function hasEventWithKey(q: Queryable, caseId: string, idempotencyKey: string): Promise<boolean> {
  return q.em.exists(CaseEventEntity, { where: { caseId, idempotencyKey } });
}

/** A unique index refused the row (PostgreSQL 23505, SQLite's UNIQUE / PRIMARY KEY constraints). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
