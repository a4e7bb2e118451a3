import { CaseStatus, type ClaimType } from '../../domain/enums';
import { narrow, scopedQuery, type SqlScope } from '../scope';
import type { JobDraft, Queryable, Tx } from '../database';
import { AccountEntity, AiFirmEntity, AiSystemEntity, CaseEntity, CaseEventEntity, WorkEntity } from '../entities';
import { appendEvents, EVENT_COLUMNS, holdsCaseLock, isUniqueViolation, noteCaseLocked, type EventFields } from './case-event.repository';
import { conflict } from '../../domain/errors';
import { aiSystemsWithIds } from './ai-system.repository';
import { firmById } from './firm.repository';
import { worksWithIds } from './work.repository';
import { decodeCursor, encodeCursor, type Page, type PageArgs, pageSize, toPage } from '../paging/cursor';
import { readJoined, readRows, sqlText, values, writeRows } from '../sql';
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

/** One case by id (null when there is none): a kept statement (case(id), every move). */
export async function caseById(q: Queryable, id: string): Promise<CaseEntity | null> {
  return (await readRows(q, CaseEntity, 'c', CASE_BY_ID(q), [id]))[0] ?? null;
}

const CASE_BY_ID = sqlText(({ p, columns }) => `SELECT ${columns(CaseEntity, 'c')} FROM "case" c WHERE c."id" = ${p(1)}`);

/** One case by id for a change: row-locked (FOR UPDATE) on PostgreSQL until the transaction ends. */
export async function caseForUpdate(q: Queryable, id: string): Promise<CaseEntity | null> {
  const row = (await readRows(q, CaseEntity, 'c', CASE_FOR_UPDATE(q), [id]))[0] ?? null;
  if (row) noteCaseLocked(q, id);
  return row;
}

const CASE_FOR_UPDATE = sqlText(({ kind, p, columns }) => `SELECT ${columns(CaseEntity, 'c')} FROM "case" c WHERE c."id" = ${p(1)}${kind === 'postgres' ? ' FOR UPDATE' : ''}`);

/**
 * What a move writes: the state, the machine's flags and the time; `closedAt`, `noticeSentAt` and
 * `mediatorId` only when given (a null or absent one keeps the column as it is).
 */
export type CaseMoveFields = Pick<CaseEntity, 'status' | 'outcome' | 'resolution' | 'machine' | 'updatedAt'>
  & Partial<Pick<CaseEntity, 'closedAt' | 'noticeSentAt' | 'mediatorId'>>;

/**
 * `UPDATE case SET <move>, version = version + 1 WHERE id AND version AND status`
 * as `expected` says; false when the row moved on meanwhile (a lost race).
 */
export async function writeCaseIfUnchanged(q: Queryable, expected: Pick<CaseEntity, 'id' | 'version' | 'status'>, move: CaseMoveFields): Promise<boolean> {
  const { changes } = await writeRows(q, MOVE_CASE(q), [
    ...values(q, CaseEntity, move, MOVE_COLUMNS), ...values(q, CaseEntity, expected, GUARD_COLUMNS),
  ]);
  if (changes > 0) noteCaseLocked(q, expected.id);
  return changes > 0;
}

const MOVE_COLUMNS = ['status', 'outcome', 'resolution', 'machine', 'updatedAt', 'closedAt', 'noticeSentAt', 'mediatorId'] as const;
const GUARD_COLUMNS = ['id', 'version', 'status'] as const;
/** The guarded UPDATE of a move: $1–$8 MOVE_COLUMNS, $9–$11 GUARD_COLUMNS (MOVE_CASE alone, or the first CTE of MOVE_AND_APPEND). */
const moveUpdate = (p: (n: number) => string) => `UPDATE "case" SET "status" = ${p(1)}, "outcome" = ${p(2)}, "resolution" = ${p(3)}, "machine" = ${p(4)}, "updatedAt" = ${p(5)}, `
  + `"closedAt" = COALESCE(${p(6)}, "closedAt"), "noticeSentAt" = COALESCE(${p(7)}, "noticeSentAt"), "mediatorId" = COALESCE(${p(8)}, "mediatorId"), `
  + `"version" = "version" + 1 WHERE "id" = ${p(9)} AND "version" = ${p(10)} AND "status" = ${p(11)}`;
