import { Brackets, In, IsNull, type EntityManager } from 'typeorm';
import type { Queryable } from '../database';
import { bool, ph, sqlDate, sqlText, toDate } from '../sql';
import { OptOutChangeKind, OptOutScope, OptOutSignal } from '../../domain/enums';
import type { AssessmentFacts } from '../../domain/types';
import {
  OptOutAcknowledgementEntity, OptOutChangeEntity, OptOutEntity, OptOutImportEntity,
} from '../entities';
import { scopedQuery, type SqlScope } from '../scope';
import { sqliteStatement } from '../sqlite/statements';
import { sqliteConnectionOf } from '../sqlite/typeorm-internals';
import { ContentHashIndex } from '../sqlite/content-hash-index';

/**
 * The opt-out registry: opt-outs, the feed of their changes, firms'
 * acknowledgements, the hash checks and bulk imports.
 *
 * Feed order: every registration and withdrawal appends an `opt_out_change`
 * row in the same transaction. On SQLite writes are serialised (one writer
 * at a time, BEGIN IMMEDIATE), so the autoincrement `seq` is also the commit
 * order; on PostgreSQL the writing transaction takes
 * `LOCK TABLE opt_out_change IN EXCLUSIVE MODE` before it appends, so no
 * change with a lower seq can commit after one with a higher seq is visible.
 * A reader paging with `seq > cursor` therefore never skips or repeats one.
 */

/** Hashes or ids per statement: well under SQLite's and PostgreSQL's bound-variable limits. */
export const SQL_CHUNK = 500;

export interface OptOutFeedItem { seq: number; change: OptOutChangeKind; at: Date; optOut: OptOutEntity }

/** The fields of a new opt-out (the row as written). */
export type NewOptOut = Pick<OptOutEntity, 'id' | 'ownerId' | 'workId' | 'allWorks' | 'scope' | 'signals' | 'effectiveFrom' | 'withdrawnAt'
  | 'recognised' | 'notRecognisedReason' | 'contentHash' | 'importKey' | 'createdAt'> & Partial<Pick<OptOutEntity, 'importedFrom'>>;

// ---------------------------------------------------------------- registering and withdrawing

/**
 * PostgreSQL: one writer of the feed at a time until commit, so seq order is
 * commit order (readers are not blocked: EXCLUSIVE allows ACCESS SHARE).
 * SQLite serialises every write transaction already. Taking it twice in one
 * transaction is harmless.
 */
export async function lockOptOutFeed(q: Queryable): Promise<void> {
  if (q.kind === 'postgres') await q.em.query('LOCK TABLE "opt_out_change" IN EXCLUSIVE MODE');
}

/** Appends feed changes in the current write transaction (see lockOptOutFeed). */
export async function appendOptOutChanges(q: Queryable, changes: Array<{ optOutId: string; kind: OptOutChangeKind; at: Date }>): Promise<void> {
  if (!changes.length) return;
  await lockOptOutFeed(q);
  for (const chunk of chunks(changes, SQL_CHUNK)) await q.em.insert(OptOutChangeEntity, chunk);
}

/** The owner's active (not withdrawn) opt-out of this scope for this work, or for all works when `workId` is null. */
export function activeOptOutLike(q: Queryable, args: { ownerId: string; workId: string | null; scope: OptOutScope }): Promise<OptOutEntity | null> {
  return q.em.findOne(OptOutEntity, {
    where: { ownerId: args.ownerId, ...(args.workId ? { workId: args.workId } : { allWorks: true }), scope: args.scope, withdrawnAt: IsNull() },
  });
}

/** Inserts an opt-out and returns the row as written. */
export async function insertOptOut(q: Queryable, fields: NewOptOut): Promise<OptOutEntity> {
  const row = q.em.create(OptOutEntity, { importedFrom: null, ...fields });
  await q.em.insert(OptOutEntity, row);
  return row;
}

/** Inserts opt-outs built by the caller, 200 a statement (bulk import). */
export async function insertOptOuts(q: Queryable, rows: OptOutEntity[]): Promise<void> {
  // updateEntity(false): TypeORM's multi-row insert on SQLite writes the re-read rows back into the given objects
  // out of order (ids swapped between objects, measured); the caller's objects stay as it built them.
  for (let i = 0; i < rows.length; i += 200) await q.em.createQueryBuilder().insert().into(OptOutEntity).values(rows.slice(i, i + 200)).updateEntity(false).execute();
}

