import BetterSqlite3 from 'better-sqlite3';
import type { QueryRunner } from 'typeorm';
import type { Queryable } from '../database';
import { bool, ph, sqlDate, toDate } from '../sql';

/**
 * The public export of the opt-outs in force (`GET /opt-outs.jsonl`), read in
 * one snapshot and handed out in batches, so a million lines never sit in
 * memory at once and every batch sees the same committed state.
 *
 * On SQLite the snapshot is a read transaction on a read-only connection of
 * its own, opened on the database file for this export and closed after it.
 * It cannot be the process's shared read connection: that connection's read
 * transaction ends with each turn of the event loop and after each local
 * commit (src/persistence/sqlite/statements.ts), while the export waits for the
 * client between batches; holding it open would show every other reader of
 * the process a stale state until the export ends. On PostgreSQL it is a
 * REPEATABLE READ transaction on a pooled connection of its own.
 */

/** One line of the export: an opt-out's content hash, scope, start and signals. */
export interface OptOutExportLine { contentHash: string; scope: string; effectiveFrom: Date; signals: unknown }

/** An open export snapshot: its size, its lines in batches, and close() (always call it). */
export interface OptOutExport {
  /** The feed's last seq in the snapshot (0 when there is no change yet). */
  readonly lastSeq: number;
  /** How many lines the export has: per-work opt-outs plus each allWorks opt-out once per work of its creator that has a hash. */
  readonly lines: number;
  /**
   * The lines, at most `batch` a statement: per-work opt-outs in storage order (rowid on SQLite, id on PostgreSQL),
   * then each allWorks opt-out expanded to its creator's works with a hash, in the order of the owner index.
   */
  batches(batch: number): AsyncGenerator<OptOutExportLine[]>;
  close(): Promise<void>;
}

/** Opens the export of the recognised opt-outs in force at `now`, in one snapshot of `q`'s database. */
export async function openOptOutExport(q: Queryable, now: Date): Promise<OptOutExport> {
  const snapshot = await openSnapshot(q);
  try {
    const sql = exportQueries(q.kind, now);
    const [{ m }] = await snapshot.query<{ m: number | string | null }>(sql.maxSeq, []);
    const [{ n: perWork }] = await snapshot.query<{ n: number | string }>(sql.countPerWork, sql.activeParams);
    const [{ n: expanded }] = await snapshot.query<{ n: number | string }>(sql.countAllWorks, sql.activeParams);
    return {
      lastSeq: Number(m ?? 0),
      lines: Number(perWork) + Number(expanded),
      batches: (batch) => exportBatches(snapshot, sql, q.kind, batch),
      close: () => snapshot.close(),
    };
  } catch (error) {
    await snapshot.close();
    throw error;
  }
}

interface RawRow { contentHash: string; scope: string; effectiveFrom: unknown; signals: unknown }

function decode(r: RawRow): OptOutExportLine {
  return { contentHash: r.contentHash, scope: r.scope, effectiveFrom: toDate(r.effectiveFrom)!, signals: typeof r.signals === 'string' ? JSON.parse(r.signals) : r.signals };
}

async function* exportBatches(snapshot: Snapshot, q: ReturnType<typeof exportQueries>, kind: 'sqlite' | 'postgres', batch: number): AsyncGenerator<OptOutExportLine[]> {
  // Per-work opt-outs, in storage order (rowid on SQLite, id on PostgreSQL).
  let last: string | number = kind === 'postgres' ? '' : 0;
  for (;;) {
    const rows = await snapshot.query<RawRow & { k: string | number }>(q.pagePerWork, [...q.activeParams, last, batch]);
    if (!rows.length) break;
    yield rows.map(decode);
    last = rows[rows.length - 1].k;
    if (rows.length < batch) break;
  }
  // allWorks opt-outs (few), each expanded to its creator's works with a hash, in the order of the owner index.
  const allWorks = await snapshot.query<RawRow & { ownerId: string }>(q.allWorksOptOuts, q.activeParams);
  for (const o of allWorks) {
    const optOut = decode(o);
    let after: [unknown, string | number] = [q.minDate, kind === 'postgres' ? '' : 0];
    for (;;) {
      const works = await snapshot.query<{ contentHash: string; createdAt: unknown; id: string | number }>(q.pageOwnerWorks, [o.ownerId, after[0], after[0], after[1], batch]);
      if (!works.length) break;
      yield works.map((w) => ({ ...optOut, contentHash: w.contentHash }));
      const tail = works[works.length - 1];
      after = [tail.createdAt, tail.id];
      if (works.length < batch) break;
    }
  }
}