const MOVE_CASE = sqlText(({ p }) => moveUpdate(p));

/**
 * A move as CaseWorkflow.apply writes it: the guarded update of writeCaseIfUnchanged, the move's events
 * (appendEvents: numbered after the case's last, a duplicate idempotency key is a CONFLICT) and the outbox
 * rows of the jobs it starts; `moved` false (and nothing written) when the row moved on meanwhile.
 *
 * On PostgreSQL, when this transaction holds the case's row lock already (caseForUpdate: every command loads
 * its case so), one statement: the UPDATE as a data-modifying CTE, each event and job an INSERT … SELECT from
 * it (so none is written when the guard fails), the events numbered from the MAX(seq) of the statement's
 * snapshot — taken after the lock, so it has every committed event — plus their place. Two round trips fewer
 * per move. Without the lock (the UPDATE may wait for it, and would then number from a snapshot older than
 * the holder's events) and on SQLite, the three steps in turn.
 */
export async function moveCase(tx: Tx, expected: Pick<CaseEntity, 'id' | 'version' | 'status'>, move: CaseMoveFields, events: EventFields[],
  jobs: readonly JobDraft[] = []): Promise<{ moved: boolean; events: CaseEventEntity[] }> {
  if (tx.kind !== 'postgres' || !holdsCaseLock(tx, expected.id) || events.length === 0) {
    if (!(await writeCaseIfUnchanged(tx, expected, move))) return { moved: false, events: [] };
    const appended = await appendEvents(tx, expected.id, events);
    for (const job of jobs) await tx.enqueue(job);
    return { moved: true, events: appended };
  }
  const rows = events.map((f, i) => tx.em.create(CaseEventEntity, { ...f, caseId: expected.id, seq: i + 1 }));
  let result: Array<Record<string, unknown>>;
  try {
    result = (await writeRows(tx, MOVE_AND_APPEND(tx, rows.length * 100 + jobs.length), [
      ...values(tx, CaseEntity, move, MOVE_COLUMNS), ...values(tx, CaseEntity, expected, GUARD_COLUMNS),
      ...rows.flatMap((row) => values(tx, CaseEventEntity, row, EVENT_COLUMNS)), ...jobs.flatMap((job) => tx.outboxValues(job)),
    ])).rows;
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
  if (result.length === 0) {
    // Counted as enqueued by outboxValues, but not written: the relay has nothing new from this statement.
    tx.enqueued -= jobs.length;
    return { moved: false, events: [] };
  }
  // One row per event, in their order (each INSERT returns its own; the final SELECT orders them by seq).
  result.forEach((r, i) => { rows[i].id = Number(r.id); rows[i].seq = Number(r.seq); });
  return { moved: true, events: rows };
}

/**
 * PostgreSQL, `n` = events × 100 + jobs: $1–$11 the move and its guard (MOVE_CASE's), then 10 per event
 * (EVENT_COLUMNS; the second is its place), then 10 per job (Tx.outboxValues).
 */
const MOVE_AND_APPEND = sqlText(({ p, list, n }) => {
  const eventCount = Math.floor(n / 100);
  const jobCount = n % 100;
  const parts = [`"m" AS (${moveUpdate(p)} RETURNING "id")`];
  for (let e = 0; e < eventCount; e += 1) {
    const at = 11 + e * 10;
    parts.push(`"e${e}" AS (INSERT INTO "case_event" ("caseId", "seq", "type", "fromStatus", "toStatus", "actorId", "actorRole", "detail", "idempotencyKey", "at") `
      + `SELECT ${p(at + 1)}, (SELECT COALESCE(MAX(l."seq"), 0) FROM "case_event" l WHERE l."caseId" = ${p(at + 1)}::varchar) + ${p(at + 2)}, ${list(at + 3, 8)} `
      + 'FROM "m" RETURNING "id", "seq")');
  }
  for (let j = 0; j < jobCount; j += 1) {
    const at = 11 + eventCount * 10 + j * 10;
    parts.push(`"o${j}" AS (INSERT INTO "outbox" ("queue", "name", "jobId", "payload", "runAt", "dispatchedAt", "claimedBy", "claimedUntil", "traceparent", "createdAt") `
      + `SELECT ${list(at + 1, 10)} FROM "m")`);
  }
  return `WITH ${parts.join(', ')} SELECT "id", "seq" FROM (${Array.from({ length: eventCount }, (_, e) => `SELECT "id", "seq" FROM "e${e}"`).join(' UNION ALL ')}) "x" ORDER BY "seq"`;
});

/** Records the rule set a case was last assessed under (bumps the version column). */
export async function setRuleSetVersion(q: Queryable, caseId: string, ruleSetVersion: string): Promise<void> {
  await writeRows(q, SET_RULE_SET_VERSION(q), [ruleSetVersion, caseId]);
}

const SET_RULE_SET_VERSION = sqlText(({ p }) => `UPDATE "case" SET "ruleSetVersion" = ${p(1)}, "version" = "version" + 1 WHERE "id" = ${p(2)}`);

/** Inserts a new case row built from `fields` (dates and version filled as TypeORM's insert would); returns it. */
export async function insertCase(q: Queryable, fields: Partial<CaseEntity>): Promise<CaseEntity> {
  const row = q.em.create(CaseEntity, fields);
  await writeRows(q, INSERT_CASE(q), values(q, CaseEntity, row, CASE_COLUMNS));
  return row;
}

const CASE_COLUMNS = ['id', 'reference', 'status', 'outcome', 'resolution', 'claimType', 'stage', 'complainantId', 'respondentFirmId', 'aiSystemId',
  'mediatorId', 'facts', 'requestedRemedies', 'claimedAmountJpy', 'statement', 'dedupKey', 'machine', 'ruleSetVersion', 'noticeSentAt', 'closedAt',
  'createdAt', 'updatedAt', 'version'] as const;
const INSERT_CASE = sqlText(({ list }) => 'INSERT INTO "case" ("id", "reference", "status", "outcome", "resolution", "claimType", "stage", "complainantId", '
  + '"respondentFirmId", "aiSystemId", "mediatorId", "facts", "requestedRemedies", "claimedAmountJpy", "statement", "dedupKey", "machine", '
  + `"ruleSetVersion", "noticeSentAt", "closedAt", "createdAt", "updatedAt", "version") VALUES (${list(1, 23)})`);

/** How a new case's reference is numbered: `prefix` then the next value of `counter` (nextCounterValue), at least `digits` wide. */
export interface Numbering { counter: string; prefix: string; digits: number }

/**
 * A new case as filing writes it: its reference numbered (`numbering`), the
 * case row, the works it concerns, its first event — sequence number 1: a case
 * no one else has seen has no other, so no row lock and no MAX(seq) read —
 * with the reference in its detail (`reference`), and the outbox row of its
 * first job. On PostgreSQL one statement: the counter's sequence is read
 * (`nextval`) and the case, works and job INSERTs run as data-modifying CTEs
 * beside the event's, which returns its generated id and the reference — one
 * round trip, and one that can run outside a transaction (Database.statement).
 * On SQLite, where a statement costs no round trip, the counter row and the
 * kept statements of insertCase, linkWorks, appendEvents and the outbox's, in
 * turn. Returns the case and its event, as insertCase and appendEvents would.
 */
export async function insertFiledCase(tx: Tx, fields: Omit<Partial<CaseEntity>, 'reference'>, workIds: readonly string[], event: EventFields, job: JobDraft,
  numbering: Numbering): Promise<{ row: CaseEntity; events: CaseEventEntity[] }> {
  if (tx.kind !== 'postgres') {
    const reference = numbering.prefix + String(await nextCounterValue(tx, numbering.counter)).padStart(numbering.digits, '0');
    const row = await insertCase(tx, { ...fields, reference });
    await linkWorks(tx, row.id, workIds);
    const events = await appendEvents(tx, row.id, [{ ...event, detail: { reference, ...event.detail } }]);
    await tx.enqueue(job);
    return { row, events };
  }
  // Looked up (or made) once per process and counter: nextval in the statement below then needs nothing else.
  const sequence = await counterSequence(tx, numbering.counter);
  const row = tx.em.create(CaseEntity, { ...fields, reference: numbering.prefix });
  const first = tx.em.create(CaseEventEntity, { ...event, caseId: row.id, seq: 1 });
  const { rows } = await writeRows(tx, INSERT_FILED_CASE(tx, workIds.length), [
    ...values(tx, CaseEntity, row, CASE_COLUMNS), ...values(tx, CaseEventEntity, first, EVENT_COLUMNS), ...tx.outboxValues(job),
    sequence, numbering.digits, ...workIds,
  ]);
  first.id = Number(rows[0].id);
  row.reference = String(rows[0].reference);
  first.detail = { reference: row.reference, ...first.detail };
  // No other transaction sees the new row before this one commits: more events appended to it now need no lock statement.
  noteCaseLocked(tx, row.id);
  return { row, events: [first] };
}

/**
 * $1–$23 the case (CASE_COLUMNS; $2, the reference's place, holds its prefix), $24–$33 the event ($31 its detail),
 * $34–$43 the outbox row (Tx.outboxValues), $44 the counter's sequence, $45 the digits, then the works; the case's id ($1)
 * links them. "r" is evaluated once (a CTE with a volatile function is materialised): one number per filing.
 */
const INSERT_FILED_CASE = sqlText(({ p, list, n }) => 'WITH "r" AS (SELECT $2::text || lpad("n"::text, greatest($45::int, length("n"::text)), \'0\') AS "reference" '
  + 'FROM (SELECT nextval($44::regclass) AS "n") "s"), '
  + '"c" AS (INSERT INTO "case" ("id", "reference", "status", "outcome", "resolution", "claimType", "stage", '
  + '"complainantId", "respondentFirmId", "aiSystemId", "mediatorId", "facts", "requestedRemedies", "claimedAmountJpy", "statement", "dedupKey", "machine", '
  + `"ruleSetVersion", "noticeSentAt", "closedAt", "createdAt", "updatedAt", "version") VALUES ($1, (SELECT "reference" FROM "r"), ${list(3, 21)})), `
  + (n > 0 ? `"w" AS (INSERT INTO "case_work" ("caseId", "workId") VALUES ${Array.from({ length: n }, (_, i) => `(${p(1)}, ${p(46 + i)})`).join(', ')}), ` : '')
  + `"o" AS (INSERT INTO "outbox" ("queue", "name", "jobId", "payload", "runAt", "dispatchedAt", "claimedBy", "claimedUntil", "traceparent", "createdAt") VALUES (${list(34, 10)})) `
  + 'INSERT INTO "case_event" ("caseId", "seq", "type", "fromStatus", "toStatus", "actorId", "actorRole", "detail", "idempotencyKey", "at") '
  + `VALUES (${list(24, 7)}, (jsonb_build_object('reference', (SELECT "reference" FROM "r")) || $31::jsonb)::text, ${list(32, 2)}) `
  + 'RETURNING "id", (SELECT "reference" FROM "r") AS "reference"');

/**
 * What a complaint against a firm on Chōtei names: the firm, the AI system (none asked: null) and the works with
 * these ids, each null or left out when there is none. On PostgreSQL one statement (one round trip instead of
 * three: filing checks its complaint with it); on SQLite the three kept reads of their repositories.
 */
export async function complaintSubjects(q: Queryable, firmId: string, aiSystemId: string | null, workIds: readonly string[]): Promise<{
  firm: AiFirmEntity | null; aiSystem: AiSystemEntity | null; works: WorkEntity[];
}> {
  if (q.kind !== 'postgres') {
    return { firm: await firmById(q, firmId), aiSystem: aiSystemId ? (await aiSystemsWithIds(q, [aiSystemId]))[0] ?? null : null, works: await worksWithIds(q, workIds) };
  }
  const rows = await readJoined(q, [[AiFirmEntity, 'f'], [AiSystemEntity, 's'], [WorkEntity, 'w']], COMPLAINT_SUBJECTS(q, workIds.length), [firmId, aiSystemId, ...workIds]);
  const [firm, aiSystem] = rows[0] ?? [];
  return {
    firm: (firm as AiFirmEntity | null)?.id != null ? firm as AiFirmEntity : null,
    aiSystem: (aiSystem as AiSystemEntity | null) ?? null,
    works: rows.map((r) => r[2] as WorkEntity | null).filter((w): w is WorkEntity => w !== null),
  };
}

/** PostgreSQL: one row per work found (one row when none), the firm ($1) and the AI system ($2) beside each, null when missing. */
const COMPLAINT_SUBJECTS = sqlText(({ list, columns, n, p }) => `SELECT ${columns(AiFirmEntity, 'f')}, ${columns(AiSystemEntity, 's')}, ${columns(WorkEntity, 'w')} `
  + `FROM (SELECT 1 AS "one") x LEFT JOIN "ai_firm" f ON f."id" = ${p(1)} LEFT JOIN "ai_system" s ON s."id" = ${p(2)} `
  + `LEFT JOIN "work" w ON ${n > 0 ? `w."id" IN (${list(3, n)})` : 'FALSE'}`);

/** Links a case to the works it concerns (one INSERT). */
export async function linkWorks(q: Queryable, caseId: string, workIds: readonly string[]): Promise<void> {
  if (workIds.length === 0) return;
  await writeRows(q, LINK_WORKS(q, workIds.length), workIds.flatMap((workId) => [caseId, workId]));
}

const LINK_WORKS = sqlText(({ p, n }) => `INSERT INTO "case_work" ("caseId", "workId") VALUES ${Array.from({ length: n }, (_, i) => `(${p(2 * i + 1)}, ${p(2 * i + 2)})`).join(', ')}`);

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
 * What intake checks of a FILED case, in one statement: the complaint's work links (`links`), those whose work is
 * still registered to the complainant or to one of the case's principals (`owned`), whether the respondent firm
 * still exists (`firms`), and the reference of the first open case other than this one with its duplicate key
 * (`earlier`, null when none).
 */
export interface IntakeChecks { links: number; owned: number; firms: number; earlier: string | null }

export async function intakeChecks(q: Queryable, row: Pick<CaseEntity, 'id' | 'respondentFirmId' | 'complainantId' | 'dedupKey'>): Promise<IntakeChecks> {
  const [counts] = await runSql<{ links: string | number; owned: string | number; firms: string | number; earlier: string | null }>(q.em, INTAKE_CHECKS(q),
    [row.respondentFirmId, row.dedupKey, CaseStatus.CLOSED, row.id, row.complainantId, row.id]);
  return { links: Number(counts.links), owned: Number(counts.owned), firms: Number(counts.firms), earlier: counts.earlier ?? null };
}

/** The parameters in the order they appear (SQLite's `?` are positional): the firm, the duplicate key, CLOSED, the case, the complainant, the case. */
const INTAKE_CHECKS = sqlText(({ p }) => `SELECT COUNT(*) AS "links", COUNT(w."id") AS "owned", (SELECT COUNT(*) FROM "ai_firm" f WHERE f."id" = ${p(1)}) AS "firms",
       (SELECT d."reference" FROM "case" d WHERE d."dedupKey" = ${p(2)} AND d."status" <> ${p(3)} AND d."id" <> ${p(4)} ORDER BY d."reference" ASC LIMIT 1) AS "earlier"
       FROM "case_work" cw LEFT JOIN "work" w ON w."id" = cw."workId"
        AND (w."ownerId" = ${p(5)} OR EXISTS (SELECT 1 FROM "case_principal" cp WHERE cp."caseId" = cw."caseId" AND cp."principalId" = w."ownerId"))
      WHERE cw."caseId" = ${p(6)}`);

/**
 * A FILED case for intake, row-locked as caseForUpdate locks it, with what intakeChecks reads of it (null when
 * there is no such case). On PostgreSQL one statement (the checks as subqueries beside the locked row): one
 * round trip instead of two. On SQLite the two kept statements.
 */
export async function caseForIntake(q: Queryable, id: string): Promise<{ row: CaseEntity; checks: IntakeChecks } | null> {
  if (q.kind !== 'postgres') {
    const row = await caseForUpdate(q, id);
    return row ? { row, checks: await intakeChecks(q, row) } : null;
  }
  const [row] = await readRows(q, CaseEntity, 'c', CASE_FOR_INTAKE(q), [id, CaseStatus.CLOSED], ['links', 'owned', 'firms', 'earlier']);
  if (!row) return null;
  noteCaseLocked(q, id);
  const found = row as CaseEntity & { links: string | number; owned: string | number; firms: string | number; earlier: string | null };
  const checks = { links: Number(found.links), owned: Number(found.owned), firms: Number(found.firms), earlier: found.earlier ?? null };
  for (const key of ['links', 'owned', 'firms', 'earlier'] as const) delete (found as Partial<typeof found>)[key];
  return { row: found, checks };
}

/** PostgreSQL: the case ($1) locked, and INTAKE_CHECKS's four answers beside it ($2 CLOSED). */
const CASE_FOR_INTAKE = sqlText(({ columns }) => `SELECT ${columns(CaseEntity, 'c')},
       (SELECT COUNT(*) FROM "case_work" cw WHERE cw."caseId" = c."id") AS "links",
       (SELECT COUNT(*) FROM "case_work" cw JOIN "work" w ON w."id" = cw."workId"
         AND (w."ownerId" = c."complainantId" OR EXISTS (SELECT 1 FROM "case_principal" cp WHERE cp."caseId" = cw."caseId" AND cp."principalId" = w."ownerId"))
         WHERE cw."caseId" = c."id") AS "owned",
       (SELECT COUNT(*) FROM "ai_firm" f WHERE f."id" = c."respondentFirmId") AS "firms",
       (SELECT d."reference" FROM "case" d WHERE d."dedupKey" = c."dedupKey" AND d."status" <> $2 AND d."id" <> c."id" ORDER BY d."reference" ASC LIMIT 1) AS "earlier"
  FROM "case" c WHERE c."id" = $1 FOR UPDATE OF c`);

/** Cases by id with their complainant, respondent firm and AI system, in one statement (per-request loader). */
export async function casesWithParties(q: Queryable, ids: readonly string[]): Promise<Array<[CaseEntity, AccountEntity | null, AiFirmEntity | null, AiSystemEntity | null]>> {
  if (ids.length === 0) return [];
  const rows = await readJoined(q, [[CaseEntity, 'c'], [AccountEntity, 'a'], [AiFirmEntity, 'f'], [AiSystemEntity, 's']], CASES_WITH_PARTIES(q, ids.length), ids);
  return rows as Array<[CaseEntity, AccountEntity | null, AiFirmEntity | null, AiSystemEntity | null]>;
}

const CASES_WITH_PARTIES = sqlText(({ list, columns, n }) => `SELECT ${columns(CaseEntity, 'c')}, ${columns(AccountEntity, 'a')}, ${columns(AiFirmEntity, 'f')}, ${columns(AiSystemEntity, 's')}
  FROM "case" c LEFT JOIN "account" a ON a."id" = c."complainantId" LEFT JOIN "ai_firm" f ON f."id" = c."respondentFirmId" LEFT JOIN "ai_system" s ON s."id" = c."aiSystemId"
  WHERE c."id" IN (${list(1, n)})`);

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