/** The opt-out with this id. */
export function optOutById(q: Queryable, id: string): Promise<OptOutEntity | null> {
  return q.em.findOne(OptOutEntity, { where: { id } });
}

/** Withdraws the opt-out if it is still active; false when it was not (of two concurrent withdrawals only one moves the row). */
export async function markOptOutWithdrawn(q: Queryable, id: string, now: Date): Promise<boolean> {
  const result = await q.em.createQueryBuilder().update(OptOutEntity).set({ withdrawnAt: now })
    .where('id = :id AND "withdrawnAt" IS NULL', { id }).execute();
  return !!result.affected;
}

// ---------------------------------------------------------------- acknowledgements

/** Which of these ids are opt-outs (read a chunk of ids a statement). */
export async function knownOptOutIds(q: Queryable, ids: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const chunk of chunks(ids, SQL_CHUNK)) {
    const rows = await q.em.find(OptOutEntity, { select: { id: true }, where: { id: In(chunk) } });
    for (const r of rows) known.add(r.id);
  }
  return known;
}

/** Records that the firm saw these (distinct, existing) opt-outs; returns how many it had not acknowledged before. */
export async function acknowledgeOptOuts(q: Queryable, ids: string[], firmId: string, now: Date): Promise<number> {
  let added = 0;
  for (const chunk of chunks(ids, SQL_CHUNK)) {
    const params: unknown[] = [];
    const values = chunk.map((id) => {
      params.push(id, firmId, sqlDate(q.kind, now));
      const n = params.length;
      return `(${ph(q.kind, n - 2)}, ${ph(q.kind, n - 1)}, ${ph(q.kind, n)})`;
    });
    const rows = await q.em.query(
      `INSERT INTO "opt_out_acknowledgement" ("optOutId", "firmId", "acknowledgedAt") VALUES ${values.join(', ')} ON CONFLICT DO NOTHING RETURNING "optOutId"`,
      params,
    ) as unknown[];
    added += Array.isArray(rows) ? rows.length : 0;
  }
  return added;
}

// ---------------------------------------------------------------- the feed, the hash checks, the creator's list

/** Up to `limit` feed changes after seq `afterSeq`, in seq (commit) order, each with its opt-out. */
export async function optOutFeedAfter(q: Queryable, afterSeq: number, limit: number): Promise<OptOutFeedItem[]> {
  const kind = q.kind;
  const rows = await q.em.query(
    `SELECT c."seq" AS "changeSeq", c."kind" AS "changeKind", c."at" AS "changeAt", ${OPT_OUT_COLUMNS('o')}
     FROM "opt_out_change" c JOIN "opt_out" o ON o."id" = c."optOutId"
     WHERE c."seq" > ${ph(kind, 1)} ORDER BY c."seq" ASC LIMIT ${ph(kind, 2)}`,
    [afterSeq, limit],
  ) as Array<Record<string, unknown>>;
  return rows.map((r): OptOutFeedItem => ({
    seq: Number(r.changeSeq), change: r.changeKind as OptOutChangeKind, at: toDate(r.changeAt)!, optOut: hydrateOptOut(r),
  }));
}

/**
 * Active (recognised, not withdrawn, effective at `now`) opt-outs covering
 * each hash: the per-work opt-outs of the works with the hash, and the allWorks
 * opt-outs of those works' owners.
 *
 * On SQLite's read connection, once built, the in-memory index of the works'
 * hashes (src/persistence/sqlite/content-hash-index.ts; README there) names the
 * opt-out rows that can cover each hash, after taking in the works and opt-outs
 * inserted since it last looked (rowid > what it has seen, in the same read
 * transaction as the rest); one statement then reads those rows by rowid and
 * keeps the active ones. Until the index is built (it builds in the background,
 * from the first call or `warmOptOutHashIndex`), and on PostgreSQL, one
 * statement does it all: the works with the hash (through the work.contentHash
 * index, materialised once), then per work its own opt-outs (the workId index)
 * and its owner's allWorks opt-outs (a partial index on ownerId over the rows
 * whose workId is NULL, so a collective with a large catalogue costs no more
 * than a single creator). The hashes or rowids are one bound parameter
 * (json_each on SQLite, an array on PostgreSQL), so no variable limit applies;
 * rows are read as arrays and an opt-out met through several hashes is
 * hydrated once.
 *
 * Measured (`node dist/bench/opt-outs.bench.js`, 10,000 hashes over 1,000,000
 * opt-outs): see bench/opt-outs.bench.ts and the README's Benchmarks section.
 */