function exportQueries(kind: 'sqlite' | 'postgres', now: Date) {
  const p = (n: number) => ph(kind, n);
  const active = `o."recognised" = ${bool(kind, true)} AND o."withdrawnAt" IS NULL AND o."effectiveFrom" <= ${p(1)}`;
  const perWork = `${active} AND o."allWorks" = ${bool(kind, false)} AND o."contentHash" IS NOT NULL`;
  // allWorks opt-outs are exactly the rows whose workId is NULL: the workId index finds them.
  const allWorks = `o."workId" IS NULL AND ${active} AND o."allWorks" = ${bool(kind, true)}`;
  const key = kind === 'postgres' ? 'o."id"' : 'o.rowid';
  const workKey = kind === 'postgres' ? 'w."id"' : 'w.rowid';
  const ts = (n: number) => (kind === 'postgres' ? `${p(n)}::timestamptz` : p(n));
  const cols = 'o."contentHash" AS "contentHash", o."scope" AS "scope", o."effectiveFrom" AS "effectiveFrom", o."signals" AS "signals"';
  return {
    activeParams: [sqlDate(kind, now)] as unknown[],
    /** Below every stored date, to start the owner's works from the first. */
    minDate: sqlDate(kind, new Date(0)),
    maxSeq: 'SELECT MAX("seq") AS "m" FROM "opt_out_change"',
    countPerWork: `SELECT COUNT(*) AS "n" FROM "opt_out" o WHERE ${perWork}`,
    countAllWorks: `SELECT COUNT(*) AS "n" FROM "opt_out" o JOIN "work" w ON w."ownerId" = o."ownerId" WHERE ${allWorks} AND w."contentHash" IS NOT NULL`,
    pagePerWork: `SELECT ${key} AS "k", ${cols} FROM "opt_out" o WHERE ${perWork} AND ${key} > ${p(2)} ORDER BY ${key} LIMIT ${p(3)}`,
    allWorksOptOuts: `SELECT o."id" AS "id", o."ownerId" AS "ownerId", ${cols} FROM "opt_out" o WHERE ${allWorks} ORDER BY o."id"`,
    // Keyset over the (ownerId, createdAt) index; ties broken by rowid on SQLite (the index's own order), by id on PostgreSQL.
    // createdAt travels as text: PostgreSQL keeps microseconds, which a JavaScript Date would drop.
    pageOwnerWorks: `SELECT w."contentHash" AS "contentHash", ${kind === 'postgres' ? 'w."createdAt"::text' : 'w."createdAt"'} AS "createdAt", ${workKey} AS "id" FROM "work" w
      WHERE w."ownerId" = ${p(1)} AND w."contentHash" IS NOT NULL AND w."createdAt" >= ${ts(2)} AND (w."createdAt" > ${ts(3)} OR ${workKey} > ${p(4)})
      ORDER BY w."createdAt", ${workKey} LIMIT ${p(5)}`,
  };
}

interface Snapshot {
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A read transaction on a connection of its own: every statement sees the same committed state. */
async function openSnapshot(q: Queryable): Promise<Snapshot> {
  if (q.kind === 'postgres') {
    const runner: QueryRunner = q.em.connection.createQueryRunner('slave');
    await runner.connect();
    await runner.startTransaction('REPEATABLE READ');
    return {
      query: async <T>(sql: string, params: unknown[]) => (await runner.query(sql, params)) as T[],
      close: async () => {
        try { await runner.commitTransaction(); } catch { /* released below */ }
        await runner.release();
      },
    };
  }
  const conn = new BetterSqlite3(String(q.em.connection.options.database), { readonly: true, fileMustExist: true, timeout: 10_000 });
  conn.exec('BEGIN');
  // Each statement is prepared once for this export (the keyset pages repeat it).
  const prepared = new Map<string, BetterSqlite3.Statement>();
  let closed = false;
  return {
    query: async <T>(sql: string, params: unknown[]) => {
      let statement = prepared.get(sql);
      if (!statement) prepared.set(sql, (statement = conn.prepare(sql)));
      return statement.all(...params) as T[];
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try { conn.exec('COMMIT'); } finally { conn.close(); }
    },
  };
}
