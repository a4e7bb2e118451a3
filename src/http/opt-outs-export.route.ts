import type express from 'express';
import { storageUnavailableAnswer } from '../graphql/unavailable';
import type { OptOutExport, OptOutExportLine, OptOutService } from '../services/opt-out.service';

export interface OptOutExportDeps { optOuts: Pick<OptOutService, 'openExport'>; now?: () => Date; /** Rows per statement (default 5,000). */ batchSize?: number }

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
    let snapshot: OptOutExport | null = null;
    try {
      snapshot = await deps.optOuts.openExport(now);
      const etag = `"opt-outs-${snapshot.lastSeq}-${snapshot.lines}"`;
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
      // A batch is read only when the client has taken the previous one, and not once it has gone.
      for await (const lines of snapshot.batches(batch)) {
        await write(lines.map(line).join(''));
        if (closed) break;
      }
      res.end();
    } catch (error) {
      if (!res.headersSent) {
        const retryAfterSeconds = storageUnavailableAnswer(res, error);
        if (retryAfterSeconds === null) res.status(500).json({ error: 'The export failed; retry later' });
        else res.json({ error: 'The registry cannot be read right now (the database is unavailable); retry later', retryAfterSeconds });
      }
      else res.destroy(error as Error);
    } finally {
      await snapshot?.close();
    }
  });
}

function line(r: OptOutExportLine): string {
  return `${JSON.stringify({ contentHash: r.contentHash, scope: r.scope, effectiveFrom: r.effectiveFrom.toISOString(), signals: r.signals })}\n`;
}

/** RFC 9110: If-None-Match is a list of entity tags compared weakly, or "*". */
function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}

/** Resolves when the response can take more, or has closed (listeners removed either way). */
function drained(res: express.Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { res.off('drain', done); res.off('close', done); resolve(); };
    res.on('drain', done);
    res.on('close', done);
  });
}