export async function activeOptOutsByHash(q: Queryable, hashes: string[], now: Date): Promise<Map<string, OptOutEntity[]>> {
  const out = new Map<string, OptOutEntity[]>();
  if (!hashes.length) return out;
  const { em, kind } = q;
  const hydrate = optOutRowHydrator();
  const index = readyHashIndex(q);
  if (index) {
    const candidates = index.candidates(hashes);
    if (!candidates.hashes.length) return out;
    // In rowid order, so the statement walks the table's pages forwards (json_each's rows are read as given).
    const rowids = Int32Array.from(new Set(candidates.rowids)).sort();
    const params = [`[${rowids.join(',')}]`, sqlDate(kind, now)];
    const byRowid = new Map<number, OptOutEntity>();
    for (const r of sqliteStatement(em, OPT_OUTS_BY_ROWID(q), params, true)!.all(...params) as unknown[][]) byRowid.set(r[0] as number, hydrate(r));
    let from = 0;
    candidates.hashes.forEach((hash, i) => {
      const to = candidates.ends[i];
      let found: OptOutEntity[] | undefined;
      for (let k = from; k < to; k += 1) {
        const o = byRowid.get(candidates.rowids[k]);
        if (o) (found ??= []).push(o);
      }
      if (found) out.set(hash, found);
      from = to;
    });
  } else {
    if (kind === 'sqlite') startHashIndex(q);
    const sql = MATCH_SQL(q);
    const params = kind === 'postgres' ? [hashes, now] : [JSON.stringify(hashes), sqlDate(kind, now), sqlDate(kind, now)];
    const statement = sqliteStatement(em, sql, params, true);
    const rows = statement
      ? statement.all(...params) as unknown[][]
      : ((await em.query(sql, params)) as Array<Record<string, unknown>>).map((r) => MATCH_COLUMNS.map((c) => r[c]));
    const byId = new Map<string, OptOutEntity>();
    for (const r of rows) {
      const hash = r[0] as string;
      const id = r[1] as string;
      let o = byId.get(id);
      if (!o) byId.set(id, (o = hydrate(r)));
      const list = out.get(hash);
      if (!list) out.set(hash, [o]);
      else if (!list.includes(o)) list.push(o);
    }
  }
  for (const entries of out.values()) if (entries.length > 1) entries.sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime() || a.id.localeCompare(b.id));
  return out;
}

/**
 * Turns a row read as an array — a key (the matched hash, or the rowid), then
 * OPT_OUT_COLUMNS — into an opt-out, parsing each distinct signal list and
 * datetime once for all the rows of a call.
 */
function optOutRowHydrator(): (r: unknown[]) => OptOutEntity {
  const signals = new Map<string, OptOutSignal[]>();
  const dates = new Map<string, Date>();
  const date = (v: unknown): Date | null => {
    if (v == null || v instanceof Date) return (v as Date | null) ?? null;
    const text = String(v);
    let d = dates.get(text);
    if (!d) dates.set(text, (d = toDate(text)!));
    return d;
  };
  return (r) => {
    let parsed: OptOutSignal[] | undefined;
    if (typeof r[6] === 'string') {
      parsed = signals.get(r[6]);
      if (!parsed) signals.set(r[6], (parsed = JSON.parse(r[6]) as OptOutSignal[]));
    } else parsed = r[6] as OptOutSignal[];
    const o = new OptOutEntity();
    o.id = r[1] as string;
    o.ownerId = r[2] as string;
    o.workId = (r[3] as string | null) ?? null;
    o.allWorks = r[4] === true || r[4] === 1;
    o.scope = r[5] as OptOutScope;
    o.signals = [...parsed];
    o.effectiveFrom = date(r[7])!;
    o.withdrawnAt = date(r[8]);
    o.recognised = r[9] === true || r[9] === 1;
    o.notRecognisedReason = (r[10] as string | null) ?? null;
    o.contentHash = (r[11] as string | null) ?? null;
    o.importKey = (r[12] as string | null) ?? null;
    o.importedFrom = (r[13] as string | null) ?? null;
    o.createdAt = date(r[14])!;
    return o;
  };
}

