import BetterSqlite3 from 'better-sqlite3';
import type express from 'express';
import type { QueryRunner } from 'typeorm';
import type { Database } from '../persistence/database';
import { bool, ph, sqlDate, toDate } from '../services/opt-out.service';

export interface OptOutExportDeps { db: Database; now?: () => Date; /** Rows per statement (default 5,000). */ batchSize?: number }

/** Rows read per statement while streaming. */
const BATCH = 5_000;

/**
 * `GET /opt-outs.jsonl`: the recognised opt-outs in force now, one JSON object
 * a line — `{"contentHash","scope","effectiveFrom","signals"}` — for crawlers
 * and dataset builders. Nothing personal: no owner, no title, no opt-out id
 * (ids would link the hashes of one creator's allWorks opt-out). An allWorks
 * opt-out appears once for each of the creator's works that has a hash.
 *
 * The whole response is read in one snapshot (a read transaction on a
 * connection of its own), so the strong ETag describes exactly the bytes
 * sent. The ETag is the feed's last seq and the number of lines: every
 * registration and withdrawal moves the seq, and the other ways the set
 * changes (an opt-out reaching its effective date, a new work of an allWorks
 * creator) only add lines. `If-None-Match` with the current ETag → 304.
 */
export function optOutExportRoutes(app: express.Express, deps: OptOutExportDeps): void {
  const batch = deps.batchSize ?? BATCH;
  app.get('/opt-outs.jsonl', async (req, res) => {
    const now = deps.now?.() ?? new Date();
    let reader: SnapshotReader | null = null;
    try {
      reader = await openSnapshot(deps.db);
      const q = exportQueries(deps.db.kind, now);
      const [{ m }] = await reader.query<{ m: number | string | null }>(q.maxSeq, []);
      const [{ n: perWork }] = await reader.query<{ n: number | string }>(q.countPerWork, q.activeParams);
      const [{ n: expanded }] = await reader.query<{ n: number | string }>(q.countAllWorks, q.activeParams);
      const lines = Number(perWork) + Number(expanded);
      const etag = `"opt-outs-${Number(m ?? 0)}-${lines}"`;
      res.setHeader('ETag', etag);
      res.setHeader('Cache-Control', 'public, no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (matches(req.headers['if-none-match'], etag)) {
        res.status(304).end();
        return;
      }
      res.status(200).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
      if (req.method === 'HEAD') { res.end(); return; }

      let closed = false;
      res.on('close', () => { closed = true; });
      const write = async (chunk: string) => {
        if (!res.write(chunk)) await drained(res);
      };
      // Per-work opt-outs, in storage order (rowid on SQLite, id on PostgreSQL).
      let last: string | number = deps.db.kind === 'postgres' ? '' : 0;
      while (!closed) {
        const rows = await reader.query<Row & { k: string | number }>(q.pagePerWork, [...q.activeParams, last, batch]);
        if (!rows.length) break;
        await write(rows.map(line).join(''));
        last = rows[rows.length - 1].k;
        if (rows.length < batch) break;
      }
      // allWorks opt-outs (few), each expanded to its creator's works with a hash, in the order of the owner index.
      const allWorks = closed ? [] : await reader.query<Row & { ownerId: string }>(q.allWorksOptOuts, q.activeParams);
      for (const o of allWorks) {
        let after: [unknown, string | number] = [q.minDate, deps.db.kind === 'postgres' ? '' : 0];
        while (!closed) {
          const works = await reader.query<{ contentHash: string; createdAt: unknown; id: string | number }>(q.pageOwnerWorks, [o.ownerId, after[0], after[0], after[1], batch]);
          if (!works.length) break;
          await write(works.map((w) => line({ ...o, contentHash: w.contentHash })).join(''));
          const tail = works[works.length - 1];
          after = [tail.createdAt, tail.id];
          if (works.length < batch) break;
        }
      }
      res.end();
    } catch (error) {
      if (!res.headersSent) res.status(500).json({ error: 'The export failed; retry later' });
      else res.destroy(error as Error);
    } finally {
      await reader?.close();
    }
  });
}

interface Row { contentHash: string; scope: string; effectiveFrom: unknown; signals: unknown }

function line(r: Row): string {
  const signals = typeof r.signals === 'string' ? JSON.parse(r.signals) : r.signals;
  return `${JSON.stringify({ contentHash: r.contentHash, scope: r.scope, effectiveFrom: toDate(r.effectiveFrom)!.toISOString(), signals })}\n`;
}

/** RFC 9110: If-None-Match is a list of entity tags compared weakly, or "*". */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
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

/** Resolves when the response can take more, or has closed (listeners removed either way). */
function drained(res: express.Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { res.off('drain', done); res.off('close', done); resolve(); };
    res.on('drain', done);
    res.on('close', done);
  });
}

interface SnapshotReader {
  query<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** A read transaction on a connection of its own: every statement sees the same committed state. */
async function openSnapshot(db: Database): Promise<SnapshotReader> {
  if (db.kind === 'postgres') {
    const runner: QueryRunner = db.read.createQueryRunner('slave');
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
  const conn = new BetterSqlite3(String(db.write.options.database), { readonly: true, fileMustExist: true, timeout: 10_000 });
  conn.exec('BEGIN');
  return {
    query: async <T>(sql: string, params: unknown[]) => conn.prepare(sql).all(...params) as T[],
    close: async () => {
      try { conn.exec('COMMIT'); } finally { conn.close(); }
    },
  };
}
