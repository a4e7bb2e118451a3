import { once } from 'node:events';
import BetterSqlite3 from 'better-sqlite3';
import type express from 'express';
import type { QueryRunner } from 'typeorm';
import type { Database } from '../config/database';
import { bool, ph, sqlDate, toDate } from '../services/opt-out.service';

export interface OptOutExportDeps { db: Database; now?: () => Date }

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
        if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      };
      let lastId = '';
      for (;;) {
        const rows = await reader.query<Row>(q.pagePerWork, [...q.activeParams, lastId, BATCH]);
        if (!rows.length || closed) break;
        await write(rows.map(line).join(''));
        lastId = String(rows[rows.length - 1].id);
        if (rows.length < BATCH) break;
      }
      let lastOpt = '';
      let lastWork = '';
      while (!closed) {
        const rows = await reader.query<Row & { wid: string }>(q.pageAllWorks, [...q.activeParams, lastOpt, lastOpt, lastWork, BATCH]);
        if (!rows.length) break;
        await write(rows.map(line).join(''));
        lastOpt = String(rows[rows.length - 1].id);
        lastWork = String(rows[rows.length - 1].wid);
        if (rows.length < BATCH) break;
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

interface Row { id: string; contentHash: string; scope: string; effectiveFrom: unknown; signals: unknown }

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
  const active = (a: string) => `${a}."recognised" = ${bool(kind, true)} AND ${a}."withdrawnAt" IS NULL AND ${a}."effectiveFrom" <= ${p(1)}`;
  const perWork = `${active('o')} AND o."allWorks" = ${bool(kind, false)} AND o."contentHash" IS NOT NULL`;
  const allWorks = `${active('o')} AND o."allWorks" = ${bool(kind, true)} AND w."contentHash" IS NOT NULL`;
  return {
    activeParams: [sqlDate(kind, now)] as unknown[],
    maxSeq: 'SELECT MAX("seq") AS "m" FROM "opt_out_change"',
    countPerWork: `SELECT COUNT(*) AS "n" FROM "opt_out" o WHERE ${perWork}`,
    countAllWorks: `SELECT COUNT(*) AS "n" FROM "opt_out" o JOIN "work" w ON w."ownerId" = o."ownerId" WHERE ${allWorks}`,
    pagePerWork: `SELECT o."id" AS "id", o."contentHash" AS "contentHash", o."scope" AS "scope", o."effectiveFrom" AS "effectiveFrom", o."signals" AS "signals"
      FROM "opt_out" o WHERE ${perWork} AND o."id" > ${p(2)} ORDER BY o."id" LIMIT ${p(3)}`,
    pageAllWorks: `SELECT o."id" AS "id", w."id" AS "wid", w."contentHash" AS "contentHash", o."scope" AS "scope", o."effectiveFrom" AS "effectiveFrom", o."signals" AS "signals"
      FROM "opt_out" o JOIN "work" w ON w."ownerId" = o."ownerId" WHERE ${allWorks}
      AND (o."id" > ${p(2)} OR (o."id" = ${p(3)} AND w."id" > ${p(4)})) ORDER BY o."id", w."id" LIMIT ${p(5)}`,
  };
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