// ---------------------------------------------------------------- the content-hash index (SQLite)

/**
 * The index of each SQLite read connection's database (by its DataSource): `built` once it has been fed
 * everything up to some moment; `extending` while a background pass feeds it (calls then use the statement).
 */
interface HashIndexState { index: ContentHashIndex; built: boolean; extending: Promise<void> | null }
const hashIndexes = new WeakMap<object, HashIndexState>();

/**
 * Rowids per statement in a background pass (each chunk one short statement, the event loop running between
 * chunks); also the most rows a call takes in by itself: a larger gap (a bulk import by another process) is
 * taken in by a background pass while calls use the statement, so no call stalls the process.
 */
const BUILD_CHUNK = 50_000;

/** Builds the opt-out hash index of this read connection now (an API process calls it at start); resolves once it answers. No-op on PostgreSQL. */
export function warmOptOutHashIndex(q: Queryable): Promise<void> {
  return startHashIndex(q) ?? Promise.resolve();
}

/** The index's size once built (the bench prints it); null before, and on PostgreSQL. */
export function optOutHashIndexSize(q: Queryable): { works: number; bytes: number } | null {
  const state = hashIndexes.get(q.em.connection);
  return state?.built ? state.index.size : null;
}

/** The build of this connection's index, started if it was not (null where there is none: PostgreSQL, or a write connection). */
function startHashIndex(q: Queryable): Promise<void> | null {
  const connection = sqliteConnectionOf(q.em.connection);
  if (!connection?.readonly) return null;
  let state = hashIndexes.get(q.em.connection);
  if (!state) hashIndexes.set(q.em.connection, (state = { index: new ContentHashIndex(), built: false, extending: null }));
  if (state.built && !state.extending) return Promise.resolve();
  return extendInBackground(q, state);
}

/** The background pass of this index (the running one, or a new one). */
function extendInBackground(q: Queryable, state: HashIndexState): Promise<void> {
  state.extending ??= extendHashIndex(q, state.index).then(
    () => { state.built = true; state.extending = null; },
    () => {
      // Closed or failed, perhaps mid-chunk: start again from nothing at the next call.
      Object.assign(state, { index: new ContentHashIndex(), built: false, extending: null });
    },
  );
  return state.extending;
}

/**
 * Feeds the index the works and then the opt-outs inserted since it last
 * looked, up to the rowids read at the start (one snapshot: every opt-out there
 * is refers to a work there is), a chunk of rowids a statement and one
 * event-loop turn a chunk; from nothing, that is the build. What is inserted
 * meanwhile is taken in by a later call.
 */
async function extendHashIndex(q: Queryable, index: ContentHashIndex): Promise<void> {
  const connection = sqliteConnectionOf(q.em.connection)!;
  const [maxWork, maxOptOut] = rowidsNow(q);
  if (maxWork >= 2 ** 31 || maxOptOut >= 2 ** 31) throw new Error('rowids beyond the index\'s 32-bit range');
  index.reserve(maxWork);
  const turn = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    if (!connection.open) throw new Error('closed');
  };
  while (index.worksUpTo < maxWork) {
    await turn();
    const to = Math.min(maxWork, index.worksUpTo + BUILD_CHUNK);
    addWorks(q, index, index.worksUpTo, to);
    index.worksUpTo = to;
  }
  while (index.optOutsUpTo < maxOptOut) {
    await turn();
    const to = Math.min(maxOptOut, index.optOutsUpTo + BUILD_CHUNK);
    addOptOuts(q, index, index.optOutsUpTo, to);
    index.optOutsUpTo = to;
  }
}

/**
 * The index when it is built, brought up to date with what was inserted since it last looked (in the caller's
 * read transaction); null until it is built, while a background pass runs, and when the gap is more than a
 * chunk (a background pass then takes it in).
 */
function readyHashIndex(q: Queryable): ContentHashIndex | null {
  if (q.kind !== 'sqlite') return null;
  const state = hashIndexes.get(q.em.connection);
  if (!state?.built || state.extending) return null;
  const { index } = state;
  const [maxWork, maxOptOut] = rowidsNow(q);
  if (maxWork >= 2 ** 31 || maxOptOut >= 2 ** 31) return null;
  if ((maxWork - index.worksUpTo) + (maxOptOut - index.optOutsUpTo) > BUILD_CHUNK) {
    void extendInBackground(q, state);
    return null;
  }
  if (maxWork > index.worksUpTo) {
    addWorks(q, index, index.worksUpTo, maxWork);
    index.worksUpTo = maxWork;
  }
  if (maxOptOut > index.optOutsUpTo) {
    addOptOuts(q, index, index.optOutsUpTo, maxOptOut);
    index.optOutsUpTo = maxOptOut;
  }
  return index;
}

function rowidsNow(q: Queryable): [number, number] {
  const row = sqliteStatement(q.em, MAX_ROWIDS, [], true)!.all()[0] as [number | null, number | null];
  return [Number(row[0] ?? 0), Number(row[1] ?? 0)];
}

/** Works with rowid in (from, to]: those with a hash go in, with their owner. */
function addWorks(q: Queryable, index: ContentHashIndex, from: number, to: number): void {
  for (const [rowid, hash, ownerId] of sqliteStatement(q.em, WORKS_IN_ROWIDS, [from, to], true)!.all(from, to) as Array<[number, string, string]>) {
    index.addWork(rowid, hash, ownerId);
  }
}

/**
 * Opt-outs with rowid in (from, to], after the works they name: a per-work one
 * goes to its work (as the match statement's first arm joins them: by workId);
 * an allWorks one without a work to its owner (the second arm), and the first
 * of an owner marks that owner's works already in.
 */
function addOptOuts(q: Queryable, index: ContentHashIndex, from: number, to: number): void {
  for (const [rowid, workRowid, ownerId, allWorks] of sqliteStatement(q.em, OPT_OUTS_IN_ROWIDS, [from, to], true)!.all(from, to) as Array<[number, number | null, string, number, string | null]>) {
    if (workRowid != null) index.addWorkOptOut(workRowid, rowid);
    else if (allWorks === 1 && index.addAllWorksOptOut(ownerId, rowid)) {
      for (const [work] of sqliteStatement(q.em, OWNER_WORK_ROWIDS, [ownerId, index.worksUpTo], true)!.all(ownerId, index.worksUpTo) as Array<[number]>) {
        index.markOwnerWork(work, ownerId);
      }
    }
  }
}

const MAX_ROWIDS = 'SELECT (SELECT MAX(rowid) FROM "work"), (SELECT MAX(rowid) FROM "opt_out")';
const WORKS_IN_ROWIDS = 'SELECT rowid, "contentHash", "ownerId" FROM "work" WHERE rowid > ? AND rowid <= ? AND "contentHash" IS NOT NULL';
/** An opt-out whose workId names no work (it cannot, by its foreign key) would match nothing in the first arm either. */
const OPT_OUTS_IN_ROWIDS = `SELECT o.rowid, w.rowid, o."ownerId", o."allWorks", o."workId" FROM "opt_out" o LEFT JOIN "work" w ON w."id" = o."workId"
  WHERE o.rowid > ? AND o.rowid <= ? AND (w.rowid IS NOT NULL OR (o."workId" IS NULL AND o."allWorks" = 1))`;
const OWNER_WORK_ROWIDS = 'SELECT rowid FROM "work" WHERE "ownerId" = ? AND rowid <= ?';

/**
 * The active opt-outs among these rowids (a JSON list, in order), read as arrays: the rowid, then OPT_OUT_COLUMNS.
 * CROSS JOIN keeps json_each outside: one rowid seek per entry, in the list's order, and no temporary index of the list.
 */
const OPT_OUTS_BY_ROWID = sqlText(({ kind, p }) => `SELECT o.rowid, ${OPT_OUT_COLUMNS('o')} FROM json_each(${p(1)}) j CROSS JOIN "opt_out" o ON o.rowid = j.value
  WHERE o."recognised" = ${bool(kind, true)} AND o."withdrawnAt" IS NULL AND o."effectiveFrom" <= ${p(2)}`);

/** The columns of a hash match, in the order activeOptOutsByHash reads them: the hash, then OPT_OUT_COLUMNS. */
const MATCH_COLUMNS = ['matchedHash', 'id', 'ownerId', 'workId', 'allWorks', 'scope', 'signals', 'effectiveFrom', 'withdrawnAt', 'recognised',
  'notRecognisedReason', 'contentHash', 'importKey', 'importedFrom', 'createdAt'];

/**
 * The works with one of the hashes (materialised once), joined to their own active opt-outs and to their owners'
 * active allWorks opt-outs. The date is bound once per arm on SQLite (`?` twice) and once on PostgreSQL (`$2` twice).
 */
const MATCH_SQL = sqlText(({ kind, p }) => {
  const yes = bool(kind, true);
  const active = `o."recognised" = ${yes} AND o."withdrawnAt" IS NULL AND o."effectiveFrom" <= ${p(2)}`;
  const hashList = kind === 'postgres' ? `w."contentHash" = ANY(${p(1)}::varchar[])` : `w."contentHash" IN (SELECT value FROM json_each(${p(1)}))`;
  return `WITH "m" AS MATERIALIZED (
    SELECT w."contentHash" AS "hash", w."id" AS "workId", w."ownerId" AS "ownerId" FROM "work" w WHERE ${hashList})
  SELECT m."hash" AS "matchedHash", ${OPT_OUT_COLUMNS('o')} FROM "m" JOIN "opt_out" o ON o."workId" = m."workId" AND ${active}
  UNION ALL
  SELECT m."hash" AS "matchedHash", ${OPT_OUT_COLUMNS('o')} FROM "m" JOIN "opt_out" o
    ON o."ownerId" = m."ownerId" AND o."workId" IS NULL AND o."allWorks" = ${yes} AND ${active}`;
});

/** A page of the opt-outs in `scope`, oldest first, after the (createdAt, id) cursor; `limit` rows at most. */
export function optOutsPage(q: Queryable, scope: SqlScope, after: { createdAt: Date; id: string } | null, limit: number): Promise<OptOutEntity[]> {
  const qb = scopedQuery(q.em, OptOutEntity, 'o', scope);
  if (after) {
    qb.andWhere(new Brackets((b) => b.where('o.createdAt > :at', { at: after.createdAt })
      .orWhere('o.createdAt = :at AND o.id > :id', { at: after.createdAt, id: after.id })));
  }
  return qb.orderBy('o.createdAt', 'ASC').addOrderBy('o.id', 'ASC').take(limit).getMany();
}

/**
 * The opt-out facts of a complaint for the criteria (AssessmentFacts['optOut']):
 * opt-outs of the complainant covering any of the works (one of them, or all
 * their works) that were not withdrawn before the use (or are not withdrawn,
 * when the use date is unknown).
 * - registered: such an opt-out exists;
 * - recognised: one of them is recognised;
 * - signals: the signals of the recognised ones (of all, when none is);
 * - acknowledgedByFirm: the firm acknowledged one of them;
 * - effectiveBeforeUse: a recognised one (any, when none is) took effect on or
 *   before the use date; null when the use date is unknown or none is registered.
 */
export async function optOutFactsFor(
  q: Queryable, args: { workIds: string[]; complainantId: string; firmId: string; useDate?: Date | null; /** Also each counted opt-out's scope and signals (the most restrictive covering the use decides). */ withEntries?: boolean },
): Promise<AssessmentFacts['optOut']> {
  const em = q.em;
  const none: AssessmentFacts['optOut'] = { registered: false, recognised: false, signals: [], acknowledgedByFirm: false, effectiveBeforeUse: null };
  const qb = em.createQueryBuilder(OptOutEntity, 'o').where('o.ownerId = :owner', { owner: args.complainantId })
    .andWhere(new Brackets((b) => {
      b.where('o.allWorks = :all', { all: true });
      if (args.workIds.length) b.orWhere('o.workId IN (:...workIds)', { workIds: args.workIds });
    }));
  const useDate = args.useDate ?? null;
  if (useDate) qb.andWhere(new Brackets((b) => b.where('o.withdrawnAt IS NULL').orWhere('o.withdrawnAt > :use', { use: useDate })));
  else qb.andWhere('o.withdrawnAt IS NULL');
  const rows = await qb.getMany();
  if (!rows.length) return none;
  const recognised = rows.filter((r) => r.recognised);
  const relevant = recognised.length ? recognised : rows;
  const signals = [...new Set(relevant.flatMap((r) => r.signals))];
  const acks = await em.count(OptOutAcknowledgementEntity, { where: { firmId: args.firmId, optOutId: In(rows.map((r) => r.id)) } });
  return {
    registered: true,
    recognised: recognised.length > 0,
    signals,
    ...(args.withEntries ? { entries: relevant.map((r) => ({ scope: r.scope, signals: [...r.signals] })) } : {}),
    acknowledgedByFirm: acks > 0,
    effectiveBeforeUse: useDate ? relevant.some((r) => r.effectiveFrom.getTime() <= useDate.getTime()) : null,
  };
}

// ---------------------------------------------------------------- bulk import

/** The import of this id (SHA-256 of the file and the importing account). */
export function optOutImportById(q: Queryable, id: string): Promise<OptOutImportEntity | null> {
  return q.em.findOne(OptOutImportEntity, { where: { id } });
}

/** Starts an import (nothing done yet) and returns the row as written. */
export async function insertOptOutImport(q: Queryable, fields: Pick<OptOutImportEntity, 'id' | 'accountId' | 'fileName'>): Promise<OptOutImportEntity> {
  const row = q.em.create(OptOutImportEntity, { ...fields, linesDone: 0, imported: 0, badRows: [], finishedAt: null });
  await q.em.insert(OptOutImportEntity, row);
  return row;
}

/** Records an import's checkpoint: lines done, opt-outs imported, bad rows, and when it finished. */
export async function updateOptOutImport(q: Queryable, id: string, fields: Partial<Pick<OptOutImportEntity, 'badRows' | 'linesDone' | 'imported' | 'finishedAt'>>): Promise<void> {
  await q.em.update(OptOutImportEntity, { id }, fields);
}

/** Which of these import keys ("<import id>:<line>") an opt-out already carries. */
export async function importedKeys(q: Queryable, keys: string[]): Promise<Set<string | null>> {
  if (!keys.length) return new Set();
  const rows = await q.em.find(OptOutEntity, { select: { importKey: true }, where: { importKey: In(keys) } });
  return new Set(rows.map((o) => o.importKey));
}

/** The active (not withdrawn) opt-outs of these works. */
export function activeOptOutsOfWorks(q: Queryable, workIds: string[]): Promise<OptOutEntity[]> {
  if (!workIds.length) return Promise.resolve([]);
  return q.em.createQueryBuilder(OptOutEntity, 'o').where('o.workId IN (:...ids)', { ids: workIds }).andWhere('o.withdrawnAt IS NULL').getMany();
}

// ---------------------------------------------------------------- raw SQL helpers (both drivers)

export const OPT_OUT_COLUMNS = (a: string) => ['id', 'ownerId', 'workId', 'allWorks', 'scope', 'signals', 'effectiveFrom', 'withdrawnAt', 'recognised',
  'notRecognisedReason', 'contentHash', 'importKey', 'importedFrom', 'createdAt'].map((c) => `${a}."${c}" AS "${c}"`).join(', ');

/** hydrateOptOut with the parsed signal lists shared (a few distinct lists over thousands of rows). */
export function hydrator(): (r: Record<string, unknown>) => OptOutEntity {
  const signals = new Map<string, OptOutSignal[]>();
  return (r) => {
    if (typeof r.signals !== 'string') return hydrateOptOut(r);
    let parsed = signals.get(r.signals);
    if (!parsed) { parsed = JSON.parse(r.signals) as OptOutSignal[]; signals.set(r.signals, parsed); }
    return hydrateOptOut({ ...r, signals: [...parsed] });
  };
}

/** An opt-out from a raw row selected with OPT_OUT_COLUMNS. */
export function hydrateOptOut(r: Record<string, unknown>): OptOutEntity {
  return Object.assign(new OptOutEntity(), {
    id: String(r.id), ownerId: String(r.ownerId), workId: (r.workId as string | null) ?? null, allWorks: r.allWorks === true || r.allWorks === 1,
    scope: r.scope as OptOutScope, signals: (typeof r.signals === 'string' ? JSON.parse(r.signals) : r.signals) as OptOutSignal[],
    effectiveFrom: toDate(r.effectiveFrom)!, withdrawnAt: toDate(r.withdrawnAt), recognised: r.recognised === true || r.recognised === 1,
    notRecognisedReason: (r.notRecognisedReason as string | null) ?? null, contentHash: (r.contentHash as string | null) ?? null,
    importKey: (r.importKey as string | null) ?? null, importedFrom: (r.importedFrom as string | null) ?? null, createdAt: toDate(r.createdAt)!,
  });
}

/** `items` in slices of `size` (one statement each). */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
